/**
 * Builds the identity providers the configuration allows:
 *  - weapp (login + WeChat face) when WECHAT_APPID and WECHAT_SECRET are set;
 *  - alipay (login + Alipay certify) when ALIPAY_APPID, ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY are set;
 *  - h5dev (sandbox login + sandbox face) when AUTH_SANDBOX=1 — never in production.
 * A platform that is not configured is `undefined`; the domain answers its logins with a clear error.
 */
import type { Config } from '../../config'
import { createAlipayFaceVerifier } from './alipay-face'
import { createAlipayGateway } from './alipay-gateway'
import { createAlipayLoginProvider } from './alipay-login'
import { createSandboxFaceVerifier, createSandboxLoginProvider } from './sandbox'
import type { AccountPlatform, FaceVerifier, LoginProvider } from './types'
import type { ProviderLogger } from './upstream'
import { createWechatAccessTokens, type WechatAccessTokens } from './wechat-access-token'
import { createWechatFaceVerifier } from './wechat-face'
import { createWechatLoginProvider } from './wechat-login'

export type IdentityProviderConfig = Pick<
  Config,
  | 'nodeEnv'
  | 'wechatAppId'
  | 'wechatSecret'
  | 'wechatApiBase'
  | 'alipayAppId'
  | 'alipayPrivateKey'
  | 'alipayPublicKey'
  | 'alipayGateway'
  | 'identityTimeoutMs'
  | 'authSandbox'
>

export interface IdentityProviders {
  login: Record<AccountPlatform, LoginProvider | undefined>
  /** Keyed by the platform of the account doing the verification. */
  face: Record<AccountPlatform, FaceVerifier | undefined>
  /** The app's one WeChat access-token cache (WECHAT_APPID and WECHAT_SECRET set), for other callers of WeChat's server API. */
  wechatAccessTokens?: WechatAccessTokens
}

export function createIdentityProviders(
  config: IdentityProviderConfig,
  logger: ProviderLogger,
  options: { sandboxKeys: Iterable<string> },
): IdentityProviders {
  const providers: IdentityProviders = {
    login: { weapp: undefined, alipay: undefined, h5dev: undefined },
    face: { weapp: undefined, alipay: undefined, h5dev: undefined },
  }
  const timeoutMs = config.identityTimeoutMs

  if (config.wechatAppId && config.wechatSecret) {
    const wechat = { appId: config.wechatAppId, secret: config.wechatSecret, apiBase: config.wechatApiBase, timeoutMs, logger }
    const accessTokens = createWechatAccessTokens(wechat)
    providers.wechatAccessTokens = accessTokens
    providers.login.weapp = createWechatLoginProvider(wechat)
    providers.face.weapp = createWechatFaceVerifier({ ...wechat, accessTokens })
  }

  if (config.alipayAppId && config.alipayPrivateKey && config.alipayPublicKey) {
    const gateway = createAlipayGateway({
      appId: config.alipayAppId,
      privateKey: config.alipayPrivateKey,
      alipayPublicKey: config.alipayPublicKey,
      gateway: config.alipayGateway,
      timeoutMs,
      logger,
    })
    providers.login.alipay = createAlipayLoginProvider({ gateway, logger })
    providers.face.alipay = createAlipayFaceVerifier({ gateway, logger })
  }

  if (config.authSandbox) {
    // loadConfig already refuses this combination; this guards configs built by hand.
    if (config.nodeEnv === 'production') throw new Error('AUTH_SANDBOX must not be enabled when NODE_ENV=production')
    providers.login.h5dev = createSandboxLoginProvider({ allowedKeys: options.sandboxKeys })
    providers.face.h5dev = createSandboxFaceVerifier()
  }

  return providers
}

export type { AccountPlatform, FaceStart, FaceSubject, FaceVerifier, LoginProvider, PlatformIdentity } from './types'
export type { ProviderLogger } from './upstream'
