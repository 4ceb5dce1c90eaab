/**
 * npm run bench:search — catalogue search quality and speed.
 *
 * Quality: the evaluation set (bench/search/queries.tsv, what citizens type) against the demo
 * city's catalogue, and again with 10,000 items (the demo ones among generated neighbours):
 * top-1, top-3 and the zero-result rate. Speed: p50 / p95 per search over the 10,000 items,
 * beside the baseline measured in the same run (the old whole-query substring scan over the
 * same items), and how long 1,000 new items take to become searchable.
 */
import { SearchIndex, type IndexedItem } from '../server/catalogue/search-index'
import { fold } from '../server/catalogue/search-text'
import { demoIndexedItems, generatedItems } from './search/generated-catalogue'
import { evaluate, loadQueries, type EvaluationReport } from './search/evaluation'

const TOTAL = 10_000

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function timings(run: (query: string) => void, queries: readonly string[], rounds: number): { p50: number; p95: number } {
  for (const query of queries) run(query) // warm up
  const samples: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    for (const query of queries) {
      const started = process.hrtime.bigint()
      run(query)
      samples.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
  }
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) }
}

function line(label: string, report: EvaluationReport): string {
  const share = (value: number) => `${((100 * value) / report.queries).toFixed(1)} %`
  return `${label.padEnd(28)} top-1 ${share(report.top1).padStart(7)}   top-3 ${share(report.top3).padStart(7)}   zero-result ${share(report.zeroResults).padStart(6)}`
}

/** The search before this one: the whole query as one substring of name, aliases, department. */
function substringBaseline(items: readonly IndexedItem[]): (query: string) => number {
  const texts = items.map((item) => fold([item.name, ...item.aliases, item.department].join('\n')))
  return (query) => {
    const q = fold(query).trim()
    let found = 0
    for (const text of texts) if (text.includes(q)) found += 1
    return found
  }
}

const queries = loadQueries()
const demo = demoIndexedItems()
const large = [...demo, ...generatedItems(TOTAL - demo.length)]

let started = Date.now()
const demoIndex = new SearchIndex(demo)
const demoBuild = Date.now() - started
started = Date.now()
const largeIndex = new SearchIndex(large)
const largeBuild = Date.now() - started

const substring = substringBaseline(demo)
const baselineReport: EvaluationReport = { queries: queries.length, top1: 0, top3: 0, zeroResults: 0, misses: [] }
for (const { query } of queries) if (substring(query) === 0) baselineReport.zeroResults += 1

console.log(`Catalogue search — ${queries.length} queries (bench/search/queries.tsv)\n`)
console.log(`${'old substring search'.padEnd(28)} zero-result ${((100 * baselineReport.zeroResults) / queries.length).toFixed(1)} % (ranking not comparable)`)
const demoReport = evaluate(demoIndex, queries)
console.log(line(`demo city (${demo.length} items)`, demoReport))
const largeReport = evaluate(largeIndex, queries)
console.log(line(`${TOTAL.toLocaleString('en')} items`, largeReport))
for (const miss of largeReport.misses) console.log(`  miss: ${miss.query} → ${miss.got.join(', ') || '(nothing)'} (${miss.relaxed}); wanted ${miss.expected.join(' | ')}`)

const texts = queries.map((entry) => entry.query)
const baseline = substringBaseline(large)
const baseSpeed = timings((query) => void baseline(query), texts, 5)
const newSpeed = timings((query) => void largeIndex.search(query, 20), texts, 5)
console.log(`\nSpeed over ${TOTAL.toLocaleString('en')} items (ms per search):`)
console.log(`  substring scan (baseline)  p50 ${baseSpeed.p50.toFixed(2)}   p95 ${baseSpeed.p95.toFixed(2)}`)
console.log(`  word search                p50 ${newSpeed.p50.toFixed(2)}   p95 ${newSpeed.p95.toFixed(2)}   (${(newSpeed.p95 / baseSpeed.p95).toFixed(1)}× the baseline at p95; budget 30 ms)`)

started = Date.now()
largeIndex.apply(generatedItems(1000, 7).map((item) => ({ ...item, code: `NEW-${item.code}` })), [])
const addThousand = Date.now() - started
console.log(`\nIndex build: demo ${demoBuild} ms, ${TOTAL.toLocaleString('en')} items ${largeBuild} ms; 1,000 new items indexed in ${addThousand} ms (budget: searchable within 2 s)`)
