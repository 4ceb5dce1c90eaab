import { randomBytes } from 'node:crypto'
import type { FaceConfirmRequest, FaceStartResponse, Profile } from '../../src/contract/identity/schemas'
import { AUDIT_EVENTS } from '../audit/audit-log'
import { AppError } from '../errors'
import type { Account } from './accounts'
import type { IdentityContext, RequestMeta } from './context'
import { buildProfile } from './profile'
import type { FaceSubject, FaceVerifier } from './providers/types'
import type { ActiveSession } from './sessions/sessions'

/**
 * Level 4: face verification through the account's own platform. start → the client runs
 * the platform's face step → confirm, where the server asks the platform for the outcome
 * (the client's word is never taken). An attempt lives 10 minutes and settles once.
 */
const ATTEMPT_MS = 10 * 60 * 1000

export async function startFaceVerification(context: IdentityContext, account: Account, meta: RequestMeta): Promise<FaceStartResponse> {
  const { verifier, subject, citizenId } = await prepare(context, account)
  // 32 hex characters: fits Alipay's outer_order_no, unguessable across accounts.
  const verificationId = randomBytes(16).toString('hex')
  const started = await verifier.start(subject, verificationId)
  const now = context.clock()
  await context.faceVerifications.create({
    id: verificationId,
    account_id: account.id,
    citizen_id: citizenId,
    provider: verifier.provider,
    certify_id: started.certifyId ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ATTEMPT_MS).toISOString(),
  })
  await context.audit.record({
    event: AUDIT_EVENTS.face,
    accountId: account.id,
    citizenId,
    ip: meta.ip,
    detail: { step: 'start', provider: verifier.provider, verificationId },
  })
  const response: FaceStartResponse = { provider: verifier.provider, verificationId }
  if (started.certifyId) response.certifyId = started.certifyId
  if (started.url) response.url = started.url
  return response
}

export async function confirmFaceVerification(
  context: IdentityContext,
  account: Account,
  session: ActiveSession,
  request: FaceConfirmRequest,
  meta: RequestMeta,
): Promise<Profile> {
  const attempt = await context.faceVerifications.findForAccount(request.verificationId, account.id)
  if (!attempt) throw new AppError('NOT_FOUND', { message: '没有找到这次人脸核验，请重新开始', field: 'body.verificationId' })
  if (attempt.status !== 'pending') throw new AppError('CONFLICT', { message: '这次人脸核验已结束，请重新开始' })
  const { verifier, subject, citizenId } = await prepare(context, account)
  if (attempt.citizen_id !== citizenId) throw new AppError('CONFLICT', { message: '这次人脸核验已失效，请重新开始' })

  const audit = (outcome: 'success' | 'failure', reason?: string) =>
    context.audit.record({
      event: AUDIT_EVENTS.face,
      outcome,
      accountId: account.id,
      citizenId,
      ip: meta.ip,
      detail: { step: 'confirm', provider: verifier.provider, verificationId: attempt.id, reason },
    })
  const fail = async (error: AppError): Promise<never> => {
    await context.faceVerifications.settle(attempt.id, { status: 'failed', failureReason: error.message, at: context.clock() })
    await audit('failure', error.message)
    throw error
  }

  if (context.clock().getTime() >= Date.parse(attempt.expires_at)) {
    await fail(new AppError('FACE_VERIFICATION_FAILED', { message: '人脸核验已超时，请重新开始' }))
  }
  try {
    await verifier.confirm(subject, { certifyId: attempt.certify_id ?? undefined, verifyResult: request.verifyResult })
  } catch (error) {
    // A definite "no" from the platform ends the attempt; anything else (the platform is
    // down) leaves it pending so the client can confirm again.
    if (error instanceof AppError && error.code === 'FACE_VERIFICATION_FAILED') await fail(error)
    await audit('failure', error instanceof AppError ? error.code : 'INTERNAL')
    throw error
  }
  if (!(await context.faceVerifications.settle(attempt.id, { status: 'passed', at: context.clock() }))) {
    throw new AppError('CONFLICT', { message: '这次人脸核验已结束，请重新开始' })
  }
  await context.accounts.setCitizenAndLevel(account.id, citizenId, 4)
  if (account.level < 4) await context.bindings.record({ citizenId, accountId: account.id, platform: account.platform, event: 'proven', at: context.clock() })
  await context.sessions.markVerified(session.tokenHash)
  await audit('success')
  return buildProfile(context, { ...account, level: 4 })
}

/** The verifier of the account's platform and the person it must match, from our records. */
async function prepare(context: IdentityContext, account: Account): Promise<{ verifier: FaceVerifier; subject: FaceSubject; citizenId: string }> {
  const verifier = context.providers.face[account.platform]
  if (!verifier) throw new AppError('SERVICE_UNAVAILABLE', { message: '当前平台暂不支持人脸核验，请在微信或支付宝小程序中进行' })
  const citizen = account.citizenId ? await context.citizens.findById(account.citizenId) : undefined
  if (!citizen) throw new AppError('REAL_NAME_REQUIRED')
  return { verifier, subject: { name: citizen.name, idNumber: citizen.idNumber, accountSubject: account.subject }, citizenId: citizen.id }
}
