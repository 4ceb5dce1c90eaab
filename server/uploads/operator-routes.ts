import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApplicationParamsSchema } from '../../src/contract/applications/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import { OperatorUploadListSchema, type OperatorUpload } from '../../src/contract/uploads/schemas'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { UPLOAD_AUDIT_EVENTS, type UploadsContext } from './context'
import { toUploadView } from './uploads'

export interface OperatorUploadRoutesOptions {
  uploads: UploadsContext
}

/**
 * The reviewing department's view of an application's uploaded materials: every version
 * (a 补正 replacement beside the one it replaced), each with a signed link made for this
 * operator. Listing is audited; each read through a link is audited again (upload.read).
 */
export const operatorUploadRoutes: FastifyPluginAsyncTypebox<OperatorUploadRoutesOptions> = async (app, { uploads }) => {
  noStore(app)

  app.get(
    '/api/operator/applications/:id/uploads',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/applications/:id/uploads'], '只有审核人员可以查看申请材料'),
      schema: {
        summary: "An application's uploaded materials for review (reviewer): every version, old and new, each with a short-lived signed link. Audited",
        tags: ['uploads', 'operator'],
        params: ApplicationParamsSchema,
        response: withErrors(OperatorUploadListSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const application = await uploads.db.selectFrom('applications').select('id').where('id', '=', request.params.id).executeTakeFirst()
      if (!application) throw new AppError('NOT_FOUND', { message: '没有找到这件申请' })
      const rows = await uploads.store.forApplication(application.id)
      const now = uploads.clock()
      const operator = operatorOf(request)
      await app.audit({ event: UPLOAD_AUDIT_EVENTS.operatorList, ...auditSource(request), detail: { applicationId: application.id, count: rows.length } })
      return {
        items: rows.map((row): OperatorUpload => {
          const purged = row.purged_at !== null
          return {
            ...toUploadView(row),
            current: row.superseded_at === null,
            ...(row.superseded_at ? { supersededAt: row.superseded_at } : {}),
            purged,
            ...(purged ? {} : { link: uploads.links.create(row.id, { kind: 'operator', id: operator.id }, now) }),
          }
        }),
      }
    },
  )
}
