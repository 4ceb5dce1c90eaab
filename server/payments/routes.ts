import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DEV_PAY_RESULT } from '../../src/contract/payments/data'
import { ApplicationPaymentSchema, PaymentConfirmSchema, PaymentParamsSchema, PaymentStartSchema, ServiceFeeAnswerSchema, ServiceFeeParamsSchema } from '../../src/contract/payments/schemas'
import type { ApplicationsContext } from '../applications/context'
import { applicationNotFound } from '../applications/routes'
import { citizenIdOf } from '../certificates/access'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import { feeOf } from './fees'
import type { PaymentsService } from './service'

export interface PaymentRoutesOptions {
  payments: PaymentsService
  applications: ApplicationsContext
}

export const PAYMENT_AUDIT_EVENTS = { start: 'payment.start', devPay: 'payment.dev_pay' } as const

/** Citizens: an item's fee, their application's payment, paying it and the query on return. */
export const paymentRoutes: FastifyPluginAsyncTypebox<PaymentRoutesOptions> = async (app, { payments, applications }) => {
  noStore(app)

  const ownApplication = async (citizenId: string, id: string) => {
    const row = await applications.store.findForCitizen(citizenId, id)
    if (!row) throw applicationNotFound()
    return row
  }

  app.get(
    '/api/services/:code/fee',
    {
      schema: {
        summary: "An item's fee as data: amount in fen, basis and who collects it; fee null when the item charges nothing (or is unknown)",
        tags: ['payments'],
        params: ServiceFeeParamsSchema,
        response: withErrors(ServiceFeeAnswerSchema, [400, 404]),
      },
    },
    async (request) => ({ fee: await feeOf(app.db, request.params.code) }),
  )

  app.get(
    '/api/applications/:id/payment',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The application's fee and its order (状态, the time left to pay, its timeline with refunds); another citizen's is 404",
        tags: ['payments'],
        params: PaymentParamsSchema,
        response: withErrors(ApplicationPaymentSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => payments.applicationPayment(await ownApplication(citizenIdOf(identityOf(request)), request.params.id)),
  )

  app.post(
    '/api/applications/:id/payment',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          "Creates the application's order once (again: the same order) with the amount from the item's fee, and returns what this platform's pay call needs (wx.requestPayment / my.tradePay / the development provider). 409 when nothing is to be paid. Audited",
        tags: ['payments'],
        params: PaymentParamsSchema,
        response: withErrors(PaymentStartSchema, [400, 401, 403, 404, 409, 503]),
      },
    },
    async (request) => {
      const identity = identityOf(request)
      const row = await ownApplication(citizenIdOf(identity), request.params.id)
      const started = await payments.start(row, { platform: identity.account.platform, subject: identity.account.subject })
      await app.audit({ event: PAYMENT_AUDIT_EVENTS.start, ...auditSource(request), detail: { applicationId: row.id, orderNo: started.payment.order?.orderNo ?? '' } })
      return started
    },
  )

  app.post(
    '/api/applications/:id/payment/confirm',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          "Query on return: asks the platform whether the order was paid (the client's word is no proof) and credits it once if so. The H5 preview's order (the development provider, PAYMENT_DEV=1, refused in production) is paid here by its cashier's answer devResult \"sandbox-paid\"; for WeChat Pay and Alipay orders the body changes nothing",
        tags: ['payments'],
        params: PaymentParamsSchema,
        body: PaymentConfirmSchema,
        response: withErrors(ApplicationPaymentSchema, [400, 401, 403, 404, 503]),
      },
    },
    async (request) => {
      const row = await ownApplication(citizenIdOf(identityOf(request)), request.params.id)
      const paidInPreview = request.body.devResult === DEV_PAY_RESULT
      if (paidInPreview) await app.audit({ event: PAYMENT_AUDIT_EVENTS.devPay, ...auditSource(request), detail: { applicationId: row.id } })
      return payments.confirm(row, { paidInPreview })
    },
  )
}
