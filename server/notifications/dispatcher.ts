/**
 * Sends due outbox rows. Started by the app on a timer (unref'd, stopped on close) and
 * callable directly (`app.notifications.dispatchDue()`, tests and ops).
 *
 * Each row is claimed first with a conditional update (attempts and next_attempt_at must
 * still be what was read; the claim pushes next_attempt_at a lease ahead), so two API nodes
 * or an overlapping sweep never send the same row twice, and a node dying mid-send leaves
 * the row due again after the lease.
 *
 * Outcomes: sent → status sent, sent_at; permanent failure (user refused, invalid template…)
 * → failed at once; transient failure (no answer, HTTP 5xx, errcode -1 / 45009, Alipay
 * 20000 / isp.*) → due again after 30 s · 2^(attempt-1) (at most 1 h), failed after
 * MAX_ATTEMPTS. None of this touches the application: its status change committed earlier.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { AccountPlatform, Database } from '../db/database'
import type { ProviderLogger } from '../identity/providers/upstream'
import type { NotificationPayload } from './outbox'
import type { MessageSender, SendOutcome } from './senders'
import { periodicSweep } from '../jobs/periodic-sweep'

export const MAX_ATTEMPTS = 6
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 60 * 60 * 1000
/** Longer than any send can take (each call has its own timeout). */
const CLAIM_LEASE_MS = 2 * 60 * 1000
const BATCH_SIZE = 20

export function retryDelayMs(attempt: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS)
}

export interface DispatchSummary {
  sent: number
  retrying: number
  failed: number
}

export interface NotificationDispatcher {
  /** Sends every row due now (in batches until none is left); resolves with what happened. */
  dispatchDue(): Promise<DispatchSummary>
  start(): void
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>
}

export interface DispatcherOptions {
  db: Kysely<Database>
  clock: Clock
  senders: Partial<Record<AccountPlatform, MessageSender>>
  /** Senders of other templates (the appointment reminder), by template key; a row of a key not here uses `senders`. */
  sendersByTemplate?: Partial<Record<string, Partial<Record<AccountPlatform, MessageSender>>>>
  log: ProviderLogger
  /** 0: no timer. */
  intervalSeconds: number
}

export function createDispatcher(options: DispatcherOptions): NotificationDispatcher {
  const { db, clock, senders, log } = options

  async function sendOne(row: { id: number; platform: AccountPlatform; templateKey: string; subject: string; payload: string }): Promise<SendOutcome> {
    const byTemplate = options.sendersByTemplate?.[row.templateKey]
    const sender = byTemplate ? byTemplate[row.platform] : senders[row.platform]
    if (!sender) return { kind: 'permanent', error: 'not configured' }
    try {
      return await sender.send({ subject: row.subject }, JSON.parse(row.payload) as NotificationPayload)
    } catch (error) {
      return { kind: 'transient', error: error instanceof Error ? error.message : String(error) }
    }
  }

  async function sweep(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { sent: 0, retrying: 0, failed: 0 }
    const seen = new Set<number>()
    for (;;) {
      const now = clock()
      const due = await db
        .selectFrom('notification_outbox as outbox')
        .innerJoin('platform_accounts as account', 'account.id', 'outbox.account_id')
        .select(['outbox.id', 'outbox.platform', 'outbox.template_key', 'outbox.payload', 'outbox.attempts', 'outbox.next_attempt_at', 'account.subject'])
        .where('outbox.status', '=', 'pending')
        .where('outbox.next_attempt_at', '<=', now.toISOString())
        .orderBy('outbox.next_attempt_at')
        .orderBy('outbox.id')
        .limit(BATCH_SIZE)
        .execute()
      const fresh = due.filter((row) => !seen.has(Number(row.id)))
      if (fresh.length === 0) return summary
      for (const row of fresh) {
        const id = Number(row.id)
        seen.add(id)
        const attempt = Number(row.attempts) + 1
        const claimed = await db
          .updateTable('notification_outbox')
          .set({ attempts: attempt, next_attempt_at: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString() })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .where('attempts', '=', Number(row.attempts))
          .where('next_attempt_at', '=', row.next_attempt_at)
          .executeTakeFirst()
        if (Number(claimed.numUpdatedRows) !== 1) continue

        const outcome = await sendOne({ id, platform: row.platform, templateKey: row.template_key, subject: row.subject, payload: row.payload })
        const at = clock()
        if (outcome.kind === 'sent') {
          await db.updateTable('notification_outbox').set({ status: 'sent', sent_at: at.toISOString(), last_error: null }).where('id', '=', id).execute()
          summary.sent++
        } else if (outcome.kind === 'permanent' || attempt >= MAX_ATTEMPTS) {
          await db.updateTable('notification_outbox').set({ status: 'failed', last_error: outcome.error }).where('id', '=', id).execute()
          log.warn({ notification: id, platform: row.platform, attempt, error: outcome.error, permanent: outcome.kind === 'permanent' }, 'notification: given up')
          summary.failed++
        } else {
          const next = new Date(at.getTime() + retryDelayMs(attempt)).toISOString()
          await db.updateTable('notification_outbox').set({ next_attempt_at: next, last_error: outcome.error }).where('id', '=', id).execute()
          log.info({ notification: id, platform: row.platform, attempt, error: outcome.error, next }, 'notification: will retry')
          summary.retrying++
        }
      }
    }
  }

  const sweeps = periodicSweep(sweep, { intervalSeconds: options.intervalSeconds, onError: (error) => log.error({ err: error }, 'notification dispatch failed') })

  return { dispatchDue: sweeps.run, start: sweeps.start, stop: sweeps.stop }
}
