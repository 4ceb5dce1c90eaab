/**
 * 免提交 first, upload second, on every dialect: how each material of a published 全程网办 item
 * is met is computed per citizen (a certificate only for one who holds it), a missing upload
 * is refused naming the material, the bank card the money goes to is masked everywhere, the
 * reviewer's reading of the attached certificates lands in the holder's ledger, a 补正 naming
 * a material is answered with new files for it alone (the reviewer sees old and new), and the
 * retention purge removes the files of finished applications and abandoned uploads.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { purgeUploads } from '../../../server/uploads/purge'
import { createLocalStorage } from '../../../server/uploads/local-storage'
import { demoCitizen } from '../../support/sessions'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { pdf, png, uploadForm } from '../../support/upload-files'
import { startApplicationsApp, type ApplicationsHarness } from '../applications/harness'
import { runCli } from '../analytics/cli'

const RENT = 'SF-GJJ-0001'
const CONTRACT = '房屋租赁合同或备案证明'
const BANK = '6222021234567890123'

interface MaterialView {
  name: string
  provision: string
  instruction: string
  upload?: boolean
  certificate?: { typeName: string }
}

describe.each(dialects())('materials of 全程网办 items on $name', (dialect) => {
  let dir: string
  const { app, testDb } = useDialectApp(dialect, async (testDb): Promise<ApplicationsHarness> => {
    dir = mkdtempSync(join(tmpdir(), 'gm-materials-'))
    const harness = await startApplicationsApp(testDb, { UPLOADS_DIR: dir })
    const closeApp = harness.close
    return Object.assign(harness, { close: async () => (await closeApp(), rmSync(dir, { recursive: true, force: true })) })
  })

  const upload = async (token: string, material: string, bytes: Buffer, itemCode = RENT): Promise<{ id: string }> => {
    const response = await fetch(`${app.server.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: uploadForm(itemCode, material, bytes, 'scan.pdf', 'application/pdf') })
    expect(response.status).toBe(201)
    return (await response.json()) as { id: string }
  }
  const formOf = async (token: string, code = RENT) => (await app.request(`/api/services/${code}/application-form`, { token })).body as { fields: { key: string; format?: string }[]; materials: MaterialView[] }
  const rentValues = { rentalAddress: '示范市振兴大道100号3栋', monthlyRent: 1800, frequency: '按月提取', bankAccount: BANK, bankName: '中国工商银行示范市分行' }

  let zhang: string
  let sun: string
  beforeAll(async () => {
    zhang = await app.citizen('weapp', 'materials-zhang', demoCitizen('zhang-wei'))
    sun = await app.citizen('alipay', 'materials-sun', demoCitizen('sun-jiankang'))
  })

  it('computes how each material is met per citizen: certificates only for one who holds them', async () => {
    const form = await formOf(zhang)
    const byName = new Map(form.materials.map((material) => [material.name, material]))
    expect(byName.get('居民身份证')).toMatchObject({ provision: 'certificate' })
    expect(byName.get('结婚证')?.instruction).toBe('将使用您的电子结婚证，无需另行提交')
    expect(byName.get(CONTRACT)).toMatchObject({ provision: 'upload', upload: true })
    expect(form.fields.find((field) => field.key === 'bankAccount')).toMatchObject({ format: 'bank_account' })

    const none = await formOf(sun)
    expect(none.materials.filter((material) => material.provision === 'certificate')).toEqual([])
    expect(none.materials.every((material) => !material.instruction.includes('电子结婚证'))).toBe(true)
    // Sun holds no e-certificates: the ID card is met by the population registry, the marriage certificate by a photo.
    expect(none.materials.find((material) => material.name === '居民身份证')).toMatchObject({ provision: 'data', instruction: expect.stringContaining('公安人口库') })
    expect(none.materials.find((material) => material.name === '结婚证')).toMatchObject({ provision: 'upload' })
    expect(none.materials.some((material) => material.provision === 'counter')).toBe(false)
  })

  it('refuses a submit whose required upload is missing, naming the material; with it, nothing goes to the counter and the bank card is masked', async () => {
    const missing = await app.submit(zhang, { itemCode: RENT, values: rentValues })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.materials', message: expect.stringContaining(CONTRACT) } })

    const badCard = await app.submit(zhang, { itemCode: RENT, values: { ...rentValues, bankAccount: '12ab' } })
    expect(badCard.status).toBe(400)
    expect(badCard.body).toMatchObject({ error: { field: 'body.values.bankAccount' } })

    const contract = await upload(zhang, CONTRACT, pdf())
    const submitted = await app.submit(zhang, { itemCode: RENT, values: rentValues, materials: [{ name: CONTRACT, uploadId: contract.id }] })
    expect(submitted.status).toBe(201)
    const detail = submitted.body as { id: string; values: { key: string; value: string }[]; materials: { name: string; provision: string; uploadIds?: string[] }[] }
    expect(detail.materials.map((material) => material.provision)).toEqual(['certificate', 'certificate', 'upload'])
    expect(detail.materials[2]!.uploadIds).toEqual([contract.id])
    expect(detail.values.find((value) => value.key === 'bankAccount')?.value).toBe('**** **** **** 0123')
    expect(submitted.text).not.toContain(BANK)
    // Attached: no longer a draft, and no longer removable.
    expect(((await app.request(`/api/uploads?itemCode=${RENT}`, { token: zhang })).body as { items: unknown[] }).items).toEqual([])
    expect((await app.request(`/api/uploads/${contract.id}`, { method: 'DELETE', token: zhang })).status).toBe(409)
    // The same draft cannot be attached twice.
    const again = await app.submit(zhang, { itemCode: RENT, values: rentValues, materials: [{ name: CONTRACT, uploadId: contract.id }] })
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ error: { field: 'body.materials.0.uploadId' } })

    const reviewer = await app.reviewerToken()
    const seen = await app.request(`/api/operator/applications/${detail.id}`, { token: reviewer })
    expect(seen.status).toBe(200)
    expect(seen.text).not.toContain(BANK)
    // The department read the two attached certificates: the holder's ledger says so.
    const reads = await app.db.selectFrom('certificate_ledger').select(['event', 'actor_kind', 'actor_name', 'purpose_text']).where('event', '=', 'application_read').execute()
    expect(reads.length).toBe(2)
    expect(reads[0]).toMatchObject({ actor_kind: 'organisation', actor_name: '市住房公积金管理中心' })

    const files = (await app.request(`/api/operator/applications/${detail.id}/uploads`, { token: reviewer })).body as { items: { id: string; current: boolean; link?: { url: string } }[] }
    expect(files.items).toHaveLength(1)
    const read = await fetch(`${app.server.baseUrl}${files.items[0]!.link!.url}`)
    expect(read.status).toBe(200)
    expect(Buffer.from(await read.arrayBuffer()).equals(pdf())).toBe(true)
    const audit = await app.db.selectFrom('audit_log').select(['operator_id', 'detail']).where('event', '=', 'upload.read').execute()
    expect(audit.some((row) => row.operator_id !== null && String(row.detail).includes(contract.id))).toBe(true)
  })

  it('补正 naming a material: the citizen replaces that one only, the reviewer sees old and new', async () => {
    const first = await upload(zhang, CONTRACT, pdf())
    const submitted = await app.submit(zhang, { itemCode: RENT, values: rentValues, materials: [{ name: CONTRACT, uploadId: first.id }] })
    const id = (submitted.body as { id: string }).id
    const reviewer = await app.reviewerToken()
    const asked = await app.request(`/api/operator/applications/${id}/transition`, { method: 'POST', token: reviewer, payload: { to: 'supplement_requested', missingItems: [CONTRACT], reason: '合同缺少签字页' } })
    expect(asked.status).toBe(200)

    const noFile = await app.request(`/api/applications/${id}/supplement`, { method: 'POST', token: zhang, payload: { note: '已补充签字页' } })
    expect(noFile.status).toBe(400)
    expect(noFile.body).toMatchObject({ error: { field: 'body.materials', message: expect.stringContaining(CONTRACT) } })
    const other = await upload(zhang, '结婚证', await png())
    const wrong = await app.request(`/api/applications/${id}/supplement`, { method: 'POST', token: zhang, payload: { note: '已补充签字页', materials: [{ name: '结婚证', uploadId: other.id }] } })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({ error: { field: 'body.materials.0.name' } })

    const second = await upload(zhang, CONTRACT, await png())
    const answered = await app.request(`/api/applications/${id}/supplement`, { method: 'POST', token: zhang, payload: { note: '已补充签字页', materials: [{ name: CONTRACT, uploadId: second.id }] } })
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ status: 'submitted' })
    expect((answered.body as { materials: { name: string; uploadIds?: string[] }[] }).materials.find((material) => material.name === CONTRACT)?.uploadIds).toEqual([second.id])

    const files = (await app.request(`/api/operator/applications/${id}/uploads`, { token: reviewer })).body as { items: { id: string; current: boolean; kind: string }[] }
    expect(files.items.map((file) => [file.id, file.current, file.kind])).toEqual([
      [first.id, false, 'pdf'],
      [second.id, true, 'image'],
    ])
  })

  it('another citizen cannot attach or read my upload', async () => {
    const mine = await upload(zhang, CONTRACT, pdf())
    const theirs = await app.submit(sun, { itemCode: RENT, values: { ...rentValues, address: '示范市人民路1号' }, materials: [{ name: CONTRACT, uploadId: mine.id }] })
    expect(theirs.status).toBe(400)
    expect(theirs.body).toMatchObject({ error: { field: 'body.materials.0.uploadId' } })
    expect((await app.request(`/api/uploads/${mine.id}/link`, { token: sun })).status).toBe(404)
  })

  it('purges the files of applications finished longer ago than the retention, and abandoned uploads; keeps the rest', async () => {
    const kept = await upload(zhang, CONTRACT, pdf())
    const done = await upload(zhang, CONTRACT, pdf())
    const submitted = await app.submit(zhang, { itemCode: RENT, values: rentValues, materials: [{ name: CONTRACT, uploadId: done.id }] }, randomUUID())
    const id = (submitted.body as { id: string }).id
    expect((await app.request(`/api/applications/${id}/withdraw`, { method: 'POST', token: zhang })).status).toBe(200)
    const storage = createLocalStorage(dir)
    const keyOf = async (uploadId: string) => (await app.db.selectFrom('application_uploads').select('storage_key').where('id', '=', uploadId).executeTakeFirstOrThrow()).storage_key

    // Within the retention: nothing goes.
    const early = await purgeUploads(app.db, storage, { retentionDays: 30, now: new Date(Date.now() + 29 * 86_400_000) })
    expect(early).toEqual({ finished: 0, abandoned: 0 })
    expect(await storage.get(await keyOf(done.id))).toBeDefined()

    const later = await purgeUploads(app.db, storage, { retentionDays: 30, now: new Date(Date.now() + 31 * 86_400_000) })
    expect(later.finished).toBeGreaterThanOrEqual(1)
    expect(later.abandoned).toBeGreaterThanOrEqual(1)
    expect(await storage.get(await keyOf(done.id))).toBeUndefined()
    expect(await storage.get(await keyOf(kept.id))).toBeUndefined()
    const rows = await app.db.selectFrom('application_uploads').select(['id', 'purged_at']).where('id', 'in', [done.id, kept.id]).execute()
    expect(rows.every((row) => row.purged_at !== null)).toBe(true)
    // The files of applications still open are kept.
    const open = await app.db
      .selectFrom('application_uploads')
      .innerJoin('applications', 'applications.id', 'application_uploads.application_id')
      .select(['application_uploads.purged_at', 'applications.status'])
      .where('applications.status', 'in', ['submitted', 'supplement_requested'])
      .execute()
    expect(open.length).toBeGreaterThan(0)
    expect(open.every((row) => row.purged_at === null)).toBe(true)
    // A purged file has no link any more.
    expect((await app.request(`/api/uploads/${kept.id}/link`, { token: zhang })).status).toBe(404)
    // Running it again changes nothing.
    expect(await purgeUploads(app.db, storage, { retentionDays: 30, now: new Date(Date.now() + 31 * 86_400_000) })).toEqual({ finished: 0, abandoned: 0 })
  })

  it('npm run uploads:purge runs against the configured database and storage and says what it removed', async () => {
    const run = await runCli('server/ops/purge-uploads.ts', [], { ...testDb.env, UPLOADS_DIR: dir, UPLOAD_RETENTION_DAYS: '90', UPLOAD_LINK_KEY: '0'.repeat(63) + '9' })
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(run.stdout).toMatch(/^uploads \((sqlite|postgres) .*, local storage\): \d+ file\(s\) of applications finished more than 90 days ago and \d+ never-submitted upload\(s\) removed\n$/)
  }, 60_000)
})
