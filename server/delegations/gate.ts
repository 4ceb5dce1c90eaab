import type { FastifyRequest } from 'fastify'
import { ACTING_FOR_HEADER, DELEGATION_INACTIVE_RULE, DELEGATION_SCOPE_WORDS, actedByWords } from '../../src/contract/delegations/data'
import { createLedger } from '../certificates/ledger'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import { realNameRequired } from '../plugins/auth'
import { sharedPlugin } from '../plugins/shared-plugin'
import { maskName } from '../privacy/masking'
import { delegatedRoute, NOT_DELEGABLE_MESSAGE, verbOf, type DelegatedRoute } from './delegated-routes'
import { createDelegationsRepository, scopesOf, stateOf } from './repository'
import { delegationDb } from './tables'

/**
 * Acting as delegate. A helper's request carrying `X-Acting-For: <delegation id>` is resolved
 * here, on every request, against the database: the delegation must be the caller's own (as
 * helper), active, before its end, and hold the scope of the route (./delegated-routes.ts);
 * anything else is 403 in words. Once resolved, the request's identity is the helper's
 * account looking at the principal's citizen record (`account.citizenId` = the principal), so
 * the routes' own ownership checks and queries serve the principal's data unchanged, and
 * `request.delegation` says who is really acting. No copy of a delegation is kept anywhere:
 * an end on one node is seen by the next request on every node.
 *
 * Each successful act is recorded before the reply leaves (onSend): delegation_acts (the
 * principal's notices: 由 张* 查看了您的健康码), the audit log under the principal's citizen
 * with the helper's account, and for certificate reads the principal's certificate ledger.
 * A failure to record fails the request: nothing is shown on someone's behalf unrecorded.
 *
 * Registered before every domain: a root hook only reaches routes registered after it.
 */

export interface ActingDelegation {
  id: string
  helperCitizenId: string
  helperAccountId: string
  principalCitizenId: string
  /** 张* — how the principal's records name the helper. */
  helperMaskedName: string
  route: DelegatedRoute
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request is made as delegate (X-Acting-For resolved); null otherwise. */
    delegation: ActingDelegation | null
  }
}

export const DELEGATION_AUDIT_EVENT = 'delegation.act'

export const delegationGatePlugin = sharedPlugin<{ clock: Clock }>('delegation-gate', async (app, { clock }) => {
  app.decorateRequest('delegation', null)
  const repository = () => createDelegationsRepository(delegationDb(app.db))

  // preValidation: after the session check (onRequest), before the body is validated, so a refused
  // delegate learns nothing of a route's shape either.
  // Callback hooks that return at once without the header / without a delegation: most requests
  // are a citizen's own, and an async hook would cost each of them a promise (the health code at the gate).
  app.addHook('preValidation', (request, _reply, done) => {
    // Routes that know no citizen (public pages, operators) ignore the header: there is nobody to act for.
    if (request.headers[ACTING_FOR_HEADER] === undefined || !request.identity) return done()
    resolveDelegation(request).then(() => done(), done)
  })

  async function resolveDelegation(request: FastifyRequest): Promise<void> {
    const header = request.headers[ACTING_FOR_HEADER]!
    const identity = request.identity!
    const delegationId = Array.isArray(header) ? header[0] : header
    const route = delegatedRoute(request.method, request.routeOptions.url)
    if (!route) throw new AppError('FORBIDDEN', { message: NOT_DELEGABLE_MESSAGE })
    // The helper acts on a proven identity of their own, whatever the route asks of others.
    if (identity.account.level < 4) throw realNameRequired(4, identity.account.level)
    const row = delegationId ? await repository().findById(delegationId) : undefined
    // Another helper's delegation is as unknown as a made-up id.
    if (!row || row.helper_citizen_id !== identity.account.citizenId) {
      throw new AppError('FORBIDDEN', { message: '没有找到这项亲情代办，请到“我的”重新选择为谁办理', rule: DELEGATION_INACTIVE_RULE })
    }
    const now = clock()
    const state = stateOf(row, now)
    if (state === 'invited') throw new AppError('FORBIDDEN', { message: '对方还没有同意代办，同意后才能为其办理', rule: DELEGATION_INACTIVE_RULE })
    if (state === 'ended') throw new AppError('FORBIDDEN', { message: '这项代办已结束，不能再为对方办理；如需继续，请重新邀请并由对方同意', rule: DELEGATION_INACTIVE_RULE })
    if (state === 'expired') throw new AppError('FORBIDDEN', { message: '这项代办已到期，不能再为对方办理；如需继续，请重新邀请并由对方同意', rule: DELEGATION_INACTIVE_RULE })
    if (!scopesOf(row).includes(route.scope)) {
      throw new AppError('FORBIDDEN', { message: `对方没有授权您“${DELEGATION_SCOPE_WORDS[route.scope].name}”，不能为其办理此事` })
    }
    const helper = await app.db.selectFrom('citizens').select('name').where('id', '=', row.helper_citizen_id).executeTakeFirst()
    request.delegation = {
      id: row.id,
      helperCitizenId: row.helper_citizen_id,
      helperAccountId: identity.account.id,
      principalCitizenId: row.principal_citizen_id,
      helperMaskedName: maskName(helper?.name ?? ''),
      route,
    }
    // A new object: the account is shared with the in-process account cache.
    request.identity = { account: { ...identity.account, citizenId: row.principal_citizen_id }, session: identity.session }
  }

  app.addHook('onSend', (request, reply, payload, done) => {
    const delegation = request.delegation
    if (!delegation || reply.statusCode >= 400) return done(null, payload)
    recordAct(request, delegation, targetOf(request, delegation.route, payload)).then(() => done(null, payload), (error: Error) => done(error))
  })

  async function recordAct(request: FastifyRequest, delegation: ActingDelegation, targetId: string | null): Promise<void> {
    const at = clock()
    const { route } = delegation
    await repository().recordAct({
      delegationId: delegation.id,
      principalCitizenId: delegation.principalCitizenId,
      helperCitizenId: delegation.helperCitizenId,
      helperAccountId: delegation.helperAccountId,
      action: route.action,
      targetId,
      at,
    })
    await app.audit({
      event: DELEGATION_AUDIT_EVENT,
      accountId: delegation.helperAccountId,
      citizenId: delegation.principalCitizenId,
      ip: request.ip,
      detail: { delegationId: delegation.id, action: route.action, scope: route.scope, actedBy: actedByWords(delegation.helperMaskedName, verbOf(request.method)), target: targetId ?? undefined },
    })
    if (route.ledger) {
      const certificateIds = route.ledger === 'one' && targetId ? [targetId] : await certificateIdsOf(delegation.principalCitizenId)
      const ledger = createLedger(app.db, clock)
      for (const certificateId of certificateIds) {
        await ledger.append({ certificateId, event: 'delegate_viewed', fields: [], purposeText: '亲情代办', actor: { kind: 'delegate', name: delegation.helperMaskedName, accountId: delegation.helperAccountId } })
      }
    }
  }

  async function certificateIdsOf(citizenId: string): Promise<string[]> {
    const rows = await app.db
      .selectFrom('certificates')
      .innerJoin('citizens', 'citizens.id_number_hash', 'certificates.holder_id_number_hash')
      .select('certificates.id')
      .where('citizens.id', '=', citizenId)
      .orderBy('certificates.id')
      .execute()
    return rows.map((row) => row.id)
  }
})


function targetOf(request: FastifyRequest, route: DelegatedRoute, payload: unknown): string | null {
  if (!route.target) return null
  if ('param' in route.target) {
    const value = (request.params as Record<string, unknown> | undefined)?.[route.target.param]
    return typeof value === 'string' ? value : null
  }
  // The new record's id is only in the reply (a submitted application).
  if (typeof payload !== 'string') return null
  try {
    const value = (JSON.parse(payload) as Record<string, unknown>)[route.target.replyField]
    return typeof value === 'string' ? value : null
  } catch {
    return null
  }
}
