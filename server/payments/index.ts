import type { FastifyInstance } from 'fastify'
import { FINAL_APPLICATION_STATUSES } from '../../src/contract/applications/data'
import type { ApplicationsContext } from '../applications/context'
import type { AppDeps } from '../deps'
import { notifyRoutes } from './notify-routes'
import { paymentOperatorRoutes } from './operator-routes'
import { createPaymentProviders } from './providers'
import { paymentRoutes } from './routes'
import { createPaymentsService, type PaymentProviders, type PaymentsService } from './service'

export interface PaymentsDeps extends AppDeps {
  applications: ApplicationsContext
  /** Tests and the e2e backend pass providers pointed at local protocol servers; otherwise built from the config. */
  providers?: PaymentProviders
}

/**
 * Paying fees inside the product (issue 21): orders per application, WeChat Pay / Alipay /
 * the development provider, notifications, refunds when an application is withdrawn or
 * refused (a status listener of the applications domain), the sweep that closes unpaid
 * orders past their time limit and retries refunds.
 */
export async function registerPayments(app: FastifyInstance, deps: PaymentsDeps): Promise<PaymentsService> {
  const { config, clock, applications } = deps
  const logger = app.log
  const providers = deps.providers ?? createPaymentProviders(config, logger)
  const payments = createPaymentsService({ db: app.db, clock, providers, logger })

  applications.statusListeners?.push(async (row) => {
    if (!FINAL_APPLICATION_STATUSES.includes(row.status)) return
    try {
      await payments.applicationEnded(row.id, row.status)
    } catch (error) {
      // The status change stands; the sweep retries pending refunds and closes expired orders.
      logger.error({ applicationId: row.id, reason: error instanceof Error ? error.message : String(error) }, 'payments: could not settle the order of an ended application yet')
    }
  })

  if (config.paymentSweepSeconds > 0) {
    let timer: NodeJS.Timeout | undefined
    let running = false
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        if (running) return
        running = true
        payments
          .sweep()
          .catch((error: unknown) => logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'payments: sweep failed; next round retries'))
          .finally(() => (running = false))
      }, config.paymentSweepSeconds * 1000)
      timer.unref()
    })
    app.addHook('onClose', async () => clearInterval(timer))
  }

  await app.register(paymentRoutes, { payments, applications })
  await app.register(notifyRoutes, { payments })
  await app.register(paymentOperatorRoutes)
  return payments
}
