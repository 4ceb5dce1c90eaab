import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { ImportRejectedSchema, ImportResultSchema, ServiceImportBodySchema, ServiceParamsSchema, ServiceStatusChangeSchema } from '../../src/contract/services/schemas'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import type { Editor } from './catalogue'
import type { ServiceRoutesOptions } from './routes'

const CONTENT_EDITOR = 'content_editor'
const FORBIDDEN_MESSAGE = '仅内容编辑（content_editor）可以维护事项目录'
// 2 000 items with full guides run to a few MB; the default 1 MiB would refuse them.
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024

/** Content editors import, publish and retire items; every change is audited. */
export const operatorServiceRoutes: FastifyPluginAsyncTypebox<ServiceRoutesOptions> = async (app, { catalogue }) => {
  noStore(app)
  const editor = requireRole(app, CONTENT_EDITOR, FORBIDDEN_MESSAGE)

  app.post(
    '/api/operator/services/import',
    {
      preHandler: editor,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        summary: 'Imports items by code (content_editor role): every item is checked, all or nothing; 422 lists every bad field by item code. Audited',
        tags: ['operator'],
        body: ServiceImportBodySchema,
        response: { ...withErrors(ImportResultSchema, [400, 401, 403, 413]), 422: ImportRejectedSchema },
      },
    },
    async (request, reply) => {
      const outcome = await catalogue.importItems(request.body, editorOf(request))
      if (!outcome.ok) return reply.code(422).send(outcome.rejected)
      return outcome.result
    },
  )

  for (const [action, status] of [
    ['publish', 'published'],
    ['retire', 'retired'],
  ] as const) {
    app.post(
      `/api/operator/services/:code/${action}`,
      {
        preHandler: editor,
        schema: {
          summary: `${action === 'publish' ? 'Publishes an item (citizens see it)' : 'Retires an item (citizens no longer see it)'} (content_editor role). Audited`,
          tags: ['operator'],
          params: ServiceParamsSchema,
          response: withErrors(ServiceStatusChangeSchema, [400, 401, 403, 404]),
        },
      },
      async (request) => {
        const change = await catalogue.changeStatus(request.params.code, status, editorOf(request))
        if (!change) throw new AppError('NOT_FOUND', { message: '没有这个事项编码，请核对后重试' })
        return change
      },
    )
  }
}

function editorOf(request: FastifyRequest): Editor {
  return { operatorId: operatorOf(request).id, ip: request.ip, via: 'api' }
}
