/**
 * Bearer tokens for operator routes in tests: `operatorTokenFor(app, ['reviewer'])`.
 * Every test that calls an operator route gets its token here, so how operators log in
 * is decided in one place.
 *
 * For now an operator is a sandbox platform account with roles in account_roles (issue 8
 * replaces this with separate operator accounts and password login; only this file
 * changes then).
 */
import type { FastifyInstance } from 'fastify'
import { sessionFor } from './sessions'

export type OperatorRole = 'admin' | 'content_editor' | 'health_officer' | 'reviewer' | 'verifier'

export async function operatorTokenFor(app: FastifyInstance, roles: OperatorRole[], key = 'sun-jiankang'): Promise<string> {
  const token = await sessionFor(app, key, 1)
  const account = await app.db
    .selectFrom('platform_accounts')
    .select('id')
    .where('platform', '=', 'h5dev')
    .where('subject', '=', key)
    .executeTakeFirstOrThrow()
  for (const role of roles) {
    await app.db
      .insertInto('account_roles')
      .values({ account_id: account.id, role, granted_at: new Date().toISOString() })
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  }
  return token
}
