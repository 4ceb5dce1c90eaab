import type { Kysely, Selectable } from 'kysely'
import type { NoticeCreate, OperatorNotice } from '../../src/contract/operators/schemas'
import { createAuditLog } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database, NoticesTable } from '../db/database'
import { OPERATOR_AUDIT_EVENTS } from '../operators/events'

/**
 * Notices as content editors change them: publish a new one, retire one (kept, no longer
 * listed). Each change and its audit entry are written in one transaction: no change
 * without the record of who made it.
 */
export interface NoticePublishing {
  publish(notice: NoticeCreate, actor: Actor): Promise<OperatorNotice>
  /** undefined when there is no such notice; retiring a retired notice changes nothing but is audited. */
  retire(id: number, actor: Actor): Promise<OperatorNotice | undefined>
  /** Every notice (or those with `status`), newest first: the editors' list, retired ones included. */
  list(status: OperatorNotice['status'] | undefined, limit: number): Promise<OperatorNotice[]>
}

export interface Actor {
  operatorId: string
  ip: string
}

const MAX_ID = 2_147_483_647

export function createNoticePublishing(db: Kysely<Database>, clock: Clock): NoticePublishing {
  const columns = ['id', 'title', 'summary', 'department', 'published_at', 'status'] as const
  const toNotice = (row: Pick<Selectable<NoticesTable>, (typeof columns)[number]>): OperatorNotice => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    department: row.department,
    publishedAt: new Date(row.published_at).toISOString(),
    status: row.status,
  })
  const find = async (trx: Kysely<Database>, id: number): Promise<OperatorNotice | undefined> => {
    const row = await trx.selectFrom('notices').select(columns).where('id', '=', id).executeTakeFirst()
    return row && toNotice(row)
  }

  return {
    async list(status, limit) {
      let query = db.selectFrom('notices').select(columns)
      if (status) query = query.where('status', '=', status)
      const rows = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(toNotice)
    },

    publish: (notice, actor) =>
      db.transaction().execute(async (trx) => {
        const now = clock()
        const { id } = await trx
          .insertInto('notices')
          .values({
            title: notice.title.trim(),
            summary: notice.summary.trim(),
            body: notice.body,
            department: notice.department.trim(),
            published_at: now.toISOString(),
            status: 'published',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await createAuditLog(trx, () => now).record({ event: OPERATOR_AUDIT_EVENTS.noticePublish, ...actor, detail: { noticeId: id, title: notice.title.trim() } })
        return (await find(trx, id))!
      }),

    retire: (id, actor) =>
      db.transaction().execute(async (trx) => {
        // Ids are 32-bit on PostgreSQL; a larger one cannot exist, and asking would be an error.
        if (id > MAX_ID) return undefined
        const before = await find(trx, id)
        if (!before) return undefined
        await trx.updateTable('notices').set({ status: 'retired' }).where('id', '=', id).execute()
        await createAuditLog(trx, clock).record({ event: OPERATOR_AUDIT_EVENTS.noticeRetire, ...actor, detail: { noticeId: id, previousStatus: before.status } })
        return { ...before, status: 'retired' as const }
      }),
  }
}
