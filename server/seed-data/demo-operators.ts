import type { OperatorRole } from '../../src/contract/operators/schemas'

/**
 * Demo operator accounts, seeded only in development (SEED_DEMO_DATA on and NODE_ENV not
 * production), so the operator API can be tried at once. The password is public (it is in
 * the README): never seed these where real data lives.
 */
export interface DemoOperator {
  username: string
  displayName: string
  roles: OperatorRole[]
}

export const DEMO_OPERATOR_PASSWORD = 'kaifa-yanshi-2026'

export const demoOperators: readonly DemoOperator[] = [
  { username: 'demo-admin', displayName: '演示管理员', roles: ['admin'] },
  { username: 'demo-editor', displayName: '演示内容编辑', roles: ['content_editor'] },
  // Was 孙建康's sandbox citizen account before operators had accounts of their own.
  { username: 'demo-health', displayName: '演示卫健操作员', roles: ['health_officer'] },
  { username: 'demo-reviewer', displayName: '演示审核员', roles: ['reviewer'] },
]
