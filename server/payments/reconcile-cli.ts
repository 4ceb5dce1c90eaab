/**
 * `npm run payments:reconcile -- --date YYYY-MM-DD`: compares that China calendar day's
 * orders and refunds with the bill of every configured platform (WeChat Pay trade bill,
 * Alipay bill download), prints every difference and records the run for the console.
 * Exit 1 on any difference (or when no platform is configured), 0 when everything matches.
 * The development provider keeps its "bill" in the server process, so it is not reconciled here.
 */
import { createDb, poolTimeouts } from '../db/create-db'
import { configOrExit, runCommand } from '../ops/command'
import { createPaymentProviders } from './providers'
import { describeResult, reconcile } from './reconcile'

function dateArgument(argv: readonly string[]): string {
  const index = argv.indexOf('--date')
  const value = index >= 0 ? argv[index + 1] : undefined
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    console.error('usage: npm run payments:reconcile -- --date YYYY-MM-DD')
    process.exit(2)
  }
  return value
}

runCommand('payments:reconcile', async () => {
  const date = dateArgument(process.argv.slice(2))
  const config = configOrExit()
  const logger = { info: () => undefined, warn: (details: object, message: string) => console.error(message, JSON.stringify(details)), error: (details: object, message: string) => console.error(message, JSON.stringify(details)) }
  const providers = createPaymentProviders(config, logger)
  const platforms = [providers.weapp, providers.alipay].filter((provider) => provider !== undefined)
  if (platforms.length === 0) {
    console.error('no payment platform is configured (WECHATPAY_* / ALIPAY_*): nothing to reconcile')
    return 1
  }
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  let differences = 0
  try {
    for (const provider of platforms) {
      const result = await reconcile(db, provider, date, new Date())
      for (const line of describeResult(result)) console.log(line)
      differences += result.differences.length
    }
  } finally {
    await db.destroy()
  }
  return differences > 0 ? 1 : 0
})
