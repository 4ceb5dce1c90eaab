/**
 * `tsx server/ops/purge-audit.ts`: deletes audit log entries older than AUDIT_RETENTION_DAYS
 * (default 180) from the configured database. Run it daily (cron, a Kubernetes CronJob);
 * running it more often is harmless. Exits 1 with a one-line reason when it cannot.
 */
import { describeDatabase, type Config } from '../config'
import { createDb, poolTimeouts } from '../db/create-db'
import { purgeAuditLog } from '../audit/purge'
import { configOrExit, runCommand } from './command'

async function main(config: Config): Promise<void> {
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    const deleted = await purgeAuditLog(db, { retentionDays: config.auditRetentionDays, now: new Date() })
    console.log(`audit log (${describeDatabase(config.database)}): ${deleted} entries older than ${config.auditRetentionDays} days deleted`)
  } finally {
    await db.destroy()
  }
}

runCommand('audit purge', () => main(configOrExit()))
