import type { Session } from '../../src/contract/identity/schemas'
import { AUDIT_EVENTS } from '../audit/audit-log'
import type { AccountPlatform } from '../db/database'
import { AppError } from '../errors'
import type { IdentityContext, RequestMeta } from './context'
import { buildProfile } from './profile'

/**
 * Login: the platform vouches for who this is (the provider exchanges the one-time code
 * with WeChat / Alipay / the sandbox), we find or create the account (level 1 at first)
 * and open a session. Failures are audited with the reason, never with the code.
 */
export async function login(context: IdentityContext, request: { platform: AccountPlatform; code: string }, meta: RequestMeta): Promise<Session> {
  const provider = context.providers.login[request.platform]
  if (!provider) {
    await auditFailure(context, request.platform, 'PROVIDER_NOT_CONFIGURED', meta)
    if (request.platform === 'h5dev') throw new AppError('SANDBOX_DISABLED')
    throw new AppError('SERVICE_UNAVAILABLE', { message: '暂不支持从该平台登录，请使用微信或支付宝小程序' })
  }

  let identity
  try {
    identity = await provider.exchange(request.code)
  } catch (error) {
    await auditFailure(context, request.platform, error instanceof AppError ? error.code : 'INTERNAL', meta)
    throw error
  }
  if (identity.platform !== request.platform) throw new Error(`the ${request.platform} provider answered for ${identity.platform}`)

  const account = await context.accounts.recordLogin(identity, context.clock())
  const opened = await context.sessions.open(account.id)
  await context.audit.record({
    event: AUDIT_EVENTS.login,
    accountId: account.id,
    citizenId: account.citizenId,
    ip: meta.ip,
    detail: { platform: account.platform, level: account.level },
  })
  return { token: opened.token, expiresAt: opened.expiresAt.toISOString(), profile: await buildProfile(context, account) }
}

function auditFailure(context: IdentityContext, platform: AccountPlatform, reason: string, meta: RequestMeta): Promise<void> {
  return context.audit.record({ event: AUDIT_EVENTS.login, outcome: 'failure', ip: meta.ip, detail: { platform, reason } })
}
