/**
 * `npm run bench:bad-input`: the bad-input corpus of test/server/resilience/bad-input.test.ts
 * (test/support/bad-input.ts) against the real app in this process, on SQLite and, when
 * DATABASE_URL is set, on PostgreSQL. Prints per route the cases and their answers (2xx for
 * hostile but well-formed input the route accepted, 4xx, 5xx, 400s naming a field) and every
 * problem, and appends the totals per database to bench/RESULTS.md. Exits 1 on any 5xx or
 * problem.
 */
import { casesFor, openApiDocument, routesOf, runCases, summarise, type CaseResult } from '../test/support/bad-input'
import { dialects, testConfig } from '../test/support/dialects'
import { raisedRateLimits } from '../test/support/rate-limits'
import { startApp } from '../test/support/server-app'
import { appendResults, table } from './lib/results'

interface Run {
  database: string
  results: CaseResult[]
  ms: number
}

async function onDialect(dialect: ReturnType<typeof dialects>[number]): Promise<Run> {
  const testDb = await dialect.setup()
  const server = await startApp({ config: testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() }), db: testDb.open(), seed: true })
  try {
    const cases = routesOf(await openApiDocument(server.app)).flatMap(casesFor)
    const started = Date.now()
    const results = await runCases(server.app, cases)
    return { database: dialect.name === 'sqlite' ? 'SQLite' : 'PostgreSQL', results, ms: Date.now() - started }
  } finally {
    await server.close()
    await testDb.cleanup()
  }
}

async function main(): Promise<void> {
  const runs: Run[] = []
  for (const dialect of dialects()) runs.push(await onDialect(dialect))
  if (!process.env.DATABASE_URL) console.log('PostgreSQL: skipped, DATABASE_URL is not set')

  const first = runs[0]!
  const perRoute = table(
    ['route', 'cases', '2xx', '4xx', '5xx', '400 naming a field', 'problems'],
    summarise(first.results).map((row) => [row.route, row.cases, row.ok, row.client, row.server, row.named, row.problems]),
  )
  console.log(`\nPer route on ${first.database}:\n\n${perRoute}`)
  const problems = runs.flatMap((run) => run.results.filter((result) => result.problem).map((result) => `${run.database}: ${result.case.route} — ${result.case.description}: ${result.problem}`))
  for (const problem of problems) console.log(`PROBLEM ${problem}`)

  const totals = table(
    ['database', 'routes', 'cases', '2xx', '4xx', '5xx', '400 naming a field', 'problems', 'time'],
    runs.map((run) => {
      const rows = summarise(run.results)
      const total = (key: 'ok' | 'client' | 'server' | 'named' | 'problems') => rows.reduce((sum, row) => sum + row[key], 0)
      return [run.database, rows.length, run.results.length, total('ok'), total('client'), total('server'), total('named'), total('problems'), `${(run.ms / 1000).toFixed(1)} s`]
    }),
  )
  const statuses = (run: Run) => {
    const counts = new Map<number, number>()
    for (const result of run.results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
    return [...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')
  }
  const body = [
    'Invalid and hostile input generated from every route’s schemas in the OpenAPI document (wrong types, missing and unknown fields, past maxLength and 1 MB, unicode edge cases, SQL / script payloads, negative / fractional / huge numbers, enum misses, malformed JSON, wrong content-type, malformed Authorization), sent through app.inject with a valid session for the route. 2xx: hostile but well-formed input the route handled.',
    totals,
    ...runs.map((run) => `- answers on ${run.database}: ${statuses(run)}`),
    `- ${problems.length ? `${problems.length} problems (see the command's output)` : 'no 5xx; every 400 VALIDATION_FAILED names its field; what the schema certainly refuses is refused naming that field'}`,
  ].join('\n\n')
  console.log(`\n${body}`)
  appendResults('npm run bench:bad-input', body)
  if (problems.length) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
