/**
 * The console's menu (console/src/routes.ts) against the API's role table
 * (src/contract/console/data.ts, which test/server/console/role-matrix.test.ts holds the
 * routes to): for every page and every set of roles, the menu offers the page exactly when
 * the API lets that operator call the route the page needs.
 */
import { CONSOLE_ROUTES, mayOpen } from '../../console/src/routes'
import { CONSOLE_ACCESS, mayCall, type ConsoleRoute } from '../../src/contract/console/data'
import type { OperatorRole } from '../../src/contract/operators/schemas'

const ROLES: OperatorRole[] = ['admin', 'content_editor', 'health_officer', 'reviewer', 'verifier']
/** Every subset of the roles: 32 operators. */
const ROLE_SETS: OperatorRole[][] = Array.from({ length: 1 << ROLES.length }, (_, mask) => ROLES.filter((_, bit) => mask & (1 << bit)))

test.each(CONSOLE_ROUTES.map((route) => [route.label, route] as const))('%s: menu and API agree for every set of roles', (_, route) => {
  expect(Object.keys(CONSOLE_ACCESS)).toContain(route.api)
  for (const roles of ROLE_SETS) {
    expect({ roles, menu: mayOpen(route, roles) }).toEqual({ roles, menu: mayCall(route.api as ConsoleRoute, roles) })
  }
})

test('an operator with no console role sees no page; an admin sees every page', () => {
  expect(CONSOLE_ROUTES.filter((route) => mayOpen(route, []))).toEqual([])
  expect(CONSOLE_ROUTES.filter((route) => mayOpen(route, ['verifier']))).toEqual([])
  expect(CONSOLE_ROUTES.filter((route) => mayOpen(route, ['admin']))).toHaveLength(CONSOLE_ROUTES.length)
})
