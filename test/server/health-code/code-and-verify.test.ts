import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import {
  freshKeyPair,
  getCode,
  provenSession,
  officerSession,
  payloadOf,
  signedWith,
  tampered,
  verifierSession,
  verify,
} from '../../support/health-code'
import { auditRows, liNa, SECRET_VALUES, startIdentityApp, wangXiaoming, zhangWei } from '../../support/identity'

describe.each(dialects())('health code: issue and verify on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { sandbox: true }))
  let citizen: string
  let verifier: string

  beforeAll(async () => {
    citizen = await provenSession(app, 'wx-li-na', liNa)
    verifier = await verifierSession(app)
  })

  test('a level-3 citizen gets a signed code with colour, reason, masked name and times; never stored by caches', async () => {
    const response = await getCode(app, citizen)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const now = app.clock().getTime()
    expect(response.body).toEqual({
      token: expect.stringMatching(/^HC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/),
      colour: 'yellow',
      reason: '近14天有中高风险地区旅居史',
      name: '李*',
      issuedAt: new Date(Math.floor(now / 1000) * 1000).toISOString(),
      expiresAt: new Date(Math.floor(now / 1000) * 1000 + 300_000).toISOString(),
      statusSince: expect.any(String),
      source: 'live',
    })
  })

  test('asked again, the same code comes back as the same JSON text, typed JSON, with the API headers and nothing beyond the schema', async () => {
    const first = await getCode(app, citizen)
    const again = await getCode(app, citizen)
    expect(again.status).toBe(200)
    expect(again.text).toBe(first.text)
    expect(again.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(again.headers.get('cache-control')).toBe('no-store')
    expect(again.headers.get('content-security-policy')).toMatch(/^default-src 'none'; frame-ancestors 'none'/)
    expect(Object.keys(again.body as object).sort()).toEqual(['colour', 'expiresAt', 'issuedAt', 'name', 'reason', 'source', 'statusSince', 'token'])
  })

  test('the token is short (a low-density QR) and carries a pseudonym, never the ID number or name', async () => {
    const { token } = (await getCode(app, citizen)).body as { token: string }
    expect(token.length).toBeLessThan(250)
    const payload = payloadOf(token)
    expect(Object.keys(payload).sort()).toEqual(['c', 'exp', 'iat', 'kid', 'sub', 'sv', 'v'])
    expect(payload).toMatchObject({ v: 1, kid: 'test-1', c: 'y', sv: 1 })
    expect(payload.exp - payload.iat).toBe(300)
    const [account] = await app.db.selectFrom('platform_accounts').select('citizen_id').where('subject', '=', 'wx-li-na').execute()
    const decoded = Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')
    for (const value of [...SECRET_VALUES, liNa.name, account!.citizen_id!]) expect(decoded).not.toContain(value)
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]{22}$/)
    // The longest key id the config allows and a status changed a million times still fit.
    const worst = signedWith(freshKeyPair().privateKey, 'k'.repeat(16), { ...payload, sv: 999_999, exp: payload.iat + 3600 })
    expect(worst.length).toBeLessThan(250)
  })

  test('a level-1 account gets 403 REAL_NAME_REQUIRED with the levels', async () => {
    const token = await app.login('weapp', 'wx-not-verified')
    const response = await getCode(app, token)
    expect(response.status).toBe(403)
    expect(response.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 1 })
    expect((await app.request('/api/health-code')).status).toBe(401)
  })

  test('the verifier sees validity, colour, masked name and times: nothing more', async () => {
    const code = (await getCode(app, citizen)).body
    const response = await verify(app, verifier, code.token)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body).toEqual({ valid: true, colour: 'yellow', name: '李*', issuedAt: code.issuedAt, expiresAt: code.expiresAt })
    for (const value of [...SECRET_VALUES, liNa.name, payloadOf(code.token).sub]) expect(response.text).not.toContain(value)
  })

  test('only verifier accounts may verify: a citizen or an operator gets 403 FORBIDDEN, nobody 401', async () => {
    const code = (await getCode(app, citizen)).body.token as string
    for (const token of [citizen, await officerSession(app)]) {
      const response = await verify(app, token, code)
      expect(response.status).toBe(403)
      expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', message: '仅核验人员可以核验健康码' })
    }
    const anonymous = await app.request('/api/health-code/verify', { method: 'POST', payload: { token: code } })
    expect(anonymous.status).toBe(401)
  })

  test('garbage is malformed', async () => {
    for (const garbage of ['hello', 'HC1.abc.def', `HC1.${Buffer.from('not json').toString('base64url')}.${'A'.repeat(86)}`, 'HC2.e30.' + 'A'.repeat(86)]) {
      expect((await verify(app, verifier, garbage)).body).toEqual({ valid: false, reason: 'malformed' })
    }
    const empty = await verify(app, verifier, '')
    expect(empty.status).toBe(400)
  })

  test('a tampered payload (yellow made green) fails the signature', async () => {
    const code = (await getCode(app, citizen)).body.token as string
    expect((await verify(app, verifier, tampered(code, { c: 'g' }))).body).toEqual({ valid: false, reason: 'bad_signature' })
    expect((await verify(app, verifier, tampered(code, { exp: payloadOf(code).exp + 86_400 }))).body).toEqual({ valid: false, reason: 'bad_signature' })
  })

  test('a code signed with another key under our key id fails the signature; under an unknown id it is unknown_key', async () => {
    const payload = payloadOf((await getCode(app, citizen)).body.token)
    const { privateKey } = freshKeyPair()
    expect((await verify(app, verifier, signedWith(privateKey, 'test-1', payload))).body).toEqual({ valid: false, reason: 'bad_signature' })
    expect((await verify(app, verifier, signedWith(privateKey, 'forged-1', payload))).body).toEqual({ valid: false, reason: 'unknown_key' })
  })

  test('a code past its expiry is expired', async () => {
    const code = (await getCode(app, citizen)).body.token as string
    app.clock.advance(299_000)
    expect((await verify(app, verifier, code)).body.valid).toBe(true)
    app.clock.advance(1_000)
    expect((await verify(app, verifier, code)).body).toEqual({ valid: false, reason: 'expired' })
  })

  test("a code issued before the citizen's status changed is status_changed; a fresh one is valid", async () => {
    const red = await provenSession(app, 'wx-wang', wangXiaoming)
    const before = (await getCode(app, red)).body
    expect(before).toMatchObject({ colour: 'red', reason: '集中隔离中' })
    const officer = await officerSession(app)
    const changed = await app.request('/api/ops/health-statuses', {
      method: 'POST',
      token: officer,
      payload: { idNumber: wangXiaoming.idNumber, colour: 'green', reason: '解除隔离，未见异常', source: '市卫健委' },
    })
    expect(changed.status).toBe(200)
    expect((await verify(app, verifier, before.token)).body).toEqual({ valid: false, reason: 'status_changed' })
    const after = (await getCode(app, red)).body
    expect(after).toMatchObject({ colour: 'green', reason: '解除隔离，未见异常', statusSince: app.clock().toISOString() })
    expect((await verify(app, verifier, after.token)).body).toMatchObject({ valid: true, colour: 'green', name: '王*明' })
  })

  test('every verification is audited: who verified, outcome and reason, the holder only as citizen id', async () => {
    const code = (await getCode(app, citizen)).body.token as string
    const before = (await auditRows(app.db, 'health_code.verify')).length
    await verify(app, verifier, code)
    await verify(app, verifier, tampered(code, { c: 'g' }))
    await verify(app, verifier, 'garbage')
    const rows = (await auditRows(app.db, 'health_code.verify')).slice(before)
    const [verifierAccount] = await app.db.selectFrom('platform_accounts').select('id').where('subject', '=', 'ouyang-mingyue').execute()
    const [holder] = await app.db.selectFrom('platform_accounts').select('citizen_id').where('subject', '=', 'wx-li-na').execute()
    expect(rows.map((row) => [row.outcome, row.account_id, row.citizen_id, row.detail?.reason ?? null])).toEqual([
      ['success', verifierAccount!.id, holder!.citizen_id, null],
      ['failure', verifierAccount!.id, null, 'bad_signature'],
      ['failure', verifierAccount!.id, null, 'malformed'],
    ])
    expect(rows[0]!.detail).toMatchObject({ colour: 'yellow', kid: 'test-1' })
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(payloadOf(code).sub)
  })

  test('GET /api/health-code/keys publishes the public key by id, JWK-style, cacheable', async () => {
    const response = await app.request('/api/health-code/keys')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=300')
    expect(response.body).toEqual({ keys: [{ kid: 'test-1', alg: 'EdDSA', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }] })
  })

  test('a citizen with no status at all gets 404 with what to do', async () => {
    const token = await provenSession(app, 'wx-zhang', zhangWei)
    const [account] = await app.db.selectFrom('platform_accounts').select('citizen_id').where('subject', '=', 'wx-zhang').execute()
    await app.db.deleteFrom('health_status_history').where('citizen_id', '=', account!.citizen_id!).execute()
    await app.db.deleteFrom('health_status').where('citizen_id', '=', account!.citizen_id!).execute()
    const response = await getCode(app, token)
    expect(response.status).toBe(404)
    expect(response.body.error.message).toContain('暂未查询到您的健康状态')
  })
})
