import { demoCitizens } from '../../../server/seed-data/demo-citizens'
import { CODE_ALPHABET } from '../../../server/social-security/proof-codes'
import { dialects, type TestDatabase } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, startIdentityApp, zhangWei } from '../../support/identity'
import { citizenSession, expectedTotals, personIdOf, seededRows } from '../../support/social-security'

const DAY = 86_400_000
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/
const ouyangMingyue = demoCitizens.find((citizen) => citizen.key === 'ouyang-mingyue')!

/** Proofs of contributions: issued for the caller's own record, checked by anyone with the code. */
describe.each(dialects())('proofs of contributions on $name', (dialect) => {
  const { app: identity, testDb } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: { RATE_LIMIT_SOCIAL_PROOF: '1000/1m' } }))
  let zhang: string

  beforeAll(async () => {
    zhang = await citizenSession(identity, 'wx-proof-zhang', zhangWei)
  })

  const issue = (token: string, payload: unknown) => identity.request('/api/social-security/proofs', { method: 'POST', token, payload })
  const verify = (code: string, query = '') => identity.request(`/api/social-security/proofs/${encodeURIComponent(code)}${query}`)

  test('a proof states masked identity and per-type totals of the period; anyone with the code sees it genuine', async () => {
    const response = await issue(zhang, { from: '2023-07', to: '2024-09' })
    expect(response.status).toBe(201)
    const proof = response.body
    expect(proof.code).toMatch(CODE_FORMAT)
    // On PUBLIC_ORIGIN (in tests its default, the server's own http://localhost:PORT), not the request's Host.
    expect(proof.verifyUrl).toBe(`http://localhost:8080/api/social-security/proofs/${proof.code}`)
    expect(Date.parse(proof.expiresAt) - Date.parse(proof.issuedAt)).toBe(90 * DAY)
    const rows = (await seededRows(identity.db, testDb.config, zhangWei.idNumber)).filter((row) => row.month >= '2023-07' && row.month <= '2024-09')
    expect(proof.content).toEqual({
      name: '张*',
      idNumber: `110***********${zhangWei.idNumber.slice(-4)}`,
      insuredCity: '北京市',
      agency: '北京市东城区社会保险事业管理中心',
      from: '2023-07',
      to: '2024-09',
      types: expectedTotals(rows),
    })
    // 15 months, less the two-month gap between employers.
    expect(proof.content.types[0]).toMatchObject({ type: 'pension', monthsPaid: 13, monthsInArrears: 0 })

    const checked = await verify(proof.code)
    expect(checked.status).toBe(200)
    expect(checked.body).toEqual({ genuine: true, code: proof.code, issuedAt: proof.issuedAt, expiresAt: proof.expiresAt, content: proof.content })
    // Typed by hand: lower case, no hyphens, O for 0 and l for 1 still find it.
    const typed = proof.code.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')
    expect((await verify(typed)).body.genuine).toBe(true)
    expect((await verify(proof.code, `?token=${proof.token}`)).status).toBe(200)
    const listed = await identity.request('/api/social-security/proofs', { token: zhang })
    expect(listed.body.items[0]).toMatchObject({ code: proof.code, from: '2023-07', to: '2024-09', expired: false })
  })

  test('an altered code is unknown (404); an altered or foreign token is refused as tampered (422)', async () => {
    const first = (await issue(zhang, { from: '2022-01', to: '2022-12' })).body
    const second = (await issue(zhang, { from: '2023-01', to: '2023-12' })).body
    const last = first.code.at(-1)!
    const altered = first.code.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % CODE_ALPHABET.length]
    const unknown = await verify(altered)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('NOT_FOUND')

    const signature = first.token.slice(-10)
    const flipped = first.token.slice(0, -10) + (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    for (const token of [flipped, second.token, first.token.replace('v1.', 'v2.')]) {
      const response = await verify(first.code, `?token=${encodeURIComponent(token)}`)
      expect(response.status).toBe(422)
      expect(response.body.error).toMatchObject({ code: 'PROOF_INVALID', message: expect.stringContaining('篡改') })
    }
    expect((await verify(first.code, `?token=${first.token}`)).status).toBe(200)
  })

  test('a proof whose stored content or expiry was altered no longer verifies', async () => {
    const proof = (await issue(zhang, { from: '2024-01', to: '2024-12' })).body
    const stored = proof.code.replace(/-/g, '')
    const content = { ...proof.content, types: proof.content.types.map((type: { personalCents: number }) => ({ ...type, personalCents: type.personalCents * 2 })) }
    await identity.db.updateTable('social_proofs').set({ content: JSON.stringify(content) }).where('code', '=', stored).execute()
    expect((await verify(proof.code)).body.error.code).toBe('PROOF_INVALID')

    const other = (await issue(zhang, { from: '2025-01', to: '2025-06' })).body
    const extended = new Date(Date.parse(other.expiresAt) + 365 * DAY).toISOString()
    await identity.db.updateTable('social_proofs').set({ expires_at: extended }).where('code', '=', other.code.replace(/-/g, '')).execute()
    expect((await verify(other.code)).status).toBe(422)
  })

  test('after 90 days a proof is expired (410 PROOF_EXPIRED), not just unknown', async () => {
    const proof = (await issue(zhang, { from: '2025-01', to: '2025-12' })).body
    identity.clock.advance(90 * DAY - 1000)
    expect((await verify(proof.code)).status).toBe(200)
    identity.clock.advance(1000)
    const expired = await verify(proof.code)
    expect(expired.status).toBe(410)
    expect(expired.body.error).toMatchObject({ code: 'PROOF_EXPIRED', message: expect.stringContaining('有效期') })
    // 90 days on, the session has long timed out: log in again (later tests use it too).
    zhang = await citizenSession(identity, 'wx-proof-zhang', zhangWei)
    const listed = await identity.request('/api/social-security/proofs', { token: zhang })
    expect(listed.body.items.find((item: { code: string }) => item.code === proof.code)).toMatchObject({ expired: true })
  })

  test('the period is validated: order, inside the record, at most ten years; the error names the field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ from: '2024-05', to: '2024-04' }, 'body.to', /不能早于/],
      [{ from: '2021-12', to: '2024-04' }, 'body.from', /2022年1月/],
      [{ from: '2024-01', to: '2026-11' }, 'body.to', /2026年10月/],
      [{ from: '2024-13', to: '2024-12' }, 'body.from', /body\.from/],
      [{ from: '2024-01' }, 'body.to', /body\.to/],
      [{ from: '2024-01', to: '2024-12', extra: 1 }, 'body.extra', /body\.extra/],
    ]
    for (const [payload, field, message] of cases) {
      const response = await issue(zhang, payload)
      expect({ payload, status: response.status, field: response.body.error?.field }).toEqual({ payload, status: 400, field })
      expect(response.body.error.message).toMatch(message)
    }

    // A record longer than ten years: ouyang's file gains an early month.
    const ouyang = await citizenSession(identity, 'wx-proof-ouyang', ouyangMingyue)
    const personId = await personIdOf(identity.db, testDb.config, ouyangMingyue.idNumber)
    await identity.db
      .insertInto('social_contributions')
      .values({
        person_id: personId,
        insurance_type: 'pension',
        month: '2012-03',
        base_cents: 300_000,
        personal_cents: 24_000,
        employer_cents: 42_000,
        employer_name: '杭州市西湖区市场监督管理局',
        status: 'paid',
        paid_on: '2012-03-15',
      })
      .execute()
    const tooLong = await issue(ouyang, { from: '2012-03', to: '2026-10' })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.error).toMatchObject({ field: 'body.to', rule: 'at most 120 months', message: expect.stringContaining('10年') })
    expect((await issue(ouyang, { from: '2016-11', to: '2026-10' })).status).toBe(201)
  })

  test('a code that cannot be one is a 400 naming params.code', async () => {
    const response = await verify('not-a-code')
    expect(response.status).toBe(400)
    expect(response.body.error.field).toBe('params.code')
  })

  test('issuing and every verification are audited, with the proof owner and masked values only', async () => {
    const proof = (await issue(zhang, { from: '2022-06', to: '2022-08' })).body
    await verify(proof.code)
    await verify('ZZZZ-ZZZZ-ZZZZ')
    const issued = (await auditRows(identity.db, 'social_security.proof_issue')).at(-1)!
    expect(issued).toMatchObject({ outcome: 'success', detail: { code: proof.code, from: '2022-06', to: '2022-08' } })
    expect(issued.citizen_id).toBeTruthy()
    const verifications = await auditRows(identity.db, 'social_security.proof_verify')
    expect(verifications.at(-2)).toMatchObject({ outcome: 'success', account_id: null, citizen_id: issued.citizen_id, detail: { code: proof.code } })
    expect(verifications.at(-1)).toMatchObject({ outcome: 'failure', citizen_id: null, detail: { code: 'ZZZZ-ZZZZ-ZZZZ', reason: 'NOT_FOUND' } })
    expect(verifications.some((row) => row.detail?.reason === 'TOKEN_MISMATCH')).toBe(true)
    expect(verifications.some((row) => row.detail?.reason === 'RECORD_TAMPERED')).toBe(true)
    expect(verifications.some((row) => row.detail?.reason === 'EXPIRED')).toBe(true)
  })

  test("one citizen's proofs are not listed to another", async () => {
    const li = await citizenSession(identity, 'wx-proof-li', liNa)
    const own = (await issue(li, { from: '2024-01', to: '2024-06' })).body
    const listed = (await identity.request('/api/social-security/proofs', { token: li })).body.items
    expect(listed.map((item: { code: string }) => item.code)).toEqual([own.code])
    expect(own.content.name).toBe('李*')
  })
})

describe('proofs across deployments', () => {
  const [sqlite] = dialects()
  let testDb: TestDatabase

  beforeAll(async () => {
    testDb = await sqlite!.setup()
  })
  afterAll(() => testDb.cleanup())

  test('a proof signed under another key fails as tampered; verification is rate-limited per IP', async () => {
    const first = await startIdentityApp(testDb)
    const token = await citizenSession(first, 'wx-proof-key', zhangWei)
    const proof = (await first.request('/api/social-security/proofs', { method: 'POST', token, payload: { from: '2024-01', to: '2024-03' } })).body
    await first.close()

    const second = await startIdentityApp(testDb, { env: { SOCIAL_PROOF_KEY: 'ab'.repeat(32), RATE_LIMIT_SOCIAL_PROOF: '2/1m' } })
    try {
      const path = `/api/social-security/proofs/${proof.code}`
      expect((await second.request(path)).body.error.code).toBe('PROOF_INVALID')
      expect((await second.request(path)).status).toBe(422)
      const limited = await second.request(path)
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('RATE_LIMITED')
    } finally {
      await second.close()
    }
  })
})
