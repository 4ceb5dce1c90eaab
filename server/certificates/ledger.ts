import type { Kysely } from 'kysely'
import { CERTIFICATE_VERIFY_REASON_WORDS, LEDGER_EVENT_NAMES, PRESENTATION_PURPOSES, type CertificateType, type LedgerActor, type LedgerEntry, type LedgerEvent, type LedgerPage, type PresentationPurpose } from '../../src/contract/certificates/schemas'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { namedFields } from './views'

/**
 * The certificate ledger (用证记录): what the holder reads about who saw what and when.
 * Append-only (this module only inserts); refused verifications and refused organisation
 * fetches are entries too, so the holder also sees attempts. Field keys, never values.
 * The audit log records the same events for investigators; this is the holder's view.
 */

export type ActorKind = LedgerActor['kind']

export interface Actor {
  kind: ActorKind
  /** Masked for people; the organisation's name for organisations. */
  name?: string | null
  accountId?: string | null
}

export interface LedgerRecord {
  certificateId: string
  event: LedgerEvent
  outcome?: 'success' | 'refused'
  reason?: string
  /** Presentations: the purpose key (purposeText then defaults to its name). */
  purpose?: PresentationPurpose
  /** Authorisations: the citizen's words. */
  purposeText?: string
  fields: readonly string[]
  actor: Actor
  presentationId?: string
  authorisationId?: string
}

export interface AccessStats {
  count: number
  lastAt?: string
}

export interface Ledger {
  append(record: LedgerRecord): Promise<void>
  /** Newest first; `before` is the id the previous page ended after. */
  page(certificateId: string, type: CertificateType, options: { limit: number; before?: number }): Promise<LedgerPage>
  /** Successful organisation fetches per authorisation. */
  accessStats(authorisationIds: readonly string[]): Promise<Map<string, AccessStats>>
}

const OTHER_REASONS: Record<string, string> = {
  authorisation_revoked: '授权已被撤销',
  authorisation_expired: '授权已到期',
}

export function reasonText(reason: string): string | undefined {
  return (CERTIFICATE_VERIFY_REASON_WORDS as Record<string, string>)[reason] ?? OTHER_REASONS[reason]
}

export function actorLabel(kind: ActorKind, name?: string | null): string {
  switch (kind) {
    case 'holder':
      return '本人'
    case 'verifier':
      return name ? `核验员 ${name}` : '核验员'
    case 'citizen':
      return name ? `已登录用户 ${name}` : '已登录用户'
    case 'anonymous':
      return '未登录的核验方'
    case 'organisation':
      return name ?? '授权机构'
    case 'delegate':
      return name ? `由 ${name} 代办/查看` : '亲属代办'
  }
}

export function createLedger(db: Kysely<Database>, clock: Clock): Ledger {
  return {
    async append(record) {
      await db
        .insertInto('certificate_ledger')
        .values({
          certificate_id: record.certificateId,
          occurred_at: clock().toISOString(),
          event: record.event,
          outcome: record.outcome ?? 'success',
          reason: record.reason ?? null,
          purpose: record.purpose ?? null,
          purpose_text: record.purposeText ?? (record.purpose ? PRESENTATION_PURPOSES[record.purpose].name : ''),
          fields: JSON.stringify(record.fields),
          actor_kind: record.actor.kind,
          actor_name: record.actor.name ?? null,
          actor_account_id: record.actor.accountId ?? null,
          presentation_id: record.presentationId ?? null,
          authorisation_id: record.authorisationId ?? null,
        })
        .execute()
    },

    async page(certificateId, type, { limit, before }) {
      let query = db.selectFrom('certificate_ledger').selectAll().where('certificate_id', '=', certificateId)
      if (before !== undefined) query = query.where('id', '<', before)
      // One more than asked tells whether another page exists.
      const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute()
      const items: LedgerEntry[] = rows.slice(0, limit).map((row) => {
        const entry: LedgerEntry = {
          id: Number(row.id),
          event: row.event as LedgerEvent,
          eventName: LEDGER_EVENT_NAMES[row.event as LedgerEvent] ?? row.event,
          outcome: row.outcome,
          occurredAt: new Date(row.occurred_at).toISOString(),
          purposeName: row.purpose_text,
          fields: namedFields(type, JSON.parse(row.fields) as string[]),
          actor: { kind: row.actor_kind as ActorKind, label: actorLabel(row.actor_kind as ActorKind, row.actor_name) },
        }
        if (row.actor_name) entry.actor.name = row.actor_name
        if (row.reason) {
          entry.reason = row.reason
          const text = reasonText(row.reason)
          if (text) entry.reasonText = text
        }
        if (row.purpose) entry.purpose = row.purpose as PresentationPurpose
        if (row.presentation_id) entry.presentationId = row.presentation_id
        if (row.authorisation_id) entry.authorisationId = row.authorisation_id
        return entry
      })
      const page: LedgerPage = { items }
      if (rows.length > limit) page.nextBefore = items[items.length - 1]!.id
      return page
    },

    async accessStats(authorisationIds) {
      const stats = new Map<string, AccessStats>()
      if (authorisationIds.length === 0) return stats
      const rows = await db
        .selectFrom('certificate_ledger')
        .select((eb) => ['authorisation_id', eb.fn.countAll<string | number>().as('count'), eb.fn.max('occurred_at').as('last_at')])
        .where('event', '=', 'authorised_access')
        .where('outcome', '=', 'success')
        .where('authorisation_id', 'in', [...authorisationIds])
        .groupBy('authorisation_id')
        .execute()
      // PostgreSQL's count is a bigint, which the driver returns as a string.
      for (const row of rows) if (row.authorisation_id) stats.set(row.authorisation_id, { count: Number(row.count), lastAt: row.last_at ?? undefined })
      return stats
    },
  }
}
