import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServiceItemImport } from '../../../src/contract/services/schemas'
import { checkImport, describeError } from '../../../server/catalogue/import-rules'
import { demoServices } from '../../../server/seed-data/demo-services'
import { sampleForm, sampleItem, startCatalogueApp } from '../../support/catalogue'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { operatorTokenFor } from '../../support/operators'
import { sessionFor } from '../../support/sessions'

type Mutation = (item: Record<string, any>) => void

/** Each rule: a valid item, one change, and the one `field rule` the import must report. */
const RULES: [string, Mutation, string][] = [
  ['a required section is missing', (item) => delete item.legalBasis, 'legalBasis required'],
  ['a text is only spaces', (item) => (item.fees = '   '), 'fees not blank'],
  ['the conditions are empty', (item) => (item.conditions = []), 'conditions minItems 1'],
  ['the materials are empty', (item) => (item.materials = []), 'materials minItems 1'],
  ['the FAQ is empty', (item) => (item.faq = []), 'faq minItems 1'],
  ['a FAQ answer is blank', (item) => (item.faq = [{ question: '问', answer: ' ' }]), 'faq[0].answer not blank'],
  ['the time limit is above 365', (item) => (item.timeLimitDays = 366), 'timeLimitDays maximum 365'],
  ['the time limit is negative', (item) => (item.timeLimitDays = -1), 'timeLimitDays minimum 0'],
  ['the time limit is not whole', (item) => (item.timeLimitDays = 1.5), 'timeLimitDays type integer'],
  ['the online level is unknown', (item) => (item.onlineLevel = 'online'), 'onlineLevel one of info|appointment|pre_review|full_online'],
  ['the status is unknown', (item) => (item.status = 'hidden'), 'status one of draft|published|retired'],
  ['the category is unknown', (item) => (item.category = '其他'), 'category one of'],
  ['a life event is unknown', (item) => (item.lifeEvents = ['birth', 'graduation']), 'lifeEvents[1] one of'],
  ['an audience is unknown', (item) => (item.audiences = ['company']), 'audiences[0] one of personal|legal_person'],
  ['a certificate type is unknown', (item) => (item.materials[0].certificateType = 'passport'), 'materials[0].certificateType one of resident_id_card|'],
  ['a material has no copies', (item) => delete item.materials[0].copies, 'materials[0].copies required'],
  ['an alias repeats', (item) => (item.aliases = ['别名', '别名']), 'aliases[1] unique'],
  ['an alias is the name', (item) => (item.aliases = [item.name]), 'aliases not the name'],
  ['the code has spaces', (item) => (item.code = 'T 1'), 'code pattern ^[A-Za-z0-9_-]+$'],
  ['an unknown property is sent', (item) => (item.popularity = 100), 'popularity unknown property'],
  ['a full_online item has no form', (item) => (item.onlineLevel = 'full_online'), 'formSchema required for full_online'],
  ['a form is given to an item that is neither full_online nor pre_review', (item) => (item.formSchema = sampleForm), 'formSchema only for full_online or pre_review'],
  ['a form has no fields', (item) => Object.assign(item, { onlineLevel: 'full_online', formSchema: { fields: [] } }), 'formSchema.fields minItems 1'],
  [
    'two form fields share a key',
    (item) => Object.assign(item, { onlineLevel: 'full_online', formSchema: { fields: [sampleForm.fields[0], { ...sampleForm.fields[1], key: 'applicantName' }] } }),
    'formSchema.fields[1].key unique',
  ],
  [
    'a select field has no options',
    (item) => Object.assign(item, { onlineLevel: 'full_online', formSchema: { fields: [{ key: 'purpose', label: '用途', type: 'select', required: true }] } }),
    'formSchema.fields[0].options required for select',
  ],
  [
    'a prefill source is unknown',
    (item) =>
      Object.assign(item, {
        onlineLevel: 'full_online',
        formSchema: { fields: [{ key: 'income', label: '收入', type: 'number', required: true, prefill: { source: 'tax.income', locked: true } }] },
      }),
    'formSchema.fields[0].prefill.source one of population.name|',
  ],
  [
    'a field type is unknown',
    (item) => Object.assign(item, { onlineLevel: 'full_online', formSchema: { fields: [{ key: 'photo', label: '照片', type: 'file', required: true }] } }),
    'formSchema.fields[0].type one of text|',
  ],
]

describe('catalogue import rules', () => {
  test.each(RULES)('%s is reported by code, field and rule', (_case, mutate, expected) => {
    const item = JSON.parse(JSON.stringify(sampleItem({ code: 'T-RULE' }))) as Record<string, any>
    mutate(item)
    const outcome = checkImport([item])
    expect(outcome.ok).toBe(false)
    const lines = outcome.ok ? [] : outcome.errors.map(describeError)
    expect(lines).toEqual([expect.stringContaining(`${item.code as string}: ${expected}`)])
  })

  test('the untouched sample and every demo item pass', () => {
    expect(checkImport([sampleItem({ code: 'T-OK' }), sampleItem({ code: 'T-FORM', onlineLevel: 'full_online', formSchema: sampleForm })])).toMatchObject({ ok: true })
    const demo = checkImport(demoServices)
    expect(demo.ok ? [] : demo.errors.map(describeError)).toEqual([])
  })

  test('every bad field of every item is listed, codes repeated across the batch included', () => {
    const first = { ...sampleItem({ code: 'T-A' }), timeLimitDays: 400, onlineLevel: 'somewhere' }
    const second = sampleItem({ code: 'T-B' })
    const repeated = sampleItem({ code: 'T-A' })
    const outcome = checkImport([first, second, repeated, 'not an item'])
    expect(outcome.ok ? [] : outcome.errors.map((error) => `${error.index} ${describeError(error)}`)).toEqual([
      '0 T-A: timeLimitDays maximum 365',
      '0 T-A: onlineLevel one of info|appointment|pre_review|full_online',
      '2 T-A: code unique',
      '3 #4: (item) type object',
    ])
  })
})

const ROOT = join(__dirname, '..', '..', '..')

/** Runs the import command as `npm run catalogue:import` does (node --import tsx), against the suite's database. */
function runImport(env: Record<string, string>, file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/ops/catalogue-import.ts', file], {
    cwd: ROOT,
    // Only what the command needs; fixed keys so it never writes .data/*.key files.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      IDENTITY_ENCRYPTION_KEY: '0'.repeat(63) + '1',
      IDENTITY_HASH_KEY: '0'.repeat(63) + '2',
      HEALTH_CODE_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEID5oOG3PvfNPFWQ5UFVUg9ysmVkQYeEjo8kccXyiL0eY',
      HEALTH_CODE_KEY_ID: 'test-1',
      SOCIAL_PROOF_KEY: '0'.repeat(62) + '53',
      UPLOAD_LINK_KEY: '0'.repeat(62) + '54',
      CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

describe.each(dialects())('catalogue import on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, (testDb) => startCatalogueApp(testDb, { seed: false }))
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gov-mini-catalogue-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const codes = async (prefix: string) =>
    (await app.db.selectFrom('service_items').select('code').where('code', 'like', `${prefix}%`).orderBy('code').execute()).map((row) => row.code)
  const auditRows = (event: string) =>
    app.db.selectFrom('audit_log').select(['outcome', 'operator_id', 'detail']).where('event', '=', event).orderBy('id').execute()

  test('operator routes need a content editor: 401 without an operator session, 403 for other roles', async () => {
    const citizen = await sessionFor(app.app, 'zhang-wei', 1)
    const reviewer = await operatorTokenFor(app.app, ['reviewer'])
    for (const path of ['/api/operator/services/import', '/api/operator/services/T-X/publish', '/api/operator/services/T-X/retire']) {
      const payload = path.endsWith('import') ? [sampleItem({ code: 'T-X' })] : undefined
      expect((await app.request(path, { method: 'POST', payload })).status).toBe(401)
      expect((await app.request(path, { method: 'POST', payload, token: citizen })).status).toBe(401)
      const forbidden = await app.request(path, { method: 'POST', payload, token: reviewer })
      expect(forbidden.status).toBe(403)
      expect(forbidden.body.error.message).toContain('content_editor')
    }
    expect(await codes('T-X')).toEqual([])
  })

  test('a batch with bad items is refused with 422 listing every bad field by code; nothing, not even the good items, is written', async () => {
    const items: unknown[] = [
      sampleItem({ code: 'T-GOOD-1' }),
      { ...sampleItem({ code: 'T-BAD-1' }), timeLimitDays: 999 },
      sampleItem({ code: 'T-GOOD-2' }),
      { ...sampleItem({ code: 'T-BAD-2', onlineLevel: 'full_online' }), materials: [{ name: '护照', copies: 1, form: '原件', certificateType: 'passport' }] },
    ]
    const response = await app.importItems(items)
    expect(response.status).toBe(422)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body', message: expect.stringContaining('2 个事项') })
    expect(response.body.errors.map((error: { item: string; field: string; rule: string }) => `${error.item}: ${error.field} ${error.rule}`)).toEqual([
      'T-BAD-1: timeLimitDays maximum 365',
      expect.stringMatching(/^T-BAD-2: materials\[0\]\.certificateType one of resident_id_card\|/),
      'T-BAD-2: formSchema required for full_online',
    ])
    expect(response.body).toMatchObject({ inserted: 0, updated: 0 })
    expect(await codes('T-GOOD')).toEqual([])
    expect(await codes('T-BAD')).toEqual([])
    const [audit] = await auditRows('catalogue.import')
    expect(audit).toMatchObject({ outcome: 'failure', operator_id: expect.any(String) })
    expect(JSON.parse(audit!.detail!)).toMatchObject({ via: 'api', items: 4, rejectedItems: 2, errors: 3 })
  })

  test('a body that is not an array of objects is a 400 naming the field', async () => {
    const response = await app.request('/api/operator/services/import', { method: 'POST', payload: { items: [] }, token: await app.editorToken() })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body', rule: 'type array' })
    const empty = await app.request('/api/operator/services/import', { method: 'POST', payload: [], token: await app.editorToken() })
    expect(empty.body.error).toMatchObject({ field: 'body', rule: 'minItems 1' })
  })

  test('a clean batch inserts new codes and updates existing ones, keeping popularity; audited', async () => {
    const first = await app.importItems([sampleItem({ code: 'T-IMP-1' }), sampleItem({ code: 'T-IMP-2', status: 'draft' })])
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ inserted: 2, updated: 0, codes: ['T-IMP-1', 'T-IMP-2'] })
    await app.db.updateTable('service_items').set({ popularity: 7 }).where('code', '=', 'T-IMP-1').execute()

    const second = await app.importItems([sampleItem({ code: 'T-IMP-1', name: '改过名字的事项', timeLimitDays: 3 }), sampleItem({ code: 'T-IMP-3' })])
    expect(second.body).toEqual({ inserted: 1, updated: 1, codes: ['T-IMP-1', 'T-IMP-3'] })
    const row = await app.db.selectFrom('service_items').selectAll().where('code', '=', 'T-IMP-1').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: '改过名字的事项', time_limit_days: 3, popularity: 7, status: 'published', published_at: expect.any(String) })
    expect(await codes('T-IMP')).toEqual(['T-IMP-1', 'T-IMP-2', 'T-IMP-3'])

    const guide = await app.request('/api/services/T-IMP-1')
    expect(guide.body).toMatchObject({ name: '改过名字的事项', timeLimitText: '3个工作日' })
    const audits = (await auditRows('catalogue.import')).filter((audit) => audit.outcome === 'success')
    expect(audits.map((audit) => JSON.parse(audit.detail!))).toEqual([
      { via: 'api', items: 2, inserted: 2, updated: 0 },
      { via: 'api', items: 2, inserted: 1, updated: 1 },
    ])
  })

  test('publish and retire change what citizens see; audited once per change; unknown codes are 404', async () => {
    await app.importItems([sampleItem({ code: 'T-PUB', status: 'draft' })])
    const token = await app.editorToken()
    expect((await app.request('/api/services/T-PUB')).status).toBe(404)

    const published = await app.request('/api/operator/services/T-PUB/publish', { method: 'POST', token })
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ code: 'T-PUB', status: 'published', statusName: '已发布', changed: true, publishedAt: expect.any(String) })
    expect((await app.request('/api/services/T-PUB')).status).toBe(200)
    const again = await app.request('/api/operator/services/T-PUB/publish', { method: 'POST', token })
    expect(again.body).toMatchObject({ changed: false })

    const retired = await app.request('/api/operator/services/T-PUB/retire', { method: 'POST', token })
    expect(retired.body).toMatchObject({ status: 'retired', statusName: '已下线', changed: true })
    expect((await app.request('/api/services/T-PUB')).status).toBe(404)
    expect((await app.request('/api/operator/services/T-NONE/retire', { method: 'POST', token })).status).toBe(404)

    expect((await auditRows('catalogue.publish')).map((audit) => JSON.parse(audit.detail!))).toEqual([{ code: 'T-PUB', via: 'api' }])
    expect((await auditRows('catalogue.retire')).map((audit) => JSON.parse(audit.detail!))).toEqual([{ code: 'T-PUB', via: 'api' }])
  })

  test('npm run catalogue:import: bad fields printed as `<code>: <field> <rule>`, exit 1, nothing written', async () => {
    const file = join(dir, `bad-${dialect.name}.json`)
    const bad: unknown[] = [
      sampleItem({ code: 'T-CLI-OK' }),
      { ...sampleItem({ code: 'T-CLI-BAD' }), onlineLevel: 'full_online', timeLimitDays: -3 },
    ]
    writeFileSync(file, JSON.stringify(bad))
    const run = await runImport(testDb.env, file)
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      'T-CLI-BAD: timeLimitDays minimum 0',
      'T-CLI-BAD: formSchema required for full_online',
      '2 bad field(s) in 1 of 2 item(s): nothing imported',
    ])
    expect(await codes('T-CLI')).toEqual([])
  }, 60_000)

  test('npm run catalogue:import: a clean file is imported and the counts printed; a second run updates', async () => {
    const file = join(dir, `good-${dialect.name}.json`)
    const good: ServiceItemImport[] = [sampleItem({ code: 'T-CLI-1' }), sampleItem({ code: 'T-CLI-2', onlineLevel: 'full_online', formSchema: sampleForm })]
    writeFileSync(file, JSON.stringify(good))
    const run = await runImport(testDb.env, file)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/: 2 inserted, 0 updated\n$/)
    expect(await codes('T-CLI')).toEqual(['T-CLI-1', 'T-CLI-2'])

    const again = await runImport(testDb.env, file)
    expect(again.stdout).toMatch(/: 0 inserted, 2 updated\n$/)
    const audits = (await auditRows('catalogue.import')).filter((audit) => JSON.parse(audit.detail!).via === 'cli')
    expect(audits.map((audit) => [audit.outcome, audit.operator_id])).toEqual([
      ['failure', null],
      ['success', null],
      ['success', null],
    ])
  }, 60_000)

  test('npm run catalogue:import: a missing file or one that is not an array says so and exits 1', async () => {
    const missing = await runImport(testDb.env, join(dir, 'nope.json'))
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read') })
    const file = join(dir, 'object.json')
    writeFileSync(file, JSON.stringify({ items: [] }))
    const notArray = await runImport(testDb.env, file)
    expect(notArray).toMatchObject({ code: 1, stderr: expect.stringContaining('must hold a JSON array') })
  }, 60_000)
})
