/**
 * Every console page: its path, menu label and the roles that may open it. The same table
 * drives the menu, the router and the role-matrix test (test/e2e/console-roles.test.ts);
 * the roles mirror the API's requireRole checks (admins pass every check, as in the API).
 */
import type { OperatorRole } from '../../src/contract/operators'

export interface ConsoleRoute {
  path: string
  label: string
  /** Empty: any operator. */
  roles: readonly OperatorRole[]
}

export const CONSOLE_ROUTES = [
  { path: '/dashboard', label: '需求看板', roles: [] },
  { path: '/applications', label: '办件', roles: ['reviewer'] },
  { path: '/rectifications', label: '好差评', roles: ['reviewer'] },
  { path: '/feedback', label: '诉求', roles: ['content_editor'] },
  { path: '/services', label: '事项', roles: ['content_editor'] },
  { path: '/notices', label: '公告', roles: ['content_editor'] },
  { path: '/health', label: '健康状态', roles: ['health_officer'] },
  { path: '/operators', label: '运营人员', roles: ['admin'] },
  { path: '/calendar', label: '工作日历', roles: ['admin'] },
  { path: '/releases', label: '发布记录', roles: ['admin'] },
] as const satisfies readonly ConsoleRoute[]

export type ConsolePath = (typeof CONSOLE_ROUTES)[number]['path']

export function mayOpen(route: ConsoleRoute, roles: readonly OperatorRole[]): boolean {
  if (route.roles.length === 0) return roles.length > 0
  return roles.includes('admin') || route.roles.some((role) => roles.includes(role))
}
