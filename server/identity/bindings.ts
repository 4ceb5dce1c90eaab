import type { Kysely } from 'kysely'
import type { BindingsResponse } from '../../src/contract/identity/schemas'
import type { AccountPlatform, Database } from '../db/database'
import { AUDIT_EVENTS } from '../audit/audit-log'
import { AppError } from '../errors'
import type { Account } from './accounts'
import type { IdentityContext, RequestMeta } from './context'

/**
 * The accounts bound to a citizen, as the citizen sees them (账号绑定记录). Knowing a name and
 * an ID number is enough to claim an identity (level 3), so every new binding is shown to
 * the citizen's proven accounts — "新的微信账号于 … 绑定了您的身份" — until they say it was
 * them or remove it. Removing sends the other account back to level 1 with no citizen:
 * every request reads the account afresh, so it loses access at once on every node.
 */

export type BindingEvent = 'claimed' | 'proven' | 'removed'

export interface BindingsRepository {
  record(entry: { citizenId: string; accountId: string; platform: AccountPlatform; event: BindingEvent; byAccountId?: string | null; at: Date }): Promise<void>
  /** The accounts and recent binding events of the caller's citizen (caller proven, level 4). */
  list(account: Account): Promise<BindingsResponse>
  /** "是我本人": the caller has read the notices so far. */
  acknowledge(account: Account, now: Date): Promise<void>
  remove(context: IdentityContext, account: Account, targetId: string, meta: RequestMeta): Promise<void>
}

export function createBindingsRepository(db: Kysely<Database>): BindingsRepository {
  return {
    async record(entry) {
      await db
        .insertInto('identity_bindings')
        .values({
          citizen_id: entry.citizenId,
          account_id: entry.accountId,
          platform: entry.platform,
          event: entry.event,
          by_account_id: entry.byAccountId ?? null,
          at: entry.at.toISOString(),
        })
        .execute()
    },
    list: (account) => listBindings(db, account),
    acknowledge: (account, now) => acknowledgeBindings(db, account, now),
    remove: (context, account, targetId, meta) => removeBinding(context, db, account, targetId, meta),
  }
}

const PLATFORM_WORDS: Record<AccountPlatform, string> = { weapp: '微信', alipay: '支付宝', h5dev: '网页预览' }
const EVENT_WORDS: Record<BindingEvent, string> = { claimed: '绑定了您的身份', proven: '完成了人脸核验', removed: '已被解除绑定' }
/** How many past events the citizen reads; older ones stay in the audit log. */
const EVENTS_SHOWN = 20

/** Who the event is about, as the reader sees it: this account, or a new/other account of a platform. */
function who(platform: AccountPlatform, event: BindingEvent, current: boolean): string {
  if (current) return '本账号'
  return `${event === 'claimed' ? '新的' : ''}${PLATFORM_WORDS[platform]}账号`
}

/** "2026-12-06 18:05" in Beijing time (UTC+8 all year). */
function beijingMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

async function listBindings(db: Kysely<Database>, account: Account): Promise<BindingsResponse> {
  const citizenId = citizenOf(account)
  const [accounts, events, self] = await Promise.all([
    db.selectFrom('platform_accounts').select(['id', 'platform', 'level', 'created_at']).where('citizen_id', '=', citizenId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('identity_bindings').selectAll().where('citizen_id', '=', citizenId).orderBy('id', 'desc').limit(EVENTS_SHOWN).execute(),
    db.selectFrom('platform_accounts').select('bindings_seen_at').where('id', '=', account.id).executeTakeFirst(),
  ])
  const seenAt = self?.bindings_seen_at ?? ''
  const boundAt = new Map<string, string>()
  for (const event of [...events].reverse()) if (event.event === 'claimed') boundAt.set(event.account_id, event.at)
  const shownEvents = events.map((row) => {
    const current = row.account_id === account.id
    // A notice the citizen still has to answer: another account newly bound, not yet acknowledged.
    const unseen = !current && row.event === 'claimed' && row.at > seenAt && accounts.some((bound) => bound.id === row.account_id)
    return {
      id: Number(row.id),
      accountId: row.account_id,
      platform: row.platform,
      event: row.event,
      at: row.at,
      current,
      unseen,
      text: `${who(row.platform, row.event, current)}于 ${beijingMinute(row.at)} ${EVENT_WORDS[row.event]}`,
    }
  })
  return {
    accounts: accounts.map((row) => ({
      accountId: row.id,
      platform: row.platform,
      platformName: PLATFORM_WORDS[row.platform],
      level: Number(row.level) as 1 | 3 | 4,
      proven: Number(row.level) >= 4,
      boundAt: boundAt.get(row.id) ?? row.created_at,
      current: row.id === account.id,
    })),
    events: shownEvents,
    unseenCount: shownEvents.filter((event) => event.unseen).length,
  }
}

async function acknowledgeBindings(db: Kysely<Database>, account: Account, now: Date): Promise<void> {
  await db.updateTable('platform_accounts').set({ bindings_seen_at: now.toISOString() }).where('id', '=', account.id).execute()
}

/** Removes another account's binding to this citizen; the caller must be a proven account of the citizen. */
async function removeBinding(context: IdentityContext, db: Kysely<Database>, account: Account, targetId: string, meta: RequestMeta): Promise<void> {
  const citizenId = citizenOf(account)
  if (targetId === account.id) throw new AppError('VALIDATION_FAILED', { message: '不能在本账号上解除本账号的绑定', field: 'params.accountId' })
  const now = context.clock()
  const removed = await db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('platform_accounts').select(['id', 'platform']).where('id', '=', targetId).where('citizen_id', '=', citizenId).executeTakeFirst()
    if (!target) return undefined
    await trx.updateTable('platform_accounts').set({ citizen_id: null, level: 1 }).where('id', '=', target.id).where('citizen_id', '=', citizenId).execute()
    await trx
      .insertInto('identity_bindings')
      .values({ citizen_id: citizenId, account_id: target.id, platform: target.platform, event: 'removed', by_account_id: account.id, at: now.toISOString() })
      .execute()
    return target
  })
  // One answer for "not bound to you" and "no such account": ids cannot be probed.
  if (!removed) throw new AppError('NOT_FOUND', { message: '没有找到该绑定账号，请刷新后重试' })
  // Its level dropped to 1: no node may keep serving it as proven.
  context.invalidateAccount(removed.id)
  await context.audit.record({
    event: AUDIT_EVENTS.bindingRemoved,
    accountId: account.id,
    citizenId,
    ip: meta.ip,
    detail: { removedAccountId: removed.id, platform: removed.platform },
  })
}

function citizenOf(account: Account): string {
  if (!account.citizenId || account.level < 4) throw new AppError('REAL_NAME_REQUIRED', { requiredLevel: 4, currentLevel: account.level })
  return account.citizenId
}
