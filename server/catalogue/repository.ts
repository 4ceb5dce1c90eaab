import { sql, type Kysely } from 'kysely'
import type { Audience, Category, LifeEvent, OnlineLevel, ServiceStatus } from '../../src/contract/services/data'
import type { ServiceItemImport } from '../../src/contract/services/schemas'
import type { Database } from '../db/database'
import { emitActivity } from '../live/activity'
import { setDeclaration } from '../results/declarations'
import { dialectOf } from '../db/dialect'
import { guideColumns, itemOf, type CatalogueItem } from './views'

/**
 * service_items, service_views and popularity: every read and write of the catalogue's
 * tables except search (./search-index.ts). Citizens only ever see published items, so
 * every citizen-facing read filters on status here, not in the routes.
 */

export interface ListFilter {
  category?: Category
  lifeEvent?: LifeEvent
  department?: string
  audience?: Audience
  onlineLevel?: OnlineLevel
}

export interface UpsertCounts {
  inserted: string[]
  updated: string[]
}

/** Writes imported items by code: new codes inserted, existing ones updated (popularity and created_at kept). */
export async function upsertItems(db: Kysely<Database>, items: readonly ServiceItemImport[], now: Date): Promise<UpsertCounts> {
  const at = now.toISOString()
  const counts: UpsertCounts = { inserted: [], updated: [] }
  for (const item of items) {
    // The item's declared result (办理结果) when the import names one; absent: the current one is kept.
    if (item.result !== undefined) await setDeclaration(db, item.code, item.result, now)
    const existing = await db.selectFrom('service_items').select(['status', 'published_at']).where('code', '=', item.code).executeTakeFirst()
    if (!existing) {
      await db
        .insertInto('service_items')
        .values({ ...guideColumns(item), created_at: at, updated_at: at, published_at: item.status === 'published' ? at : null })
        .execute()
      counts.inserted.push(item.code)
      continue
    }
    const publishedAt = item.status === 'published' && existing.status !== 'published' ? at : existing.published_at
    await db
      .updateTable('service_items')
      .set({ ...guideColumns(item), updated_at: at, published_at: publishedAt })
      .where('code', '=', item.code)
      .execute()
    counts.updated.push(item.code)
  }
  return counts
}

/** Inserts the items whose code is not there yet; existing ones (and any edits to them) are left alone. */
export async function insertMissingItems(db: Kysely<Database>, items: readonly ServiceItemImport[], now: Date): Promise<string[]> {
  const existing = new Set((await db.selectFrom('service_items').select('code').execute()).map((row) => row.code))
  const missing = items.filter((item) => !existing.has(item.code))
  if (missing.length > 0) await upsertItems(db, missing, now)
  return missing.map((item) => item.code)
}

export async function findItem(db: Kysely<Database>, code: string): Promise<CatalogueItem | undefined> {
  const row = await db.selectFrom('service_items').selectAll().where('code', '=', code).executeTakeFirst()
  return row ? itemOf(row) : undefined
}

export async function findPublishedItem(db: Kysely<Database>, code: string): Promise<CatalogueItem | undefined> {
  const item = await findItem(db, code)
  return item?.status === 'published' ? item : undefined
}

/** Published items matching the filter, most popular first, then by code. */
export async function listPublished(
  db: Kysely<Database>,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ items: CatalogueItem[]; total: number }> {
  let query = db.selectFrom('service_items').where('status', '=', 'published')
  if (filter.category) query = query.where('category', '=', filter.category)
  if (filter.department) query = query.where('department', '=', filter.department)
  if (filter.onlineLevel) query = query.where('online_level', '=', filter.onlineLevel)
  // JSON arrays of known keys (the query schema allows no other). A `_` in a key is a LIKE
  // wildcard, but no other key differs from one only there, so it matches nothing else.
  if (filter.lifeEvent) query = query.where('life_events', 'like', `%"${filter.lifeEvent}"%`)
  if (filter.audience) query = query.where('audiences', 'like', `%"${filter.audience}"%`)
  const { total } = await query.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow()
  const rows = await query
    .selectAll()
    .orderBy('popularity', 'desc')
    // Byte order on both dialects (PostgreSQL's locale collation would skip `-` and `_`).
    .orderBy(dialectOf(db) === 'postgres' ? sql`code collate "C"` : sql`code`)
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return { items: rows.map(itemOf), total: Number(total) }
}

/** What the facets are counted from: one small row per published item. */
export async function publishedFacetRows(
  db: Kysely<Database>,
): Promise<{ category: string; department: string; lifeEvents: LifeEvent[]; onlineLevel: OnlineLevel }[]> {
  const rows = await db
    .selectFrom('service_items')
    .select(['category', 'department', 'life_events', 'online_level'])
    .where('status', '=', 'published')
    .execute()
  return rows.map((row) => ({
    category: row.category,
    department: row.department,
    lifeEvents: JSON.parse(row.life_events) as LifeEvent[],
    onlineLevel: row.online_level,
  }))
}

/** Sets an item's status; undefined when there is no such item. `changed` is false when it already had it. */
export async function setStatus(
  db: Kysely<Database>,
  code: string,
  status: ServiceStatus,
  now: Date,
): Promise<{ changed: boolean; publishedAt: string | null } | undefined> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('service_items').select(['status', 'published_at']).where('code', '=', code).executeTakeFirst()
    if (!existing) return undefined
    if (existing.status === status) return { changed: false, publishedAt: existing.published_at }
    const at = now.toISOString()
    const publishedAt = status === 'published' ? at : existing.published_at
    await trx.updateTable('service_items').set({ status, updated_at: at, published_at: publishedAt }).where('code', '=', code).execute()
    return { changed: true, publishedAt }
  })
}

/**
 * A guide was opened: one service_views row and popularity + 1, together. Popularity is what
 * ranks equally good search matches and orders the list.
 */
export async function recordView(db: Kysely<Database>, code: string, accountId: string | null, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('service_views').values({ item_code: code, account_id: accountId, viewed_at: now.toISOString() }).execute()
    await bumpPopularity(trx, code, 1)
  })
  emitActivity(db, { kind: 'view', serviceCode: code, at: now })
}

/** Adds to an item's popularity (views add 1; the applications module adds for each application). */
export async function bumpPopularity(db: Kysely<Database>, code: string, by: number): Promise<void> {
  await db
    .updateTable('service_items')
    .set({ popularity: sql<number>`popularity + ${by}` })
    .where('code', '=', code)
    .execute()
}
