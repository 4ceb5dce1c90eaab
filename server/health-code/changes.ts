import { randomUUID } from 'node:crypto'
import type { BatchRejected, BatchResult, HealthStatusBatch, HealthStatusChange, OperatorHealthStatus } from '../../src/contract/health-code/schemas'
import { normaliseIdNumber } from '../../src/contract/id-number'
import { AppError } from '../errors'
import { assertValidIdNumber } from '../identity/id-number-rule'
import { maskIdNumber } from '../privacy/masking'
import { checkBatch, MAX_REASON_LENGTH, type ValidRow } from './batch'
import { ensureCitizens, knownIdNumberHashes } from './citizens'
import type { HealthCodeContext } from './context'
import { chunks, HEALTH_AUDIT_EVENTS, writeStatusChanges, type ChangeMeta, type ChangeOutcome } from './statuses'

/** The operator making a change, for the history and the audit log. */
export interface Operator {
  /** The operator account's id (operators table). */
  operatorId: string
  ip: string
}

/** One status change (POST /api/ops/health-statuses): bad input is a 400 naming the field. */
export async function changeOneStatus(context: HealthCodeContext, change: HealthStatusChange, operator: Operator): Promise<OperatorHealthStatus> {
  const idNumber = normaliseIdNumber(change.idNumber)
  assertValidIdNumber(idNumber, 'body.idNumber', context.clock())
  const reason = nonBlank(change.reason, 'body.reason', '原因不能为空')
  if (Array.from(reason).length > MAX_REASON_LENGTH) {
    throw new AppError('VALIDATION_FAILED', { message: `原因不能超过 ${MAX_REASON_LENGTH} 个字`, field: 'body.reason', rule: `maxLength ${MAX_REASON_LENGTH}` })
  }
  const source = nonBlank(change.source, 'body.source', '来源不能为空')
  const idNumberHash = context.crypto.hashIdNumber(idNumber)
  if (!(await knownIdNumberHashes(context.db, [idNumberHash])).has(idNumberHash)) {
    throw new AppError('NOT_FOUND', { message: '人口库中没有此身份证号码，请核对' })
  }
  const [outcome] = await applyRows(context, [{ row: 1, idNumberHash, colour: change.colour, reason }], {
    source,
    operatorId: operator.operatorId,
    ip: operator.ip,
    batchId: null,
    via: 'single',
  })
  const { status, changed } = outcome!
  return {
    name: status.maskedName,
    idNumber: maskIdNumber(idNumber),
    colour: status.colour,
    reason: status.reason,
    source: status.source,
    version: status.version,
    since: status.since,
    changed,
  }
}

export type BatchOutcome = { ok: true; result: BatchResult } | { ok: false; rejected: BatchRejected }

/**
 * A batch (POST /api/ops/health-statuses/batch): every row checked first; any bad row and
 * nothing is applied, all bad rows are listed. A clean batch is applied in one transaction.
 * Either way the attempt is audited once, plus one entry per citizen whose status changed.
 */
export async function applyBatch(context: HealthCodeContext, batch: HealthStatusBatch, operator: Operator): Promise<BatchOutcome> {
  const source = nonBlank(batch.source, 'body.source', '来源不能为空')
  const checked = await checkBatch(context.db, context.crypto, batch, context.clock())
  const total = checked.rows.length + new Set(checked.errors.map((error) => error.row)).size
  const summary = (outcome: 'success' | 'failure', detail: Record<string, string | number>) =>
    context.audit.record({
      event: HEALTH_AUDIT_EVENTS.batch,
      outcome,
      operatorId: operator.operatorId,
      ip: operator.ip,
      detail: { format: checked.format, rows: total, source, ...detail },
    })

  if (checked.errors.length > 0) {
    const badRows = new Set(checked.errors.map((error) => error.row)).size
    await summary('failure', { rejectedRows: badRows })
    return {
      ok: false,
      rejected: {
        error: { code: 'VALIDATION_FAILED', message: `有 ${badRows} 行有误，本批未做任何更改；请按列出的行号修改后重新提交`, field: checked.format === 'csv' ? 'body.csv' : 'body.rows' },
        applied: 0,
        errors: checked.errors,
      },
    }
  }
  const batchId = randomUUID()
  const outcomes = await applyRows(context, checked.rows, { source, operatorId: operator.operatorId, ip: operator.ip, batchId, via: 'batch' })
  const applied = outcomes.filter((outcome) => outcome.changed).length
  await summary('success', { batchId, applied, unchanged: outcomes.length - applied })
  return { ok: true, result: { applied, unchanged: outcomes.length - applied, errors: [] } }
}

/** Applies checked rows atomically, then refreshes the cache (only after the commit). */
async function applyRows(context: HealthCodeContext, rows: readonly ValidRow[], meta: Omit<ChangeMeta, 'at'>): Promise<ChangeOutcome[]> {
  const at = context.clock()
  const outcomes = await context.db.transaction().execute(async (trx) => {
    const citizens = await ensureCitizens(trx, rows.map((row) => row.idNumberHash), at)
    const changes = rows.map((row) => {
      const citizen = citizens.get(row.idNumberHash)
      // Checked against the registry moments ago; gone now means it changed meanwhile.
      if (!citizen) throw new AppError('CONFLICT', { message: '人口库在提交期间发生变化，本次未做任何更改，请重新提交' })
      return { citizenId: citizen.id, name: citizen.name, colour: row.colour, reason: row.reason }
    })
    return writeStatusChanges(trx, context.crypto, changes, { ...meta, at })
  })
  // Before anything is answered: this node and every other stop issuing the old colour.
  context.invalidateStatuses(outcomes.filter((outcome) => outcome.changed).map((outcome) => outcome.status.citizenId))
  // Writes in parallel groups: a 10 000-row batch should not wait for 20 000 round trips one by one.
  for (const group of chunks(outcomes, 100)) await Promise.all(group.map((outcome) => context.cache.put(outcome.status)))
  return outcomes
}

function nonBlank(value: string, field: string, message: string): string {
  const trimmed = value.trim()
  if (!trimmed) throw new AppError('VALIDATION_FAILED', { message, field, rule: 'not blank' })
  return trimmed
}
