import { createWechatLoginProvider } from '../../../server/identity/providers/wechat-login'
import { captureLogger, type CapturedLogger } from '../../support/protocol-servers/capture-logger'
import { start, type RunningWechatServer } from '../../support/protocol-servers/wechat-server'

const APP_ID = 'wx1234567890abcdef'
const SECRET = 'fedcba9876543210fedcba9876543210'

let server: RunningWechatServer
let logs: CapturedLogger

function provider(overrides: { timeoutMs?: number; secret?: string } = {}) {
  return createWechatLoginProvider({
    appId: APP_ID,
    secret: overrides.secret ?? SECRET,
    apiBase: server.baseUrl,
    timeoutMs: overrides.timeoutMs ?? 2000,
    logger: logs.logger,
  })
}

beforeEach(async () => {
  server = await start({ appId: APP_ID, secret: SECRET })
  logs = captureLogger()
})

afterEach(async () => {
  // Whatever the scenario, neither the session_key nor the AppSecret may reach a log line.
  for (const sessionKey of server.issuedSessionKeys) expect(logs.text()).not.toContain(sessionKey)
  expect(logs.text()).not.toContain(SECRET)
  await server.close()
})

describe('WeChat login (code2Session)', () => {
  test('a valid code returns the openid and the unionid, and sends the documented parameters', async () => {
    server.scenario.codes.set('code-1', { openid: 'o-openid-1', unionid: 'u-union-1', sessionKey: 'SESSION+KEY/1==' })

    const identity = await provider().exchange('code-1')

    expect(identity).toEqual({ platform: 'weapp', subject: 'o-openid-1', unionId: 'u-union-1' })
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: APP_ID, secret: SECRET, js_code: 'code-1', grant_type: 'authorization_code' },
    })
  })

  test('without a unionid the identity has none', async () => {
    server.scenario.codes.set('code-2', { openid: 'o-openid-2' })
    const identity = await provider().exchange('code-2')
    expect(identity).toEqual({ platform: 'weapp', subject: 'o-openid-2' })
    expect(Object.keys(identity)).not.toContain('unionId')
  })

  test('the session_key is neither returned nor logged', async () => {
    server.scenario.codes.set('code-3', { openid: 'o-openid-3', sessionKey: 'TOP-SECRET-SESSION-KEY' })
    const identity = await provider().exchange('code-3')
    expect(JSON.stringify(identity)).not.toContain('TOP-SECRET-SESSION-KEY')
    expect(Object.keys(identity).sort()).toEqual(['platform', 'subject'])
    // The afterEach hook checks every log line for the key (and the AppSecret).
    expect(server.issuedSessionKeys).toEqual(['TOP-SECRET-SESSION-KEY'])
  })

  test('an unknown code is LOGIN_CODE_INVALID (40029)', async () => {
    await expect(provider().exchange('no-such-code')).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID', status: 401 })
    expect(logs.entries().some((entry) => entry.errcode === 40029)).toBe(true)
  })

  test('a code used a second time is LOGIN_CODE_USED (40163)', async () => {
    server.scenario.codes.set('code-4', { openid: 'o-openid-4' })
    const login = provider()
    await expect(login.exchange('code-4')).resolves.toMatchObject({ subject: 'o-openid-4' })
    await expect(login.exchange('code-4')).rejects.toMatchObject({ code: 'LOGIN_CODE_USED' })
  })

  test('rate limiting (45011) is RATE_LIMITED', async () => {
    server.scenario.codes.set('code-5', { openid: 'o-openid-5' })
    server.scenario.rateLimited = true
    await expect(provider().exchange('code-5')).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 })
  })

  test('a busy WeChat (-1) is UPSTREAM_UNAVAILABLE', async () => {
    server.scenario.codes.set('code-6', { openid: 'o-openid-6' })
    server.scenario.busy = true
    await expect(provider().exchange('code-6')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 })
  })

  test('an errcode the adapter does not know is UPSTREAM_UNAVAILABLE and logged with errcode and errmsg', async () => {
    server.scenario.codes.set('code-7', { openid: 'o-openid-7' })
    server.scenario.loginErrcode = 40226
    await expect(provider().exchange('code-7')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ errcode: 40226, errmsg: 'code blocked', level: 50 }))
  })

  test('a wrong AppSecret is refused by WeChat and becomes UPSTREAM_UNAVAILABLE, without logging the secret', async () => {
    server.scenario.codes.set('code-8', { openid: 'o-openid-8' })
    const wrongSecret = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    await expect(provider({ secret: wrongSecret }).exchange('code-8')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ errcode: 40125 }))
    expect(logs.text()).not.toContain(wrongSecret)
  })

  test('no answer within the timeout is UPSTREAM_UNAVAILABLE, promptly', async () => {
    server.scenario.codes.set('code-9', { openid: 'o-openid-9' })
    server.scenario.delayMs = 3000
    const startedAt = Date.now()
    await expect(provider({ timeoutMs: 200 }).exchange('code-9')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(Date.now() - startedAt).toBeLessThan(1500)
    expect(logs.entries()).toContainEqual(expect.objectContaining({ failure: 'timeout' }))
  })

  test('an HTML error page instead of JSON is UPSTREAM_UNAVAILABLE', async () => {
    server.scenario.nonJson = true
    await expect(provider().exchange('code-10')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
  })

  test('an HTTP 500 is UPSTREAM_UNAVAILABLE', async () => {
    server.scenario.httpStatus = 500
    await expect(provider().exchange('code-11')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
  })

  test('an unreachable WeChat is UPSTREAM_UNAVAILABLE', async () => {
    const login = provider()
    await server.close()
    await expect(login.exchange('code-12')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ failure: 'network' }))
    server = await start({ appId: APP_ID, secret: SECRET })
  })

  test('an empty code is LOGIN_CODE_INVALID without asking WeChat', async () => {
    await expect(provider().exchange('')).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' })
    expect(server.requests).toHaveLength(0)
  })
})
