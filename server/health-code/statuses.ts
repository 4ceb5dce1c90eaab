import type { Insertable, Kysely } from 'kysely'
import type { HealthColour } from '../../src/contract/health-code/schemas'
import { createAuditLog } from '../audit/audit-log'
import { compiledOnce } from '../db/compiled-once'
import type { Database, HealthStatusHistoryTable } from '../db/database'
import { AppError } from '../errors'
import type { IdentityCrypto } from '../identity/crypto'
import { maskName } from '../privacy/masking'

/**
 * Health statuses in the database: the current one per citizen and the history of every
 * change. This module is the only writer; every change bumps the version, appends a
 * history row and (unless seeded) an audit row, all in the caller's transaction.
 */

/** What a code is issued from and checked against. Personal data only masked. */
export interface CurrentStatus {
  citizenId: string
  subject: string
  colour: HealthColour
  reason: string
  source: string
  version: number
  /** ISO time of the last change. */
  since: string
  maskedName: string
}

/** The subject purpose: codes carry `crypto.pseudonym(SUBJECT_PURPOSE, citizenId)`. */
export const SUBJECT_PURPOSE = 'health-code-subject'

export interface HealthStatusesRepository {
  byCitizen(citizenId: string): Promise<CurrentStatus | undefined>
  bySubject(subject: string): Promise<CurrentStatus | undefined>
}

// The health code's status read (every code request that misses the in-process copy) and
// verification's: compiled once.
const selectStatus = (db: Kysely<Database>) =>
  db
    .selectFrom('health_status')
    .innerJoin('citizens', 'citizens.id', 'health_status.citizen_id')
    .select(['health_status.citizen_id', 'health_status.subject', 'health_status.colour', 'health_status.reason', 'health_status.source', 'health_status.version', 'health_status.since', 'citizens.name'])
const statusByCitizen = compiledOnce((db: Kysely<Database>, citizenId: string) => selectStatus(db).where('health_status.citizen_id', '=', citizenId))
const statusBySubject = compiledOnce((db: Kysely<Database>, subject: string) => selectStatus(db).where('health_status.subject', '=', subject))

export function createHealthStatusesRepository(db: Kysely<Database>): HealthStatusesRepository {
  return {
    byCitizen: async (citizenId) => toStatus((await statusByCitizen(db, citizenId))[0]),
    bySubject: async (subject) => toStatus((await statusBySubject(db, subject))[0]),
  }
}

function toStatus(
  row: { citizen_id: string; subject: string; colour: HealthColour; reason: string; source: string; version: number; since: string; name: string } | undefined,
): CurrentStatus | undefined {
  return (
    row && {
      citizenId: row.citizen_id,
      subject: row.subject,
      colour: row.colour,
      reason: row.reason,
      source: row.source,
      // PostgreSQL and SQLite both return integers as numbers; Number() guards drivers that do not.
      version: Number(row.version),
      since: row.since,
      maskedName: maskName(row.name),
    }
  )
}

export interface StatusChange {
  citizenId: string
  /** The citizen's name, only to keep its masked form with the cached status. */
  name: string
  colour: HealthColour
  reason: string
}

export interface ChangeMeta {
  source: string
  /** The operator's id (operators table); null for seeded statuses. */
  operatorId: string | null
  ip: string | null
  /** Groups the rows of one batch in the history and the audit log. */
  batchId: string | null
  via: 'single' | 'batch' | 'seed'
  at: Date
}

export interface ChangeOutcome {
  status: CurrentStatus
  /** False when the citizen already had this colour and reason: nothing written. */
  changed: boolean
}

export const HEALTH_AUDIT_EVENTS = {
  change: 'health_status.change',
  batch: 'health_status.batch',
  verify: 'health_code.verify',
} as const

// Rows per statement: well inside PostgreSQL's 65535 bind parameters.
const CHUNK = 500

/**
 * Applies changes inside the caller's transaction. Unchanged rows (same colour and reason)
 * are left alone so the codes already on citizens' screens stay valid. A concurrent change
 * to the same citizen is a CONFLICT: the version each update expects is the one read here.
 */
export async function writeStatusChanges(trx: Kysely<Database>, crypto: IdentityCrypto, changes: StatusChange[], meta: ChangeMeta): Promise<ChangeOutcome[]> {
  const at = meta.at.toISOString()
  const current = new Map<string, { colour: string; reason: string; version: number; subject: string; source: string; since: string }>()
  for (const ids of chunks(changes.map((change) => change.citizenId))) {
    const rows = await trx
      .selectFrom('health_status')
      .select(['citizen_id', 'colour', 'reason', 'version', 'subject', 'source', 'since'])
      .where('citizen_id', 'in', ids)
      .execute()
    for (const row of rows) current.set(row.citizen_id, { ...row, version: Number(row.version) })
  }

  const outcomes: ChangeOutcome[] = []
  const history: Insertable<HealthStatusHistoryTable>[] = []
  const audit = createAuditLog(trx, () => meta.at)
  for (const change of changes) {
    const before = current.get(change.citizenId)
    const subject = before?.subject ?? crypto.pseudonym(SUBJECT_PURPOSE, change.citizenId)
    if (before && before.colour === change.colour && before.reason === change.reason) {
      outcomes.push({ changed: false, status: statusOf(change, subject, before.version, before.source, before.since) })
      continue
    }
    const version = (before?.version ?? 0) + 1
    const values = { colour: change.colour, reason: change.reason, source: meta.source, version, since: at, updated_by: meta.operatorId }
    if (before) {
      const result = await trx
        .updateTable('health_status')
        .set(values)
        .where('citizen_id', '=', change.citizenId)
        .where('version', '=', before.version)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw concurrentChange()
    } else {
      const result = await trx
        .insertInto('health_status')
        .values({ citizen_id: change.citizenId, subject, ...values })
        .onConflict((conflict) => conflict.column('citizen_id').doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw concurrentChange()
    }
    history.push({
      citizen_id: change.citizenId,
      version,
      colour: change.colour,
      reason: change.reason,
      source: meta.source,
      changed_at: at,
      changed_by: meta.operatorId,
      batch_id: meta.batchId,
    })
    if (meta.via !== 'seed') {
      await audit.record({
        event: HEALTH_AUDIT_EVENTS.change,
        operatorId: meta.operatorId,
        citizenId: change.citizenId,
        ip: meta.ip,
        detail: { colour: change.colour, previousColour: before?.colour ?? null, version, source: meta.source, via: meta.via, batchId: meta.batchId ?? undefined },
      })
    }
    outcomes.push({ changed: true, status: statusOf(change, subject, version, meta.source, at) })
  }
  for (const rows of chunks(history)) await trx.insertInto('health_status_history').values(rows).execute()
  return outcomes
}

function statusOf(change: StatusChange, subject: string, version: number, source: string, since: string): CurrentStatus {
  return { citizenId: change.citizenId, subject, colour: change.colour, reason: change.reason, source, version, since, maskedName: maskName(change.name) }
}

function concurrentChange(): AppError {
  return new AppError('CONFLICT', { message: '有健康状态在提交期间被他人修改，本次未做任何更改，请重新提交' })
}

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}
