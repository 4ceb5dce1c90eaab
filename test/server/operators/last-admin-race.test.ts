import pg from 'pg'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import type { TestResponse } from '../../support/http'
import { startIdentityApp } from '../../support/identity'
import { operatorFor } from '../../support/operators'

/**
 * The last active admin guard under concurrency: two admins disabling (or demoting) each
 * other at the same moment must not both pass the check, or the service would be left with
 * no admin. On PostgreSQL the check locks the active admins' rows; on SQLite the write
 * transaction holds the write lock from its start. Several rounds, each with exactly two
 * active admins, so an unlocked check would have many chances to interleave.
 */
describe.each(dialects())('two admins at once on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, startIdentityApp)
  const post = (path: string, token: string, payload?: unknown) => app.request(path, { method: 'POST', token, payload })

  const activeAdmins = async () =>
    (
      await app.db
        .selectFrom('operators')
        .innerJoin('operator_roles', 'operator_roles.operator_id', 'operators.id')
        .select('operators.id')
        .where('operator_roles.role', '=', 'admin')
        .where('operators.disabled_at', 'is', null)
        .execute()
    ).map((row) => row.id)

  /** Leaves exactly two active admins (earlier rounds' survivor disabled directly in the table). */
  const twoAdmins = async () => {
    await app.db.updateTable('operators').set({ disabled_at: app.clock().toISOString() }).where('disabled_at', 'is', null).execute()
    const first = await operatorFor(app.server.app, ['admin'])
    const second = await operatorFor(app.server.app, ['admin'])
    expect((await activeAdmins()).sort()).toEqual([first.id, second.id].sort())
    return [first, second] as const
  }

  /**
   * Both requests through authentication and into their transactions before either may
   * write: PostgreSQL: another session holds EXCLUSIVE locks on the two tables (plain reads,
   * i.e. authentication, go through; SELECT … FOR UPDATE and writes wait) until both requests
   * wait on them. Without the row locks both would pass the check and both would write.
   * SQLite: in-process transactions are serialised anyway; the requests are simply sent
   * together, so the second may also find itself logged out (401) or no longer admin (403).
   */
  const together = async (send: () => Promise<TestResponse>[]): Promise<TestResponse[]> => {
    if (dialect.name !== 'postgres') return Promise.all(send())
    const locker = new pg.Client({ connectionString: testDb.env.DATABASE_URL })
    await locker.connect()
    try {
      await locker.query('begin')
      await locker.query('lock table operators, operator_roles in exclusive mode')
      const answers = Promise.all(send())
      const waiting = async () =>
        Number((await locker.query("select count(distinct pid) as n from pg_locks where not granted and relation in ('operators'::regclass, 'operator_roles'::regclass)")).rows[0].n)
      const deadline = Date.now() + 1500
      while ((await waiting()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(await waiting()).toBe(2)
      await locker.query('commit')
      return await answers
    } finally {
      await locker.end()
    }
  }

  test.each([
    ['disable each other', (id: string) => [`/api/operator/operators/${id}/disable`, undefined] as const],
    ['take the admin role from each other', (id: string) => [`/api/operator/operators/${id}/roles`, { roles: ['reviewer'] }] as const],
  ])('when they %s: exactly one succeeds, the other is refused (409 LAST_ADMIN), one admin remains', async (_case, action) => {
    for (let round = 0; round < 4; round += 1) {
      const [first, second] = await twoAdmins()
      const [path1, body1] = action(second.id)
      const [path2, body2] = action(first.id)
      const answers = await together(() => [post(path1, first.token, body1), post(path2, second.token, body2)])
      const statuses = answers.map((answer) => answer.status).sort()
      if (dialect.name === 'postgres') {
        expect(statuses).toEqual([200, 409])
        expect(answers.find((answer) => answer.status === 409)?.body.error.code).toBe('LAST_ADMIN')
      } else {
        expect(statuses[0]).toBe(200)
        expect([401, 403, 409]).toContain(statuses[1])
      }
      expect(await activeAdmins()).toHaveLength(1)
    }
  })
})
