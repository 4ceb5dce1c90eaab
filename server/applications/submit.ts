/**
 * Submitting an application (POST /api/applications), idempotent per citizen and
 * Idempotency-Key:
 *   - a key seen before with the same body (SHA-256 of its canonical JSON) answers the
 *     application it created, unchanged (200); with another body it is 422
 *     IDEMPOTENCY_KEY_REUSED;
 *   - two identical submits racing both pass the first look-up; the unique index
 *     (citizen_id, idempotency_key) lets one insert win, and the loser reads the winner.
 * The application, its first event, the item's popularity and the notification outbox are
 * written in one transaction.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { ApplicationDetail, SubmitApplicationRequest } from '../../src/contract/applications/schemas'
import { APPLICATION_STATUSES } from '../../src/contract/applications/data'
import { isUniqueViolation } from '../db/unique-violation'
import { AppError } from '../errors'
import { enqueueNotifications, applicationPage } from '../notifications/outbox'
import type { Identity } from '../plugins/auth'
import { citizenIdOf } from '../certificates/access'
import { APPLICATION_AUDIT_EVENTS, type ApplicationsContext } from './context'
import { prefillFields, type PrefilledField } from './form'
import { attachMaterials, planMaterials } from './materials'
import { attachUploads } from '../uploads/attach'
import { loadOnlineItem, type OnlineItem } from './items'
import { createPrefillLoader } from './prefill'
import type { ApplicationRow } from './store'
import { validateValues, type FormValues } from './validation'
import { toDetail, type StoredField, type StoredMaterial } from './views'
import { chinaDateOf } from './working-days'

export interface SubmitResult {
  application: ApplicationDetail
  /** false: a replay answered with the application the key created before. */
  created: boolean
}

/**
 * JSON with object keys sorted at every level: equal bodies hash equally whatever the key
 * order. Iterative (an explicit stack of pieces still to write), so no nesting depth can
 * overflow the call stack; the schema keeps bodies shallow anyway (form values are scalars
 * or flat lists of scalars).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = []
  // Pieces still to write, last first: literal text, or a value to expand.
  const pending: ({ text: string } | { value: unknown })[] = [{ value }]
  while (pending.length > 0) {
    const piece = pending.pop()!
    if ('text' in piece) {
      out.push(piece.text)
      continue
    }
    const current = piece.value
    const pieces: ({ text: string } | { value: unknown })[] = []
    if (Array.isArray(current)) {
      pieces.push({ text: '[' })
      current.forEach((item, index) => pieces.push(...(index > 0 ? [{ text: ',' }] : []), { value: item }))
      pieces.push({ text: ']' })
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      pieces.push({ text: '{' })
      entries.forEach(([key, item], index) => pieces.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: item }))
      pieces.push({ text: '}' })
    } else {
      // undefined (only inside an array) writes nothing, as Array.prototype.join would.
      out.push(JSON.stringify(current) ?? '')
      continue
    }
    for (let index = pieces.length - 1; index >= 0; index--) pending.push(pieces[index]!)
  }
  return out.join('')
}

export function requestHash(body: SubmitApplicationRequest): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

/**
 * Whether a failed insert lost the race on this citizen's idempotency key (rather than
 * another unique index), on SQLite and PostgreSQL alike.
 */
function isIdempotencyKeyViolation(error: unknown): boolean {
  if (!isUniqueViolation(error)) return false
  const { constraint, message } = error as { constraint?: unknown; message?: unknown }
  return constraint === 'applications_idempotency_idx' || String(message ?? '').includes('applications.idempotency_key')
}

function keyReused(): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'headers.idempotency-key', rule: 'same key, same body' })
}

/**
 * A masked value shown back (e.g. "137****0006", "四川省成都市****"): never data. Sending it,
 * or editing around it, would store the mask as the citizen's phone or address.
 */
const MASK_PATTERN = /[*＊]{2,}/

/**
 * The values to store. A prefilled field the record holds: left out, the record's full value
 * (the client leaves untouched ones out); locked, the record's value whatever was sent; an
 * editable one the citizen replaced, what they typed. A value carrying the mask pattern is
 * refused (400 naming the field) rather than stored.
 */
function mergeValues(prefilled: readonly PrefilledField[], sent: FormValues): { values: FormValues; fromRecord: Set<string> } {
  const values: FormValues = { ...sent }
  const fromRecord = new Set<string>()
  for (const { field, value, locked } of prefilled) {
    if (!field.prefill) continue
    const given = sent[field.key]
    if (typeof given === 'string' && MASK_PATTERN.test(given)) {
      throw new AppError('VALIDATION_FAILED', {
        field: `body.values.${field.key}`,
        rule: 'not a masked value',
        message: `${field.label}：请填写完整的内容，不要保留“*”遮挡的部分（点“修改”后重新填写）`,
      })
    }
    if (value === undefined) continue
    if (locked || given === undefined) {
      values[field.key] = value
      fromRecord.add(field.key)
    }
  }
  return { values, fromRecord }
}

/** The source is stored only for a value that came from it; a typed value keeps the source's masking. */
function sourceOf(field: OnlineItem['form']['fields'][number], fromRecord: ReadonlySet<string>): Pick<StoredField, 'source' | 'maskAs'> {
  if (!field.prefill) return {}
  return fromRecord.has(field.key) ? { source: field.prefill.source } : { maskAs: field.prefill.source }
}

function newId(): string {
  return randomBytes(16).toString('base64url')
}

async function answer(context: ApplicationsContext, row: ApplicationRow, item: { name: string; department: string }): Promise<ApplicationDetail> {
  const events = (await context.store.events([row.id])).get(row.id) ?? []
  return toDetail(row, item, events, context.crypto, context.clock())
}

export async function submitApplication(
  context: ApplicationsContext,
  identity: Identity,
  idempotencyKey: string,
  body: SubmitApplicationRequest,
  ip: string,
): Promise<SubmitResult> {
  const citizenId = citizenIdOf(identity)
  const hash = requestHash(body)
  const replay = async (row: ApplicationRow): Promise<SubmitResult> => {
    if (row.request_hash !== hash) throw keyReused()
    return { application: await answer(context, row, await loadItemForReplay(context, row)), created: false }
  }

  const earlier = await context.store.findByKey(citizenId, idempotencyKey)
  if (earlier) return replay(earlier)

  const item = await loadOnlineItem(context.db, body.itemCode)
  const now = context.clock()
  const loader = createPrefillLoader(context, citizenId, now)
  const [prefilled, plans] = await Promise.all([prefillFields(item, loader), planMaterials(item, loader, now)])
  const merged = mergeValues(prefilled, body.values as FormValues)
  const values = validateValues(item.form, merged.values, now)
  const { materials, uploadIds } = await attachMaterials(context, citizenId, item, plans, values, body.materials, now)
  const stored: StoredField[] = item.form.fields
    .filter((field) => values[field.key] !== undefined)
    .map((field) => ({ key: field.key, label: field.label, type: field.type, ...sourceOf(field, merged.fromRecord), ...(field.format ? { format: field.format } : {}), value: values[field.key]! }))

  try {
    const row = await insert(context, { identity, citizenId, idempotencyKey, hash, item, stored, materials, uploadIds, now })
    await context.audit.record({
      event: APPLICATION_AUDIT_EVENTS.submit,
      accountId: identity.account.id,
      citizenId,
      ip,
      detail: { applicationId: row.id, number: row.number, itemCode: item.code },
    })
    return { application: await answer(context, row, item), created: true }
  } catch (error) {
    // A concurrent submit with the same key won the race: answer with its application.
    if (isIdempotencyKeyViolation(error)) {
      const winner = await context.store.findByKey(citizenId, idempotencyKey)
      if (winner) return replay(winner)
    }
    throw error
  }
}

async function loadItemForReplay(context: ApplicationsContext, row: ApplicationRow): Promise<{ name: string; department: string }> {
  const item = await context.db.selectFrom('service_items').select(['name', 'department']).where('code', '=', row.item_code).executeTakeFirst()
  return item ?? { name: row.item_code, department: '' }
}

async function insert(
  context: ApplicationsContext,
  input: {
    identity: Identity
    citizenId: string
    idempotencyKey: string
    hash: string
    item: OnlineItem
    stored: StoredField[]
    materials: StoredMaterial[]
    /** Drafts attached in the same transaction (one a concurrent submit took first rolls this one back). */
    uploadIds: string[]
    now: Date
  },
): Promise<ApplicationRow> {
  const at = input.now.toISOString()
  return context.db.transaction().execute(async (trx) => {
    const day = chinaDateOf(input.now).replace(/-/g, '')
    // One row per day hands out each number once, also under concurrent submits (see the migration).
    const { last: sequence } = await trx
      .insertInto('application_number_counters')
      .values({ day, last: 1 })
      .onConflict((conflict) => conflict.column('day').doUpdateSet((eb) => ({ last: eb('application_number_counters.last', '+', 1) })))
      .returning('last')
      .executeTakeFirstOrThrow()
    const row: ApplicationRow = {
      id: newId(),
      number: `${day}-${String(sequence).padStart(6, '0')}`,
      citizen_id: input.citizenId,
      account_id: input.identity.account.id,
      item_code: input.item.code,
      idempotency_key: input.idempotencyKey,
      status: 'submitted',
      form_encrypted: context.crypto.encrypt(JSON.stringify({ fields: input.stored })),
      materials: JSON.stringify(input.materials),
      time_limit_days: input.item.timeLimitDays,
      submitted_at: at,
      accepted_at: null,
      due_on: null,
      finished_at: null,
      updated_at: at,
      request_hash: input.hash,
      supplement_items: null,
      supplement_from: null,
      supplement_requested_at: null,
    }
    await trx.insertInto('applications').values(row).execute()
    await trx.insertInto('application_events').values({ application_id: row.id, status: 'submitted', reason: null, actor: 'citizen', at }).execute()
    await attachUploads(trx, row.id, input.uploadIds)
    await trx
      .updateTable('service_items')
      .set((eb) => ({ popularity: eb('popularity', '+', 1) }))
      .where('code', '=', input.item.code)
      .execute()
    await enqueueNotifications(trx, {
      applicationId: row.id,
      citizenId: input.citizenId,
      templateKey: 'application_status',
      templateIds: context.templateIds,
      now: input.now,
      payload: {
        applicationNumber: row.number,
        itemName: input.item.name,
        statusName: APPLICATION_STATUSES.submitted,
        at,
        note: `受理编号 ${row.number}`,
        page: applicationPage(row.id),
      },
    })
    return row
  })
}
