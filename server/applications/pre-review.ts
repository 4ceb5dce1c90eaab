/**
 * 在线预审: an item labelled 在线预审 is applied for online like a 全程网办 one (form, materials,
 * uploads), but the department only pre-checks it: 预审通过 tells the citizen to book a visit to
 * a hall with the originals, or 补正 names what is missing (the usual supplement flow). When the
 * hall scans the citizen's booking for the item, the visit is recorded on the application
 * (已到大厅) and that is its acceptance: the promised time limit starts there. The citizen goes
 * to the hall once (最多跑一次).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { addWorkingDays, chinaDateOf } from './working-days'

/** What 预审通过 tells the citizen, in the timeline and the message. */
export const PRE_REVIEW_PASSED_NOTE = '材料预审已通过，请在“预约办理”中预约到大厅的时段，带齐原件按时前往，一次办好'

/** 409 unless the item is labelled 在线预审: 预审通过 means nothing for other items. */
export async function checkPreReviewItem(db: Kysely<Database>, itemCode: string): Promise<void> {
  const item = await db.selectFrom('service_items').select(['name', 'online_level']).where('code', '=', itemCode).executeTakeFirst()
  if (item?.online_level !== 'pre_review') {
    throw new AppError('APPLICATION_STATUS_CONFLICT', {
      field: 'body.to',
      rule: 'pre_review items only',
      message: `“${item?.name ?? itemCode}”不是在线预审事项，不能标记“预审通过”，请直接受理或办结`,
    })
  }
}

/**
 * The hall recorded the citizen's arrival for `itemCode`: their application waiting for the visit
 * (预审通过) becomes 已到大厅, accepted now, its due day counted from today. Returns its id, or
 * undefined when they hold none (an ordinary booking). One conditional update: a second scan
 * finds nothing to move.
 */
export async function recordVisit(db: Kysely<Database>, visit: { citizenId: string; itemCode: string; hallName: string; actor: string; at: Date }): Promise<string | undefined> {
  const waiting = await db
    .selectFrom('applications')
    .select(['id', 'time_limit_days'])
    .where('citizen_id', '=', visit.citizenId)
    .where('item_code', '=', visit.itemCode)
    .where('status', '=', 'pre_review_passed')
    .orderBy('submitted_at', 'desc')
    .executeTakeFirst()
  if (!waiting) return undefined
  const at = visit.at.toISOString()
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('applications')
      .set({ status: 'visited', updated_at: at, accepted_at: at, due_on: addWorkingDays(chinaDateOf(visit.at), Number(waiting.time_limit_days)) })
      .where('id', '=', waiting.id)
      .where('status', '=', 'pre_review_passed')
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) return undefined
    await trx.insertInto('application_events').values({ application_id: waiting.id, status: 'visited', reason: `已按预约到${visit.hallName}提交原件，现场受理`, actor: visit.actor, at }).execute()
    return waiting.id
  })
}
