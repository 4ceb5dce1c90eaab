import type { FastifyPluginAsync } from 'fastify'
import { ProfileSchema, RevealRequestSchema, RevealResponseSchema, type Profile, type RevealRequest, type RevealResponse } from '../../src/contract/identity'
import type { IdentityContext } from '../identity/context'
import { buildProfile } from '../identity/profile'
import { identityOf } from '../plugins/auth'
import { reveal } from '../privacy/reveal'
import { noStore } from './no-store'
import { withErrors } from './with-errors'

export interface MeRoutesOptions {
  identity: IdentityContext
}

export const meRoutes: FastifyPluginAsync<MeRoutesOptions> = async (app, { identity }) => {
  noStore(app)

  app.get<{ Reply: Profile }>(
    '/api/me',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'The logged-in account: level, roles and its citizen (masked)',
        tags: ['identity'],
        response: withErrors(ProfileSchema, [401]),
      },
    },
    async (request) => buildProfile(identity, identityOf(request).account),
  )

  app.post<{ Body: RevealRequest; Reply: RevealResponse }>(
    '/api/me/reveal',
    {
      preHandler: [app.requireLevel(3), app.rateLimits.reveal],
      schema: {
        summary: 'One full personal value; needs a verification in this session within 5 minutes (else 403 RECENT_VERIFICATION_REQUIRED). Audited',
        tags: ['identity'],
        body: RevealRequestSchema,
        response: withErrors(RevealResponseSchema, [400, 401, 403, 404, 429]),
      },
    },
    async (request) => {
      const { account, session } = identityOf(request)
      return reveal(identity, account, session, request.body, { ip: request.ip })
    },
  )
}
