import type { Kysely } from 'kysely'
import type { Audience, OnlineLevel } from '../../src/contract/services/data'
import type { SearchHit, SearchRelaxed, SearchResult, SearchSuggestion } from '../../src/contract/services/schemas'
import type { Database } from '../db/database'
import { emitActivity } from '../live/activity'
import { maskPersonalNumbers } from '../privacy/masking'
import { searchEngineFor } from './search-engine'
import type { RankedHit } from './search-index'
import { toSummary } from './views'

/**
 * Catalogue search: word-level, synonym-, pinyin- and typo-tolerant, ranked in process by
 * the search index (search-index.ts; why in process: README.md in this folder). A search
 * never answers with a bare zero: when nothing matches well it returns the items closest to
 * the query (`relaxed: similar`) or the most used ones (`relaxed: popular`), and `total`
 * says 0 so the demand report still counts it as a zero-result search.
 */
export async function searchPublished(db: Kysely<Database>, query: string, limit: number): Promise<{ hits: SearchHit[]; total: number; relaxed: SearchRelaxed }> {
  const answer = await searchEngineFor(db).search(query, limit)
  return { hits: answer.hits.map(toHit), total: answer.total, relaxed: answer.relaxed }
}

/** Suggestions while typing: names and aliases that start with / contain the text, or its pinyin. */
export async function suggestPublished(db: Kysely<Database>, query: string, limit: number): Promise<SearchSuggestion[]> {
  return searchEngineFor(db).suggest(query, limit)
}

function toHit(hit: RankedHit): SearchHit {
  const summary = toSummary({
    code: hit.item.code,
    name: hit.item.name,
    department: hit.item.department,
    category: hit.item.category,
    onlineLevel: hit.item.onlineLevel as OnlineLevel,
    timeLimitDays: hit.item.timeLimitDays,
    audiences: hit.item.audiences as Audience[],
  })
  return { ...summary, matchedField: hit.matchedField, matchedText: hit.matchedText, highlight: hit.highlight }
}

/** Code-unit order: the same on both dialects whatever their collation. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export interface SearchRecord {
  query: string
  resultCount: number
  topCode: string | null
  accountId: string | null
  platform: string | null
  at: Date
}

/** Stores a search; personal numbers typed into it (ID, phone, card) are masked first: editors read these. */
export async function recordSearch(db: Kysely<Database>, record: SearchRecord): Promise<void> {
  const query = maskPersonalNumbers(record.query)
  await db
    .insertInto('service_searches')
    .values({
      query,
      result_count: record.resultCount,
      top_code: record.topCode,
      account_id: record.accountId,
      platform: record.platform,
      searched_at: record.at.toISOString(),
    })
    .execute()
  // The live dashboard gets the text exactly as stored: masked.
  emitActivity(db, { kind: record.resultCount > 0 ? 'search' : 'search_zero', query, at: record.at, ...(record.topCode ? { serviceCode: record.topCode } : {}) })
}

/** Searches with no result, most frequent first: what citizens want and the catalogue lacks. */
export async function zeroResultQueries(db: Kysely<Database>, since: Date, limit = 50): Promise<{ query: string; searches: number; lastAt: string }[]> {
  const rows = await db
    .selectFrom('service_searches')
    .select((eb) => ['query', eb.fn.countAll<number | string>().as('searches'), eb.fn.max('searched_at').as('last_at')])
    .where('result_count', '=', 0)
    .where('searched_at', '>=', since.toISOString())
    .groupBy('query')
    .execute()
  // Ordered here: the databases collate Chinese text differently.
  return rows
    .map((row) => ({ query: row.query, searches: Number(row.searches), lastAt: row.last_at }))
    .sort((a, b) => b.searches - a.searches || compareCodes(a.query, b.query))
    .slice(0, limit)
}

/** The answer for a search: the top `limit` hits and how many real matches there were (0 when relaxed). */
export function resultOf(query: string, found: { hits: readonly SearchHit[]; total: number; relaxed: SearchRelaxed }, limit: number): SearchResult {
  return { query, total: found.relaxed === 'none' ? found.total : 0, relaxed: found.relaxed, items: found.hits.slice(0, limit) }
}
