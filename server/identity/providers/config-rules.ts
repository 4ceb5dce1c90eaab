/*
 * Rule builders and cross-field checks for the identity-provider rows of the config table (server/config/index.ts; kept here
 * so it stays a table). Each builder is `{ rule, parse }` like those in server/config/rules.ts.
 */
import type { Env } from '../../config/rules'
import { loadRsaPrivateKey, loadRsaPublicKey, normaliseKeyText } from './rsa-keys'

export const wechatAppId = {
  rule: 'be the mini-program AppID: wx followed by letters and digits',
  parse: (raw: string): string | undefined => (/^wx[0-9A-Za-z]{6,32}$/.test(raw) ? raw : undefined),
}

export const wechatSecret = {
  rule: 'be the AppSecret from mp.weixin.qq.com: letters and digits only',
  parse: (raw: string): string | undefined => (/^[0-9A-Za-z]{16,64}$/.test(raw) ? raw : undefined),
}

export const alipayAppId = {
  rule: 'be the Alipay APPID: digits only, e.g. 2021001234567890',
  parse: (raw: string): string | undefined => (/^\d{8,32}$/.test(raw) ? raw : undefined),
}

/** The app private key; the parsed value is the key text with literal "\n" turned into newlines. */
export const rsaPrivateKey = {
  rule: 'be an RSA private key of at least 2048 bits: PEM (PKCS#8 or PKCS#1; "\\n" sequences allowed) or the bare base64 from Alipay\'s key tool',
  parse(raw: string): string | undefined {
    try {
      loadRsaPrivateKey(raw)
      return normaliseKeyText(raw)
    } catch {
      return undefined
    }
  },
}

export const rsaPublicKey = {
  rule: 'be Alipay\'s RSA public key (支付宝公钥, not the app public key) of at least 2048 bits: PEM or bare base64',
  parse(raw: string): string | undefined {
    try {
      loadRsaPublicKey(raw)
      return normaliseKeyText(raw)
    } catch {
      return undefined
    }
  },
}

/** AUTH_SANDBOX defaults on only in development. */
export function sandboxDefault(env: Env): string {
  return (env.NODE_ENV || 'development') === 'development' ? '1' : '0'
}

const isSet = (env: Env, name: string) => env[name] !== undefined && env[name] !== ''

/**
 * Problems no single variable shows: the sandbox in production, and a platform configured
 * half-way (which would otherwise silently leave its login off).
 */
export function identityProviderProblems(values: { nodeEnv?: unknown; authSandbox?: unknown }, env: Env): string[] {
  const problems: string[] = []
  if (values.authSandbox === true && values.nodeEnv === 'production') {
    problems.push('AUTH_SANDBOX must be 0 when NODE_ENV=production: the sandbox login is for development and the H5 preview only')
  }
  const groups = [
    { platform: 'WeChat', names: ['WECHAT_APPID', 'WECHAT_SECRET'] },
    { platform: 'Alipay', names: ['ALIPAY_APPID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'] },
  ]
  for (const { platform, names } of groups) {
    const missing = names.filter((name) => !isSet(env, name))
    if (missing.length > 0 && missing.length < names.length) {
      problems.push(`${missing.join(' and ')} must be set too: ${names.join(', ')} enable ${platform} login together`)
    }
  }
  return problems
}
