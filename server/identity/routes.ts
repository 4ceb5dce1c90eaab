import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { FaceConfirmRequestSchema, FaceStartResponseSchema, ProfileSchema, RealNameRequestSchema, ReverifyRequestSchema, ReverifyResponseSchema } from '../../src/contract/identity/schemas'
import type { IdentityContext } from './context'
import { confirmFaceVerification, startFaceVerification } from './face'
import { verifyRealName } from './real-name'
import { reverify } from './recent-verification'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface IdentityRoutesOptions {
  identity: IdentityContext
}

/** Real-name (level 3), face verification (level 4) and re-verification (for reveal). */
export const identityRoutes: FastifyPluginAsyncTypebox<IdentityRoutesOptions> = async (app, { identity }) => {
  noStore(app)

  app.post(
    '/api/identity/real-name',
    {
      preHandler: [app.authenticate, app.rateLimits.verification],
      schema: {
        summary: 'Real-name verification: name + ID number against the population registry; level 3 = identity claimed, unlocks nothing personal (see server/identity/README.md)',
        tags: ['identity'],
        body: RealNameRequestSchema,
        response: withErrors(ProfileSchema, [400, 401, 409, 422, 429]),
      },
    },
    async (request) => {
      const { account, session } = identityOf(request)
      return verifyRealName(identity, account, session, request.body, { ip: request.ip })
    },
  )

  app.post(
    '/api/identity/face/start',
    {
      preHandler: [app.requireLevel(3), app.rateLimits.verification],
      schema: {
        summary: "Starts a face verification with the account's platform; needs level 3",
        tags: ['identity'],
        response: withErrors(FaceStartResponseSchema, [401, 403, 429, 503]),
      },
    },
    async (request) => startFaceVerification(identity, identityOf(request).account, { ip: request.ip }),
  )

  // Not rate-limited itself: each confirm belongs to a started (limited) attempt and settles once.
  app.post(
    '/api/identity/face/confirm',
    {
      preHandler: app.requireLevel(3),
      schema: {
        summary: 'Confirms a face verification with the platform (never on the client’s word); level 4',
        tags: ['identity'],
        body: FaceConfirmRequestSchema,
        response: withErrors(ProfileSchema, [400, 401, 403, 404, 409, 422, 503]),
      },
    },
    async (request) => {
      const { account, session } = identityOf(request)
      return confirmFaceVerification(identity, account, session, request.body, { ip: request.ip })
    },
  )

  app.post(
    '/api/identity/reverify',
    {
      preHandler: [app.requireLevel(4), app.rateLimits.verification],
      schema: {
        summary: 'Re-verification: the ID number typed again must match the record; allows reveal for 5 minutes',
        tags: ['identity'],
        body: ReverifyRequestSchema,
        response: withErrors(ReverifyResponseSchema, [400, 401, 403, 422, 429]),
      },
    },
    async (request) => {
      const { account, session } = identityOf(request)
      return reverify(identity, account, session, request.body, { ip: request.ip })
    },
  )
}
