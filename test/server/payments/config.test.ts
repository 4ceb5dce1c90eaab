/** The payment settings are checked when the server starts: the development provider never in production, WeChat Pay whole or not at all, keys that are keys. */
import { generateKeyPairSync } from 'node:crypto'
import { ConfigError, loadConfig } from '../../../server/config'

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems]
    throw error
  }
  return []
}

const pem = (key: { export(options: object): string | Buffer }, type: string) => key.export({ type, format: 'pem' }).toString()
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
const WECHAT_PAY = {
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'fedcba9876543210fedcba9876543210',
  WECHATPAY_MCHID: '1900000109',
  WECHATPAY_MERCHANT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
  WECHATPAY_APIV3_KEY: 'a'.repeat(32),
  WECHATPAY_PUBLIC_KEY: pem(platform.publicKey, 'spki'),
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0119000001092025',
}

describe('payment settings', () => {
  test('the development provider is on by default in development only, and refused with NODE_ENV=production', () => {
    expect(loadConfig({}).paymentDev).toBe(true)
    expect(loadConfig({ NODE_ENV: 'test' }).paymentDev).toBe(false)
    expect(problems({ NODE_ENV: 'production', PAYMENT_DEV: '1' })).toContain('PAYMENT_DEV must be 0 when NODE_ENV=production: the development payment provider is for the H5 preview only')
  })

  test('WeChat Pay configured whole is accepted; half of it names what is missing', () => {
    expect(loadConfig(WECHAT_PAY)).toMatchObject({ wechatPayMchId: '1900000109', wechatPayApiV3Key: 'a'.repeat(32) })
    const { WECHATPAY_APIV3_KEY: _key, WECHATPAY_PUBLIC_KEY_ID: _id, ...half } = WECHAT_PAY
    expect(problems(half)).toEqual([expect.stringMatching(/^WECHATPAY_APIV3_KEY and WECHATPAY_PUBLIC_KEY_ID must be set too/)])
    const { WECHAT_APPID: _appId, WECHAT_SECRET: _secret, ...noAppId } = WECHAT_PAY
    expect(problems(noAppId)).toContain('WECHAT_APPID must be set for WeChat Pay: the payment is made in that mini-program')
  })

  test('a bad key is refused without echoing it; a private key is refused where the public key belongs', () => {
    const found = problems({ ...WECHAT_PAY, WECHATPAY_APIV3_KEY: 'short-secret', WECHATPAY_PUBLIC_KEY: WECHAT_PAY.WECHATPAY_PRIVATE_KEY })
    expect(found).toEqual([
      'WECHATPAY_APIV3_KEY must be the APIv3 key set in the merchant platform: exactly 32 letters and digits, got "(hidden)"',
      expect.stringMatching(/^WECHATPAY_PUBLIC_KEY must be the WeChat Pay public key .*got "\(hidden\)"$/),
    ])
    expect(found.join('\n')).not.toContain('short-secret')
  })
})
