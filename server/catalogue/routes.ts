import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SearchQuerySchema, SearchResultSchema, SuggestQuerySchema, SuggestResultSchema, ServiceFacetsSchema, ServiceGuideSchema, ServiceListQuerySchema, ServiceListSchema, ServiceParamsSchema } from '../../src/contract/services/schemas'
import type { Catalogue, Reader } from './catalogue'
import { AppError } from '../errors'
import { bearerToken } from '../plugins/auth'
import { withErrors } from '../http/with-errors'

export interface ServiceRoutesOptions {
  catalogue: Catalogue
}

// The catalogue is public content: lists and facets may be cached briefly by any cache.
// A guide may be kept but is revalidated on every open (each open is a recorded view);
// searches are never cached (each one is recorded).
const LIST_CACHE = 'public, max-age=60'
const GUIDE_CACHE = 'no-cache'
const SEARCH_CACHE = 'no-store'

/** The public catalogue: list, facets, search, guide. No login needed. */
export const serviceRoutes: FastifyPluginAsyncTypebox<ServiceRoutesOptions> = async (app, { catalogue }) => {
  const optionalIdentity = attachIdentityIfPresent(app)

  app.get(
    '/api/services',
    {
      schema: {
        summary: 'Published service items (一网通办事项), filtered by category, life event, department, audience or online level; most used first',
        tags: ['services'],
        querystring: ServiceListQuerySchema,
        response: withErrors(ServiceListSchema, [400]),
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', LIST_CACHE)
      return catalogue.list(request.query)
    },
  )

  app.get(
    '/api/services/facets',
    {
      schema: {
        summary: 'How many published items each category, life event, department and online level has',
        tags: ['services'],
        response: withErrors(ServiceFacetsSchema),
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', LIST_CACHE)
      return catalogue.facets()
    },
  )

  app.get(
    '/api/services/search',
    {
      preHandler: optionalIdentity,
      schema: {
        summary:
          'Word-level search over published names, aliases, departments and guide text (synonyms, pinyin, homophone typos); never a bare zero (relaxed: similar / popular, total 0). Every query is recorded, personal numbers masked',
        tags: ['services'],
        querystring: SearchQuerySchema,
        response: withErrors(SearchResultSchema, [400]),
      },
    },
    async (request, reply) => {
      const result = await catalogue.search(request.query, readerOf(request, request.query.platform))
      void reply.header('cache-control', SEARCH_CACHE)
      return result
    },
  )

  app.get(
    '/api/services/suggest',
    {
      schema: {
        summary: 'Suggestions while typing (≤ 8 names or aliases, the typed part highlighted); not recorded',
        tags: ['services'],
        querystring: SuggestQuerySchema,
        response: withErrors(SuggestResultSchema, [400]),
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', SEARCH_CACHE)
      return catalogue.suggest(request.query)
    },
  )

  app.get(
    '/api/services/:code',
    {
      preHandler: optionalIdentity,
      schema: {
        summary: 'The 办事指南 of a published item (materials, fees, time limit, counter, FAQ, the form of 全程网办 items); draft, retired and unknown items are 404. Records a view',
        tags: ['services'],
        params: ServiceParamsSchema,
        response: withErrors(ServiceGuideSchema, [400, 404]),
      },
    },
    async (request, reply) => {
      const guide = await catalogue.guide(request.params.code, readerOf(request))
      if (!guide) throw new AppError('NOT_FOUND', { message: '没有找到这个事项，它可能已调整或下线，请返回重新搜索' })
      void reply.header('cache-control', GUIDE_CACHE)
      return guide
    },
  )
}


/**
 * A preHandler for public routes: a valid bearer token attaches the account (its searches
 * and views are recorded with it); a missing, expired or unknown one is simply anonymous.
 */
function attachIdentityIfPresent(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!bearerToken(request)) return
    try {
      await app.authenticate(request, reply)
    } catch (error) {
      request.log.debug({ err: error }, 'public catalogue route: token not usable, answering anonymously')
      reply.removeHeader('www-authenticate')
    }
  }
}

function readerOf(request: FastifyRequest, platform?: string): Reader {
  const account = request.identity?.account
  return { accountId: account?.id ?? null, platform: account?.platform ?? platform ?? null }
}
