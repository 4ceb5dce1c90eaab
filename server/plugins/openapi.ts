import swagger from '@fastify/swagger'
import { Type } from '@sinclair/typebox'
import packageJson from '../../package.json'
import { ErrorBodySchema } from '../../src/contract/schemas'
import { withErrors } from '../http/with-errors'
import { sharedPlugin } from './shared-plugin'

/**
 * Collects every route's schema into an OpenAPI 3 document at GET /api/openapi.json.
 * Registered before the routes: @fastify/swagger learns routes as they are added.
 */
export const openapiPlugin = sharedPlugin('openapi', async (app) => {
  // Shared so every route's error responses can reference it as `ErrorBody#`.
  app.addSchema(ErrorBodySchema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '掌上政务 gov-mini API',
        description: 'The shared backend of the WeChat and Alipay mini-programs and the H5 preview.',
        version: packageJson.version,
      },
    },
    // Name shared schemas by their $id (components.schemas.ErrorBody), not def-0.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
    },
  })

  app.get(
    '/api/openapi.json',
    {
      schema: {
        summary: 'This OpenAPI document',
        tags: ['meta'],
        response: withErrors(Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3 document' })),
      },
    },
    async () => app.swagger(),
  )
})
