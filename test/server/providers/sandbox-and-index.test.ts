import type { KeyObject } from 'node:crypto'
import { loadConfig } from '../../../server/config'
import { createIdentityProviders, type IdentityProviderConfig } from '../../../server/identity/providers'
import { createSandboxFaceVerifier, createSandboxLoginProvider } from '../../../server/identity/providers/sandbox'
import { exportKeys, generateRsaKeyPair } from '../../support/protocol-servers/alipay-server'
import { captureLogger } from '../../support/protocol-servers/capture-logger'
import { start as startWechat } from '../../support/protocol-servers/wechat-server'

const subject = { name: '张三', idNumber: '11010519491231002X', accountSubject: 'demo-zhang' }

describe('sandbox identity provider (dev only)', () => {
  const login = createSandboxLoginProvider({ allowedKeys: ['demo-zhang', 'demo-li'] })

  test('a listed demo citizen logs in with sandbox:<key>', async () => {
    await expect(login.exchange('sandbox:demo-zhang')).resolves.toEqual({ platform: 'h5dev', subject: 'demo-zhang' })
    await expect(login.exchange('sandbox:demo-li')).resolves.toEqual({ platform: 'h5dev', subject: 'demo-li' })
  })

  test.each(['sandbox:someone-real', 'sandbox:', 'demo-zhang', 'wx-code', ''])('%p is LOGIN_CODE_INVALID', async (code) => {
    await expect(login.exchange(code)).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' })
  })

  test('sandbox face verification passes only for the sandbox-pass evidence', async () => {
    const face = createSandboxFaceVerifier()
    await expect(face.start(subject, 'ORDER1')).resolves.toEqual({})
    await expect(face.confirm(subject, { verifyResult: 'sandbox-pass' })).resolves.toBeUndefined()
    await expect(face.confirm(subject, { verifyResult: 'sandbox-fail' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
    await expect(face.confirm(subject, {})).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
  })
})

describe('createIdentityProviders', () => {
  let keys: ReturnType<typeof exportKeys>
  let gatewayPublic: KeyObject

  beforeAll(() => {
    keys = exportKeys(generateRsaKeyPair())
    gatewayPublic = generateRsaKeyPair().publicKey
  })

  const none: IdentityProviderConfig = {
    nodeEnv: 'test',
    wechatAppId: undefined,
    wechatSecret: undefined,
    wechatApiBase: 'https://api.weixin.qq.com',
    alipayAppId: undefined,
    alipayPrivateKey: undefined,
    alipayPublicKey: undefined,
    alipayGateway: 'https://openapi.alipay.com/gateway.do',
    identityTimeoutMs: 5000,
    authSandbox: false,
  }
  const logger = captureLogger().logger
  const build = (config: Partial<IdentityProviderConfig>) =>
    createIdentityProviders({ ...none, ...config }, logger, { sandboxKeys: ['demo-zhang'] })

  test('nothing configured: no platform is available', () => {
    const providers = build({})
    expect(providers.login).toEqual({ weapp: undefined, alipay: undefined, h5dev: undefined })
    expect(providers.face).toEqual({ weapp: undefined, alipay: undefined, h5dev: undefined })
  })

  test('WeChat needs both the AppID and the AppSecret', () => {
    expect(build({ wechatAppId: 'wx1234567890abcdef' }).login.weapp).toBeUndefined()
    const providers = build({ wechatAppId: 'wx1234567890abcdef', wechatSecret: 'fedcba9876543210fedcba9876543210' })
    expect(providers.login.weapp?.platform).toBe('weapp')
    expect(providers.face.weapp?.provider).toBe('wechat')
    expect(providers.login.alipay).toBeUndefined()
  })

  test('Alipay needs the APPID, the private key and Alipay\'s public key', () => {
    const alipay = { alipayAppId: '2021000000000001', alipayPrivateKey: keys.pkcs8Base64 }
    expect(build(alipay).login.alipay).toBeUndefined()
    const providers = build({ ...alipay, alipayPublicKey: gatewayPublic.export({ type: 'spki', format: 'pem' }).toString() })
    expect(providers.login.alipay?.platform).toBe('alipay')
    expect(providers.face.alipay?.provider).toBe('alipay')
    expect(providers.login.weapp).toBeUndefined()
  })

  test('the sandbox is available only with AUTH_SANDBOX=1, and only for the given demo keys', async () => {
    expect(build({}).login.h5dev).toBeUndefined()
    const providers = build({ authSandbox: true })
    expect(providers.face.h5dev?.provider).toBe('sandbox')
    await expect(providers.login.h5dev?.exchange('sandbox:demo-zhang')).resolves.toMatchObject({ subject: 'demo-zhang' })
    await expect(providers.login.h5dev?.exchange('sandbox:demo-li')).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' })
  })

  test('the sandbox is refused in production even for a hand-built config', () => {
    expect(() => build({ authSandbox: true, nodeEnv: 'production' })).toThrow(/AUTH_SANDBOX/)
  })

  test('providers built from loadConfig reach the configured WeChat base URL', async () => {
    const wechat = await startWechat({ appId: 'wx1234567890abcdef', secret: 'fedcba9876543210fedcba9876543210' })
    try {
      wechat.scenario.codes.set('code-1', { openid: 'o-1' })
      const config = loadConfig({
        WECHAT_APPID: 'wx1234567890abcdef',
        WECHAT_SECRET: 'fedcba9876543210fedcba9876543210',
        WECHAT_API_BASE: wechat.baseUrl,
        IDENTITY_TIMEOUT_MS: '2000',
      })
      const providers = createIdentityProviders(config, logger, { sandboxKeys: [] })
      await expect(providers.login.weapp?.exchange('code-1')).resolves.toEqual({ platform: 'weapp', subject: 'o-1' })
      expect(providers.login.h5dev).toBeDefined() // development default: sandbox on
    } finally {
      await wechat.close()
    }
  })
})
