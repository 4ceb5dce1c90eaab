/**
 * `npm run uploads:purge`: removes the files of applications withdrawn or finished more than
 * UPLOAD_RETENTION_DAYS ago (default 90), and uploads never attached to an application that
 * long, from the configured storage (UPLOADS_DIR or UPLOADS_S3_*). Run it daily (cron, a
 * Kubernetes CronJob); running it more often is harmless. Exits 1 with a one-line reason when it cannot.
 */
import { createAuditLog } from '../audit/audit-log'
import { systemClock } from '../clock'
import { describeDatabase, type Config } from '../config'
import { createDb, poolTimeouts } from '../db/create-db'
import { purgeUploads } from '../uploads/purge'
import { storageFromConfig } from '../uploads/storage'
import { configOrExit, runCommand } from './command'

async function main(config: Config): Promise<void> {
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    const storage = storageFromConfig(config)
    const { finished, abandoned } = await purgeUploads(db, storage, { retentionDays: config.uploadRetentionDays, now: new Date(), audit: createAuditLog(db, systemClock) })
    console.log(
      `uploads (${describeDatabase(config.database)}, ${storage.kind} storage): ${finished} file(s) of applications finished more than ${config.uploadRetentionDays} days ago and ${abandoned} never-submitted upload(s) removed`,
    )
  } finally {
    await db.destroy()
  }
}

runCommand('uploads purge', () => main(configOrExit()))
