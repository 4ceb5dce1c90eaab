/**
 * Alipay mini-program login: the client's my.getAuthCode({ scopes: 'auth_base' }) authCode →
 * the user's open_id (or user_id) through alipay.system.oauth.token.
 *
 * Request: grant_type=authorization_code, code=<authCode> as top-level parameters (not in
 * biz_content), per the method's docs. Response alipay_system_oauth_token_response carries
 * user_id and/or open_id (apps created after Alipay's OpenID migration get open_id only),
 * plus access_token/refresh_token which this app does not need and never keeps or logs.
 *
 * Errors (method docs, "业务错误码"): isv.code-invalid covers a wrong, expired (24 h) and
 * already-used code alike — Alipay has no separate "code used" sub_code, so a reused code is
 * LOGIN_CODE_INVALID here. isv.unmatched-app-id / isv.grant-type-invalid are our
 * configuration (UPSTREAM_UNAVAILABLE, logged as errors). Gateway throttling is code 40005
 * (isv.app-call-limited / isv.method-call-limited) → RATE_LIMITED; 20000 / isp.* → UPSTREAM_UNAVAILABLE.
 */
import { AppError } from '../../errors'
import { commonFailure, createAlipayGateway, failureDetails, type AlipayGateway, type AlipayGatewayOptions } from './alipay-gateway'
import type { LoginProvider, PlatformIdentity } from './types'
import { upstreamUnavailable, type ProviderLogger } from './upstream'

export const OAUTH_TOKEN_METHOD = 'alipay.system.oauth.token'

export interface AlipayLoginOptions {
  gateway: AlipayGateway | AlipayGatewayOptions
  logger: ProviderLogger
}

export function createAlipayLoginProvider(options: AlipayLoginOptions): LoginProvider {
  const gateway = 'execute' in options.gateway ? options.gateway : createAlipayGateway(options.gateway)
  const { logger } = options

  async function exchange(code: string): Promise<PlatformIdentity> {
    if (typeof code !== 'string' || code.trim() === '' || code.length > 256) throw new AppError('LOGIN_CODE_INVALID')

    const result = await gateway.execute(OAUTH_TOKEN_METHOD, { params: { grant_type: 'authorization_code', code } })
    if (!result.ok) {
      if (result.subCode === 'isv.code-invalid') {
        logger.warn(failureDetails(result, OAUTH_TOKEN_METHOD), 'alipay login: auth code refused')
        throw new AppError('LOGIN_CODE_INVALID')
      }
      throw commonFailure(result, OAUTH_TOKEN_METHOD, logger)
    }

    // Only the ids are read; the access and refresh tokens stay in the dropped response.
    const openId = result.body.open_id
    const userId = result.body.user_id
    const subject =
      typeof openId === 'string' && openId !== '' ? openId : typeof userId === 'string' && userId !== '' ? userId : undefined
    if (!subject) {
      logger.error({ upstream: 'alipay.gateway', method: OAUTH_TOKEN_METHOD }, 'alipay login: answer has neither open_id nor user_id')
      throw upstreamUnavailable()
    }
    return { platform: 'alipay', subject }
  }

  return { platform: 'alipay', exchange }
}
