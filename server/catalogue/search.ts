import { sql, type Kysely } from 'kysely'
import type { Audience, MatchedField, OnlineLevel } from '../../src/contract/service-words'
import type { SearchHit, SearchResult } from '../../src/contract/services'
import type { Database } from '../db/database'
import { dialectOf } from '../db/dialect'
import { characterCount, fold, highlight, type HighlightPiece } from './search-text'
import { toSummary } from './views'

/**
 * Chinese substring search over published items' names, aliases and departments.
 *
 * Two steps, so both dialects give the same answer in the same order:
 * 1. candidates from the database: every published item whose folded search_text contains
 *    the folded query. 3+ characters go through the trigram index (SQLite FTS5 trigram
 *    phrase, PostgreSQL pg_trgm GIN with LIKE); 1-2 characters cannot be cut into trigrams,
 *    so they are a plain substring scan (instr / strpos) over the published items, which
 *    is a city's catalogue: thousands of rows at most, one short text each.
 * 2. ranking here, on the same folded text: exact name > name prefix > name contains >
 *    alias > department, then popularity (desc), then code.
 * The query is only ever a bound parameter, quoted as an FTS5 phrase or escaped for LIKE:
 * `"`, `%`, `_`, `*`, `OR`, quotes and semicolons are searched for as plain text.
 */

export const SHORT_QUERY_MAX_CHARACTERS = 2

const TIERS = { exactName: 0, namePrefix: 1, nameContains: 2, alias: 3, department: 4 } as const

interface Candidate {
  code: string
  name: string
  aliases: string
  department: string
  category: string
  online_level: OnlineLevel
  time_limit_days: number
  audiences: string
  popularity: number
}

interface Ranked {
  tier: number
  popularity: number
  hit: SearchHit
}

/** Every published match for a normalised (non-empty) query, ranked. */
export async function searchPublished(db: Kysely<Database>, query: string): Promise<SearchHit[]> {
  const candidates = await candidateRows(db, query)
  const ranked = candidates.map((row) => rank(row, query)).filter((entry): entry is Ranked => entry !== undefined)
  ranked.sort((a, b) => a.tier - b.tier || b.popularity - a.popularity || compareCodes(a.hit.code, b.hit.code))
  return ranked.map((entry) => entry.hit)
}

/** Code-unit order: the same on both dialects whatever their collation. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const CANDIDATE_COLUMNS = ['code', 'name', 'aliases', 'department', 'category', 'online_level', 'time_limit_days', 'audiences', 'popularity'] as const

/** The candidate query for `query`; exported so a test can check its plan uses the index. */
export function candidateQuery(db: Kysely<Database>, query: string) {
  const base = db.selectFrom('service_items').select([...CANDIDATE_COLUMNS]).where('status', '=', 'published')
  const short = characterCount(query) <= SHORT_QUERY_MAX_CHARACTERS
  if (dialectOf(db) === 'postgres') {
    return short ? base.where(sql<boolean>`strpos(search_text, ${query}) > 0`) : base.where('search_text', 'like', `%${escapeLike(query)}%`)
  }
  if (short) return base.where(sql<boolean>`instr(search_text, ${query}) > 0`)
  return base.where('code', 'in', sql<string>`(select code from service_items_fts where service_items_fts match ${ftsPhrase(query)})`)
}

async function candidateRows(db: Kysely<Database>, query: string): Promise<Candidate[]> {
  return (await candidateQuery(db, query).execute()) as Candidate[]
}

/** An FTS5 phrase: the whole query in double quotes, quotes inside doubled. Nothing in it is syntax. */
function ftsPhrase(query: string): string {
  return `"${query.replace(/"/g, '""')}"`
}

/** PostgreSQL LIKE with its default escape character, backslash. */
function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (character) => `\\${character}`)
}

function rank(row: Candidate, query: string): Ranked | undefined {
  const match = bestMatch(row, query)
  if (!match) return undefined
  const summary = toSummary({
    code: row.code,
    name: row.name,
    department: row.department,
    category: row.category,
    onlineLevel: row.online_level,
    timeLimitDays: row.time_limit_days,
    audiences: JSON.parse(row.audiences) as Audience[],
  })
  return {
    tier: match.tier,
    popularity: row.popularity,
    hit: { ...summary, matchedField: match.field, matchedText: match.text, highlight: match.pieces },
  }
}

function bestMatch(row: Candidate, query: string): { tier: number; field: MatchedField; text: string; pieces: HighlightPiece[] } | undefined {
  const inName = highlight(row.name, query)
  if (inName) {
    const folded = fold(row.name)
    const tier = folded === query ? TIERS.exactName : folded.startsWith(query) ? TIERS.namePrefix : TIERS.nameContains
    return { tier, field: 'name', text: row.name, pieces: inName }
  }
  for (const alias of JSON.parse(row.aliases) as string[]) {
    const pieces = highlight(alias, query)
    if (pieces) return { tier: TIERS.alias, field: 'alias', text: alias, pieces }
  }
  const inDepartment = highlight(row.department, query)
  if (inDepartment) return { tier: TIERS.department, field: 'department', text: row.department, pieces: inDepartment }
  return undefined
}

export interface SearchRecord {
  query: string
  resultCount: number
  topCode: string | null
  accountId: string | null
  platform: string | null
  at: Date
}

export async function recordSearch(db: Kysely<Database>, record: SearchRecord): Promise<void> {
  await db
    .insertInto('service_searches')
    .values({
      query: record.query,
      result_count: record.resultCount,
      top_code: record.topCode,
      account_id: record.accountId,
      platform: record.platform,
      searched_at: record.at.toISOString(),
    })
    .execute()
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

/** The answer for a search: the top `limit` hits and how many there were. */
export function resultOf(query: string, hits: readonly SearchHit[], limit: number): SearchResult {
  return { query, total: hits.length, items: hits.slice(0, limit) }
}
