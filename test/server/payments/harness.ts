/**
 * The payments suites' app: the real app with WeChat Pay and Alipay pointed at local protocol
 * servers (which check our signatures and sign their answers), the development provider on,
 * a fee on the fixture item, and helpers to make a proven citizen's submitted application.
 */
import { createVerify } from 'node:crypto'
import type { Config } from '../../../server/config'
import { putFee } from '../../../server/payments/fees'
import { createPaymentProviders } from '../../../server/payments/providers'
import { createPaymentsService } from '../../../server/payments/service'
import '../../../server/payments/tables'
import { FIXTURE_ITEM, insertApplication } from '../../support/applications-fixture'
import { testConfig, type TestDatabase } from '../../support/dialects'
import { startIdentityApp, zhangWei, type IdentityApp } from '../../support/identity'
import { startAlipayPayServer, type RunningAlipayPayServer } from '../../support/protocol-servers/alipay-pay-server'
import { startWechatPayServer, type RunningWechatPayServer } from '../../support/protocol-servers/wechat-pay-server'

export const FEE_FEN = 1000

export interface PaymentsApp extends IdentityApp {
  wechat: RunningWechatPayServer
  alipay: RunningAlipayPayServer
  config: Config
  /** A proven session on `platform` for zhang-wei, and a submitted application of his with a fee. */
  citizenWithApplication(platform: 'weapp' | 'alipay' | 'h5dev', subject?: string): Promise<{ token: string; applicationId: string }>
  /** The same service the app runs, on the same database and platforms (for the sweep and reconciliation). */
  service(): ReturnType<typeof createPaymentsService>
  paymentProviders: ReturnType<typeof createPaymentProviders>
}

let subjects = 0

export async function startPaymentsApp(testDb: TestDatabase): Promise<PaymentsApp> {
  const wechat = await startWechatPayServer()
  const alipay = await startAlipayPayServer()
  const env = { ...wechat.env, ...alipay.env, PAYMENT_DEV: '1', PAYMENT_SWEEP_SECONDS: '0', AUTH_SANDBOX: '1', SESSION_IDLE_MINUTES: '600' }
  const identityApp = await startIdentityApp(testDb, { env, sandbox: true })
  const config = testConfig({ ...testDb.env, ...env })
  const db = identityApp.server.app.db
  await putFee(db, { itemCode: FIXTURE_ITEM.code, amountFen: FEE_FEN, basis: '工本费 10 元/证', collector: '市公安局（非税收入）' }, new Date())
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined }
  const providers = createPaymentProviders(config, silent)
  let citizenId: string | undefined

  const paymentsApp: PaymentsApp = {
    ...identityApp,
    wechat,
    alipay,
    config,
    paymentProviders: providers,
    async citizenWithApplication(platform, subject = `${platform}-subject-${++subjects}`) {
      const token = await identityApp.proven(platform, subject, zhangWei)
      citizenId ??= (await db.selectFrom('platform_accounts').select('citizen_id').where('subject', '=', subject).executeTakeFirstOrThrow()).citizen_id!
      const application = await insertApplication(identityApp.server.app, config, citizenId, { status: 'submitted' })
      return { token, applicationId: application.id }
    },
    service: () => createPaymentsService({ db, clock: identityApp.clock, providers, logger: silent }),
    async close() {
      await identityApp.close()
      await wechat.close()
      await alipay.close()
    },
  }
  return paymentsApp
}

/** wx.requestPayment's paySign, checked as WeChat's client does: RSA-SHA256 over appId, timeStamp, nonceStr, package. */
export function paySignValid(wechat: RunningWechatPayServer, pay: { timeStamp: string; nonceStr: string; package: string; paySign: string }): boolean {
  const publicKey = wechat.merchantPrivateKey.export({ type: 'pkcs1', format: 'pem' })
  return createVerify('RSA-SHA256').update(`${wechat.appId}\n${pay.timeStamp}\n${pay.nonceStr}\n${pay.package}\n`, 'utf8').verify({ key: publicKey, format: 'pem' }, pay.paySign, 'base64')
}
