import { randomBytes } from 'node:crypto'
import { DELEGATION_LIMITS, DELEGATION_SCOPE_WORDS, DELEGATION_STATE_WORDS, actedByWords, type DelegationScope } from '../../src/contract/delegations/data'
import type { Delegation, DelegationInvite, DelegationList } from '../../src/contract/delegations/schemas'
import type { FaceConfirmRequest, FaceStartResponse } from '../../src/contract/identity/schemas'
import { chinaDateOf } from '../applications/working-days'
import { AppError } from '../errors'
import type { Account } from '../identity/accounts'
import type { IdentityContext } from '../identity/context'
import { maskName } from '../privacy/masking'
import { DELEGATED_ROUTES, verbOfAction } from './delegated-routes'
import { scopesOf, stateOf, type DelegationRow, type DelegationsRepository } from './repository'
import type { DelegationDb } from './tables'

export const DELEGATION_EVENTS = {
  invite: 'delegation.invite',
  consent: 'delegation.consent',
  face: 'delegation.face_of_principal',
  end: 'delegation.end',
} as const

const FACE_ATTEMPT_MS = 10 * 60 * 1000
const DAY_MS = 86_400_000

export interface DelegationService {
  list(account: Account): Promise<DelegationList>
  invite(account: Account, input: DelegationInvite, ip: string): Promise<Delegation>
  consent(account: Account, id: string, ip: string): Promise<Delegation>
  startFace(account: Account, id: string, ip: string): Promise<FaceStartResponse>
  confirmFace(account: Account, id: string, input: FaceConfirmRequest, ip: string): Promise<Delegation>
  end(account: Account, id: string, ip: string): Promise<Delegation>
}

/** Invite, consent (the principal's own session, or their face on the helper's device), end, and the lists. */
export function createDelegationService(options: { db: DelegationDb; repository: DelegationsRepository; identity: IdentityContext }): DelegationService {
  const { db, repository, identity } = options
  const clock = identity.clock

  const citizenOf = (account: Account): string => {
    if (!account.citizenId) throw new AppError('REAL_NAME_REQUIRED')
    return account.citizenId
  }

  const namesOf = async (ids: string[]): Promise<Map<string, string>> => {
    if (ids.length === 0) return new Map()
    const rows = await db.selectFrom('citizens').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute()
    return new Map(rows.map((row) => [row.id, maskName(row.name)]))
  }

  const view = (row: DelegationRow, role: 'helper' | 'principal', names: Map<string, string>): Delegation => {
    const now = clock()
    const state = stateOf(row, now)
    const other = role === 'helper' ? row.principal_citizen_id : row.helper_citizen_id
    const delegation: Delegation = {
      id: row.id,
      role,
      otherName: names.get(other) ?? '*',
      state,
      stateName: DELEGATION_STATE_WORDS[state],
      scopes: scopesOf(row),
      endsOn: chinaDateOf(new Date(Date.parse(row.ends_at))),
      createdAt: new Date(row.created_at).toISOString(),
    }
    if (row.consent_method) delegation.consentMethod = row.consent_method
    if (row.consented_at) delegation.consentedAt = new Date(row.consented_at).toISOString()
    if (row.ended_at) delegation.endedAt = new Date(row.ended_at).toISOString()
    if (row.ended_by) delegation.endedBy = row.ended_by
    return delegation
  }

  const viewOne = async (row: DelegationRow, role: 'helper' | 'principal') => view(row, role, await namesOf([row.helper_citizen_id, row.principal_citizen_id]))

  /** The delegation if the caller is on the given side of it; otherwise as unknown as a made-up id (404). */
  const ownRow = async (account: Account, id: string, side: 'helper' | 'principal' | 'either'): Promise<{ row: DelegationRow; role: 'helper' | 'principal' }> => {
    const citizenId = citizenOf(account)
    const row = await repository.findById(id)
    const role = row?.helper_citizen_id === citizenId ? 'helper' : row?.principal_citizen_id === citizenId ? 'principal' : undefined
    if (!row || !role || (side !== 'either' && side !== role)) throw new AppError('NOT_FOUND', { message: '没有找到这项亲情代办，请返回刷新后重试' })
    return { row, role }
  }

  const audit = (event: string, account: Account, citizenId: string, ip: string, detail: Record<string, string>) =>
    identity.audit.record({ event, accountId: account.id, citizenId, ip, detail })

  const requireInvited = (row: DelegationRow) => {
    const state = stateOf(row, clock())
    if (state !== 'invited') throw new AppError('CONFLICT', { message: `这项代办${DELEGATION_STATE_WORDS[state]}，不能再同意；请刷新后查看` })
  }

  return {
    async list(account) {
      const citizenId = citizenOf(account)
      const rows = await repository.listFor(citizenId)
      const acts = await repository.actsForPrincipal(citizenId, 20)
      const names = await namesOf([...rows.flatMap((row) => [row.helper_citizen_id, row.principal_citizen_id]), ...acts.map((act) => act.helper_citizen_id)])
      const wordsOf = new Map(Object.values(DELEGATED_ROUTES).map((route) => [route.action, route]))
      return {
        asHelper: rows.filter((row) => row.helper_citizen_id === citizenId).map((row) => view(row, 'helper', names)),
        asPrincipal: rows.filter((row) => row.principal_citizen_id === citizenId).map((row) => view(row, 'principal', names)),
        actsForMe: acts.map((act) => {
          const helperName = names.get(act.helper_citizen_id) ?? '*'
          const route = wordsOf.get(act.action)
          return {
            id: Number(act.id),
            at: new Date(act.occurred_at).toISOString(),
            helperName,
            words: `${actedByWords(helperName, verbOfAction(act.action))}：${route?.words ?? act.action}`,
          }
        }),
      }
    },

    async invite(account, input, ip) {
      const helperCitizenId = citizenOf(account)
      const now = clock()
      const endsAt = endOfChinaDay(input.endsOn)
      const today = chinaDateOf(now)
      if (input.endsOn <= today || Number.isNaN(Date.parse(endsAt))) {
        throw new AppError('VALIDATION_FAILED', { message: '结束日期需要在今天以后', field: 'body.endsOn' })
      }
      if (input.endsOn > chinaDateOf(new Date(now.getTime() + DELEGATION_LIMITS.maxDays * DAY_MS))) {
        throw new AppError('VALIDATION_FAILED', { message: '代办最长一年，请选择一年以内的结束日期', field: 'body.endsOn' })
      }
      // The registry decides who the principal is; the name must match it, as in real-name verification.
      const entry = await identity.citizens.findInRegistry(input.idNumber.toUpperCase())
      if (!entry || entry.name !== input.name) throw new AppError('IDENTITY_MISMATCH', { message: '姓名与身份证号码不匹配，请核对亲属的证件后重试', field: 'body.idNumber' })
      const principalCitizenId = await identity.citizens.findOrCreate(entry, now)
      if (principalCitizenId === helperCitizenId) throw new AppError('VALIDATION_FAILED', { message: '不能邀请自己，请填写亲属的姓名和身份证号码', field: 'body.idNumber' })
      if (await repository.findOpenPair(helperCitizenId, principalCitizenId, now)) {
        throw new AppError('CONFLICT', { message: '您已邀请过这位亲属，请在列表中查看，或先结束原来的代办' })
      }
      if ((await repository.countOpen('helper', helperCitizenId, now)) >= DELEGATION_LIMITS.principalsPerHelper) {
        throw new AppError('CONFLICT', { message: `每人最多为 ${DELEGATION_LIMITS.principalsPerHelper} 位亲属代办，请先结束一项再邀请` })
      }
      if ((await repository.countOpen('principal', principalCitizenId, now)) >= DELEGATION_LIMITS.helpersPerPrincipal) {
        throw new AppError('CONFLICT', { message: `这位亲属已有 ${DELEGATION_LIMITS.helpersPerPrincipal} 位代办人，不能再增加；请对方先结束一项` })
      }
      const row = await repository.create({ helperCitizenId, helperAccountId: account.id, principalCitizenId, scopes: orderedScopes(input.scopes), endsAt, now })
      await audit(DELEGATION_EVENTS.invite, account, principalCitizenId, ip, { delegationId: row.id, scopes: row.scopes, endsOn: input.endsOn })
      return viewOne(row, 'helper')
    },

    async consent(account, id, ip) {
      const { row } = await ownRow(account, id, 'principal')
      requireInvited(row)
      if (!(await repository.activate(row.id, { method: 'principal_session', accountId: account.id, at: clock() }))) requireInvited((await repository.findById(row.id))!)
      await audit(DELEGATION_EVENTS.consent, account, row.principal_citizen_id, ip, { delegationId: row.id, method: 'principal_session', scopes: row.scopes })
      return viewOne((await repository.findById(row.id))!, 'principal')
    },

    async startFace(account, id, ip) {
      const { row } = await ownRow(account, id, 'helper')
      requireInvited(row)
      const verifier = identity.providers.face[account.platform]
      if (!verifier) throw new AppError('SERVICE_UNAVAILABLE', { message: '当前平台暂不支持人脸核验，请在微信或支付宝小程序中进行' })
      const principal = await identity.citizens.findById(row.principal_citizen_id)
      if (!principal) throw new AppError('NOT_FOUND', { message: '没有找到这位亲属的实名信息，请重新邀请' })
      const verificationId = randomBytes(16).toString('hex')
      // The platform checks the face in front of the helper's camera against the PRINCIPAL's name and ID number.
      const started = await verifier.start({ name: principal.name, idNumber: principal.idNumber, accountSubject: account.subject }, verificationId)
      const now = clock()
      await identity.faceVerifications.create({
        id: verificationId,
        account_id: account.id,
        citizen_id: row.principal_citizen_id,
        provider: verifier.provider,
        certify_id: started.certifyId ?? null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + FACE_ATTEMPT_MS).toISOString(),
      })
      await repository.setPendingFace(row.id, verificationId)
      await audit(DELEGATION_EVENTS.face, account, row.principal_citizen_id, ip, { delegationId: row.id, step: 'start', provider: verifier.provider, verificationId })
      const response: FaceStartResponse = { provider: verifier.provider, verificationId }
      if (started.certifyId) response.certifyId = started.certifyId
      if (started.url) response.url = started.url
      return response
    },

    async confirmFace(account, id, input, ip) {
      const { row } = await ownRow(account, id, 'helper')
      requireInvited(row)
      const attempt = await identity.faceVerifications.findForAccount(input.verificationId, account.id)
      // An attempt of this helper's account OF this principal (one open delegation per pair, so it is this one's).
      if (!attempt || attempt.citizen_id !== row.principal_citizen_id) {
        throw new AppError('NOT_FOUND', { message: '没有找到这次人脸核验，请重新开始', field: 'body.verificationId' })
      }
      if (attempt.status !== 'pending') throw new AppError('CONFLICT', { message: '这次人脸核验已结束，请重新开始' })
      const verifier = identity.providers.face[account.platform]
      const principal = await identity.citizens.findById(row.principal_citizen_id)
      if (!verifier || !principal) throw new AppError('SERVICE_UNAVAILABLE')
      const fail = async (error: AppError): Promise<never> => {
        await identity.faceVerifications.settle(attempt.id, { status: 'failed', failureReason: error.message, at: clock() })
        await audit(DELEGATION_EVENTS.face, account, row.principal_citizen_id, ip, { delegationId: row.id, step: 'confirm', outcome: 'failure', reason: error.message })
        throw error
      }
      if (clock().getTime() >= Date.parse(attempt.expires_at)) await fail(new AppError('FACE_VERIFICATION_FAILED', { message: '人脸核验已超时，请重新开始' }))
      try {
        await verifier.confirm({ name: principal.name, idNumber: principal.idNumber, accountSubject: account.subject }, { certifyId: attempt.certify_id ?? undefined, verifyResult: input.verifyResult })
      } catch (error) {
        if (error instanceof AppError && error.code === 'FACE_VERIFICATION_FAILED') await fail(error)
        throw error
      }
      if (!(await identity.faceVerifications.settle(attempt.id, { status: 'passed', at: clock() }))) throw new AppError('CONFLICT', { message: '这次人脸核验已结束，请重新开始' })
      // Only the delegation changes: the helper's account stays the helper's, its level and citizen untouched.
      if (!(await repository.activate(row.id, { method: 'face_of_principal', faceVerificationId: attempt.id, at: clock() }))) requireInvited((await repository.findById(row.id))!)
      await audit(DELEGATION_EVENTS.consent, account, row.principal_citizen_id, ip, { delegationId: row.id, method: 'face_of_principal', verificationId: attempt.id, scopes: row.scopes })
      return viewOne((await repository.findById(row.id))!, 'helper')
    },

    async end(account, id, ip) {
      const { row, role } = await ownRow(account, id, 'either')
      if (row.state !== 'ended') await repository.end(row.id, role, clock())
      await audit(DELEGATION_EVENTS.end, account, row.principal_citizen_id, ip, { delegationId: row.id, by: role })
      return viewOne((await repository.findById(row.id))!, role)
    },
  }
}

/** The last moment of a China calendar day, as an ISO instant. */
function endOfChinaDay(day: string): string {
  const at = Date.parse(`${day}T23:59:59.999+08:00`)
  return Number.isNaN(at) ? 'invalid' : new Date(at).toISOString()
}

function orderedScopes(scopes: readonly DelegationScope[]): DelegationScope[] {
  return (Object.keys(DELEGATION_SCOPE_WORDS) as DelegationScope[]).filter((scope) => scopes.includes(scope))
}
