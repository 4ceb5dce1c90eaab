import { createWechatFaceVerifier, type WechatFaceOptions } from '../../../server/identity/providers/wechat-face'
import type { FaceSubject } from '../../../server/identity/providers/types'
import { captureLogger, type CapturedLogger } from '../../support/protocol-servers/capture-logger'
import { start, type RunningWechatServer } from '../../support/protocol-servers/wechat-server'

const APP_ID = 'wx1234567890abcdef'
const SECRET = 'fedcba9876543210fedcba9876543210'

const zhang: FaceSubject = { name: '张三', idNumber: '11010519491231002X', accountSubject: 'o-zhang' }

let server: RunningWechatServer
let logs: CapturedLogger

function verifier(overrides: Partial<WechatFaceOptions> = {}) {
  return createWechatFaceVerifier({
    appId: APP_ID,
    secret: SECRET,
    apiBase: server.baseUrl,
    timeoutMs: 2000,
    logger: logs.logger,
    ...overrides,
  })
}

const tokenRequests = () => server.requests.filter((request) => request.path === '/cgi-bin/token')
const reasons = () => logs.entries().map((entry) => entry.reason)

beforeEach(async () => {
  server = await start({ appId: APP_ID, secret: SECRET })
  logs = captureLogger()
  server.scenario.verifyResults.set('vr-zhang', { openid: 'o-zhang', name: '张三', idNumber: '11010519491231002X' })
})

afterEach(async () => {
  // Personal data and the AppSecret never reach the logs.
  expect(logs.text()).not.toContain(SECRET)
  expect(logs.text()).not.toContain('11010519491231002X')
  expect(logs.text()).not.toContain('张三')
  await server.close()
})

describe('WeChat face verification', () => {
  test('start prepares nothing: the client runs wx.startFacialRecognitionVerify itself', async () => {
    await expect(verifier().start(zhang, 'ORDER1')).resolves.toEqual({})
    expect(server.requests).toHaveLength(0)
  })

  test('a passed verification of this person in this account confirms', async () => {
    await expect(verifier().confirm(zhang, { verifyResult: 'vr-zhang' })).resolves.toBeUndefined()
    const getinfo = server.requests.find((request) => request.path === '/cityservice/face/identify/getinfo')
    expect(getinfo?.method).toBe('POST')
    expect(JSON.parse(getinfo?.body ?? '{}')).toEqual({ verify_result: 'vr-zhang' })
    expect(tokenRequests()[0].query).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET })
  })

  test('an ID number with a lower-case x matches WeChat\'s upper-case hash', async () => {
    await expect(verifier().confirm({ ...zhang, idNumber: '11010519491231002x' }, { verifyResult: 'vr-zhang' })).resolves.toBeUndefined()
  })

  test('another person\'s verification (ID number hash differs) fails', async () => {
    server.scenario.verifyResults.set('vr-li', { openid: 'o-zhang', name: '张三', idNumber: '110105194912310038' })
    await expect(verifier().confirm(zhang, { verifyResult: 'vr-li' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(reasons()).toContain('id_number_mismatch')
  })

  test('another name (name hash differs) fails', async () => {
    server.scenario.verifyResults.set('vr-name', { openid: 'o-zhang', name: '李四', idNumber: '11010519491231002X' })
    const failure = verifier().confirm(zhang, { verifyResult: 'vr-name' })
    await expect(failure).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED', status: 422 })
    await expect(failure).rejects.toThrow('身份信息与本人不一致')
    expect(reasons()).toContain('name_mismatch')
  })

  test('a verification done in another WeChat account (openid differs) fails', async () => {
    server.scenario.verifyResults.set('vr-other-account', { openid: 'o-someone-else', name: '张三', idNumber: '11010519491231002X' })
    await expect(verifier().confirm(zhang, { verifyResult: 'vr-other-account' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(reasons()).toContain('openid_mismatch')
  })

  test('identify_ret other than 0 fails', async () => {
    server.scenario.verifyResults.set('vr-failed', { openid: 'o-zhang', name: '张三', idNumber: '11010519491231002X', identifyRet: 10004 })
    await expect(verifier().confirm(zhang, { verifyResult: 'vr-failed' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(reasons()).toContain('identify_failed')
  })

  test('an old verification does not count as a fresh one', async () => {
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600
    server.scenario.verifyResults.set('vr-old', { openid: 'o-zhang', name: '张三', idNumber: '11010519491231002X', identifyTime: anHourAgo })
    await expect(verifier().confirm(zhang, { verifyResult: 'vr-old' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(reasons()).toContain('stale')
  })

  test('a verify_result WeChat does not know fails', async () => {
    await expect(verifier().confirm(zhang, { verifyResult: 'forged' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(reasons()).toContain('verify_result_rejected')
  })

  test('no verify_result fails without asking WeChat', async () => {
    await expect(verifier().confirm(zhang, {})).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(server.requests).toHaveLength(0)
  })

  test('the access token is fetched once for two confirmations', async () => {
    const face = verifier()
    await face.confirm(zhang, { verifyResult: 'vr-zhang' })
    await face.confirm(zhang, { verifyResult: 'vr-zhang' })
    expect(tokenRequests()).toHaveLength(1)
    expect(server.requests.filter((request) => request.path.endsWith('/getinfo'))).toHaveLength(2)
  })

  test('concurrent confirmations share one token request', async () => {
    const face = verifier()
    await Promise.all([face.confirm(zhang, { verifyResult: 'vr-zhang' }), face.confirm(zhang, { verifyResult: 'vr-zhang' })])
    expect(tokenRequests()).toHaveLength(1)
  })

  test('the token is fetched again shortly before it expires', async () => {
    let clock = Date.now()
    server.scenario.tokenExpiresIn = 7200
    const face = verifier({ now: () => clock })
    await face.confirm(zhang, { verifyResult: 'vr-zhang' })
    clock += 6000 * 1000 // still 20 minutes left: reused
    server.scenario.verifyResults.set('vr-later', { openid: 'o-zhang', name: '张三', idNumber: '11010519491231002X', identifyTime: Math.floor(clock / 1000) })
    await face.confirm(zhang, { verifyResult: 'vr-later' })
    expect(tokenRequests()).toHaveLength(1)
    clock += 1000 * 1000 // within the 5-minute margin: refreshed
    server.scenario.verifyResults.set('vr-latest', { openid: 'o-zhang', name: '张三', idNumber: '11010519491231002X', identifyTime: Math.floor(clock / 1000) })
    await face.confirm(zhang, { verifyResult: 'vr-latest' })
    expect(tokenRequests()).toHaveLength(2)
  })

  test('a token WeChat no longer accepts (40001) is replaced once and the call retried', async () => {
    const face = verifier()
    await face.confirm(zhang, { verifyResult: 'vr-zhang' })
    server.revokeTokens()
    await expect(face.confirm(zhang, { verifyResult: 'vr-zhang' })).resolves.toBeUndefined()
    expect(tokenRequests()).toHaveLength(2)
  })

  test('a refused access token (wrong AppSecret) is UPSTREAM_UNAVAILABLE and logged as an error', async () => {
    const wrongSecret = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
    await expect(verifier({ secret: wrongSecret }).confirm(zhang, { verifyResult: 'vr-zhang' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ errcode: 40125, level: 50 }))
    expect(logs.text()).not.toContain(wrongSecret)
  })

  test('a busy WeChat is UPSTREAM_UNAVAILABLE and rate limiting is RATE_LIMITED', async () => {
    const face = verifier()
    await face.confirm(zhang, { verifyResult: 'vr-zhang' })
    server.scenario.busy = true
    await expect(face.confirm(zhang, { verifyResult: 'vr-zhang' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    server.scenario.busy = false
    server.scenario.rateLimited = true
    await expect(face.confirm(zhang, { verifyResult: 'vr-zhang' })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
  })

  test('no answer within the timeout is UPSTREAM_UNAVAILABLE', async () => {
    server.scenario.delayMs = 3000
    const startedAt = Date.now()
    await expect(verifier({ timeoutMs: 200 }).confirm(zhang, { verifyResult: 'vr-zhang' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    })
    expect(Date.now() - startedAt).toBeLessThan(1500)
  })
})
