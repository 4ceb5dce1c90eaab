import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CERTIFICATE_TYPE_KEYS } from '../../src/contract/certificates/data'
import { CertificateDetailSchema, CertificateListSchema, CertificateParamsSchema, CertificateRevealRequestSchema, CertificateRevealResponseSchema, LedgerPageSchema, LedgerQuerySchema, PRESENTATION_PURPOSE_KEYS, PRESENTATION_PURPOSES, PurposeListSchema, type CertificateList, type CertificateType } from '../../src/contract/certificates/schemas'
import { citizenIdOf, notFound } from './access'
import type { CertificatesContext } from './context'
import { revealField } from './reveal'
import { toDetail, toSummary } from './views'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface CertificateRoutesOptions {
  certificates: CertificatesContext
}

const DEFAULT_LEDGER_LIMIT = 50

/** The wallet (电子证照): list, detail (masked), reveal of one field, the ledger, the purposes. */
export const certificateRoutes: FastifyPluginAsyncTypebox<CertificateRoutesOptions> = async (app, { certificates }) => {
  noStore(app)

  app.get(
    '/api/certificates',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The citizen's certificates, sensitive values masked; valid ones first",
        tags: ['certificates'],
        response: withErrors(CertificateListSchema, [401, 403]),
      },
    },
    async (request) => {
      const now = certificates.clock()
      const found = await certificates.certificates.listForCitizen(citizenIdOf(identityOf(request)))
      const items = found.map(({ record, fields }) => toSummary(record, fields, now))
      return { items: items.sort(walletOrder) }
    },
  )

  app.get(
    '/api/certificates/purposes',
    {
      schema: {
        summary: 'Why a certificate is presented (酒店入住, 交通执法…) and the fields each purpose suggests per type',
        tags: ['certificates'],
        response: withErrors(PurposeListSchema),
      },
    },
    async () => ({
      items: PRESENTATION_PURPOSE_KEYS.map((purpose) => {
        const { name, description, suggestedFields } = PRESENTATION_PURPOSES[purpose]
        return {
          purpose,
          name,
          description,
          suggestedFields: Object.entries(suggestedFields).map(([type, fields]) => ({ type: type as CertificateType, fields: [...(fields ?? [])] })),
        }
      }),
    }),
  )

  app.get(
    '/api/certificates/:id',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "One of the citizen's certificates with all fields, sensitive values masked; another citizen's is 404",
        tags: ['certificates'],
        params: CertificateParamsSchema,
        response: withErrors(CertificateDetailSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const found = await certificates.certificates.findForCitizen(citizenIdOf(identityOf(request)), request.params.id)
      if (!found) throw notFound('证照')
      return toDetail(found.record, found.fields, certificates.clock())
    },
  )

  app.post(
    '/api/certificates/:id/reveal',
    {
      preHandler: [app.requireLevel(4), app.rateLimits.reveal],
      schema: {
        summary: 'The full value of one field; needs a verification in this session within 5 minutes (else 403 RECENT_VERIFICATION_REQUIRED). Audited',
        tags: ['certificates'],
        params: CertificateParamsSchema,
        body: CertificateRevealRequestSchema,
        response: withErrors(CertificateRevealResponseSchema, [400, 401, 403, 404, 429]),
      },
    },
    async (request) => revealField(certificates, identityOf(request), request.params.id, request.body.field, { ip: request.ip }),
  )

  app.get(
    '/api/certificates/:id/ledger',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Every presentation, verification (also refused ones), authorisation and organisation access of the certificate, newest first',
        tags: ['certificates'],
        params: CertificateParamsSchema,
        querystring: LedgerQuerySchema,
        response: withErrors(LedgerPageSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const found = await certificates.certificates.findForCitizen(citizenIdOf(identityOf(request)), request.params.id)
      if (!found) throw notFound('证照')
      const { limit = DEFAULT_LEDGER_LIMIT, before } = request.query
      return certificates.ledger.page(found.record.id, found.record.type, { limit, before })
    },
  )
}

const STATUS_ORDER = { valid: 0, expired: 1, revoked: 2 } as const
const TYPE_ORDER = new Map(CERTIFICATE_TYPE_KEYS.map((type, index) => [type, index]))

/** Valid certificates first, then by type in catalogue order, newest first. */
function walletOrder(a: CertificateList['items'][number], b: CertificateList['items'][number]): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) ||
    b.issuedOn.localeCompare(a.issuedOn)
  )
}
