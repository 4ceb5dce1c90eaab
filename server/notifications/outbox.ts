/**
 * Writing the outbox: called inside the transaction of a status change, so the message
 * exists exactly when the change does. One row per platform account of the citizen; rows
 * that cannot be sent are written as `skipped` with the reason, so "why did I get no
 * message" has an answer:
 *   - h5dev accounts (the browser preview) have no platform message;
 *   - the platform's template id (or its API credentials) is not configured;
 *   - the account holds no unused subscription for the template (one-time subscriptions
 *     are used up by one message each; the count is taken here, in the same transaction).
 */
import type { Kysely, Transaction } from 'kysely'
import type { NotificationTemplateKey } from '../../src/contract/applications/data'
import type { AccountPlatform, Database, NotificationOutboxStatus } from '../db/database'

/** What a message says; no personal data (the item, the status, the time, a short note). */
export interface NotificationPayload {
  applicationNumber: string
  itemName: string
  statusName: string
  /** ISO time of the change. */
  at: string
  /** The reason of a refusal, else the deadline sentence or a receipt note. */
  note: string
  /** The mini-program page the message opens. */
  page: string
}

export type TemplateIds = Partial<Record<AccountPlatform, string>>

/** The page of one application in the mini-program (the client's applications subpackage). */
export function applicationPage(applicationId: string): string {
  return `packages/applications/pages/detail/index?id=${applicationId}`
}

export const SKIP_REASONS = {
  h5dev: 'skipped: h5dev accounts have no platform message',
  notConfigured: 'skipped: not configured (template id or platform credentials unset)',
  notSubscribed: 'skipped: not subscribed (no unused subscription for this template)',
} as const

/** The day-before reminder of a booking (server/appointments/reminders.ts); its own template per platform. */
export const APPOINTMENT_REMINDER_KEY = 'appointment_reminder'
export type OutboxTemplateKey = NotificationTemplateKey | typeof APPOINTMENT_REMINDER_KEY

/** What a message is about: an application (status messages) or an appointment (reminders). */
export type OutboxOwner = { applicationId: string; appointmentId?: undefined } | { appointmentId: string; applicationId?: undefined }

export async function enqueueNotifications(
  trx: Transaction<Database> | Kysely<Database>,
  input: OutboxOwner & { citizenId: string; templateKey: OutboxTemplateKey; payload: NotificationPayload; templateIds: TemplateIds; now: Date },
): Promise<void> {
  // Only accounts that proved they are this citizen (face, level 4): an account that merely
  // claimed the identity with a name and ID number must not learn about their applications.
  const accounts = await trx
    .selectFrom('platform_accounts')
    .select(['id', 'platform'])
    .where('citizen_id', '=', input.citizenId)
    .where('level', '>=', 4)
    .orderBy('id')
    .execute()
  const at = input.now.toISOString()
  for (const account of accounts) {
    let status: NotificationOutboxStatus = 'pending'
    let reason: string | null = null
    if (account.platform === 'h5dev') [status, reason] = ['skipped', SKIP_REASONS.h5dev]
    else if (!input.templateIds[account.platform]) [status, reason] = ['skipped', SKIP_REASONS.notConfigured]
    else {
      // Take one subscription; a ban or a count used up leaves nothing to take.
      const taken = await trx
        .updateTable('notification_subscriptions')
        .set((eb) => ({ remaining: eb('remaining', '-', 1), updated_at: at }))
        .where('account_id', '=', account.id)
        .where('template_key', '=', input.templateKey)
        .where('remaining', '>', 0)
        .where('last_result', '!=', 'ban')
        .executeTakeFirst()
      if (Number(taken.numUpdatedRows) !== 1) [status, reason] = ['skipped', SKIP_REASONS.notSubscribed]
    }
    await trx
      .insertInto('notification_outbox')
      .values({
        application_id: input.applicationId ?? null,
        appointment_id: input.appointmentId ?? null,
        account_id: account.id,
        platform: account.platform,
        template_key: input.templateKey,
        payload: JSON.stringify(input.payload),
        status,
        attempts: 0,
        next_attempt_at: at,
        sent_at: null,
        last_error: reason,
        created_at: at,
      })
      .execute()
  }
}
