import type { Kysely } from 'kysely'
import type { OperatorActionList } from '../../src/contract/operators/schemas'
import type { Database } from '../db/database'

/** One operator's audit entries, newest first (audit_log.operator_id, indexed with the time). */
export async function actionsOf(db: Kysely<Database>, operatorId: string, limit: number): Promise<OperatorActionList['items']> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['occurred_at', 'event', 'outcome', 'citizen_id', 'ip', 'detail'])
    .where('operator_id', '=', operatorId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    occurredAt: new Date(row.occurred_at).toISOString(),
    event: row.event,
    outcome: row.outcome,
    citizenId: row.citizen_id,
    ip: row.ip,
    detail: row.detail,
  }))
}
