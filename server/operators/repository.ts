import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { OPERATOR_ROLES } from '../../src/contract/operators/data'
import { type OperatorRole } from '../../src/contract/operators/schemas'
import type { Database, OperatorsTable } from '../db/database'
import { dialectOf } from '../db/dialect'

/** An operator as the domain sees them. */
export interface Operator {
  id: string
  username: string
  displayName: string
  roles: OperatorRole[]
  passwordHash: string
  disabledAt: string | null
  createdAt: string
  lastLoginAt: string | null
  /** The password was chosen by someone else: only me, me/password and logout answer until the operator changes it. */
  mustChangePassword: boolean
}

export interface NewOperator {
  username: string
  displayName: string
  passwordHash: string
  roles: readonly OperatorRole[]
  /** The admin creating them; null from the command line. */
  grantedBy: string | null
  /** Someone else chose the password (an admin, the command line): changed at the first login. */
  mustChangePassword?: boolean
}

export interface OperatorsRepository {
  /** Inserts the operator and their roles (call it in a transaction); returns the id. Unique violation on a taken username. */
  create(operator: NewOperator, now: Date): Promise<string>
  findById(id: string): Promise<Operator | undefined>
  findByUsername(username: string): Promise<Operator | undefined>
  list(): Promise<Operator[]>
  recordSuccess(id: string, now: Date): Promise<void>
  /** Replaces the roles; roles kept keep their original grant. */
  setRoles(id: string, roles: readonly OperatorRole[], grantedBy: string, now: Date): Promise<void>
  setDisabled(id: string, now: Date | null): Promise<void>
  /** `mustChange`: true when someone else set it (admin reset), false when the operator chose it. */
  setPasswordHash(id: string, passwordHash: string, mustChange: boolean): Promise<void>
  /** Operators with the admin role and not disabled. */
  activeAdminIds(): Promise<string[]>
  /**
   * The same, locked until the transaction ends (PostgreSQL: SELECT … FOR UPDATE on their
   * operator and admin-role rows), for a check that the last active admin stays: a second
   * transaction doing the same waits, then sees the first one's change. Call it first in the
   * transaction, before reading what it will change. On SQLite the write transaction
   * (BEGIN IMMEDIATE) already keeps every other writer out.
   */
  lockActiveAdmins(): Promise<string[]>
}

export function createOperatorsRepository(db: Kysely<Database>): OperatorsRepository {
  const rolesOf = async (ids: string[]): Promise<Map<string, OperatorRole[]>> => {
    const roles = new Map<string, OperatorRole[]>()
    if (ids.length === 0) return roles
    const rows = await db.selectFrom('operator_roles').select(['operator_id', 'role']).where('operator_id', 'in', ids).orderBy('role').execute()
    for (const row of rows) {
      if (!isRole(row.role)) continue
      roles.set(row.operator_id, [...(roles.get(row.operator_id) ?? []), row.role])
    }
    return roles
  }

  const activeAdmins = () =>
    db
      .selectFrom('operators')
      .innerJoin('operator_roles', 'operator_roles.operator_id', 'operators.id')
      .select('operators.id')
      .where('operator_roles.role', '=', 'admin')
      .where('operators.disabled_at', 'is', null)

  const one = async (row: Selectable<OperatorsTable> | undefined): Promise<Operator | undefined> => {
    if (!row) return undefined
    return toOperator(row, (await rolesOf([row.id])).get(row.id) ?? [])
  }

  const insertRoles = (source: Kysely<Database>, id: string, roles: readonly OperatorRole[], grantedBy: string | null, now: Date) =>
    roles.length === 0
      ? Promise.resolve()
      : source
          .insertInto('operator_roles')
          .values(roles.map((role) => ({ operator_id: id, role, granted_at: now.toISOString(), granted_by: grantedBy })))
          .execute()

  return {
    async create(operator, now) {
      const id = randomUUID()
      await db
        .insertInto('operators')
        .values({
          id,
          username: operator.username,
          display_name: operator.displayName,
          password_hash: operator.passwordHash,
          failed_attempts: 0,
          locked_until: null,
          disabled_at: null,
          created_at: now.toISOString(),
          last_login_at: null,
          must_change_password: operator.mustChangePassword ? 1 : 0,
        })
        .execute()
      await insertRoles(db, id, operator.roles, operator.grantedBy, now)
      return id
    },

    findById: async (id) => one(await db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst()),

    findByUsername: async (username) => one(await db.selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirst()),

    async list() {
      const rows = await db.selectFrom('operators').selectAll().orderBy('username').execute()
      const roles = await rolesOf(rows.map((row) => row.id))
      return rows.map((row) => toOperator(row, roles.get(row.id) ?? []))
    },

    async recordSuccess(id, now) {
      await db.updateTable('operators').set({ last_login_at: now.toISOString() }).where('id', '=', id).execute()
    },

    async setRoles(id, roles, grantedBy, now) {
      const current = (await rolesOf([id])).get(id) ?? []
      const removed = current.filter((role) => !roles.includes(role))
      if (removed.length) await db.deleteFrom('operator_roles').where('operator_id', '=', id).where('role', 'in', removed).execute()
      // Roles kept keep their original grant (who and when).
      await insertRoles(db, id, roles.filter((role) => !current.includes(role)), grantedBy, now)
    },

    async setDisabled(id, now) {
      await db.updateTable('operators').set({ disabled_at: now ? now.toISOString() : null }).where('id', '=', id).execute()
    },

    async setPasswordHash(id, passwordHash, mustChange) {
      await db.updateTable('operators').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute()
    },

    async activeAdminIds() {
      return (await activeAdmins().execute()).map((row) => row.id)
    },

    async lockActiveAdmins() {
      if (dialectOf(db) !== 'postgres') return this.activeAdminIds()
      // In id order, so two transactions lock the same rows in the same order (no deadlock).
      // Under READ COMMITTED a waiting transaction re-checks each row once the lock is free:
      // an admin the other one disabled or demoted meanwhile is no longer in its answer.
      const rows = await activeAdmins().orderBy('operators.id').forUpdate().execute()
      return rows.map((row) => row.id)
    },
  }
}

function isRole(value: string): value is OperatorRole {
  return (OPERATOR_ROLES as readonly string[]).includes(value)
}

function toOperator(row: Selectable<OperatorsTable>, roles: OperatorRole[]): Operator {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    mustChangePassword: Number(row.must_change_password) === 1,
  }
}
