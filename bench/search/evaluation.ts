/**
 * The catalogue search evaluation: the query set (queries.tsv beside this file) against an
 * index, scored as citizens would judge it — is a right item in the first 1 / 3 results, and
 * did the search answer with real matches at all. Shared by `npm run bench:search` and the
 * test that holds a slice of the set in `npm test`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { SearchIndex } from '../../server/catalogue/search-index'

export interface EvaluationQuery {
  query: string
  expected: string[]
}

export interface EvaluationReport {
  queries: number
  top1: number
  top3: number
  zeroResults: number
  misses: { query: string; expected: string[]; got: string[]; relaxed: string }[]
}

export function loadQueries(): EvaluationQuery[] {
  const text = readFileSync(path.join(__dirname, 'queries.tsv'), 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [query, codes] = line.split('\t')
      return { query: query!.trim(), expected: codes!.trim().split('|') }
    })
}

/** Every third query from the first: the slice `npm test` holds. */
export function testSlice(queries: readonly EvaluationQuery[]): EvaluationQuery[] {
  return queries.filter((_, index) => index % 3 === 0)
}

export function evaluate(index: SearchIndex, queries: readonly EvaluationQuery[]): EvaluationReport {
  const report: EvaluationReport = { queries: queries.length, top1: 0, top3: 0, zeroResults: 0, misses: [] }
  for (const { query, expected } of queries) {
    const answer = index.search(query)
    const codes = answer.hits.map((hit) => hit.item.code)
    if (answer.relaxed !== 'none') report.zeroResults += 1
    if (answer.relaxed === 'none' && expected.includes(codes[0] ?? '')) report.top1 += 1
    if (answer.relaxed === 'none' && codes.slice(0, 3).some((code) => expected.includes(code))) report.top3 += 1
    else report.misses.push({ query, expected, got: codes.slice(0, 3), relaxed: answer.relaxed })
  }
  return report
}
