import type { KeyObject } from 'node:crypto'
import { createAlipayLoginProvider } from '../../../server/identity/providers/alipay-login'
import { generateRsaKeyPair, start, type RunningAlipayServer } from '../../support/protocol-servers/alipay-server'
import { captureLogger, type CapturedLogger } from '../../support/protocol-servers/capture-logger'

const APP_ID = '2021000000000001'
let app: { privateKey: KeyObject; publicKey: KeyObject }
let gatewayKeys: { privateKey: KeyObject; publicKey: KeyObject }
let server: RunningAlipayServer
let logs: CapturedLogger

beforeAll(() => {
  app = generateRsaKeyPair()
  gatewayKeys = generateRsaKeyPair()
})

beforeEach(async () => {
  server = await start({ appId: APP_ID, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey })
  logs = captureLogger()
})

afterEach(async () => {
  // Access and refresh tokens are bearer credentials: never logged.
  expect(logs.text()).not.toMatch(/authbseB/)
  await server.close()
})

function provider(overrides: { privateKey?: KeyObject; timeoutMs?: number } = {}) {
  return createAlipayLoginProvider({
    gateway: {
      appId: APP_ID,
      privateKey: overrides.privateKey ?? app.privateKey,
      alipayPublicKey: gatewayKeys.publicKey,
      gateway: server.baseUrl,
      timeoutMs: overrides.timeoutMs ?? 2000,
      logger: logs.logger,
    },
    logger: logs.logger,
  })
}

describe('Alipay login (alipay.system.oauth.token)', () => {
  test('an auth code returns the open_id, with a signed request the gateway verified', async () => {
    server.scenario.oauthCodes.set('auth-1', { open_id: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })

    const identity = await provider().exchange('auth-1')

    expect(identity).toEqual({ platform: 'alipay', subject: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({
      method: 'alipay.system.oauth.token',
      signatureValid: true,
      params: { grant_type: 'authorization_code', code: 'auth-1', app_id: APP_ID },
    })
  })

  test('apps without OpenID get the user_id; when both come, open_id wins', async () => {
    server.scenario.oauthCodes.set('auth-2', { user_id: '2088102150477652' })
    server.scenario.oauthCodes.set('auth-3', { user_id: '2088102150477652', open_id: 'open-3' })
    const login = provider()
    await expect(login.exchange('auth-2')).resolves.toEqual({ platform: 'alipay', subject: '2088102150477652' })
    await expect(login.exchange('auth-3')).resolves.toEqual({ platform: 'alipay', subject: 'open-3' })
  })

  test('the access and refresh tokens are not returned', async () => {
    server.scenario.oauthCodes.set('auth-4', { open_id: 'open-4' })
    const identity = await provider().exchange('auth-4')
    expect(Object.keys(identity).sort()).toEqual(['platform', 'subject'])
    expect(JSON.stringify(identity)).not.toMatch(/authbseB/)
  })

  test('an invalid code (40002 isv.code-invalid) is LOGIN_CODE_INVALID', async () => {
    await expect(provider().exchange('no-such-code')).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID', status: 401 })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ subCode: 'isv.code-invalid' }))
  })

  test('a reused code is LOGIN_CODE_INVALID too: Alipay reports it as isv.code-invalid', async () => {
    server.scenario.oauthCodes.set('auth-5', { open_id: 'open-5' })
    const login = provider()
    await login.exchange('auth-5')
    await expect(login.exchange('auth-5')).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' })
  })

  test('call limiting (40005 isv.app-call-limited) is RATE_LIMITED', async () => {
    server.scenario.oauthCodes.set('auth-6', { open_id: 'open-6' })
    server.scenario.rateLimited = true
    await expect(provider().exchange('auth-6')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
  })

  test('Alipay unavailable (20000 isp.unknow-error) is UPSTREAM_UNAVAILABLE', async () => {
    server.scenario.oauthCodes.set('auth-7', { open_id: 'open-7' })
    server.scenario.busy = true
    await expect(provider().exchange('auth-7')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
  })

  test('a response with a bad signature is UPSTREAM_UNAVAILABLE, never a login', async () => {
    server.scenario.oauthCodes.set('auth-8', { open_id: 'open-8' })
    server.scenario.responseSignature = 'invalid'
    await expect(provider().exchange('auth-8')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ securityEvent: 'alipay_response_signature_failed' }))
  })

  test('our request signed with the wrong private key is refused by the gateway: UPSTREAM_UNAVAILABLE, logged as an error', async () => {
    server.scenario.oauthCodes.set('auth-9', { open_id: 'open-9' })
    await expect(provider({ privateKey: generateRsaKeyPair().privateKey }).exchange('auth-9')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    })
    expect(server.requests[0].signatureValid).toBe(false)
    expect(logs.entries()).toContainEqual(expect.objectContaining({ subCode: 'isv.invalid-signature', level: 50 }))
  })

  test('no answer within the timeout is UPSTREAM_UNAVAILABLE, promptly', async () => {
    server.scenario.oauthCodes.set('auth-10', { open_id: 'open-10' })
    server.scenario.delayMs = 3000
    const startedAt = Date.now()
    await expect(provider({ timeoutMs: 200 }).exchange('auth-10')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(Date.now() - startedAt).toBeLessThan(1500)
  })

  test('an empty code is LOGIN_CODE_INVALID without calling Alipay', async () => {
    await expect(provider().exchange(' ')).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' })
    expect(server.requests).toHaveLength(0)
  })
})
