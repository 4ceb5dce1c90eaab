import { verifyPassword } from '../../../server/operators/passwords'
import { demoOperatorsAllowed, seedDemoOperators } from '../../../server/operators/seed'
import { DEMO_OPERATOR_PASSWORD, demoOperators } from '../../../server/seed-data/demo-operators'
import { dialects } from '../../support/dialects'
import { useDialectDb } from '../../support/dialect-app'

test('demo operators (a published password) are seeded only with demo data on and never in production', () => {
  expect(demoOperatorsAllowed({ seedDemoData: true, nodeEnv: 'development' })).toBe(true)
  expect(demoOperatorsAllowed({ seedDemoData: false, nodeEnv: 'development' })).toBe(false)
  expect(demoOperatorsAllowed({ seedDemoData: true, nodeEnv: 'production' })).toBe(false)
})

describe.each(dialects())('seeding demo operators on $name', (dialect) => {
  const { db } = useDialectDb(dialect)

  test('adds each demo operator with its roles and the demo password; a second run adds nothing and keeps a changed password', async () => {
    expect(await seedDemoOperators(db)).toEqual(demoOperators.map((demo) => demo.username))
    const health = await db.selectFrom('operators').selectAll().where('username', '=', 'demo-health').executeTakeFirstOrThrow()
    expect(await verifyPassword(DEMO_OPERATOR_PASSWORD, health.password_hash)).toBe(true)
    const roles = await db.selectFrom('operator_roles').innerJoin('operators', 'operators.id', 'operator_roles.operator_id').select(['username', 'role']).orderBy('username').execute()
    expect(roles).toEqual([
      { username: 'demo-admin', role: 'admin' },
      { username: 'demo-editor', role: 'content_editor' },
      { username: 'demo-health', role: 'health_officer' },
      { username: 'demo-reviewer', role: 'reviewer' },
    ])
    await db.updateTable('operators').set({ password_hash: 'changed' }).where('username', '=', 'demo-admin').execute()
    expect(await seedDemoOperators(db)).toEqual([])
    expect(await db.selectFrom('operators').select('password_hash').where('username', '=', 'demo-admin').executeTakeFirstOrThrow()).toEqual({ password_hash: 'changed' })
  })
})
