import type { KeyObject } from 'node:crypto'
import { createAlipayFaceVerifier, DEFAULT_CERTIFY_RETURN_URL } from '../../../server/identity/providers/alipay-face'
import type { FaceSubject } from '../../../server/identity/providers/types'
import { generateRsaKeyPair, start, verifyAlipaySignature, type RunningAlipayServer } from '../../support/protocol-servers/alipay-server'
import { captureLogger, type CapturedLogger } from '../../support/protocol-servers/capture-logger'

const APP_ID = '2021000000000001'
const zhang: FaceSubject = { name: '张三', idNumber: '11010519491231002x', accountSubject: 'open-zhang' }

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
  // Names and ID numbers never reach the logs, even when Alipay echoes them back.
  expect(logs.text()).not.toMatch(/11010519491231002/)
  expect(logs.text()).not.toContain('张三')
  await server.close()
})

function verifier(overrides: { privateKey?: KeyObject; timeoutMs?: number } = {}) {
  return createAlipayFaceVerifier({
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

describe('Alipay identity verification (alipay.user.certify.open.*)', () => {
  test('start initializes a FACE certification and returns its id and a signed certify URL', async () => {
    const started = await verifier().start(zhang, 'GOV20240101ABC')

    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({
      method: 'alipay.user.certify.open.initialize',
      signatureValid: true,
      bizContent: {
        outer_order_no: 'GOV20240101ABC',
        biz_code: 'FACE',
        identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '11010519491231002X' },
        merchant_config: { return_url: DEFAULT_CERTIFY_RETURN_URL },
      },
    })
    expect(started.certifyId).toMatch(/^[0-9a-f]{32}$/)
    expect(server.scenario.certifications.get(started.certifyId as string)).toMatchObject({ certNo: '11010519491231002X' })

    const url = new URL(started.url as string)
    expect(url.origin + url.pathname).toBe(server.baseUrl)
    const params = Object.fromEntries(url.searchParams)
    expect(params.method).toBe('alipay.user.certify.open.certify')
    expect(JSON.parse(params.biz_content)).toEqual({ certify_id: started.certifyId })
    expect(verifyAlipaySignature(params, app.publicKey)).toBe(true)
    expect(verifyAlipaySignature({ ...params, biz_content: JSON.stringify({ certify_id: 'other' }) }, app.publicKey)).toBe(false)
  })

  test('a certification Alipay reports as passed (T) confirms', async () => {
    const face = verifier()
    const { certifyId } = await face.start(zhang, 'ORDER1')
    await expect(face.confirm(zhang, { certifyId })).resolves.toBeUndefined()
    expect(server.requests[1]).toMatchObject({
      method: 'alipay.user.certify.open.query',
      signatureValid: true,
      bizContent: { certify_id: certifyId },
    })
  })

  test('a certification reported as not passed (F) is FACE_VERIFICATION_FAILED', async () => {
    server.scenario.certifyPassed = 'F'
    const face = verifier()
    const { certifyId } = await face.start(zhang, 'ORDER2')
    await expect(face.confirm(zhang, { certifyId })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED', status: 422 })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ reason: 'not_passed', passed: 'F' }))
  })

  test('a certify id Alipay does not know is FACE_VERIFICATION_FAILED', async () => {
    await expect(verifier().confirm(zhang, { certifyId: 'forged-id' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ reason: 'unknown_certify_id' }))
  })

  test('no certify id is FACE_VERIFICATION_FAILED without calling Alipay', async () => {
    await expect(verifier().confirm(zhang, { verifyResult: 'ok' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    expect(server.requests).toHaveLength(0)
  })

  test('a "passed: T" answer with a bad signature is not trusted', async () => {
    const face = verifier()
    const { certifyId } = await face.start(zhang, 'ORDER3')
    server.scenario.responseSignature = 'invalid'
    await expect(face.confirm(zhang, { certifyId })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ securityEvent: 'alipay_response_signature_failed' }))
  })

  test('a refused request signature on initialize is UPSTREAM_UNAVAILABLE and the echoed sign string is not logged', async () => {
    await expect(verifier({ privateKey: generateRsaKeyPair().privateKey }).start(zhang, 'ORDER4')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ subCode: 'isv.invalid-signature' }))
    // afterEach: the gateway's sub_msg echoed cert_name and cert_no; neither was logged.
  })

  test('call limiting is RATE_LIMITED and a timeout is UPSTREAM_UNAVAILABLE', async () => {
    server.scenario.rateLimited = true
    await expect(verifier().start(zhang, 'ORDER5')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    server.scenario.rateLimited = false
    server.scenario.delayMs = 3000
    await expect(verifier({ timeoutMs: 200 }).confirm(zhang, { certifyId: 'x' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
  })

  test('an outer order number Alipay would refuse is a programming error, caught before calling', async () => {
    await expect(verifier().start(zhang, 'has-dashes')).rejects.toThrow(/outerOrderNo/)
    expect(server.requests).toHaveLength(0)
  })
})
