import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NoticeCreateSchema, NoticeIdParamsSchema, OperatorNoticeListSchema, OperatorNoticeQuerySchema, OperatorNoticeSchema } from '../../src/contract/operators/schemas'
import { AppError } from '../errors'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import type { NoticePublishing } from './publishing'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface OperatorNoticeRoutesOptions {
  publishing: NoticePublishing
}

const FORBIDDEN_MESSAGE = '仅内容编辑可以发布或撤下公告'

/** Content editors list (retired ones too), publish and retire notices; changes audited with the operator's id. */
export const operatorNoticeRoutes: FastifyPluginAsyncTypebox<OperatorNoticeRoutesOptions> = async (app, { publishing }) => {
  noStore(app)
  const editor = requireRole(app, 'content_editor', FORBIDDEN_MESSAGE)

  app.get(
    '/api/operator/notices',
    {
      preHandler: editor,
      schema: {
        summary: 'Every notice, published and retired (or only `status`), newest first (content_editor role)',
        tags: ['operators'],
        querystring: OperatorNoticeQuerySchema,
        response: withErrors(OperatorNoticeListSchema, [400, 401, 403]),
      },
    },
    async (request) => ({ items: await publishing.list(request.query.status, request.query.limit ?? 100) }),
  )

  app.post(
    '/api/operator/notices',
    {
      preHandler: editor,
      schema: {
        summary: 'Publishes a new notice now (content_editor role); audited',
        tags: ['operators'],
        body: NoticeCreateSchema,
        response: withErrors(OperatorNoticeSchema, [400, 401, 403], 201),
      },
    },
    async (request, reply) => {
      for (const field of ['title', 'summary', 'body', 'department'] as const) {
        if (!request.body[field].trim()) throw new AppError('VALIDATION_FAILED', { message: '内容不能为空', field: `body.${field}`, rule: 'not blank' })
      }
      const notice = await publishing.publish(request.body, { operatorId: operatorOf(request).id, ip: request.ip })
      return reply.code(201).send(notice)
    },
  )

  app.post(
    '/api/operator/notices/:id/retire',
    {
      preHandler: editor,
      schema: {
        summary: 'Retires a notice: no longer listed or shown to citizens, kept for the record (content_editor role); audited',
        tags: ['operators'],
        params: NoticeIdParamsSchema,
        response: withErrors(OperatorNoticeSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const notice = await publishing.retire(request.params.id, { operatorId: operatorOf(request).id, ip: request.ip })
      if (!notice) throw new AppError('NOT_FOUND', { message: '没有找到这条公告，请刷新列表后重试' })
      return notice
    },
  )
}
