import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, MINUTE, startIdentityApp, zhaoLihua } from '../../support/identity'

describe.each(dialects())('reveal and re-verification on $name', (dialect) => {
  const { app: identity } = useDialectApp(dialect, startIdentityApp)

  const reveal = (token: string, field: string) => identity.request('/api/me/reveal', { method: 'POST', token, payload: { field } })
  const reverify = (token: string, idNumber: string) => identity.request('/api/identity/reverify', { method: 'POST', token, payload: { idNumber } })

  /** A proven (level 4) account whose face verification is older than 5 minutes. */
  async function staleAccount(subject: string, citizen = liNa): Promise<string> {
    const token = await identity.proven('weapp', subject, citizen)
    identity.clock.advance(5 * MINUTE)
    return token
  }

  test('a claimed identity (name + ID number only) reveals nothing, even right after real-name', async () => {
    const token = await identity.login('weapp', 'wx-reveal-claimed')
    expect((await identity.realName(token, liNa)).status).toBe(200)
    for (const field of ['idNumber', 'phone', 'name']) {
      expect((await reveal(token, field)).body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 3 })
    }
    // Typing the ID number again proves nothing more than typing it once.
    expect((await reverify(token, liNa.idNumber)).body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4 })
    // The profile shows only what the claimant typed, masked: not even the masked phone.
    const me = await identity.request('/api/me', { token })
    expect(me.body.level).toBe(3)
    expect(me.body.citizen.phone).toBeUndefined()
  })

  test('right after face verification each field is revealed in full, audited, not cached', async () => {
    const token = await identity.proven('weapp', 'wx-reveal', liNa)
    const idNumber = await reveal(token, 'idNumber')
    expect(idNumber.status).toBe(200)
    expect(idNumber.body).toEqual({ field: 'idNumber', value: liNa.idNumber })
    expect(idNumber.headers.get('cache-control')).toBe('no-store')
    expect((await reveal(token, 'phone')).body).toEqual({ field: 'phone', value: liNa.phone })
    expect((await reveal(token, 'name')).body).toEqual({ field: 'name', value: liNa.name })

    const { accountId } = (await identity.request('/api/me', { token })).body
    const rows = (await auditRows(identity.db, 'privacy.reveal')).filter((row) => row.account_id === accountId)
    expect(rows.map((row) => [row.outcome, row.detail?.field])).toEqual([
      ['success', 'idNumber'],
      ['success', 'phone'],
      ['success', 'name'],
    ])
    expect(rows[0]!.citizen_id).toBeTruthy()
    expect(JSON.stringify(rows)).not.toContain(liNa.idNumber)
  })

  test('without a verification in the last 5 minutes: 403 RECENT_VERIFICATION_REQUIRED, audited', async () => {
    const token = await staleAccount('wx-reveal-stale')
    const response = await reveal(token, 'idNumber')
    expect(response.status).toBe(403)
    expect(response.body.error.code).toBe('RECENT_VERIFICATION_REQUIRED')
    const refused = (await auditRows(identity.db, 'privacy.reveal')).at(-1)
    expect(refused).toMatchObject({ outcome: 'failure', detail: { field: 'idNumber', reason: 'RECENT_VERIFICATION_REQUIRED' } })
  })

  test('re-verifying with the right ID number opens reveal for 5 minutes', async () => {
    const token = await staleAccount('wx-reverify')
    const response = await reverify(token, liNa.idNumber.toLowerCase())
    expect(response.status).toBe(200)
    expect(Date.parse(response.body.verifiedUntil) - identity.clock().getTime()).toBe(5 * MINUTE)
    expect((await reveal(token, 'phone')).body.value).toBe(liNa.phone)

    identity.clock.advance(5 * MINUTE)
    expect((await reveal(token, 'phone')).status).toBe(403)
  })

  test("re-verifying with someone else's valid ID number is 422 and opens nothing", async () => {
    const token = await staleAccount('wx-reverify-wrong')
    const response = await reverify(token, zhaoLihua.idNumber)
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('IDENTITY_MISMATCH')
    expect((await reveal(token, 'idNumber')).status).toBe(403)
    const audit = (await auditRows(identity.db, 'identity.reverify')).at(-1)
    expect(audit).toMatchObject({ outcome: 'failure', detail: { idNumber: `510***********${zhaoLihua.idNumber.slice(-4)}` } })
  })

  test('a verification in one session does not open reveal in another', async () => {
    const first = await staleAccount('wx-two-sessions')
    const second = await identity.login('weapp', 'wx-two-sessions')
    expect((await reverify(first, liNa.idNumber)).status).toBe(200)
    expect((await reveal(first, 'idNumber')).status).toBe(200)
    expect((await reveal(second, 'idNumber')).status).toBe(403)
  })

  test('a citizen without a phone gets 404 for the phone', async () => {
    const token = await identity.proven('weapp', 'wx-no-phone', zhaoLihua)
    const response = await reveal(token, 'phone')
    expect(response.status).toBe(404)
  })

  test('reveal and re-verification need a proven identity (level 4)', async () => {
    const token = await identity.login('weapp', 'wx-level-1')
    expect((await reveal(token, 'idNumber')).body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 1 })
    expect((await reverify(token, liNa.idNumber)).body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4 })
  })

  test.each([
    [{ field: 'address' }, 'body.field'],
    [{}, 'body.field'],
  ])('reveal body %j is 400 naming %s', async (payload, field) => {
    const token = await identity.proven('weapp', 'wx-reveal-bad', liNa)
    const response = await identity.request('/api/me/reveal', { method: 'POST', token, payload })
    expect(response.status).toBe(400)
    expect(response.body.error.field).toBe(field)
  })
})
