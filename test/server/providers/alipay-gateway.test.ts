import { createPrivateKey, createSign, type KeyObject } from 'node:crypto'
import {
  buildSignContent,
  createAlipayGateway,
  formatAlipayTimestamp,
  rawTopLevelMembers,
  signParams,
  verifyRsa2,
} from '../../../server/identity/providers/alipay-gateway'
import { loadRsaPrivateKey, loadRsaPublicKey } from '../../../server/identity/providers/rsa-keys'
import {
  alipaySignContent,
  exportKeys,
  generateRsaKeyPair,
  start,
  verifyAlipaySignature,
  type RunningAlipayServer,
} from '../../support/protocol-servers/alipay-server'
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

afterEach(() => server.close())

function gateway(privateKey: KeyObject | string = app.privateKey) {
  return createAlipayGateway({
    appId: APP_ID,
    privateKey,
    alipayPublicKey: gatewayKeys.publicKey,
    gateway: server.baseUrl,
    timeoutMs: 2000,
    logger: logs.logger,
  })
}

describe('RSA2 request signing', () => {
  const params = {
    app_id: APP_ID,
    method: 'alipay.system.oauth.token',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: '2024-05-13 17:49:20',
    version: '1.0',
    grant_type: 'authorization_code',
    code: '4b203fe6c11548bcabd8da5bb087a83b',
    biz_content: '{"cert_name":"张三"}',
  }

  test('the sign content is sorted k=v pairs without sign and empty values, values not URL-encoded', () => {
    expect(buildSignContent({ ...params, sign: 'ignored', notify_url: '', app_auth_token: undefined })).toBe(
      'app_id=2021000000000001&biz_content={"cert_name":"张三"}&charset=utf-8&code=4b203fe6c11548bcabd8da5bb087a83b' +
        '&grant_type=authorization_code&method=alipay.system.oauth.token&sign_type=RSA2&timestamp=2024-05-13 17:49:20&version=1.0',
    )
    expect(buildSignContent(params)).toBe(alipaySignContent(params))
  })

  test('a signature verifies with the app public key in the gateway\'s own verifier; any tampering breaks it', () => {
    const signed = { ...params, sign: signParams(params, app.privateKey) }
    expect(verifyAlipaySignature(signed, app.publicKey)).toBe(true)
    expect(verifyAlipaySignature({ ...signed, code: 'another-code' }, app.publicKey)).toBe(false)
    expect(verifyAlipaySignature({ ...signed, extra: 'added' }, app.publicKey)).toBe(false)
    expect(verifyAlipaySignature(signed, gatewayKeys.publicKey)).toBe(false)
  })

  test('every request the gateway receives carries a valid signature and the common parameters', async () => {
    await gateway().execute('alipay.system.oauth.token', { params: { grant_type: 'authorization_code', code: 'x' } })
    const [request] = server.requests
    expect(request.signatureValid).toBe(true)
    expect(request.httpMethod).toBe('POST')
    expect(request.params).toMatchObject({
      app_id: APP_ID,
      method: 'alipay.system.oauth.token',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      version: '1.0',
      grant_type: 'authorization_code',
      code: 'x',
    })
    expect(request.params.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    // Protocol parameters travel in the URL, the method's own in the form body (as the SDKs do).
    expect(request.queryKeys).toEqual(expect.arrayContaining(['app_id', 'method', 'sign', 'timestamp']))
    expect(request.bodyKeys.sort()).toEqual(['code', 'grant_type'])
  })

  test('a request signed with a key Alipay does not know is refused by the gateway (isv.invalid-signature)', async () => {
    const stranger = generateRsaKeyPair().privateKey
    await expect(
      gateway(stranger).execute('alipay.user.certify.open.initialize', {
        bizContent: { outer_order_no: 'A1', identity_param: { cert_name: '张三', cert_no: '11010519491231002X' } },
      }),
    ).resolves.toMatchObject({ ok: false, subCode: 'isv.invalid-signature' })
    expect(server.requests[0].signatureValid).toBe(false)
  })

  test('Beijing time is used for the timestamp', () => {
    expect(formatAlipayTimestamp(new Date('2024-01-01T16:30:05Z'))).toBe('2024-01-02 00:30:05')
    expect(formatAlipayTimestamp(new Date('2024-07-31T23:59:59Z'))).toBe('2024-08-01 07:59:59')
  })
})

describe('keys as operators paste them', () => {
  test('PEM PKCS#8, PEM PKCS#1, bare base64 of either, and PEM with literal \\n all load', () => {
    const keys = exportKeys(app)
    const message = 'content'
    const expected = createSign('RSA-SHA256').update(message).sign(app.privateKey, 'base64')
    for (const text of [keys.pkcs8Pem, keys.pkcs1Pem, keys.pkcs8Base64, keys.pkcs1Base64, keys.pkcs8Pem.replace(/\n/g, '\\n')]) {
      const key = loadRsaPrivateKey(text)
      expect(createSign('RSA-SHA256').update(message).sign(key, 'base64')).toBe(expected)
    }
    for (const text of [keys.spkiPem, keys.spkiBase64, keys.spkiPem.replace(/\n/g, '\\n')]) {
      expect(loadRsaPublicKey(text).equals(app.publicKey)).toBe(true)
    }
  })

  test('short keys, non-keys and a private key given as the public key are refused', () => {
    const short = generateRsaKeyPair(1024)
    expect(() => loadRsaPrivateKey(exportKeys(short).pkcs8Pem)).toThrow(/2048/)
    expect(() => loadRsaPublicKey(exportKeys(short).spkiBase64)).toThrow(/2048/)
    expect(() => loadRsaPrivateKey('not a key')).toThrow()
    expect(() => loadRsaPrivateKey('bm90IGEga2V5')).toThrow()
    expect(() => loadRsaPublicKey(exportKeys(app).pkcs8Pem)).toThrow(/private key/)
  })

  test('a gateway configured with bare base64 keys signs requests the gateway accepts', async () => {
    const keys = exportKeys(app)
    const client = createAlipayGateway({
      appId: APP_ID,
      privateKey: keys.pkcs1Base64,
      alipayPublicKey: exportKeys(gatewayKeys).spkiBase64,
      gateway: server.baseUrl,
      logger: logs.logger,
    })
    server.scenario.oauthCodes.set('c', { user_id: '2088' })
    await expect(client.execute('alipay.system.oauth.token', { params: { grant_type: 'authorization_code', code: 'c' } })).resolves.toMatchObject({
      ok: true,
    })
    expect(createPrivateKey(keys.pkcs8Pem).equals(app.privateKey)).toBe(true)
  })
})

describe('response verification', () => {
  test('the raw text of each top-level member is cut out exactly, whatever it contains', () => {
    const node = '{"msg":"a \\"quoted\\" } brace","sign":"inside","nested":{"a":[1,{"b":"]"}]},"u":"\\u4e2d\\/"}'
    const text = ` { "x_response" : ${node} , "sign":"SIG=", "n": -1.5e3, "t": true }`
    const members = rawTopLevelMembers(text)
    expect(members?.get('x_response')).toBe(node)
    expect(members?.get('sign')).toBe('"SIG="')
    expect(members?.get('n')).toBe('-1.5e3')
    expect(rawTopLevelMembers('[1]')).toBeUndefined()
    expect(rawTopLevelMembers('{"a":{"b":1}')).toBeUndefined()
  })

  test('a signature over the escaped text verifies, and so does one over the text with \\/ unescaped', () => {
    const content = '{"url":"https:\\/\\/example.com"}'
    const signedEscaped = createSign('RSA-SHA256').update(content, 'utf8').sign(gatewayKeys.privateKey, 'base64')
    const signedPlain = createSign('RSA-SHA256').update(content.replace(/\\\//g, '/'), 'utf8').sign(gatewayKeys.privateKey, 'base64')
    expect(verifyRsa2(content, signedEscaped, gatewayKeys.publicKey)).toBe(true)
    expect(verifyRsa2(content, signedPlain, gatewayKeys.publicKey)).toBe(true)
    expect(verifyRsa2('{"url":"https:\\/\\/evil.com"}', signedPlain, gatewayKeys.publicKey)).toBe(false)
  })

  test('a response whose text escapes "/" after signing is still accepted', async () => {
    server.scenario.escapeSlashesAfterSigning = true
    server.scenario.oauthCodes.set('slash', { open_id: '074a/1CcTG1L' })
    const result = await gateway().execute('alipay.system.oauth.token', { params: { grant_type: 'authorization_code', code: 'slash' } })
    expect(result).toMatchObject({ ok: true, body: { open_id: '074a/1CcTG1L' } })
  })

  test('a response signed with another key is UPSTREAM_UNAVAILABLE and logged as a security event', async () => {
    server.scenario.responseSignature = 'invalid'
    server.scenario.oauthCodes.set('c', { user_id: '2088' })
    await expect(
      gateway().execute('alipay.system.oauth.token', { params: { grant_type: 'authorization_code', code: 'c' } }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ securityEvent: 'alipay_response_signature_failed', level: 50, method: 'alipay.system.oauth.token' }),
    )
  })

  test('a success response without a signature is refused', async () => {
    server.scenario.responseSignature = 'missing'
    server.scenario.oauthCodes.set('c', { user_id: '2088' })
    await expect(
      gateway().execute('alipay.system.oauth.token', { params: { grant_type: 'authorization_code', code: 'c' } }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    expect(logs.entries()).toContainEqual(expect.objectContaining({ securityEvent: 'alipay_response_signature_failed' }))
  })

  test('an unsigned error response is accepted, but only as a failure', async () => {
    server.scenario.signErrors = false
    await expect(
      gateway().execute('alipay.system.oauth.token', { params: { grant_type: 'authorization_code', code: 'unknown' } }),
    ).resolves.toEqual({ ok: false, code: '40002', msg: 'Invalid Arguments', subCode: 'isv.code-invalid', subMsg: '授权码code无效' })
  })

  test('an HTTP error (404) is UPSTREAM_UNAVAILABLE', async () => {
    const client = createAlipayGateway({
      appId: APP_ID,
      privateKey: app.privateKey,
      alipayPublicKey: gatewayKeys.publicKey,
      gateway: server.baseUrl.replace('/gateway.do', '/nowhere'),
      logger: logs.logger,
    })
    await expect(client.execute('alipay.system.oauth.token')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
  })

  test('page URLs are signed GET URLs on the gateway with every parameter in the query', () => {
    const url = new URL(gateway().pageUrl('alipay.user.certify.open.certify', { bizContent: { certify_id: 'abc' } }))
    expect(url.origin + url.pathname).toBe(server.baseUrl)
    const params = Object.fromEntries(url.searchParams)
    expect(params).toMatchObject({ method: 'alipay.user.certify.open.certify', biz_content: '{"certify_id":"abc"}', app_id: APP_ID })
    expect(verifyAlipaySignature(params, app.publicKey)).toBe(true)
  })
})
