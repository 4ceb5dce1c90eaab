/*
 * The payment rows of the config table (server/config/index.ts): WeChat Pay v3 merchant
 * settings, the development provider, the sweep. Each builder is `{ rule, parse }` like those
 * in server/config/rules.ts. Keys are checked when the server starts, not at the first payment.
 */
import type { Env } from '../config/rules'
import { loadRsaPrivateKey, loadRsaPublicKey, normaliseKeyText } from '../identity/providers/rsa-keys'

export const wechatPayMchId = {
  rule: 'be the WeChat Pay merchant number (商户号): digits only',
  parse: (raw: string): string | undefined => (/^\d{8,16}$/.test(raw) ? raw : undefined),
}

export const wechatPayMerchantSerial = {
  rule: 'be the serial number of the merchant API certificate (商户API证书序列号): hexadecimal',
  parse: (raw: string): string | undefined => (/^[0-9A-Fa-f]{8,64}$/.test(raw) ? raw.toUpperCase() : undefined),
}

export const wechatPayPrivateKey = {
  rule: 'be the merchant API certificate private key (apiclient_key.pem): RSA, at least 2048 bits, PEM ("\\n" sequences allowed)',
  parse(raw: string): string | undefined {
    try {
      loadRsaPrivateKey(raw)
      return normaliseKeyText(raw)
    } catch {
      return undefined
    }
  },
}

export const wechatPayApiV3Key = {
  rule: 'be the APIv3 key set in the merchant platform: exactly 32 letters and digits',
  parse: (raw: string): string | undefined => (/^[0-9A-Za-z]{32}$/.test(raw) ? raw : undefined),
}

export const wechatPayPublicKey = {
  rule: 'be the WeChat Pay public key (微信支付公钥, pub_key.pem), not the merchant key: RSA, at least 2048 bits, PEM',
  parse(raw: string): string | undefined {
    try {
      loadRsaPublicKey(raw)
      return normaliseKeyText(raw)
    } catch {
      return undefined
    }
  },
}

export const wechatPayPublicKeyId = {
  rule: 'be the WeChat Pay public key id (微信支付公钥ID), e.g. PUB_KEY_ID_0112345678901234567890',
  parse: (raw: string): string | undefined => (/^[A-Za-z0-9_]{8,64}$/.test(raw) ? raw : undefined),
}

/** PAYMENT_DEV defaults on only in development (like AUTH_SANDBOX). */
export function paymentDevDefault(env: Env): string {
  return (env.NODE_ENV || 'development') === 'development' ? '1' : '0'
}

const isSet = (env: Env, name: string) => env[name] !== undefined && env[name] !== ''

export const WECHAT_PAY_VARIABLES = ['WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PUBLIC_KEY', 'WECHATPAY_PUBLIC_KEY_ID'] as const

/** The development provider in production, and WeChat Pay configured half-way or without the mini-program's AppID. */
export function paymentProblems(values: { nodeEnv?: unknown; paymentDev?: unknown }, env: Env): string[] {
  const problems: string[] = []
  if (values.paymentDev === true && values.nodeEnv === 'production') {
    problems.push('PAYMENT_DEV must be 0 when NODE_ENV=production: the development payment provider is for the H5 preview only')
  }
  const missing = WECHAT_PAY_VARIABLES.filter((name) => !isSet(env, name))
  if (missing.length > 0 && missing.length < WECHAT_PAY_VARIABLES.length) {
    problems.push(`${missing.join(' and ')} must be set too: ${WECHAT_PAY_VARIABLES.join(', ')} enable WeChat Pay together`)
  }
  if (missing.length === 0 && !isSet(env, 'WECHAT_APPID')) problems.push('WECHAT_APPID must be set for WeChat Pay: the payment is made in that mini-program')
  return problems
}
