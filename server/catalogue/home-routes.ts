import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HOME_POPULAR_COUNT } from '../../src/contract/home/data'
import { HomeServicesSchema } from '../../src/contract/home/schemas'
import type { Catalogue } from './catalogue'
import { withErrors } from '../http/with-errors'

export interface HomeRoutesOptions {
  catalogue: Catalogue
}

/** Public catalogue content: any cache may keep it for a minute, like the catalogue lists. */
const HOME_CACHE = 'public, max-age=60'

/** The home page's 热门服务 and 一件事 in one request. */
export const homeRoutes: FastifyPluginAsyncTypebox<HomeRoutesOptions> = async (app, { catalogue }) => {
  app.get(
    '/api/home/services',
    {
      schema: {
        summary: 'The home page: the most used published service items (热门服务) and the life events (一件事) with published items',
        tags: ['services'],
        response: withErrors(HomeServicesSchema),
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', HOME_CACHE)
      const [list, facets] = await Promise.all([catalogue.list({ limit: HOME_POPULAR_COUNT }), catalogue.facets()])
      return {
        popular: list.items.map(({ code, name, department }) => ({ code, name, department })),
        lifeEvents: facets.lifeEvents,
      }
    },
  )
}
