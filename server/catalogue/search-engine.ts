import { sql, type Kysely } from 'kysely'
import { LIFE_EVENTS, type LifeEvent } from '../../src/contract/services/data'
import type { Database } from '../db/database'
import { SearchIndex, type IndexAnswer, type IndexedItem, type Suggestion } from './search-index'

/**
 * One search index per database handle (per API process), rebuilt from the database:
 * - on the first search;
 * - when the catalogue changed: at most once a second a search asks the database for the
 *   catalogue's version (count, latest update, popularity sum), so an import, publish or
 *   retire made through any node — or by the import command — is searchable on every node
 *   within about a second plus the rebuild, with no broadcast needed;
 * - popularity alone changed (a guide was read): the figures are refreshed, not the text.
 * Both dialects feed the same rows to the same code, so they answer identically.
 */

const VERSION_CHECK_MS = 1000

interface Version {
  count: number
  updatedAt: string
  popularity: number
}

export class SearchEngine {
  private index: SearchIndex | undefined
  private version: Version | undefined
  private checkedAt = 0
  private refreshing: Promise<void> | undefined

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async search(query: string, limit?: number): Promise<IndexAnswer> {
    return (await this.current()).search(query, limit)
  }

  async suggest(query: string, limit: number): Promise<Suggestion[]> {
    return (await this.current()).suggest(query, limit)
  }

  /** The catalogue changed through this process: the next search rebuilds (timestamps can repeat). */
  invalidate(): void {
    this.checkedAt = 0
    this.version = undefined
  }

  private async current(): Promise<SearchIndex> {
    if (!this.index || this.now() - this.checkedAt >= VERSION_CHECK_MS) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined))
      await this.refreshing
    }
    return this.index!
  }

  private async refresh(): Promise<void> {
    const version = await readVersion(this.db)
    this.checkedAt = this.now()
    const previous = this.version
    if (this.index && previous && previous.count === version.count && previous.updatedAt === version.updatedAt) {
      if (previous.popularity !== version.popularity) this.index.updatePopularity(await readPopularity(this.db))
      this.version = version
      return
    }
    if (this.index && previous && version.count >= previous.count && previous.updatedAt) {
      // Only what changed since the last look is re-indexed: 1,000 new items take ~0.2 s, not a rebuild.
      const changed = await readChangedSince(this.db, previous.updatedAt)
      this.index.apply(
        changed.filter((row) => row.status === 'published').map(toIndexed),
        changed.filter((row) => row.status !== 'published').map((row) => row.code),
      )
    } else {
      this.index = new SearchIndex((await readRows(this.db)).map(toIndexed))
    }
    this.version = version
  }
}

const engines = new WeakMap<Kysely<Database>, SearchEngine>()

/** The engine of this database handle (one per app and per command). */
export function searchEngineFor(db: Kysely<Database>): SearchEngine {
  let engine = engines.get(db)
  if (!engine) {
    engine = new SearchEngine(db)
    engines.set(db, engine)
  }
  return engine
}

async function readVersion(db: Kysely<Database>): Promise<Version> {
  const row = await db
    .selectFrom('service_items')
    .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.max('updated_at').as('updated_at'), sql<number | string | null>`sum(popularity)`.as('popularity')])
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), updatedAt: row.updated_at ?? '', popularity: Number(row.popularity ?? 0) }
}

async function readPopularity(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('service_items').select(['code', 'popularity']).where('status', '=', 'published').execute()
  return new Map(rows.map((row) => [row.code, Number(row.popularity)]))
}

const ITEM_COLUMNS = ['code', 'name', 'aliases', 'department', 'category', 'online_level', 'time_limit_days', 'audiences', 'popularity', 'conditions', 'materials', 'life_events', 'status'] as const

async function readRows(db: Kysely<Database>) {
  return db.selectFrom('service_items').select([...ITEM_COLUMNS]).where('status', '=', 'published').orderBy('code').execute()
}

/** Items written at or after `since` (>=: two writes can share a timestamp), any status. */
async function readChangedSince(db: Kysely<Database>, since: string) {
  return db.selectFrom('service_items').select([...ITEM_COLUMNS]).where('updated_at', '>=', since).orderBy('code').execute()
}

type ItemRow = Awaited<ReturnType<typeof readRows>>[number]

function toIndexed(row: ItemRow): IndexedItem {
  const materials = (JSON.parse(row.materials) as { name: string }[]).map((material) => material.name)
  const lifeEvents = (JSON.parse(row.life_events) as LifeEvent[]).map((key) => LIFE_EVENTS[key] ?? '')
  return {
    code: row.code,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    department: row.department,
    category: row.category,
    onlineLevel: row.online_level,
    timeLimitDays: row.time_limit_days,
    audiences: JSON.parse(row.audiences) as string[],
    popularity: Number(row.popularity),
    guideText: [...(JSON.parse(row.conditions) as string[]), ...materials, ...lifeEvents].join('\n'),
  }
}
