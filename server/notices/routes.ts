import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  NoticeDetailSchema,
  NoticeListQuerySchema,
  NoticeListSchema,
  NoticeParamsSchema,
} from '../../src/contract/schemas'
import { AppError } from '../errors'
import type { NoticesRepository } from './repository'
import { withErrors } from '../http/with-errors'

export interface NoticeRoutesOptions {
  notices: NoticesRepository
}

const DEFAULT_LIMIT = 5

export const noticeRoutes: FastifyPluginAsyncTypebox<NoticeRoutesOptions> = async (app, { notices }) => {
  app.get(
    '/api/notices',
    {
      schema: {
        summary: 'Published notices, newest first',
        tags: ['notices'],
        querystring: NoticeListQuerySchema,
        response: withErrors(NoticeListSchema, [400]),
      },
    },
    async (request) => ({ items: await notices.listPublished(request.query.limit ?? DEFAULT_LIMIT) }),
  )

  app.get(
    '/api/notices/:id',
    {
      schema: {
        summary: 'One published notice with its full text',
        tags: ['notices'],
        params: NoticeParamsSchema,
        response: withErrors(NoticeDetailSchema, [400, 404]),
      },
    },
    async (request) => {
      const notice = await notices.findPublishedById(request.params.id)
      if (!notice) throw new AppError('NOT_FOUND', { message: '没有找到这条公告，它可能已被撤下，请返回公告列表查看' })
      return notice
    },
  )
}
