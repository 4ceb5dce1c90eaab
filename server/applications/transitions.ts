/**
 * Status changes after submission. The legal moves:
 *   reviewer: submitted → accepted | rejected, accepted → reviewing, reviewing → completed | denied
 *   citizen:  submitted → withdrawn (before acceptance only)
 * rejected / denied need a reason (2-500 characters), shown to the citizen.
 *
 * Each change is one conditional update (`where status = from`), its event and its
 * notification outbox rows, in one transaction: two reviewers acting at once cannot both
 * move an application, and a message exists exactly when its change does. Accepting starts
 * the countdown: accepted_at and due_on (time limit in working days after the acceptance
 * day; 0 = that day). Every final status sets finished_at.
 */
import { APPLICATION_STATUSES, FINAL_APPLICATION_STATUSES, type ApplicationStatus } from '../../src/contract/applications/data'
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from '../../src/contract/applications/data'
import { AppError } from '../errors'
import { applicationPage, enqueueNotifications } from '../notifications/outbox'
import type { ApplicationsContext } from './context'
import { chineseDate, deadlineOf } from './deadline'
import type { ApplicationRow } from './store'
import { addWorkingDays, chinaDateOf } from './working-days'

export const REVIEWER_TRANSITIONS: Readonly<Partial<Record<ApplicationStatus, readonly ApplicationStatus[]>>> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['reviewing'],
  reviewing: ['completed', 'denied'],
}

const REASON_REQUIRED: readonly ApplicationStatus[] = ['rejected', 'denied']

export function statusConflict(from: ApplicationStatus, to: ApplicationStatus, message?: string): AppError {
  return new AppError('APPLICATION_STATUS_CONFLICT', {
    field: 'body.to',
    rule: `${from} → ${to} not allowed`,
    message: message ?? `申请当前为“${APPLICATION_STATUSES[from]}”，不能改为“${APPLICATION_STATUSES[to]}”`,
  })
}

/** The reason, trimmed; required (2-500 characters) for refusals, optional otherwise. */
export function checkReason(to: ApplicationStatus, reason: string | undefined): string | null {
  const text = reason?.trim() ?? ''
  if (REASON_REQUIRED.includes(to)) {
    if (text === '') throw new AppError('VALIDATION_FAILED', { field: 'body.reason', rule: 'required', message: `“${APPLICATION_STATUSES[to]}”必须填写原因，告诉申请人为什么以及怎么办` })
    if (Array.from(text).length < MIN_REASON_LENGTH) throw new AppError('VALIDATION_FAILED', { field: 'body.reason', rule: `minLength ${MIN_REASON_LENGTH}`, message: `原因至少 ${MIN_REASON_LENGTH} 个字` })
  }
  if (Array.from(text).length > MAX_REASON_LENGTH) throw new AppError('VALIDATION_FAILED', { field: 'body.reason', rule: `maxLength ${MAX_REASON_LENGTH}`, message: `原因不能超过 ${MAX_REASON_LENGTH} 个字` })
  return text === '' ? null : text
}

function noteFor(to: ApplicationStatus, reason: string | null, row: ApplicationRow, now: Date): string {
  if (reason) return reason
  if (to === 'accepted' || to === 'reviewing') {
    return deadlineOf({ status: to, timeLimitDays: Number(row.time_limit_days), dueOn: row.due_on, finishedAt: null }, now).deadlineText
  }
  if (to === 'completed') return `已于 ${chineseDate(now)} 办结`
  return `受理编号 ${row.number}`
}

/**
 * Moves `row` from its current status to `to` (legality checked by the caller); throws
 * APPLICATION_STATUS_CONFLICT when someone else moved it first. Returns the updated row.
 */
export async function changeStatus(
  context: ApplicationsContext,
  row: ApplicationRow,
  to: ApplicationStatus,
  options: { reason: string | null; actor: string; itemName: string; notify: boolean },
): Promise<ApplicationRow> {
  const now = context.clock()
  const at = now.toISOString()
  const from = row.status
  const patch: Partial<ApplicationRow> = { status: to, updated_at: at }
  if (to === 'accepted') {
    patch.accepted_at = at
    patch.due_on = addWorkingDays(chinaDateOf(now), Number(row.time_limit_days))
  }
  if (FINAL_APPLICATION_STATUSES.includes(to)) patch.finished_at = at
  const updated: ApplicationRow = { ...row, ...patch }

  await context.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('applications').set(patch).where('id', '=', row.id).where('status', '=', from).executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) {
      throw statusConflict(from, to, `申请的办理状态已被他人更新，不能从“${APPLICATION_STATUSES[from]}”改为“${APPLICATION_STATUSES[to]}”，请刷新后查看`)
    }
    await trx.insertInto('application_events').values({ application_id: row.id, status: to, reason: options.reason, actor: options.actor, at }).execute()
    if (options.notify) {
      await enqueueNotifications(trx, {
        applicationId: row.id,
        citizenId: row.citizen_id,
        templateKey: 'application_status',
        templateIds: context.templateIds,
        now,
        payload: {
          applicationNumber: row.number,
          itemName: options.itemName,
          statusName: APPLICATION_STATUSES[to],
          at,
          note: noteFor(to, options.reason, updated, now),
          page: applicationPage(row.id),
        },
      })
    }
  })
  return updated
}
