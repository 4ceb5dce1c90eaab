/**
 * Every console page: its path, menu label and the roles that may open it. The same table
 * drives the menu, the router and the role-matrix test (test/e2e/console-roles.test.ts);
 * the roles mirror the API's (src/contract/console/data.ts, checked route by route in that
 * test; a type import only, so the console bundle holds its own copy). Admins pass every check.
 */
import type { ConsoleRoute as ApiRoute } from '../../src/contract/console/data'
import type { OperatorRole } from '../../src/contract/operators/schemas'

export interface ConsoleRoute {
  path: string
  label: string
  /** The API route the page cannot work without; its roles in src/contract/console/data.ts must be `roles`. */
  api?: ApiRoute
  /** Any of them will do. */
  roles: readonly OperatorRole[]
}

const ANY_ROLE = ['admin', 'content_editor', 'health_officer', 'reviewer'] as const

export const CONSOLE_ROUTES = [
  { path: '/dashboard', label: '需求看板', api: 'GET /api/operator/dashboard', roles: ANY_ROLE },
  { path: '/applications', label: '办件', api: 'GET /api/operator/applications', roles: ['reviewer'] },
  { path: '/rectifications', label: '好差评', api: 'GET /api/operator/rectifications', roles: ['reviewer'] },
  { path: '/payments', label: '缴费', api: 'GET /api/operator/payments/orders', roles: ['reviewer'] },
  { path: '/feedback', label: '诉求', api: 'GET /api/operator/feedback', roles: ['content_editor'] },
  { path: '/services', label: '事项', api: 'GET /api/operator/services', roles: ['content_editor'] },
  { path: '/notices', label: '公告', api: 'POST /api/operator/notices', roles: ['content_editor'] },
  { path: '/health', label: '健康状态', api: 'POST /api/ops/health-statuses', roles: ['health_officer'] },
  { path: '/operators', label: '运营人员', api: 'GET /api/operator/operators', roles: ['admin'] },
  { path: '/calendar', label: '工作日历', api: 'GET /api/operator/calendar', roles: ['admin'] },
  { path: '/releases', label: '发布记录', api: 'GET /api/operator/releases', roles: ['admin'] },
] as const satisfies readonly ConsoleRoute[]

export type ConsolePath = (typeof CONSOLE_ROUTES)[number]['path']

export function mayOpen(route: Pick<ConsoleRoute, 'roles'>, roles: readonly OperatorRole[]): boolean {
  return roles.includes('admin') || route.roles.some((role) => roles.includes(role))
}
