/**
 * Submitting a package (POST /api/life-events/:key/applications), idempotent per citizen and
 * Idempotency-Key like an item's submit: the same key and body answer the package it
 * created (200), another body is 422 IDEMPOTENCY_KEY_REUSED, and of two identical submits
 * racing the unique index lets one insert win while the loser reads the winner.
 *
 * One transaction writes the package, one ordinary application per member (its own 受理编号,
 * its own department's queue through the item's code, its first event, its notification),
 * and the links between them: all members or none.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Insertable } from 'kysely'
import { APPLICATION_STATUSES } from '../../src/contract/applications/data'
import type { LifeEventPackage } from '../../src/contract/life-events/data'
import type { LifeEventSubmitRequest } from '../../src/contract/life-events/schemas'
import type { ApplicationsContext } from '../applications/context'
import { prefillFields } from '../applications/form'
import { createPrefillLoader } from '../applications/prefill'
import { canonicalJson } from '../applications/submit'
import type { FormValues } from '../applications/validation'
import type { StoredField, StoredMaterial } from '../applications/views'
import { chinaDateOf } from '../applications/working-days'
import { citizenIdOf } from '../certificates/access'
import type { ApplicationsTable } from '../db/database'
import { isUniqueViolation } from '../db/unique-violation'
import { AppError } from '../errors'
import { applicationPage, enqueueNotifications } from '../notifications/outbox'
import type { Identity } from '../plugins/auth'
import { sharedField, syntheticItem } from './form'
import { planMemberMaterials, storedMemberMaterial } from './materials'
import { loadMembers, producersOf, requirePublished, type MemberItem } from './members'
import { lifeEventDb, type LifeEventApplicationsTable, type LifeEventTables } from './tables'
import { checkMemberValues, checkSharedValues } from './values'

export const LIFE_EVENT_AUDIT_EVENTS = { submit: 'life_event.submit', form: 'life_event.prefill' } as const

export interface PackageSubmitResult {
  packageId: string
  /** false: a replay answered with the package the key created before. */
  created: boolean
}

function keyReused(): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'headers.idempotency-key', rule: 'same key, same body' })
}

function isPackageKeyViolation(error: unknown): boolean {
  if (!isUniqueViolation(error)) return false
  const { constraint, message } = error as { constraint?: unknown; message?: unknown }
  return constraint === 'life_event_applications_idempotency_idx' || String(message ?? '').includes('life_event_applications.idempotency_key')
}

const newId = () => randomBytes(16).toString('base64url')

interface MemberPlan {
  item: MemberItem
  stored: StoredField[]
  materials: StoredMaterial[]
}

export async function submitPackage(
  context: ApplicationsContext,
  definition: LifeEventPackage,
  identity: Identity,
  idempotencyKey: string,
  body: LifeEventSubmitRequest,
  ip: string,
): Promise<PackageSubmitResult> {
  const citizenId = citizenIdOf(identity)
  const db = lifeEventDb(context.db)
  const hash = createHash('sha256').update(canonicalJson({ package: definition.key, body })).digest('hex')
  const replay = (row: Pick<LifeEventApplicationsTable, 'id' | 'request_hash'>): PackageSubmitResult => {
    if (row.request_hash !== hash) throw keyReused()
    return { packageId: row.id, created: false }
  }
  const findByKey = () => db.selectFrom('life_event_applications').select(['id', 'request_hash']).where('citizen_id', '=', citizenId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst()

  const earlier = await findByKey()
  if (earlier) return replay(earlier)

  const members = await loadMembers(context.db, definition)
  requirePublished(definition, members)
  const now = context.clock()
  const loader = createPrefillLoader(context, citizenId, now)
  const prefilled = await prefillFields(syntheticItem(definition.key, definition.name, definition.sharedFields), loader)
  const shared = checkSharedValues(definition, prefilled, body.shared as FormValues, now)
  const own = checkMemberValues(definition, body.members as Record<string, FormValues>, now)

  // A shared value is stored as the record gave it (with its source) or as typed (masked like that source, or as the field says).
  const storedShared = (key: string, asKey = key): StoredField | undefined => {
    const field = sharedField(definition, key)
    const value = shared.values[key]
    if (value === undefined) return undefined
    const masking = field.prefill ? (shared.fromRecord.has(key) ? { source: field.prefill.source } : { maskAs: field.prefill.source }) : field.maskAs ? { maskAs: field.maskAs } : {}
    return { key: asKey, label: field.label, type: field.type, ...masking, value }
  }

  const plans: MemberPlan[] = await Promise.all(
    definition.members.map(async (member, index): Promise<MemberPlan> => {
      const item = members[index]!
      const fromShared = Object.entries(member.shared).flatMap(([memberKey, key]) => storedShared(key, memberKey) ?? [])
      const values = own[index]!
      const fromOwn: StoredField[] = member.fields.filter((field) => values[field.key] !== undefined).map((field) => ({ key: field.key, label: field.label, type: field.type, ...(field.maskAs ? { maskAs: field.maskAs } : {}), value: values[field.key]! }))
      const materials: StoredMaterial[] = (await planMemberMaterials(item.materials, loader, now, producersOf(definition, index, members))).map(storedMemberMaterial)
      return { item, stored: [...fromShared, ...fromOwn], materials }
    }),
  )
  const sharedStored = definition.sharedFields.flatMap((field) => storedShared(field.key) ?? [])

  try {
    const packageId = await insertPackage(context, { definition, identity, citizenId, idempotencyKey, hash, sharedStored, plans, now })
    await context.audit.record({
      event: LIFE_EVENT_AUDIT_EVENTS.submit,
      accountId: identity.account.id,
      citizenId,
      ip,
      detail: { packageId, package: definition.key, members: plans.map((plan) => plan.item.code).join(',') },
    })
    return { packageId, created: true }
  } catch (error) {
    // A concurrent submit with the same key won the race: answer with its package.
    if (isPackageKeyViolation(error)) {
      const winner = await findByKey()
      if (winner) return replay(winner)
    }
    throw error
  }
}

async function insertPackage(
  context: ApplicationsContext,
  input: { definition: LifeEventPackage; identity: Identity; citizenId: string; idempotencyKey: string; hash: string; sharedStored: StoredField[]; plans: MemberPlan[]; now: Date },
): Promise<string> {
  const at = input.now.toISOString()
  const packageId = newId()
  const day = chinaDateOf(input.now).replace(/-/g, '')
  await context.db.transaction().execute(async (trx) => {
      const packages = trx.withTables<LifeEventTables>()
      // First, so a racing duplicate fails here before anything else is written.
      await packages
        .insertInto('life_event_applications')
        .values({
          id: packageId,
          citizen_id: input.citizenId,
          account_id: input.identity.account.id,
          package_key: input.definition.key,
          idempotency_key: input.idempotencyKey,
          request_hash: input.hash,
          shared_encrypted: context.crypto.encrypt(JSON.stringify({ fields: input.sharedStored })),
          submitted_at: at,
        })
        .execute()
      // Sequentially: each member takes the next 受理编号 of the day, in the package's order.
      for (const [position, plan] of input.plans.entries()) {
        const { last: sequence } = await trx
          .insertInto('application_number_counters')
          .values({ day, last: 1 })
          .onConflict((conflict) => conflict.column('day').doUpdateSet((eb) => ({ last: eb('application_number_counters.last', '+', 1) })))
          .returning('last')
          .executeTakeFirstOrThrow()
        const row: Insertable<ApplicationsTable> = {
          id: newId(),
          number: `${day}-${String(sequence).padStart(6, '0')}`,
          citizen_id: input.citizenId,
          account_id: input.identity.account.id,
          item_code: plan.item.code,
          // Not a client key (those never contain ':'): unique per package and member.
          idempotency_key: `life-event:${packageId}:${position}`,
          status: 'submitted',
          form_encrypted: context.crypto.encrypt(JSON.stringify({ fields: plan.stored })),
          materials: JSON.stringify(plan.materials),
          time_limit_days: plan.item.timeLimitDays,
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
        await trx
          .insertInto('application_events')
          .values({ application_id: row.id, status: 'submitted', reason: `随“${input.definition.name}”一并提交`, actor: 'citizen', at })
          .execute()
        await packages.insertInto('life_event_members').values({ package_application_id: packageId, position, application_id: row.id, item_code: plan.item.code }).execute()
        await trx
          .updateTable('service_items')
          .set((eb) => ({ popularity: eb('popularity', '+', 1) }))
          .where('code', '=', plan.item.code)
          .execute()
        await enqueueNotifications(trx, {
          applicationId: row.id,
          citizenId: input.citizenId,
          templateKey: 'application_status',
          templateIds: context.templateIds,
          now: input.now,
          payload: {
            applicationNumber: row.number,
            itemName: plan.item.name,
            statusName: APPLICATION_STATUSES.submitted,
            at,
            note: `${input.definition.name}：受理编号 ${row.number}`,
            page: applicationPage(row.id),
          },
        })
      }
    })
  return packageId
}
