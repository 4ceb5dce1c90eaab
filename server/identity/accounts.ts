import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { compiledOnce } from '../db/compiled-once'
import type { AccountPlatform, Database } from '../db/database'
import type { PlatformIdentity } from './providers/types'

/** A platform account as the domain sees it: who logged in, how verified, which roles. */
export interface Account {
  id: string
  platform: AccountPlatform
  subject: string
  citizenId: string | null
  level: 1 | 3 | 4
  roles: string[]
}

export interface AccountsRepository {
  /** The id of the account for this platform identity, created at level 1 if new. */
  ensure(identity: PlatformIdentity, now: Date): Promise<string>
  /** ensure() plus the login time (and a union id the platform now reports). */
  recordLogin(identity: PlatformIdentity, now: Date): Promise<Account>
  findById(id: string): Promise<Account | undefined>
  /** The account at once when this process holds a copy it may trust (./hot-accounts.ts); undefined: ask findById(). */
  peek?(id: string): Account | undefined
  /** Sets the citizen and level together: the table refuses a level without a citizen. */
  setCitizenAndLevel(accountId: string, citizenId: string, level: 3 | 4): Promise<void>
  grantRole(accountId: string, role: string, now: Date): Promise<void>
}

// Read on every authenticated request that misses the in-process copy: compiled once.
const accountWithRoles = compiledOnce((db: Kysely<Database>, id: string) =>
  db
    .selectFrom('platform_accounts')
    .leftJoin('account_roles', 'account_roles.account_id', 'platform_accounts.id')
    .select(['platform_accounts.id', 'platform_accounts.platform', 'platform_accounts.subject', 'platform_accounts.citizen_id', 'platform_accounts.level', 'account_roles.role'])
    .where('platform_accounts.id', '=', id)
    .orderBy('account_roles.role'),
)

export function createAccountsRepository(db: Kysely<Database>): AccountsRepository {
  const findById = async (id: string): Promise<Account | undefined> => {
    // One round trip: the account with its roles joined, one row per role (one with a null role if none).
    const rows = await accountWithRoles(db, id)
    const row = rows[0]
    if (!row) return undefined
    const roles = rows.flatMap((each) => (each.role === null ? [] : [{ role: each.role }]))
    return {
      id: row.id,
      platform: row.platform,
      subject: row.subject,
      citizenId: row.citizen_id,
      // PostgreSQL and SQLite both return integers as numbers here; Number() guards drivers that do not.
      level: Number(row.level) as Account['level'],
      roles: roles.map((role) => role.role),
    }
  }

  const ensure = async (identity: PlatformIdentity, now: Date): Promise<string> => {
    const at = now.toISOString()
    // Two first logins racing: the unique (platform, subject) lets one insert win and the
    // other find the winner's row.
    await db
      .insertInto('platform_accounts')
      .values({
        id: randomUUID(),
        platform: identity.platform,
        subject: identity.subject,
        union_id: identity.unionId ?? null,
        citizen_id: null,
        level: 1,
        created_at: at,
        last_login_at: at,
      })
      .onConflict((conflict) => conflict.columns(['platform', 'subject']).doNothing())
      .execute()
    const row = await db
      .selectFrom('platform_accounts')
      .select('id')
      .where('platform', '=', identity.platform)
      .where('subject', '=', identity.subject)
      .executeTakeFirstOrThrow()
    return row.id
  }

  return {
    ensure,

    async recordLogin(identity, now) {
      const id = await ensure(identity, now)
      await db
        .updateTable('platform_accounts')
        .set({ last_login_at: now.toISOString(), ...(identity.unionId ? { union_id: identity.unionId } : {}) })
        .where('id', '=', id)
        .execute()
      return (await findById(id))!
    },

    findById,

    async setCitizenAndLevel(accountId, citizenId, level) {
      await db.updateTable('platform_accounts').set({ citizen_id: citizenId, level }).where('id', '=', accountId).execute()
    },

    async grantRole(accountId, role, now) {
      await db
        .insertInto('account_roles')
        .values({ account_id: accountId, role, granted_at: now.toISOString() })
        .onConflict((conflict) => conflict.columns(['account_id', 'role']).doNothing())
        .execute()
    },
  }
}
