import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApplicationParamsSchema, OperatorApplicationSchema } from '../../src/contract/applications/schemas'
import { ApplicationRevealRequestSchema, ApplicationRevealSchema } from '../../src/contract/console/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { requireRole } from '../plugins/require-role'
import { maskIdNumber, maskName } from '../privacy/masking'
import type { ApplicationsContext } from './context'
import { recordCertificateReads } from './certificate-reads'
import { itemNames } from './items'
import { toDetail } from './views'
import { applicationSubmittedBy } from '../delegations/acted-by'

export interface OperatorDetailRoutesOptions {
  applications: ApplicationsContext
}

/** Every opening of one application by a reviewer is audited, like the queue; every full value too. */
export const APPLICATION_DETAIL_AUDIT_EVENT = 'application.operator_view'
export const APPLICATION_REVEAL_AUDIT_EVENT = 'application.operator_reveal'

interface StoredValue {
  key: string
  label: string
  value: string | number
}

/**
 * The stored form's fields (as ./views.ts reads them: a list of fields, or, before labels were
 * kept, a plain key → value object).
 */
function storedFields(json: string): StoredValue[] {
  const parsed = JSON.parse(json) as { fields?: StoredValue[] } | Record<string, string | number>
  if (Array.isArray(parsed.fields)) return parsed.fields
  return Object.entries(parsed as Record<string, string | number>).map(([key, value]) => ({ key, label: key, value }))
}

/**
 * GET /api/operator/applications/:id: the console's detail drawer (reviewer): the applicant
 * masked, the form values masked exactly as the citizen API masks them, materials and the
 * timeline. Audited. POST …/:id/reveal: one value in full, audited before it is answered.
 */
export const operatorApplicationDetailRoutes: FastifyPluginAsyncTypebox<OperatorDetailRoutesOptions> = async (app, { applications }) => {
  noStore(app)

  app.get(
    '/api/operator/applications/:id',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/applications/:id'], '只有审核人员可以办理申请'),
      schema: {
        summary: 'One application for review (reviewer): applicant and form values masked, materials, timeline. Audited',
        tags: ['applications', 'operator'],
        params: ApplicationParamsSchema,
        response: withErrors(OperatorApplicationSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const row = await applications.store.findById(request.params.id)
      if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这件申请' })
      const [names, events, citizen] = await Promise.all([
        itemNames(applications.db, [row.item_code]),
        applications.store.events([row.id]),
        applications.db.selectFrom('citizens').select(['name', 'id_number_encrypted']).where('id', '=', row.citizen_id).executeTakeFirst(),
      ])
      await app.audit({ event: APPLICATION_DETAIL_AUDIT_EVENT, ...auditSource(request), citizenId: row.citizen_id, detail: { applicationId: row.id, number: row.number } })
      const item = names.get(row.item_code) ?? { name: row.item_code, department: '' }
      // The department now reads the attached e-certificates: the holder's 用证记录 shows it.
      await recordCertificateReads(applications.db, applications.clock, row, item)
      const submittedBy = await applicationSubmittedBy(applications.db, row.id)
      return {
        ...toDetail(row, item, events.get(row.id) ?? [], applications.crypto, applications.clock()),
        ...(submittedBy ? { submittedBy } : {}),
        applicant: citizen ? { name: maskName(citizen.name), idNumber: maskIdNumber(applications.crypto.decrypt(citizen.id_number_encrypted)) } : { name: '*', idNumber: '*' },
      }
    },
  )

  app.post(
    '/api/operator/applications/:id/reveal',
    {
      preHandler: [requireRole(app, CONSOLE_ACCESS['POST /api/operator/applications/:id/reveal'], '只有审核人员可以查看完整信息'), app.rateLimits.reveal],
      schema: {
        summary:
          "One form value of an application in full (reviewer), e.g. to check an ID number against the materials: audited (application.operator_reveal) before it is answered, rate-limited like the citizen's reveal",
        tags: ['applications', 'operator'],
        params: ApplicationParamsSchema,
        body: ApplicationRevealRequestSchema,
        response: withErrors(ApplicationRevealSchema, [400, 401, 403, 404, 429]),
      },
    },
    async (request) => {
      const row = await applications.store.findById(request.params.id)
      if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这件申请' })
      const field = storedFields(applications.crypto.decrypt(row.form_encrypted)).find((candidate) => candidate.key === request.body.key)
      const detail = { applicationId: row.id, number: row.number, field: request.body.key }
      if (!field) {
        await app.audit({ event: APPLICATION_REVEAL_AUDIT_EVENT, outcome: 'failure', ...auditSource(request), citizenId: row.citizen_id, detail })
        throw new AppError('NOT_FOUND', { message: '这件申请的表单中没有这一项', field: 'body.key' })
      }
      // Logged before answering: a value whose reading cannot be audited is not shown.
      await app.audit({ event: APPLICATION_REVEAL_AUDIT_EVENT, ...auditSource(request), citizenId: row.citizen_id, detail })
      return { key: field.key, label: field.label, value: field.value }
    },
  )
}
