import type { DelegationScope } from '../../src/contract/delegations/data'

/**
 * The only routes a helper may call as delegate (X-Acting-For), each with the scope it needs
 * and how the act reads to the principal. Keyed `METHOD /url` as Fastify registered it. Every
 * other route that knows who is calling refuses a delegate (403 in words): revealing full
 * numbers, presentation codes, authorisations to organisations, identity changes, proofs,
 * evaluations — what only the person themselves may do.
 */
export interface DelegatedRoute {
  scope: DelegationScope
  /** Recorded in delegation_acts.action and the audit detail. */
  action: string
  /** After "由 张* ": what the principal reads. */
  words: string
  /** Where the record acted on is: a path parameter, or the id in the reply (a new application). */
  target?: { param: string } | { replyField: string }
  /** Certificate reads are written to the principal's certificate ledger too. */
  ledger?: 'one' | 'all'
}

/** 由 张* 查看 for what only reads, 由 张* 代办 for what changes something (the principal's words). */
export function verbOf(method: string): '查看' | '代办' {
  return method === 'GET' ? '查看' : '代办'
}

/** The verb of a recorded action (its route's method). */
export function verbOfAction(action: string): '查看' | '代办' {
  const key = Object.keys(DELEGATED_ROUTES).find((candidate) => DELEGATED_ROUTES[candidate]!.action === action)
  return key ? verbOf(key.split(' ')[0]!) : '代办'
}

export const DELEGATED_ROUTES: Record<string, DelegatedRoute> = {
  'GET /api/health-code': { scope: 'health_code', action: 'health_code.view', words: '查看了您的健康码' },
  'GET /api/social-security/overview': { scope: 'social_security', action: 'social_security.view', words: '查看了您的社保' },
  'GET /api/social-security/contributions': { scope: 'social_security', action: 'social_security.contributions', words: '查看了您的社保缴费记录' },
  'GET /api/certificates': { scope: 'certificates_view', action: 'certificates.list', words: '查看了您的电子证照（号码已隐去）', ledger: 'all' },
  'GET /api/certificates/:id': { scope: 'certificates_view', action: 'certificates.view', words: '查看了您的一个电子证照（号码已隐去）', target: { param: 'id' }, ledger: 'one' },
  'GET /api/certificates/:id/ledger': { scope: 'certificates_view', action: 'certificates.ledger', words: '查看了您的用证记录', target: { param: 'id' } },
  'GET /api/services/:code/application-form': { scope: 'apply', action: 'application.form', words: '为您打开了办事申请表', target: { param: 'code' } },
  'POST /api/applications': { scope: 'apply', action: 'application.submit', words: '为您提交了一份申请', target: { replyField: 'id' } },
  'GET /api/applications': { scope: 'apply', action: 'application.list', words: '查看了您的办件' },
  'GET /api/applications/:id': { scope: 'apply', action: 'application.view', words: '查看了您的一份申请', target: { param: 'id' } },
  'POST /api/applications/:id/withdraw': { scope: 'apply', action: 'application.withdraw', words: '为您撤回了一份申请', target: { param: 'id' } },
  'POST /api/applications/:id/supplement': { scope: 'apply', action: 'application.supplement', words: '为您补正了一份申请', target: { param: 'id' } },
  // The fee and its order, to see what is due; paying (POST …/payment) stays with the applicant.
  'GET /api/applications/:id/payment': { scope: 'apply', action: 'application.payment', words: '查看了一份申请的缴费信息', target: { param: 'id' } },
  'GET /api/me/messages': { scope: 'notifications', action: 'messages.view', words: '查看了您的办事消息' },
}

export function delegatedRoute(method: string, url: string | undefined): DelegatedRoute | undefined {
  return url === undefined ? undefined : DELEGATED_ROUTES[`${method} ${url}`]
}

/** The words a refused delegate reads, for a route outside every scope. */
export const NOT_DELEGABLE_MESSAGE = '代办时不能进行此操作：查看完整号码、出示证照、授权机构、修改身份信息等只能由本人办理。如需办理自己的事，请在“我的”切换为本人'
