import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DelegationInviteSchema, DelegationListSchema, DelegationParamsSchema, DelegationSchema } from '../../src/contract/delegations/schemas'
import { FaceConfirmRequestSchema, FaceStartResponseSchema } from '../../src/contract/identity/schemas'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import type { DelegationService } from './service'

export interface DelegationRoutesOptions {
  service: DelegationService
}

/**
 * 亲情代办: the helper invites, the principal consents (or the helper verifies the principal's
 * face on their own device), either side ends. Every route needs the caller's own proven
 * identity (level 4) and is never itself callable as delegate (the gate refuses X-Acting-For
 * here: ./delegated-routes.ts has none of them). Someone else's delegation is 404.
 */
export const delegationRoutes: FastifyPluginAsyncTypebox<DelegationRoutesOptions> = async (app, { service }) => {
  noStore(app)

  app.get(
    '/api/delegations',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'My delegations as helper and as principal (masked names, scopes, state, end date) and the newest acts done for me as delegate',
        tags: ['delegations'],
        response: withErrors(DelegationListSchema, [401, 403]),
      },
    },
    async (request) => service.list(identityOf(request).account),
  )

  app.post(
    '/api/delegations',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Invites a family member (name + ID number, checked against the registry) to let me act for them within scopes until an end date (≤ 1 year); nothing is visible until they consent. ≤ 5 principals per helper, ≤ 3 helpers per principal (409)',
        tags: ['delegations'],
        body: DelegationInviteSchema,
        response: withErrors(DelegationSchema, [400, 401, 403, 409, 422], 201),
      },
    },
    async (request, reply) => reply.code(201).send(await service.invite(identityOf(request).account, request.body, request.ip)),
  )

  app.post(
    '/api/delegations/:id/consent',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'The principal, on their own proven account, consents: the delegation becomes active (consent recorded as principal_session)',
        tags: ['delegations'],
        params: DelegationParamsSchema,
        response: withErrors(DelegationSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => service.consent(identityOf(request).account, request.params.id, request.ip),
  )

  app.post(
    '/api/delegations/:id/face/start',
    {
      preHandler: [app.requireLevel(4), app.rateLimits.verification],
      schema: {
        summary: "For a principal without a phone: starts a face verification OF THE PRINCIPAL (their name and ID number) on the helper's device",
        tags: ['delegations'],
        params: DelegationParamsSchema,
        response: withErrors(FaceStartResponseSchema, [400, 401, 403, 404, 409, 429, 503]),
      },
    },
    async (request) => service.startFace(identityOf(request).account, request.params.id, request.ip),
  )

  app.post(
    '/api/delegations/:id/face/confirm',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Confirms the face verification of the principal with the platform; passed → the delegation is active (consent recorded as face_of_principal). The helper’s own account is unchanged',
        tags: ['delegations'],
        params: DelegationParamsSchema,
        body: FaceConfirmRequestSchema,
        response: withErrors(DelegationSchema, [400, 401, 403, 404, 409, 422, 503]),
      },
    },
    async (request) => service.confirmFace(identityOf(request).account, request.params.id, request.body, request.ip),
  )

  app.post(
    '/api/delegations/:id/end',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Either side ends the delegation at once (a pending invitation too); the next delegated request on any node is refused',
        tags: ['delegations'],
        params: DelegationParamsSchema,
        response: withErrors(DelegationSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => service.end(identityOf(request).account, request.params.id, request.ip),
  )
}
