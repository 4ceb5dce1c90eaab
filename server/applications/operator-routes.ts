import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { ApplicationParamsSchema, OperatorApplicationPageSchema, OperatorApplicationQuerySchema, OperatorApplicationSchema, TransitionRequestSchema, type OperatorApplication, type OperatorDueFilter } from '../../src/contract/applications/schemas'
import { APPLICATION_AUDIT_EVENTS, type ApplicationsContext } from './context'
import { itemNames } from './items'
import type { ApplicationRow, QueueFilter } from './store'
import { addWorkingDays, chinaDateOf } from './working-days'
import { REVIEWER_TRANSITIONS, changeStatus, checkMissingItems, checkReason, statusConflict } from './transitions'
import { toDetail } from './views'
import { auditSource } from '../plugins/audit'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { maskIdNumber, maskName } from '../privacy/masking'
import { applicationNotFound } from './routes'
import { checkPreReviewItem, PRE_REVIEW_PASSED_NOTE } from './pre-review'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface OperatorApplicationRoutesOptions {
  applications: ApplicationsContext
}

const REVIEWER_ONLY = '只有审核人员可以办理申请'

/**
 * The due days a deadline filter means, counted on the working calendar as the countdown is:
 * overdue = due before today (today is still in time, as the countdown words say);
 * within1 = due today or on the next working day.
 */
function dueRange(due: OperatorDueFilter, now: Date): QueueFilter['due'] {
  const today = chinaDateOf(now)
  return due === 'overdue' ? { before: today } : { from: today, to: addWorkingDays(today, 1) }
}

/** Who acted, for the event row: the operator's id (never shown to the citizen). */
function actorOf(request: FastifyRequest): string {
  return operatorOf(request).id
}

/** Reviewers (role 'reviewer') move applications along; everything they see is masked and every call is audited. */
export const operatorApplicationRoutes: FastifyPluginAsyncTypebox<OperatorApplicationRoutesOptions> = async (app, { applications }) => {
  noStore(app)
  const reviewer = requireRole(app, 'reviewer', REVIEWER_ONLY)

  const views = async (rows: readonly ApplicationRow[]): Promise<OperatorApplication[]> => {
    const [names, events, citizens] = await Promise.all([
      itemNames(applications.db, rows.map((row) => row.item_code)),
      applications.store.events(rows.map((row) => row.id)),
      rows.length === 0
        ? Promise.resolve([])
        : applications.db.selectFrom('citizens').select(['id', 'name', 'id_number_encrypted']).where('id', 'in', [...new Set(rows.map((row) => row.citizen_id))]).execute(),
    ])
    const applicants = new Map(citizens.map((citizen) => [citizen.id, { name: maskName(citizen.name), idNumber: maskIdNumber(applications.crypto.decrypt(citizen.id_number_encrypted)) }]))
    const now = applications.clock()
    return rows.map((row) => ({
      ...toDetail(row, names.get(row.item_code) ?? { name: row.item_code, department: '' }, events.get(row.id) ?? [], applications.crypto, now),
      applicant: applicants.get(row.citizen_id) ?? { name: '*', idNumber: '*' },
    }))
  }

  app.get(
    '/api/operator/applications',
    {
      preHandler: reviewer,
      schema: {
        summary:
          'Applications to review, oldest first, narrowed by status, service (item code), department and due (overdue | within1: due today or on the next working day); applicant and values masked. Audited',
        tags: ['applications', 'operator'],
        querystring: OperatorApplicationQuerySchema,
        response: withErrors(OperatorApplicationPageSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { status, service, department, due, page = 1, pageSize = 20 } = request.query
      const filter = { status, itemCode: service, department: department?.trim() || undefined, due: due && dueRange(due, applications.clock()) }
      const { rows, total } = await applications.store.page(filter, page, pageSize)
      await app.audit({
        event: APPLICATION_AUDIT_EVENTS.operatorList,
        ...auditSource(request),
        detail: { status: status ?? 'all', ...(service ? { service } : {}), ...(filter.department ? { department: filter.department } : {}), ...(due ? { due } : {}), page, shown: rows.length },
      })
      return { items: await views(rows), page, pageSize, total }
    },
  )

  app.post(
    '/api/operator/applications/:id/transition',
    {
      preHandler: reviewer,
      schema: {
        summary:
          'Moves an application on: submitted→accepted|rejected, accepted→reviewing, reviewing→completed|denied (rejected/denied need a reason, 2-500 characters); submitted|accepted|reviewing→supplement_requested (补正) needs missingItems; anything else 409 APPLICATION_STATUS_CONFLICT. Notifies the citizen; audited',
        tags: ['applications', 'operator'],
        params: ApplicationParamsSchema,
        body: TransitionRequestSchema,
        response: withErrors(OperatorApplicationSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const row = await applications.store.findById(request.params.id)
      if (!row) throw applicationNotFound()
      const { to } = request.body
      if (!(REVIEWER_TRANSITIONS[row.status] ?? []).includes(to)) {
        await app.audit({ event: APPLICATION_AUDIT_EVENTS.transition, outcome: 'failure', ...auditSource(request), detail: { applicationId: row.id, from: row.status, to } })
        throw statusConflict(row.status, to)
      }
      if (to === 'pre_review_passed') await checkPreReviewItem(applications.db, row.item_code)
      const missingItems = checkMissingItems(to, request.body.missingItems)
      // 补正: what is missing is what the citizen is told (the note, the notification, the timeline).
      const checked = missingItems ? `需要补正：${missingItems.join('；')}${request.body.reason?.trim() ? `（${request.body.reason.trim()}）` : ''}` : checkReason(to, request.body.reason)
      // 预审通过 always tells the citizen the next step (the timeline and the message say it).
      const reason = to === 'pre_review_passed' ? `${PRE_REVIEW_PASSED_NOTE}${checked ? `（${checked}）` : ''}` : checked
      const names = await itemNames(applications.db, [row.item_code])
      const updated = await changeStatus(applications, row, to, {
        reason,
        actor: actorOf(request),
        itemName: names.get(row.item_code)?.name ?? row.item_code,
        notify: true,
        ...(missingItems ? { missingItems } : {}),
      })
      await app.audit({
        event: APPLICATION_AUDIT_EVENTS.transition,
        ...auditSource(request),
        citizenId: row.citizen_id,
        detail: { applicationId: row.id, number: row.number, from: row.status, to, reason },
      })
      const [view] = await views([updated])
      return view!
    },
  )
}
