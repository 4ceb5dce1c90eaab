import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { maskNumbersInText } from '../privacy/masking'

/**
 * The audit log, append-only: this module is the only writer and it only inserts. The one
 * delete is retention by age (./purge.ts, run as an ops command). Features other than
 * identity record their reads of sensitive records through `app.audit(...)` too.
 */

/** The identity events; other features add their own names in the same `area.action` form. */
export const AUDIT_EVENTS = {
  login: 'auth.login',
  logout: 'auth.logout',
  realName: 'identity.real_name',
  face: 'identity.face',
  reverify: 'identity.reverify',
  reveal: 'privacy.reveal',
  bindingRemoved: 'identity.binding_removed',
} as const

export interface AuditEvent {
  /** `area.action`, e.g. `auth.login`, `health_code.read`. */
  event: string
  /** Default success; failed logins, mismatches and refused reveals are failures. */
  outcome?: 'success' | 'failure'
  accountId?: string | null
  /** The operator who acted (operator routes), so one operator's actions can be listed. */
  operatorId?: string | null
  citizenId?: string | null
  ip?: string | null
  /**
   * What an investigator needs: platform, error code, the field revealed, masked values.
   * Never a full ID number or phone: anything that looks like one is masked on the way in.
   */
  detail?: Record<string, string | number | boolean | null | undefined>
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>
}

export function createAuditLog(db: Kysely<Database>, clock: Clock): AuditLog {
  return {
    async record(event) {
      await db
        .insertInto('audit_log')
        .values({
          occurred_at: clock().toISOString(),
          event: event.event,
          outcome: event.outcome ?? 'success',
          account_id: event.accountId ?? null,
          operator_id: event.operatorId ?? null,
          citizen_id: event.citizenId ?? null,
          ip: event.ip ?? null,
          detail: event.detail ? maskNumbersInText(JSON.stringify(withoutUndefined(event.detail))) : null,
        })
        .execute()
    },
  }
}

function withoutUndefined(detail: NonNullable<AuditEvent['detail']>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(detail).filter(([, value]) => value !== undefined))
}
