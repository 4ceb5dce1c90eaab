/**
 * Status changes after submission. The legal moves:
 *   reviewer: submitted → accepted | rejected, accepted → reviewing, reviewing → completed | denied;
 *             submitted | accepted | reviewing → supplement_requested (补正, naming what is missing)
 *   citizen:  submitted → withdrawn (before acceptance only);
 *             supplement_requested → the status it came from (已补正, with a note)
 * While 补正 waits the promised time limit does not run: on the citizen's answer the due day
 * moves on by the working days the wait took.
 * rejected / denied need a reason (2-500 characters), shown to the citizen.
 *
 * Each change is one conditional update (`where status = from`), its event and its
 * notification outbox rows, in one transaction: two reviewers acting at once cannot both
 * move an application, and a message exists exactly when its change does. Accepting starts
 * the countdown: accepted_at and due_on (time limit in working days after the acceptance
 * day; 0 = that day). Every final status sets finished_at.
 */
import { APPLICATION_STATUSES, FINAL_APPLICATION_STATUSES, type ApplicationStatus } from '../../src/contract/applications/data'
import { MAX_REASON_LENGTH, MAX_SUPPLEMENT_NOTE_LENGTH, MIN_REASON_LENGTH, MIN_SUPPLEMENT_NOTE_LENGTH } from '../../src/contract/applications/data'
import { AppError } from '../errors'
import { applicationPage, enqueueNotifications } from '../notifications/outbox'
import type { ApplicationsContext } from './context'
import { chineseDate, deadlineOf } from './deadline'
import { issueApplicationResult } from './result-issuing'
import type { ApplicationRow } from './store'
import { addWorkingDays, chinaDateOf, workingDaysBetween } from './working-days'

export const REVIEWER_TRANSITIONS: Readonly<Partial<Record<ApplicationStatus, readonly ApplicationStatus[]>>> = {
  submitted: ['accepted', 'rejected', 'supplement_requested', 'pre_review_passed'],
  accepted: ['reviewing', 'supplement_requested'],
  reviewing: ['completed', 'denied', 'supplement_requested'],
  // 在线预审 (pre-review.ts): 预审通过 only for items labelled 在线预审; 已到大厅 is recorded by the hall's scan, not a reviewer.
  visited: ['reviewing', 'completed', 'denied'],
}

/** 补正's items, trimmed, empty ones dropped, repeats once; required (at least one) for supplement_requested, refused otherwise. */
export function checkMissingItems(to: ApplicationStatus, items: readonly string[] | undefined): string[] | null {
  const cleaned = [...new Set((items ?? []).map((item) => item.trim()).filter((item) => item !== ''))]
  if (to !== 'supplement_requested') {
    if (items !== undefined) throw new AppError('VALIDATION_FAILED', { field: 'body.missingItems', rule: 'only for supplement_requested', message: '只有“补正”需要填写缺少的材料' })
    return null
  }
  if (cleaned.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'body.missingItems', rule: 'required', message: '“补正”必须写明缺少哪些材料或信息，申请人才知道要补什么' })
  return cleaned
}

/** The citizen's 已补正 note, trimmed: 2-500 characters. */
export function checkSupplementNote(note: string): string {
  const text = note.trim()
  const length = Array.from(text).length
  if (length < MIN_SUPPLEMENT_NOTE_LENGTH) throw new AppError('VALIDATION_FAILED', { field: 'body.note', rule: `minLength ${MIN_SUPPLEMENT_NOTE_LENGTH}`, message: `请简要说明补正了什么（至少 ${MIN_SUPPLEMENT_NOTE_LENGTH} 个字）` })
  if (length > MAX_SUPPLEMENT_NOTE_LENGTH) throw new AppError('VALIDATION_FAILED', { field: 'body.note', rule: `maxLength ${MAX_SUPPLEMENT_NOTE_LENGTH}`, message: `说明不能超过 ${MAX_SUPPLEMENT_NOTE_LENGTH} 个字` })
  return text
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
  options: { reason: string | null; actor: string; itemName: string; notify: boolean; missingItems?: readonly string[] },
): Promise<ApplicationRow> {
  const now = context.clock()
  const at = now.toISOString()
  const from = row.status
  const patch: Partial<ApplicationRow> = { status: to, updated_at: at }
  if (to === 'supplement_requested') {
    patch.supplement_items = JSON.stringify(options.missingItems ?? [])
    patch.supplement_from = from
    patch.supplement_requested_at = at
  }
  if (from === 'supplement_requested') {
    // The wait is not counted: the due day moves on by the working days it took.
    if (row.due_on && row.supplement_requested_at) {
      const paused = Math.max(0, workingDaysBetween(chinaDateOf(new Date(row.supplement_requested_at)), chinaDateOf(now)))
      patch.due_on = addWorkingDays(row.due_on, paused)
    }
    patch.supplement_items = null
    patch.supplement_from = null
    patch.supplement_requested_at = null
  }
  // Back to accepted after 补正 is no new acceptance: the countdown resumes (below).
  if (to === 'accepted' && from !== 'supplement_requested') {
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
    // 办结 delivers the result in the same transaction: completed ⇔ issued, once (results/issue.ts).
    if (to === 'completed' && context.resultIssuer) await issueApplicationResult(trx, context.resultIssuer, updated, now)
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
  for (const listener of context.statusListeners ?? []) await listener(updated, from)
  return updated
}
