import { randomBytes } from 'node:crypto'
import type { ExpressionBuilder, Kysely } from 'kysely'
import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_STATUSES, TEXT_LIMITS, type FeedbackStatus } from '../../src/contract/evaluations/data'
import type { Feedback, FeedbackRequest, OperatorFeedback } from '../../src/contract/evaluations/schemas'
import type { AuditEvent } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { cleanText, invalid, maskedText, optionalText } from '../free-text'
import { maskName, maskPersonalNumbers } from '../privacy/masking'

/**
 * Feedback (投诉 / 建议 / 咨询): citizens write it, content editors reply once, the
 * citizen reads the reply and may confirm it settled (closed). It needs only a login:
 * a question should not wait for real-name verification. Ownership: the citizen when the
 * account is verified (so it is visible from their WeChat and Alipay accounts alike), else
 * the account that wrote it; anyone else's is 404. Operator reads and replies are audited.
 */

export interface Writer {
  accountId: string
  citizenId: string | null
  ip: string
}

export interface Operator {
  /** The operator account (operators table), not a citizen's platform account. */
  operatorId: string
  ip: string
}

export interface FeedbackService {
  create(writer: Writer, request: FeedbackRequest): Promise<Feedback>
  listMine(writer: Writer): Promise<Feedback[]>
  getMine(writer: Writer, id: string): Promise<Feedback>
  close(writer: Writer, id: string): Promise<Feedback>
  listForOperator(operator: Operator, status: FeedbackStatus, limit: number): Promise<OperatorFeedback[]>
  reply(operator: Operator, id: string, reply: string): Promise<OperatorFeedback>
  /** The department closes it (open or answered) with a note the citizen reads; audited. */
  closeByOperator(operator: Operator, id: string, note: string): Promise<OperatorFeedback>
}

/** The citizen's list is their own history: long enough for years of use, bounded per request. */
const MY_LIST_LIMIT = 200

export function createFeedbackService({ db, clock, audit }: { db: Kysely<Database>; clock: Clock; audit(event: AuditEvent): Promise<void> }): FeedbackService {
  const query = () =>
    db
      .selectFrom('feedback as f')
      .leftJoin('service_items as s', 's.code', 'f.item_code')
      .leftJoin('citizens as c', 'c.id', 'f.citizen_id')
      .select([
        'f.id',
        'f.citizen_id',
        'f.account_id',
        'f.kind',
        'f.category',
        'f.text',
        'f.item_code',
        's.name as item_name',
        'f.search_query',
        'f.status',
        'f.reply',
        'f.replied_at',
        'f.closing_note',
        'f.closed_at',
        'f.created_at',
        'c.name as citizen_name',
      ])

  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>
  const view = (row: Row): Feedback => ({
    id: row.id,
    kind: row.kind,
    kindName: FEEDBACK_KINDS[row.kind],
    category: row.category as Feedback['category'],
    categoryName: FEEDBACK_CATEGORIES[row.category as Feedback['category']] ?? row.category,
    text: maskedText(row.text),
    itemCode: row.item_code,
    itemName: row.item_code === null ? null : (row.item_name ?? null),
    searchQuery: maskedText(row.search_query),
    status: row.status,
    statusName: FEEDBACK_STATUSES[row.status],
    reply: row.reply,
    repliedAt: row.replied_at,
    closingNote: maskedText(row.closing_note),
    closedAt: row.closed_at,
    createdAt: row.created_at,
  })
  const operatorView = (row: Row): OperatorFeedback => ({ ...view(row), citizenName: row.citizen_name === null ? null : maskName(row.citizen_name) })

  // Mine: written by this account, or by any account of this citizen.
  const mine = (writer: Writer) => (eb: ExpressionBuilder<Database & { f: Database['feedback'] }, 'f'>) =>
    writer.citizenId === null
      ? eb('f.account_id', '=', writer.accountId)
      : eb.or([eb('f.account_id', '=', writer.accountId), eb('f.citizen_id', '=', writer.citizenId)])

  const getMine = async (writer: Writer, id: string): Promise<Row> => {
    const row = await query().where('f.id', '=', id).where(mine(writer)).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', { message: '没有找到该留言，请返回“我的留言”刷新后重试' })
    return row
  }

  return {
    async create(writer, request) {
      const text = cleanText(request.text, 'body.text', { ...TEXT_LIMITS.feedbackText, multiline: true })
      const searchQuery = optionalText(request.searchQuery, 'body.searchQuery', TEXT_LIMITS.searchQuery)
      if (request.itemCode !== undefined) {
        const item = await db.selectFrom('service_items').select('code').where('code', '=', request.itemCode).where('status', '=', 'published').executeTakeFirst()
        if (!item) throw invalid('body.itemCode', 'a published service item', '所选事项不存在或已下线，请返回事项列表重新选择')
      }
      const now = clock().toISOString()
      const id = randomBytes(16).toString('base64url')
      await db
        .insertInto('feedback')
        .values({
          id,
          citizen_id: writer.citizenId,
          account_id: writer.accountId,
          kind: request.kind,
          category: request.category,
          text,
          item_code: request.itemCode ?? null,
          // What was searched for, like every stored search: personal numbers masked.
          search_query: searchQuery === null ? null : maskPersonalNumbers(searchQuery),
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .execute()
      return view(await getMine(writer, id))
    },

    async listMine(writer) {
      const rows = await query().where(mine(writer)).orderBy('f.created_at', 'desc').orderBy('f.id').limit(MY_LIST_LIMIT).execute()
      return rows.map(view)
    },

    async getMine(writer, id) {
      return view(await getMine(writer, id))
    },

    async close(writer, id) {
      const row = await getMine(writer, id)
      const result = await db
        .updateTable('feedback')
        .set({ status: 'closed', closed_at: clock().toISOString(), updated_at: clock().toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'answered')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) throw new AppError('FEEDBACK_NOT_CLOSABLE')
      return view(await getMine(writer, id))
    },

    async listForOperator(operator, status, limit) {
      const rows = await query().where('f.status', '=', status).orderBy('f.created_at').orderBy('f.id').limit(limit).execute()
      await audit({ event: 'feedback.list', operatorId: operator.operatorId, ip: operator.ip, detail: { status, count: rows.length } })
      return rows.map(operatorView)
    },

    async reply(operator, id, replyText) {
      const reply = cleanText(replyText, 'body.reply', { ...TEXT_LIMITS.reply, multiline: true })
      const now = clock().toISOString()
      const result = await db
        .updateTable('feedback')
        .set({ status: 'answered', reply, replied_by: operator.operatorId, replied_at: now, updated_at: now })
        .where('id', '=', id)
        // Only an open one: the reply is what the citizen was told, it is never replaced.
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await db.selectFrom('feedback').select('id').where('id', '=', id).executeTakeFirst()
        if (!exists) throw new AppError('NOT_FOUND', { message: '没有找到该留言，请刷新列表后重试' })
        throw new AppError('ALREADY_ANSWERED', { message: '该留言已经回复过，不能重复回复，请刷新列表查看' })
      }
      const row = await query().where('f.id', '=', id).executeTakeFirstOrThrow()
      await audit({ event: 'feedback.reply', operatorId: operator.operatorId, ip: operator.ip, detail: { feedbackId: id, kind: row.kind } })
      return operatorView(row)
    },

    async closeByOperator(operator, id, noteText) {
      const note = cleanText(noteText, 'body.note', { ...TEXT_LIMITS.reply, multiline: true })
      const now = clock().toISOString()
      const result = await db
        .updateTable('feedback')
        .set({ status: 'closed', closing_note: note, closed_by: operator.operatorId, closed_at: now, updated_at: now })
        .where('id', '=', id)
        // Open (settled another way) or answered (the citizen did not confirm): never twice.
        .where('status', 'in', ['open', 'answered'])
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await db.selectFrom('feedback').select('id').where('id', '=', id).executeTakeFirst()
        if (!exists) throw new AppError('NOT_FOUND', { message: '没有找到该留言，请刷新列表后重试' })
        throw new AppError('CONFLICT', { message: '该留言已经办结，不能重复办结，请刷新列表查看' })
      }
      const row = await query().where('f.id', '=', id).executeTakeFirstOrThrow()
      await audit({ event: 'feedback.close', operatorId: operator.operatorId, ip: operator.ip, detail: { feedbackId: id, kind: row.kind } })
      return operatorView(row)
    },
  }
}
