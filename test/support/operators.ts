/**
 * Operators in tests: `operatorTokenFor(app, ['reviewer'])` is a bearer token of a fresh
 * operator account holding exactly those roles, logged in through POST /api/operator/login.
 * Every test that calls an operator route gets its token here, so how operators log in is
 * decided in one place.
 *
 * The account is created through the repository (an admin route would need an admin
 * first); the login is the real one. Each call's login comes from its own made-up client
 * address, so helpers never use up the per-IP login limit a suite may be testing.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { OperatorRole } from '../../src/contract/operators/schemas'
import { hashPassword } from '../../server/operators/passwords'
import { createOperatorsRepository } from '../../server/operators/repository'

export type { OperatorRole }

/** Every test operator's password unless a test picks one. */
export const TEST_OPERATOR_PASSWORD = 'ceshi-caozuoyuan-2026'

export interface TestOperator {
  id: string
  username: string
  password: string
}

export interface TestOperatorOptions {
  username?: string
  password?: string
  displayName?: string
}

/** An operator account with exactly `roles` (none is allowed), not logged in. */
export async function createTestOperator(app: FastifyInstance, roles: readonly OperatorRole[], options: TestOperatorOptions = {}): Promise<TestOperator> {
  const username = options.username ?? `op-${randomBytes(5).toString('hex')}`
  const password = options.password ?? TEST_OPERATOR_PASSWORD
  const passwordHash = await hashPassword(password)
  const id = await app.db.transaction().execute((trx) =>
    createOperatorsRepository(trx).create({ username, displayName: options.displayName ?? `测试操作员 ${username}`, passwordHash, roles, grantedBy: null }, new Date()),
  )
  return { id, username, password }
}

/** POST /api/operator/login from a client address of its own; the raw response. */
export function operatorLogin(app: FastifyInstance, username: string, password: string, remoteAddress = randomAddress()) {
  return app.inject({ method: 'POST', url: '/api/operator/login', payload: { username, password }, remoteAddress })
}

/** Logs an existing operator in; the token. */
export async function tokenOf(app: FastifyInstance, operator: Pick<TestOperator, 'username' | 'password'>): Promise<string> {
  const response = await operatorLogin(app, operator.username, operator.password)
  if (response.statusCode !== 201) throw new Error(`operator login failed: ${response.statusCode} ${response.body}`)
  return (response.json() as { token: string }).token
}

/** A bearer token of a new operator holding exactly `roles`. */
export async function operatorTokenFor(app: FastifyInstance, roles: OperatorRole[], options: TestOperatorOptions = {}): Promise<string> {
  return tokenOf(app, await createTestOperator(app, roles, options))
}

/** Like operatorTokenFor, also returning the operator (id for audit and history checks). */
export async function operatorFor(app: FastifyInstance, roles: OperatorRole[], options: TestOperatorOptions = {}): Promise<TestOperator & { token: string }> {
  const operator = await createTestOperator(app, roles, options)
  return { ...operator, token: await tokenOf(app, operator) }
}

function randomAddress(): string {
  const [a, b, c] = randomBytes(3)
  return `10.${a}.${b}.${(c! % 250) + 1}`
}
