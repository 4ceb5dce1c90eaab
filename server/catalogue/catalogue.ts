import type { Kysely } from 'kysely'
import { CATEGORIES, LIFE_EVENT_KEYS, LIFE_EVENTS, ONLINE_LEVEL_KEYS, ONLINE_LEVELS, SERVICE_STATUSES } from '../../src/contract/services/data'
import type { ImportRejected, ImportResult, SearchQuery, SearchResult, ServiceFacets, ServiceGuide, ServiceList, ServiceListQuery, ServiceStatusChange, SuggestQuery, SuggestResult } from '../../src/contract/services/schemas'
import { SEARCH_SUGGESTIONS_MAX } from '../../src/contract/services/data'
import type { AuditEvent } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { checkImport } from './import-rules'
import { findPublishedItem, listPublished, publishedFacetRows, recordView, setStatus, upsertItems } from './repository'
import { searchEngineFor } from './search-engine'
import { recordSearch, resultOf, searchPublished, suggestPublished } from './search'
import { normaliseQuery } from './search-text'
import { toGuide, toSummary } from './views'

/**
 * The catalogue as the routes (and the import command) use it: what citizens read, search
 * and open, and what content editors import, publish and retire. Every operator change is
 * audited; every search and guide view is recorded for the demand report.
 */

export const CATALOGUE_AUDIT_EVENTS = {
  import: 'catalogue.import',
  publish: 'catalogue.publish',
  retire: 'catalogue.retire',
} as const

/** Who is reading: a logged-in account, or nobody (public routes). */
export interface Reader {
  accountId: string | null
  platform: string | null
}

/** Who is changing the catalogue, for the audit log. */
export interface Editor {
  /** The operator account (operator route); null from the command line. */
  operatorId: string | null
  ip: string | null
  /** `api` (operator route) or `cli` (npm run catalogue:import). */
  via: 'api' | 'cli'
}

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; rejected: ImportRejected }

export interface CatalogueDeps {
  db: Kysely<Database>
  clock: Clock
  audit(event: AuditEvent): Promise<void>
}

const DEFAULT_LIST_LIMIT = 20
const DEFAULT_SEARCH_LIMIT = 20

export type Catalogue = ReturnType<typeof createCatalogue>

export function createCatalogue({ db, clock, audit }: CatalogueDeps) {
  return {
    async list(query: ServiceListQuery): Promise<ServiceList> {
      const { limit = DEFAULT_LIST_LIMIT, offset = 0, ...filter } = query
      const { items, total } = await listPublished(db, filter, { limit, offset })
      return { items: items.map(toSummary), total, limit, offset }
    },

    async facets(): Promise<ServiceFacets> {
      const rows = await publishedFacetRows(db)
      const count = (values: readonly string[]) => values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string, number>())
      const categories = count(rows.map((row) => row.category))
      const lifeEvents = count(rows.flatMap((row) => row.lifeEvents))
      const departments = count(rows.map((row) => row.department))
      const onlineLevels = count(rows.map((row) => row.onlineLevel))
      return {
        total: rows.length,
        categories: CATEGORIES.filter((key) => categories.has(key)).map((key) => ({ key, name: key, count: categories.get(key)! })),
        lifeEvents: LIFE_EVENT_KEYS.filter((key) => lifeEvents.has(key)).map((key) => ({ key, name: LIFE_EVENTS[key], count: lifeEvents.get(key)! })),
        departments: [...departments.entries()]
          .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, itemCount]) => ({ key: name, name, count: itemCount })),
        onlineLevels: ONLINE_LEVEL_KEYS.filter((key) => onlineLevels.has(key)).map((key) => ({ key, name: ONLINE_LEVELS[key], count: onlineLevels.get(key)! })),
      }
    },

    /** The guide of a published item (undefined otherwise); opening it is recorded and counts towards popularity. */
    async guide(code: string, reader: Reader): Promise<ServiceGuide | undefined> {
      const item = await findPublishedItem(db, code)
      if (!item) return undefined
      await recordView(db, code, reader.accountId, clock())
      return toGuide(item)
    },

    async search(query: SearchQuery, reader: Reader): Promise<SearchResult> {
      const normalised = normaliseQuery(query.q)
      if (!normalised) throw new AppError('VALIDATION_FAILED', { message: '请输入要搜索的事项名称或关键词', field: 'query.q', rule: 'not blank' })
      const limit = query.limit ?? DEFAULT_SEARCH_LIMIT
      const found = await searchPublished(db, normalised, limit)
      const result = resultOf(normalised, found, limit)
      await recordSearch(db, {
        query: normalised,
        resultCount: result.total,
        topCode: result.total > 0 ? (found.hits[0]?.code ?? null) : null,
        accountId: reader.accountId,
        platform: reader.platform,
        at: clock(),
      })
      return result
    },

    /** Suggestions while typing (not recorded: only a search is a demand signal). */
    async suggest(query: SuggestQuery): Promise<SuggestResult> {
      const normalised = normaliseQuery(query.q)
      if (!normalised) return { items: [] }
      return { items: await suggestPublished(db, normalised, SEARCH_SUGGESTIONS_MAX) }
    },

    /** Checks every item; any bad field and nothing is written. A clean batch is written in one transaction. */
    async importItems(input: readonly unknown[], editor: Editor): Promise<ImportOutcome> {
      const checked = checkImport(input)
      const summary = (outcome: 'success' | 'failure', detail: Record<string, string | number>) =>
        audit({ event: CATALOGUE_AUDIT_EVENTS.import, outcome, operatorId: editor.operatorId, ip: editor.ip, detail: { via: editor.via, items: input.length, ...detail } })
      if (!checked.ok) {
        const badItems = new Set(checked.errors.map((error) => error.index)).size
        await summary('failure', { rejectedItems: badItems, errors: checked.errors.length })
        return {
          ok: false,
          rejected: {
            error: { code: 'VALIDATION_FAILED', message: `有 ${badItems} 个事项不符合要求，本次未导入任何事项；请按列出的事项编码和字段修改后重新导入`, field: 'body' },
            inserted: 0,
            updated: 0,
            errors: checked.errors,
          },
        }
      }
      const now = clock()
      const counts = await db.transaction().execute((trx) => upsertItems(trx, checked.items, now))
      searchEngineFor(db).invalidate()
      await summary('success', { inserted: counts.inserted.length, updated: counts.updated.length })
      return { ok: true, result: { inserted: counts.inserted.length, updated: counts.updated.length, codes: checked.items.map((item) => item.code) } }
    },

    /** Publishes or retires an item; undefined when there is no such code. Audited when something changed. */
    async changeStatus(code: string, status: 'published' | 'retired', editor: Editor): Promise<ServiceStatusChange | undefined> {
      const outcome = await setStatus(db, code, status, clock())
      if (!outcome) return undefined
      searchEngineFor(db).invalidate()
      if (outcome.changed) {
        await audit({
          event: status === 'published' ? CATALOGUE_AUDIT_EVENTS.publish : CATALOGUE_AUDIT_EVENTS.retire,
          operatorId: editor.operatorId,
          ip: editor.ip,
          detail: { code, via: editor.via },
        })
      }
      return { code, status, statusName: SERVICE_STATUSES[status], changed: outcome.changed, publishedAt: outcome.publishedAt }
    },
  }
}
