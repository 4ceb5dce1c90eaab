/**
 * Applications for suites that start where an application already exists (好差评): rows
 * inserted directly, as the applications routes would have left them, so these suites do
 * not depend on the submit and review journeys (which have suites of their own).
 *
 *   const citizenId = await citizenIdFor(app, 'zhang-wei')   // after sessionFor(app, 'zhang-wei')
 *   const application = await insertApplication(app, config, citizenId)            // completed
 *   const pending = await insertApplication(app, config, citizenId, { status: 'reviewing' })
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../server/config'
import type { ApplicationStatus } from '../../server/db/database'
import { createIdentityCrypto } from '../../server/identity/crypto'

export const FIXTURE_ITEM = {
  code: '11110000000000000A3000111T001',
  name: '测试用事项：户籍证明开具',
  department: '市公安局',
}

/** The statuses an application passes through to reach `status`, in order. */
const PATH: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: ['submitted'],
  accepted: ['submitted', 'accepted'],
  reviewing: ['submitted', 'accepted', 'reviewing'],
  supplement_requested: ['submitted', 'supplement_requested'],
  pre_review_passed: ['submitted', 'pre_review_passed'],
  visited: ['submitted', 'pre_review_passed', 'visited'],
  completed: ['submitted', 'accepted', 'reviewing', 'completed'],
  rejected: ['submitted', 'rejected'],
  denied: ['submitted', 'accepted', 'reviewing', 'denied'],
  withdrawn: ['submitted', 'withdrawn'],
}

/** The citizen behind a demo citizen's sandbox account (proven: sessionFor(app, key) first). */
export async function citizenIdFor(app: FastifyInstance, key: string): Promise<string> {
  const account = await app.db
    .selectFrom('platform_accounts')
    .select('citizen_id')
    .where('platform', '=', 'h5dev')
    .where('subject', '=', key)
    .executeTakeFirstOrThrow()
  if (!account.citizen_id) throw new Error(`${key} is not real-name verified yet: call sessionFor(app, '${key}') first`)
  return account.citizen_id
}

/** A published full_online item to hang applications on, inserted once. */
export async function ensureFixtureItem(app: FastifyInstance, item: { code: string; name: string; department: string } = FIXTURE_ITEM): Promise<void> {
  const now = new Date().toISOString()
  await app.db
    .insertInto('service_items')
    .values({
      code: item.code,
      name: item.name,
      aliases: '[]',
      department: item.department,
      audiences: '["personal"]',
      category: '户籍办理',
      life_events: '[]',
      region: '北京市',
      legal_basis: '《中华人民共和国户口登记条例》',
      conditions: '["本市户籍居民"]',
      materials: '[]',
      fees: '不收费',
      time_limit_days: 5,
      online_level: 'full_online',
      counter_address: '市政务服务中心一层',
      counter_hours: '工作日 9:00-17:00',
      contact_phone: null,
      faq: '[]',
      form_schema: null,
      status: 'published',
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .onConflict((conflict) => conflict.column('code').doNothing())
    .execute()
}

export interface FixtureApplication {
  id: string
  number: string
  itemCode: string
}

/** An application of `citizenId` in `status` (default completed) with its timeline events. */
export async function insertApplication(
  app: FastifyInstance,
  config: Config,
  citizenId: string,
  options: { status?: ApplicationStatus; item?: { code: string; name: string; department: string } } = {},
): Promise<FixtureApplication> {
  const { status = 'completed', item = FIXTURE_ITEM } = options
  await ensureFixtureItem(app, item)
  const account = await app.db.selectFrom('platform_accounts').select('id').where('citizen_id', '=', citizenId).executeTakeFirstOrThrow()
  const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
  const id = randomBytes(16).toString('base64url')
  const number = `20261127-${randomBytes(4).toString('hex')}`
  const steps = PATH[status]
  const start = Date.now() - steps.length * 60_000
  const at = (index: number) => new Date(start + index * 60_000).toISOString()
  const finished = ['completed', 'rejected', 'denied', 'withdrawn'].includes(status)
  await app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('applications')
      .values({
        id,
        number,
        citizen_id: citizenId,
        account_id: account.id,
        item_code: item.code,
        idempotency_key: randomBytes(8).toString('hex'),
        status,
        form_encrypted: crypto.encrypt(JSON.stringify({ reason: '办理落户', copies: 1 })),
        materials: '[]',
        time_limit_days: 5,
        submitted_at: at(0),
        accepted_at: steps.includes('accepted') ? at(1) : null,
        due_on: steps.includes('accepted') ? '2026-12-04' : null,
        finished_at: finished ? at(steps.length - 1) : null,
        updated_at: at(steps.length - 1),
      })
      .execute()
    for (const [index, step] of steps.entries()) {
      await trx
        .insertInto('application_events')
        .values({ application_id: id, status: step, reason: null, actor: step === 'submitted' || step === 'withdrawn' ? 'citizen' : 'operator-fixture', at: at(index) })
        .execute()
    }
  })
  return { id, number, itemCode: item.code }
}
