import type { Kysely } from 'kysely'
import { RATING_WORDS, RECTIFICATION_STATUSES, TEXT_LIMITS, type Rating, type RectificationStatus } from '../../src/contract/evaluations/data'
import type { OperatorRectification } from '../../src/contract/evaluations/schemas'
import type { AuditEvent } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { maskName } from '../privacy/masking'
import { cleanText, maskedText } from '../free-text'

/**
 * The reviewers' side of 差评: the queue of rectifications (oldest first, so none waits
 * forever) and the one answer each gets. The citizen's name is masked; the answer is
 * final (a second one is 409), because it is what the citizen read before re-rating.
 * Every read of the queue and every answer is audited.
 */

export interface Operator {
  /** The operator account (operators table), not a citizen's platform account. */
  operatorId: string
  ip: string
}

export interface Rectifications {
  list(operator: Operator, status: RectificationStatus, limit: number): Promise<OperatorRectification[]>
  answer(operator: Operator, id: number, answer: string): Promise<OperatorRectification>
}

export function createRectifications({ db, clock, audit }: { db: Kysely<Database>; clock: Clock; audit(event: AuditEvent): Promise<void> }): Rectifications {
  const query = () =>
    db
      .selectFrom('rectifications as r')
      .innerJoin('evaluations as e', 'e.id', 'r.evaluation_id')
      .innerJoin('applications as a', 'a.id', 'r.application_id')
      .innerJoin('citizens as c', 'c.id', 'e.citizen_id')
      .leftJoin('service_items as s', 's.code', 'r.item_code')
      .select([
        'r.id',
        'r.status',
        'r.is_repeat',
        'r.created_at',
        'r.application_id',
        'a.number',
        'r.item_code',
        's.name as item_name',
        'r.department',
        'e.rating',
        'e.tags',
        'e.reason',
        'e.comment',
        'c.name as citizen_name',
        'r.answer',
        'r.answered_at',
      ])

  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>
  const view = (row: Row): OperatorRectification => ({
    id: row.id,
    status: row.status,
    statusName: RECTIFICATION_STATUSES[row.status],
    repeat: Number(row.is_repeat) === 1,
    openedAt: row.created_at,
    applicationId: row.application_id,
    applicationNumber: row.number,
    itemCode: row.item_code,
    itemName: row.item_name ?? row.item_code,
    department: row.department,
    rating: row.rating,
    ratingName: RATING_WORDS[row.rating as Rating],
    tags: JSON.parse(row.tags) as string[],
    reason: maskedText(row.reason),
    comment: maskedText(row.comment),
    citizenName: maskName(row.citizen_name),
    answer: row.answer,
    answeredAt: row.answered_at,
  })

  return {
    async list(operator, status, limit) {
      const rows = await query().where('r.status', '=', status).orderBy('r.created_at').orderBy('r.id').limit(limit).execute()
      await audit({ event: 'rectification.list', operatorId: operator.operatorId, ip: operator.ip, detail: { status, count: rows.length } })
      return rows.map(view)
    },

    async answer(operator, id, answerText) {
      const answer = cleanText(answerText, 'body.answer', { ...TEXT_LIMITS.answer, multiline: true })
      const now = clock().toISOString()
      const result = await db
        .updateTable('rectifications')
        .set({ status: 'answered', answer, answered_by: operator.operatorId, answered_at: now })
        .where('id', '=', id)
        // Only an open one: of two reviewers answering at once, exactly one succeeds.
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await db.selectFrom('rectifications').select('id').where('id', '=', id).executeTakeFirst()
        if (!exists) throw new AppError('NOT_FOUND', { message: '没有找到该整改事项，请刷新列表后重试' })
        throw new AppError('ALREADY_ANSWERED', { message: '该整改事项已经答复过，不能重复答复，请刷新列表查看' })
      }
      const row = await query().where('r.id', '=', id).executeTakeFirstOrThrow()
      await audit({
        event: 'rectification.answer',
        operatorId: operator.operatorId,
        ip: operator.ip,
        detail: { rectificationId: id, applicationId: row.application_id, itemCode: row.item_code },
      })
      return view(row)
    },
  }
}
