/**
 * Who may call which operator route: the one table the server's role checks (the new
 * console routes read it), the role-matrix test (test/server/console/role-matrix.test.ts,
 * every route × every role) and the console's menu (console/) all use. Plain data, no
 * TypeBox: the console imports it at run time.
 *
 * A route's roles: any of them will do; admins pass every role check (server/plugins/
 * operator-auth.ts operatorHasRole). 'public' = no session needed; 'session' = any logged-in
 * operator, whatever their roles (also none).
 */
export const OPERATOR_ROLES = ['admin', 'content_editor', 'health_officer', 'reviewer'] as const
export type ConsoleRole = (typeof OPERATOR_ROLES)[number]
export type RouteAccess = 'public' | 'session' | readonly ConsoleRole[]

const ANY_ROLE = OPERATOR_ROLES
const ADMIN = ['admin'] as const
const EDITOR = ['content_editor'] as const
const REVIEWER = ['reviewer'] as const
const HEALTH_OFFICER = ['health_officer'] as const

export const CONSOLE_ACCESS = {
  'POST /api/operator/login': 'public',
  'POST /api/operator/logout': 'session',
  'GET /api/operator/me': 'session',
  'POST /api/operator/me/password': 'session',
  // 运营人员
  'GET /api/operator/operators': ADMIN,
  'POST /api/operator/operators': ADMIN,
  'POST /api/operator/operators/:id/roles': ADMIN,
  'POST /api/operator/operators/:id/disable': ADMIN,
  'POST /api/operator/operators/:id/enable': ADMIN,
  'POST /api/operator/operators/:id/unlock': ADMIN,
  'POST /api/operator/operators/:id/password': ADMIN,
  'GET /api/operator/operators/:id/actions': ADMIN,
  // 办件
  'GET /api/operator/applications': REVIEWER,
  'GET /api/operator/applications/:id': REVIEWER,
  'POST /api/operator/applications/:id/transition': REVIEWER,
  'POST /api/operator/applications/:id/reveal': REVIEWER,
  // 申请材料 (uploaded photos / PDFs, every version, signed links)
  'GET /api/operator/applications/:id/uploads': REVIEWER,
  // 办理结果 (issue 15): the delivered result in the drawer, the EMS waybill of a posted one
  'GET /api/operator/applications/:id/result': REVIEWER,
  'POST /api/operator/applications/:id/result/tracking': REVIEWER,
  'POST /api/operator/applications/:id/result/payout': REVIEWER,
  // 好差评
  'GET /api/operator/rectifications': REVIEWER,
  'POST /api/operator/rectifications/:id/answer': REVIEWER,
  // 诉求
  'GET /api/operator/feedback': EDITOR,
  'POST /api/operator/feedback/:id/reply': EDITOR,
  'POST /api/operator/feedback/:id/close': EDITOR,
  // 公告
  'GET /api/operator/notices': EDITOR,
  'POST /api/operator/notices': EDITOR,
  'POST /api/operator/notices/:id/retire': EDITOR,
  // 事项
  'GET /api/operator/services': EDITOR,
  'GET /api/operator/services/:code': EDITOR,
  'PUT /api/operator/services/:code': EDITOR,
  'POST /api/operator/services/import': EDITOR,
  'POST /api/operator/services/:code/publish': EDITOR,
  'POST /api/operator/services/:code/retire': EDITOR,
  'POST /api/operator/services/:code/aliases': EDITOR,
  // 健康状态
  'POST /api/ops/health-statuses': HEALTH_OFFICER,
  'POST /api/ops/health-statuses/batch': HEALTH_OFFICER,
  // 需求看板
  'GET /api/operator/analytics/demand': ['content_editor', 'reviewer'],
  'GET /api/operator/dashboard': ANY_ROLE,
  'GET /api/operator/live': ANY_ROLE,
  // 工作日历, 发布记录
  'GET /api/operator/calendar': ADMIN,
  'PUT /api/operator/calendar/:year': ADMIN,
  'GET /api/operator/releases': ADMIN,
  // 在线预约: hall staff record arrival; admins keep halls and places per slot
  'POST /api/operator/appointments/check-in': REVIEWER,
  'GET /api/operator/halls': ADMIN,
  'PUT /api/operator/halls/:id': ADMIN,
  'PUT /api/operator/halls/:id/slot-capacity': ADMIN,
  // 缴费 (issue 21): orders by service and state, refunds; reconciliation results for admins
  'GET /api/operator/payments/orders': REVIEWER,
  'GET /api/operator/payments/refunds': REVIEWER,
  'GET /api/operator/payments/reconciliations': ADMIN,
} as const satisfies Record<string, RouteAccess>

export type ConsoleRoute = keyof typeof CONSOLE_ACCESS

/** May an operator holding `roles` call `route`? Admins may call every role-gated route. */
export function mayCall(route: ConsoleRoute, roles: readonly string[]): boolean {
  const access: RouteAccess = CONSOLE_ACCESS[route]
  if (access === 'public' || access === 'session') return true
  return roles.includes('admin') || access.some((role) => roles.includes(role))
}

export const LIVE_ACTIVITY_KINDS = ['view', 'search', 'search_zero', 'application_start', 'application_submit', 'evaluation'] as const

// --- working calendar ----------------------------------------------------------------------------
export const CALENDAR_MIN_YEAR = 2000

export const CALENDAR_MAX_YEAR = 2100

export const CALENDAR_KINDS = ['holiday', 'workday'] as const
