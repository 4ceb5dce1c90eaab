/**
 * The message centre (消息中心) over notification_outbox: every message written for an
 * account is in its inbox whatever the dispatcher made of it (pending, sent, failed or
 * skipped), because the status change happened either way. Read state is per row, and each
 * row belongs to exactly one account, so another account (or citizen) can neither read nor
 * mark it.
 */
import type { Kysely } from 'kysely'
import type { Message, MessagesResponse } from '../../src/contract/messages/schemas'
import type { Database } from '../db/database'
import type { NotificationPayload } from './outbox'

/** One account, or several (a principal's accounts, read by a helper as delegate: server/delegations). */
type Owners = string | readonly string[]
const ownerIds = (owners: Owners): string[] => (typeof owners === 'string' ? [owners] : owners.length > 0 ? [...owners] : [''])

function unreadCount(db: Kysely<Database>, accountId: Owners): Promise<number> {
  return db
    .selectFrom('notification_outbox')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('account_id', 'in', ownerIds(accountId))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
    // PostgreSQL's count is a bigint (a string through pg).
    .then((row) => Number(row.count))
}

export async function listMessages(db: Kysely<Database>, accountId: Owners, limit: number): Promise<MessagesResponse> {
  const rows = await db
    .selectFrom('notification_outbox')
    .select(['id', 'application_id', 'payload', 'read_at', 'created_at'])
    .where('account_id', 'in', ownerIds(accountId))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  const items = rows.map((row): Message => {
    const payload = JSON.parse(row.payload) as NotificationPayload
    return {
      id: Number(row.id),
      // A booking reminder belongs to no application ('' as the contract's string; its page opens the booking).
      applicationId: row.application_id ?? '',
      applicationNumber: payload.applicationNumber,
      itemName: payload.itemName,
      statusName: payload.statusName,
      note: payload.note,
      at: payload.at ?? row.created_at,
      page: payload.page,
      read: row.read_at !== null,
    }
  })
  return { items, unreadCount: await unreadCount(db, accountId) }
}

/** Marks `ids` (or every message when undefined) of this account read; others' ids are ignored. */
export async function markMessagesRead(db: Kysely<Database>, accountId: string, ids: number[] | undefined, now: Date): Promise<{ unreadCount: number }> {
  let update = db.updateTable('notification_outbox').set({ read_at: now.toISOString() }).where('account_id', '=', accountId).where('read_at', 'is', null)
  if (ids) update = update.where('id', 'in', ids)
  await update.execute()
  return { unreadCount: await unreadCount(db, accountId) }
}
