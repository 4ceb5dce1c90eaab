import { dialects } from '../../support/dialects'
import { useDialectApps } from '../../support/dialect-app'
import { getCode, provenSession, payloadOf, verifierSession, verify } from '../../support/health-code'
import { liNa, startIdentityApp } from '../../support/identity'

// The key testConfig signs with (kid test-1), and its public half.
const OLD_PUBLIC_X = 'PfJuD5Yvy9a1LR9w4gSlkkyl7WFNTa1ABnATZj8CxYs'
const NEW_KEY = 'MC4CAQAwBQYDK2VwBCIEIMy0Vftd/VlOQ3otI5EefJ1AE0Y/idb8XotOtu6xpvlB'
const NEW_PUBLIC_X = 'ahRR5Fzex6sw5i7s32HtngT_0FHRrkFjUwuxcHjq8aY'

/** Two deployments on one database: before the rotation (test-1) and after it (test-2, test-1 retired). */
describe.each(dialects())('health-code key rotation on $name', (dialect) => {
  const { apps: { before, after } } = useDialectApps(dialect, {
    before: (testDb) => startIdentityApp(testDb, { sandbox: true }),
    after: (testDb) =>
      startIdentityApp(testDb, {
        sandbox: true,
        env: { HEALTH_CODE_SIGNING_KEY: NEW_KEY, HEALTH_CODE_KEY_ID: 'test-2', HEALTH_CODE_PREVIOUS_PUBLIC_KEYS: `test-1:${OLD_PUBLIC_X}` },
      }),
  })

  test('/keys lists the new key first and the retired one after it', async () => {
    expect((await before.request('/api/health-code/keys')).body.keys).toEqual([{ kid: 'test-1', alg: 'EdDSA', crv: 'Ed25519', x: OLD_PUBLIC_X }])
    expect((await after.request('/api/health-code/keys')).body.keys).toEqual([
      { kid: 'test-2', alg: 'EdDSA', crv: 'Ed25519', x: NEW_PUBLIC_X },
      { kid: 'test-1', alg: 'EdDSA', crv: 'Ed25519', x: OLD_PUBLIC_X },
    ])
  })

  test('a code signed before the rotation still verifies after it; new codes use the new key', async () => {
    const oldCode = (await getCode(before, await provenSession(before, 'wx-li-na', liNa))).body.token as string
    expect(payloadOf(oldCode).kid).toBe('test-1')
    const verifierAfter = await verifierSession(after)
    expect((await verify(after, verifierAfter, oldCode)).body).toMatchObject({ valid: true, colour: 'yellow' })

    const newCode = (await getCode(after, await provenSession(after, 'alipay-li-na', liNa))).body.token as string
    expect(payloadOf(newCode).kid).toBe('test-2')
    expect((await verify(after, verifierAfter, newCode)).body).toMatchObject({ valid: true })
    // A node still on the old configuration does not know the new key yet.
    expect((await verify(before, await verifierSession(before), newCode)).body).toEqual({ valid: false, reason: 'unknown_key' })
  })
})
