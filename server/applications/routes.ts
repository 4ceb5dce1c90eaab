import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApplicationDetailSchema, ApplicationFormParamsSchema, ApplicationFormSchema, ApplicationPageQuerySchema, ApplicationPageSchema, ApplicationParamsSchema, SubmitApplicationRequestSchema, SupplementAnswerSchema, SubmitHeadersSchema, type ApplicationDetail } from '../../src/contract/applications/schemas'
import { APPLICATION_STATUSES } from '../../src/contract/applications/data'
import { recordApplicationStart } from '../analytics/application-starts'
import { emitActivity } from '../live/activity'
import { APPLICATION_AUDIT_EVENTS, type ApplicationsContext } from './context'
import { buildForm } from './form'
import { itemNames, loadOnlineItem } from './items'
import { submitApplication } from './submit'
import { applyReplacements, checkReplacements } from './supplement-materials'
import { changeStatus, checkSupplementNote, statusConflict } from './transitions'
import { toDetail, toSummary } from './views'
import { citizenIdOf } from '../certificates/access'
import { actedByWords } from '../../src/contract/delegations/data'
import { applicationSubmittedBy } from '../delegations/acted-by'
import { AppError } from '../errors'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface ApplicationRoutesOptions {
  applications: ApplicationsContext
}

export function applicationNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到该申请，请返回“我的办件”刷新后重试' })
}

/** Citizens' online applications: the prefilled form, submit, my applications, withdraw. */
export const applicationRoutes: FastifyPluginAsyncTypebox<ApplicationRoutesOptions> = async (app, { applications }) => {
  noStore(app)

  const detailOf = async (id: string, citizenId: string): Promise<ApplicationDetail> => {
    const row = await applications.store.findForCitizen(citizenId, id)
    if (!row) throw applicationNotFound()
    const [names, events] = await Promise.all([itemNames(applications.db, [row.item_code]), applications.store.events([row.id])])
    const item = names.get(row.item_code) ?? { name: row.item_code, department: '' }
    const submittedBy = await applicationSubmittedBy(applications.db, row.id)
    return { ...toDetail(row, item, events.get(row.id) ?? [], applications.crypto, applications.clock()), ...(submittedBy ? { submittedBy } : {}) }
  }

  app.get(
    '/api/services/:code/application-form',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "A 全程网办 item's form, prefilled from the citizen's own records (masked, with sources), and how each material is provided",
        tags: ['applications'],
        params: ApplicationFormParamsSchema,
        response: withErrors(ApplicationFormSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const identity = identityOf(request)
      const item = await loadOnlineItem(applications.db, request.params.code)
      const form = await buildForm(applications, item, citizenIdOf(identity))
      await app.audit({
        event: APPLICATION_AUDIT_EVENTS.prefill,
        ...auditSource(request),
        detail: { itemCode: item.code, prefilled: form.fields.filter((field) => field.value !== undefined).map((field) => field.key).join(',') },
      })
      await recordApplicationStart(applications.db, { itemCode: item.code, citizenId: citizenIdOf(identity), accountId: identity.account.id, at: applications.clock() })
      return form
    },
  )

  app.post(
    '/api/applications',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          'Submits an application; the Idempotency-Key header makes retries safe: 201 created, 200 the same application for a replay, 422 IDEMPOTENCY_KEY_REUSED for another body',
        tags: ['applications'],
        headers: SubmitHeadersSchema,
        body: SubmitApplicationRequestSchema,
        response: { ...withErrors(ApplicationDetailSchema, [400, 401, 403, 404, 409, 422], 201), 200: ApplicationDetailSchema },
      },
    },
    async (request, reply) => {
      const result = await submitApplication(applications, identityOf(request), request.headers['idempotency-key'], request.body, request.ip)
      if (!result.created) void reply.header('idempotent-replayed', 'true')
      // A replay is the same submission: only a new one is activity.
      else emitActivity(applications.db, { kind: 'application_submit', serviceCode: result.application.itemCode, at: applications.clock() })
      // As delegate (亲情代办): the answer already names who submitted it (the act is recorded as the reply leaves).
      const submittedBy = request.delegation ? actedByWords(request.delegation.helperMaskedName, '代办') : undefined
      return reply.code(result.created ? 201 : 200).send(submittedBy ? { ...result.application, submittedBy } : result.application)
    },
  )

  app.get(
    '/api/applications',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The citizen's applications, newest first, with status and working-day countdown",
        tags: ['applications'],
        querystring: ApplicationPageQuerySchema,
        response: withErrors(ApplicationPageSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query
      const { rows, total } = await applications.store.pageForCitizen(citizenIdOf(identityOf(request)), page, pageSize)
      const names = await itemNames(applications.db, rows.map((row) => row.item_code))
      const now = applications.clock()
      return { items: rows.map((row) => toSummary(row, names.get(row.item_code)?.name ?? row.item_code, now)), page, pageSize, total }
    },
  )

  app.get(
    '/api/applications/:id',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "One of the citizen's applications: timeline, promised limit, due date and working days left, masked values; another citizen's is 404",
        tags: ['applications'],
        params: ApplicationParamsSchema,
        response: withErrors(ApplicationDetailSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => detailOf(request.params.id, citizenIdOf(identityOf(request))),
  )

  app.post(
    '/api/applications/:id/withdraw',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Withdraws an application before it is accepted (409 APPLICATION_STATUS_CONFLICT afterwards). Audited',
        tags: ['applications'],
        params: ApplicationParamsSchema,
        response: withErrors(ApplicationDetailSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const identity = identityOf(request)
      const citizenId = citizenIdOf(identity)
      const row = await applications.store.findForCitizen(citizenId, request.params.id)
      if (!row) throw applicationNotFound()
      if (row.status !== 'submitted') {
        throw statusConflict(row.status, 'withdrawn', `申请已${APPLICATION_STATUSES[row.status]}，只有受理前的申请可以撤回；如需撤销请联系办理部门`)
      }
      const names = await itemNames(applications.db, [row.item_code])
      // The citizen made this change: no message about it.
      await changeStatus(applications, row, 'withdrawn', { reason: null, actor: 'citizen', itemName: names.get(row.item_code)?.name ?? row.item_code, notify: false })
      await app.audit({ event: APPLICATION_AUDIT_EVENTS.withdraw, ...auditSource(request), detail: { applicationId: row.id, number: row.number } })
      return detailOf(row.id, citizenId)
    },
  )

  app.post(
    '/api/applications/:id/supplement',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          '已补正: the citizen answers a 补正 with a note (2-500 characters); the application returns to the status it came from and to the reviewer queue, the time limit runs again (moved on by the working days the wait took). Only while supplement_requested (else 409 APPLICATION_STATUS_CONFLICT). Audited',
        tags: ['applications'],
        params: ApplicationParamsSchema,
        body: SupplementAnswerSchema,
        response: withErrors(ApplicationDetailSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const citizenId = citizenIdOf(identityOf(request))
      const row = await applications.store.findForCitizen(citizenId, request.params.id)
      if (!row) throw applicationNotFound()
      const back = row.supplement_from
      if (row.status !== 'supplement_requested' || !back) {
        throw statusConflict(row.status, back ?? 'submitted', `申请当前为“${APPLICATION_STATUSES[row.status]}”，没有需要补正的内容，请刷新后查看`)
      }
      const note = checkSupplementNote(request.body.note)
      // The materials the 补正 names are replaced by new uploads, and only those (./supplement-materials.ts).
      const replacements = await checkReplacements(applications, row, request.body)
      await applyReplacements(applications, row, replacements)
      const names = await itemNames(applications.db, [row.item_code])
      // The citizen made this change: no message to them; the reviewer finds it back in the queue.
      await changeStatus(applications, row, back, { reason: `已补正：${note}`, actor: 'citizen', itemName: names.get(row.item_code)?.name ?? row.item_code, notify: false })
      await app.audit({ event: APPLICATION_AUDIT_EVENTS.supplement, ...auditSource(request), detail: { applicationId: row.id, number: row.number, to: back, replaced: [...replacements.keys()].join(',') } })
      return detailOf(row.id, citizenId)
    },
  )
}
