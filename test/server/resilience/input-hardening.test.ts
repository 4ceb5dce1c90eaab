import { randomUUID } from 'node:crypto'
import { canonicalJson, requestHash } from '../../../server/applications/submit'
import { demoServices } from '../../../server/seed-data/demo-services'
import { controlCharacterIn } from '../../../src/contract/free-text'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import type { TestResponse, TestServer } from '../../support/http'
import { operatorTokenFor } from '../../support/operators'
import { raisedRateLimits } from '../../support/rate-limits'
import { startApp } from '../../support/server-app'
import { APPLY_ITEM, insertTestItems, VALID_VALUES } from '../../support/service-items'
import { demoCitizen, sessionFor } from '../../support/sessions'
import type { FastifyInstance } from 'fastify'

/**
 * Input the schemas must stop before any code walks it:
 *   - values nested thousands of levels deep (an 8 KB body used to overflow the stack of the
 *     request hash, a 500): form values are scalars or flat lists of scalars, refused as a 400
 *     naming the value; the hash itself no longer recurses;
 *   - control characters (bidirectional overrides and isolates, ESC, C1 controls) in every free
 *     text people write: 400 naming the field, rule `no control characters`
 *     (src/contract/free-text.ts), line breaks and tabs still allowed where text has lines.
 * The bad-input corpus (bad-input.test.ts) sends both to every route as well.
 */

/** U+202E RIGHT-TO-LEFT OVERRIDE, ESC (an ANSI escape), U+0085 NEXT LINE (C1), U+2066 LEFT-TO-RIGHT ISOLATE. */
const CONTROLS = { 'U+202E': '\u202e', ESC: '\u001b[31m', 'U+0085': '\u0085', 'U+2066': '\u2066' } as const
const NESTING = 4000

describe.each(dialects())('input hardening on $name', (dialect) => {
  let testDb: TestDatabase
  let server: TestServer & { app: FastifyInstance }
  let citizen: string
  let operator: string

  beforeAll(async () => {
    testDb = await dialect.setup()
    server = await startApp({ config: testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() }), db: testDb.open(), seed: true })
    await insertTestItems(server.app.db)
    citizen = await sessionFor(server.app, 'zhang-wei', 4)
    operator = await operatorTokenFor(server.app, ['admin'])
  })
  afterAll(async () => {
    await server?.close()
    await testDb?.cleanup()
  })

  const send = (method: string, path: string, token: string, payload: unknown, headers: Record<string, string> = {}): Promise<TestResponse> =>
    server.request(path, {
      method,
      payload,
      headers: { authorization: `Bearer ${token}`, ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
    })
  const submit = (values: unknown) => send('POST', '/api/applications', citizen, typeof values === 'string' ? values : { itemCode: APPLY_ITEM.code, values }, { 'idempotency-key': randomUUID() })
  const applicationCount = async () => Number((await server.app.db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  describe('deep nesting', () => {
    test(`a form value nested ${NESTING} levels deep (an 8 KB body) is 400 naming it, not a 500`, async () => {
      const before = await applicationCount()
      const arrays = `{"itemCode":"${APPLY_ITEM.code}","values":{"copies":2,"category":"户籍证明","reason":${'['.repeat(NESTING)}"x"${']'.repeat(NESTING)}}}`
      expect(arrays.length).toBeGreaterThan(8000)
      expect(arrays.length).toBeLessThan(8200)
      let objects: unknown = 'x'
      for (let level = 0; level < NESTING; level++) objects = { a: objects }
      for (const response of [await submit(arrays), await submit({ ...VALID_VALUES, reason: objects })]) {
        // The value, or the first item of it that is not a scalar.
        expect([response.status, response.body.error.code, response.body.error.field]).toEqual([400, 'VALIDATION_FAILED', expect.stringMatching(/^body\.values\.reason(\.0)?$/)])
      }
      expect(await applicationCount()).toBe(before)
    })

    test('a flat list of scalars has the shape of a form value; the form then refuses it for a text field by type', async () => {
      const response = await submit({ ...VALID_VALUES, reason: ['办理', '子女入学'] })
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.values.reason', rule: 'type string' })
      // And a list inside the list is not a flat list.
      const nested = await submit({ ...VALID_VALUES, reason: [['办理', '入学']] })
      expect([nested.status, nested.body.error.field]).toEqual([400, 'body.values.reason.0'])
    })

    test('the request hash walks any depth without recursion, and still ignores key order', () => {
      let deep: unknown = 1
      for (let level = 0; level < 200_000; level++) deep = level % 2 ? [deep] : { b: 1, a: deep }
      expect(() => canonicalJson(deep)).not.toThrow()
      expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: '张' })).toBe('{"a":"张","b":[1,{"c":null,"d":"x"}]}')
      expect(requestHash({ itemCode: 'X', values: { b: 1, a: '2' } })).toBe(requestHash({ values: { a: '2', b: 1 }, itemCode: 'X' }))
    })
  })

  describe('control characters in free text', () => {
    test.each(Object.entries(CONTROLS))('%s: refused in every free-text field, naming the field', async (_name, control) => {
      expect(controlCharacterIn(control)).toBe(true)
      const text = (before: string) => `${before}${control}内容`
      const uuid = randomUUID()
      const notice = { title: '停水通知', summary: '摘要', body: '正文', department: '市水务局' }
      const status = { idNumber: demoCitizen('zhang-wei').idNumber, colour: 'yellow', reason: '密接人员', source: '市卫健委' }
      const grant = { organisation: { name: '某某银行' }, purpose: '办理贷款审批', fields: ['companyName'], validUntil: new Date(Date.now() + 86_400_000).toISOString() }
      const cases: [string, string, string, unknown, string][] = [
        ['POST', '/api/operator/notices', operator, { ...notice, title: text('停水') }, 'body.title'],
        ['POST', '/api/operator/notices', operator, { ...notice, summary: text('摘要') }, 'body.summary'],
        ['POST', '/api/operator/notices', operator, { ...notice, body: text('第一段\n第二段') }, 'body.body'],
        ['POST', '/api/operator/notices', operator, { ...notice, department: text('市') }, 'body.department'],
        ['POST', '/api/ops/health-statuses', operator, { ...status, reason: text('密接') }, 'body.reason'],
        ['POST', '/api/ops/health-statuses', operator, { ...status, source: text('市卫健委') }, 'body.source'],
        ['POST', '/api/ops/health-statuses/batch', operator, { source: '市卫健委', rows: [{ ...status, source: undefined, reason: text('密接') }] }, 'body.rows.0.reason'],
        ['POST', `/api/certificates/${uuid}/authorisations`, citizen, { ...grant, organisation: { name: text('某某银行') } }, 'body.organisation.name'],
        ['POST', `/api/certificates/${uuid}/authorisations`, citizen, { ...grant, purpose: text('办理贷款') }, 'body.purpose'],
        ['POST', '/api/operator/applications/AAAAAAAAAAAAAAAAAAAAAA/transition', operator, { to: 'rejected', reason: text('材料不全') }, 'body.reason'],
        ['POST', '/api/operator/operators', operator, { username: `op-${randomUUID().slice(0, 8)}`, displayName: text('王'), password: 'ceshi-mima-2026-abc', roles: ['reviewer'] }, 'body.displayName'],
        ['POST', '/api/feedback', citizen, { kind: 'suggestion', category: 'other', text: text('希望增加夜间办理') }, 'body.text'],
      ]
      for (const [method, path, token, payload, field] of cases) {
        const response = await send(method, path, token, JSON.parse(JSON.stringify(payload)))
        expect([path, response.status, response.body?.error?.code, response.body?.error?.field, response.body?.error?.rule]).toEqual([path, 400, 'VALIDATION_FAILED', field, 'no control characters'])
        expect(response.body.error.message).toContain('控制字符')
      }

      // Application form values: a text field and a textarea, named by key with the field's label.
      for (const key of ['employer', 'reason']) {
        const response = await submit({ ...VALID_VALUES, [key]: text('北京') })
        expect([response.status, response.body.error.field, response.body.error.rule]).toEqual([400, `body.values.${key}`, 'no control characters'])
        expect(response.body.error.message).toMatch(/^(工作单位|申请事由)：.*控制字符/)
      }

      // A CSV batch: the row and column, like every other bad row, and nothing applied.
      const csv = await send('POST', '/api/ops/health-statuses/batch', operator, { source: '市卫健委', csv: `身份证号码,颜色,原因\n${status.idNumber},yellow,${text('密接')}\n` })
      expect(csv.status).toBe(422)
      expect(csv.body.errors).toEqual([{ row: 2, field: 'reason', message: expect.stringContaining('控制字符') }])

      // The catalogue import: every bad field of every item, by item code.
      const item = { ...demoServices[0]!, name: text('户籍证明') }
      const imported = await send('POST', '/api/operator/services/import', operator, [item])
      expect(imported.status).toBe(422)
      expect(imported.body.errors).toEqual([expect.objectContaining({ item: item.code, field: 'name', rule: 'no control characters' })])
    })

    test('line breaks and tabs stay allowed where text has lines; zero-width joiners (emoji) everywhere', async () => {
      const notice = await send('POST', '/api/operator/notices', operator, { title: '停水👨‍👩‍👧通知', summary: '摘要', body: '第一段\r\n\t第二段', department: '市水务局' })
      expect(notice.status).toBe(201)
      const application = await submit({ ...VALID_VALUES, reason: '办理子女入学\n\t（二年级）' })
      expect(application.status).toBe(201)
      // A single-line field takes no line break.
      const title = await send('POST', '/api/operator/notices', operator, { title: '停水\n通知', summary: '摘要', body: '正文', department: '市水务局' })
      expect([title.status, title.body.error.field, title.body.error.rule]).toEqual([400, 'body.title', 'no control characters'])
    })
  })
})
