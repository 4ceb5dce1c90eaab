import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApplicationParamsSchema } from '../../src/contract/applications/schemas'
import { ApplicationResultSchema, DeliveryChoiceSchema, DownloadLinkSchema, DownloadParamsSchema, DownloadQuerySchema, IssuedResultSchema, ResultListSchema, ResultParamsSchema } from '../../src/contract/results/schemas'
import { citizenIdOf } from '../certificates/access'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import type { ResultsService } from './service'

export interface ResultRoutesOptions {
  service: ResultsService
}

export const RESULT_AUDIT_EVENTS = {
  download: 'result.download_link',
  delivery: 'result.delivery',
  tracking: 'result.tracking',
  payout: 'result.payout',
  verify: 'result.verify',
} as const

/**
 * 我的证明 and an application's 办理结果: a proven citizen (level 4) reads only their own
 * results (another's is 404), gets a short-lived link to a proof's PDF, and chooses how a
 * physical result reaches them. The PDF behind a link needs no session: the link's signature
 * is the permission (a mini program's downloadFile and an H5 link carry no bearer token).
 */
export const resultRoutes: FastifyPluginAsyncTypebox<ResultRoutesOptions> = async (app, { service }) => {
  noStore(app)

  app.get(
    '/api/results',
    {
      preHandler: app.requireLevel(4),
      schema: { summary: '我的证明: every result delivered to the caller, newest first (proofs with their status, money, physical results)', tags: ['results'], response: withErrors(ResultListSchema, [401, 403]) },
    },
    async (request) => ({ items: await service.list(citizenIdOf(identityOf(request))) }),
  )

  app.get(
    '/api/results/:id',
    {
      preHandler: app.requireLevel(4),
      schema: { summary: "One of the caller's results; another citizen's is 404", tags: ['results'], params: ResultParamsSchema, response: withErrors(IssuedResultSchema, [400, 401, 403, 404]) },
    },
    async (request) => service.get(citizenIdOf(identityOf(request)), request.params.id),
  )

  app.get(
    '/api/applications/:id/result',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The result of one of the caller's applications: null until it is 办结 (or when its item delivers nothing online); another citizen's application is 404",
        tags: ['results', 'applications'],
        params: ApplicationParamsSchema,
        response: withErrors(ApplicationResultSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const citizenId = citizenIdOf(identityOf(request))
      const owned = await app.db.selectFrom('applications').select('id').where('id', '=', request.params.id).where('citizen_id', '=', citizenId).executeTakeFirst()
      if (!owned) throw new AppError('NOT_FOUND', { message: '没有找到该申请，请返回“我的办件”刷新后重试' })
      return { result: await service.forApplication(owned.id) }
    },
  )

  app.post(
    '/api/results/:id/download-link',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "A signed link to the proof's PDF, valid for 5 minutes (downloadFile on the mini programs, a link on H5); 409 for a result that is no proof. Audited",
        tags: ['results'],
        params: ResultParamsSchema,
        response: withErrors(DownloadLinkSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const link = await service.downloadLink(citizenIdOf(identityOf(request)), request.params.id)
      await app.audit({ event: RESULT_AUDIT_EVENTS.download, ...auditSource(request), detail: { resultId: request.params.id } })
      return link
    },
  )

  app.get(
    '/api/results/:id/pdf',
    {
      // A file / PDF / the HTML proof page a browser renders: the document security headers.
      config: { securityHeaders: 'document' },
      schema: {
        summary: 'The PDF of an issued proof behind a signed, short-lived link (no session: the signature is the permission); a wrong or expired link is 404',
        tags: ['results'],
        params: DownloadParamsSchema,
        querystring: DownloadQuerySchema,
        // No `produces`: it would move the error answers (JSON) under application/pdf in the document.
        response: withErrors(Type.Unknown({ description: 'The proof as application/pdf' }), [400, 404]),
      },
    },
    async (request, reply) => {
      const { bytes, fileName } = await service.pdf(request.params.id, request.query.e, request.query.s)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="proof.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes)
    },
  )

  app.post(
    '/api/results/:id/delivery',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'How a physical result reaches the caller: EMS (recipient, mobile, address; stored encrypted, answered masked) or the counter. 409 once posted. Audited',
        tags: ['results'],
        params: ResultParamsSchema,
        body: DeliveryChoiceSchema,
        response: withErrors(IssuedResultSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const result = await service.chooseDelivery(citizenIdOf(identityOf(request)), request.params.id, request.body)
      await app.audit({ event: RESULT_AUDIT_EVENTS.delivery, ...auditSource(request), detail: { resultId: request.params.id, method: request.body.method } })
      return result
    },
  )

}
