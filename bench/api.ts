/**
 * `npm run bench:api`: in one run, on loopback, with autocannon:
 *   1. a bare Fastify hello-world (same Fastify, its own process): the ceiling of this machine;
 *   2. the app on SQLite, one server process: every scenario of bench/api/scenarios.ts
 *      (health code for many citizens, catalogue search, application submit);
 *   3. the app on PostgreSQL + Redis (DATABASE_URL, REDIS_URL; a fresh schema and key prefix,
 *      deleted afterwards) with one and then two server processes, autocannon's connections
 *      spread over both ports.
 * Prints req/s, p50 and p99 per scenario, the health-code / hello-world ratio (target ≥ 0.5
 * with p99 ≤ 20 ms on SQLite, issue 19; the health code on one node is measured in slices
 * alternating with the hello-world, which stays up for the whole run, after as many alternating
 * warm-up slices, not counted, that bring both to their steady speed: bench/api/load.ts) and
 * the 2-node / 1-node ratio (stretch target ≥ 1.6), and
 * appends them to bench/RESULTS.md. A scenario whose route this build lacks is reported
 * "not available".
 *
 *   npm run bench:api -- [--duration 10] [--warmup 2] [--connections 20] [--citizens 200] [--only sqlite|postgres]
 *                        [--scenario health-code] [--profile DIR]
 * --scenario keeps the app scenarios whose name contains the text; --profile writes a V8 CPU profile
 * of each app server process into DIR (`node --cpu-prof`), for `npx tsx bench/profile-summary.ts DIR/….cpuprofile`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/config'
import { seedBenchCitizens } from './api/bench-citizens'
import { BENCH_LOG_LEVEL, baseEnv, postgresDatabase, sqliteDatabase, type BenchDatabase } from './api/environment'
import { measure, measurePaired, type Figures, type LoadSettings, type PairedFigures, type Target } from './api/load'
import { freePort, runNodeScript, startNodeProcess } from './api/processes'
import { SCENARIOS, routesOf } from './api/scenarios'
import { appendResults, table } from './lib/results'

interface Row {
  scenario: string
  figures?: Figures
  /** The health code on one node: measured in slices alternating with the hello-world. */
  paired?: PairedFigures
  unavailable?: string
  note?: string
}

interface Run {
  label: string
  nodes: number
  rows: Row[]
  /** Errors the servers logged during the run (the first few of each process). */
  serverErrors?: string[]
}

const HEALTH_CODE = 'GET /api/health-code'
const HELLO_WORLD = 'bare Fastify hello-world'
const RATIO_TARGET = 0.5
const P99_TARGET_MS = 20
const SCALE_OUT_TARGET = 1.6
/** Alternating slices of the paired health-code measurement (each duration / SLICES seconds). */
const SLICES = 5
/** Alternating slices before them, not counted, that bring both servers to their steady speed (bench/api/load.ts). */
const WARMUP_SLICES = 5

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    citizens: { type: 'string', default: '200' },
    only: { type: 'string' },
    scenario: { type: 'string' },
    profile: { type: 'string' },
  },
})

function positive(name: string, raw: string | undefined, min: number): number {
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}, got ${raw}`)
  return value
}

const settings: LoadSettings = {
  duration: positive('duration', args.duration, 1),
  warmup: positive('warmup', args.warmup, 0),
  connections: positive('connections', args.connections, 1),
}
const citizens = positive('citizens', args.citizens, 1)
const profileFlags = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : []

async function main(): Promise<void> {
  if (args.only && !['sqlite', 'postgres'].includes(args.only)) throw new Error('--only must be sqlite or postgres')
  const env = baseEnv()
  const runs: Run[] = []
  const skipped: string[] = []

  console.log(`Load: ${settings.duration} s per scenario after ${settings.warmup} s warm-up, ${settings.connections} connections, ${citizens} citizens; servers NODE_ENV=production LOG_LEVEL=${BENCH_LOG_LEVEL}.`)
  // The hello-world stays up for the whole run: the health code is measured in slices alternating with it.
  const hello = await startNodeProcess('bench/api/hello-server.ts', { HOST: '127.0.0.1', PORT: '0' }, 'hello-world')
  try {
    const prepared = await SCENARIOS.find((scenario) => scenario.target === 'hello-world')!.prepare({ appUrl: hello.url, tokens: [], routes: new Set() })
    if ('unavailable' in prepared) throw new Error(prepared.unavailable)
    const baseline = { urls: [hello.url], requests: prepared.requests }
    const run: Run = { label: 'bare Fastify', nodes: 1, rows: [{ scenario: HELLO_WORLD, figures: await measure(baseline.urls, baseline.requests, settings) }] }
    report(run)
    runs.push(run)

    if (args.only !== 'postgres') runs.push(...(await onDatabase(await sqliteDatabase(), [1], env, baseline)))
    if (args.only !== 'sqlite') {
      if (process.env.DATABASE_URL) runs.push(...(await onDatabase(await postgresDatabase(process.env.REDIS_URL || undefined), [1, 2], env, baseline)))
      else skipped.push('PostgreSQL: skipped, DATABASE_URL is not set')
    }
  } finally {
    await hello.stop()
  }

  const summary = [...summarise(runs), ...skipped]
  console.log(`\n${summary.join('\n')}`)
  appendResults(
    'npm run bench:api',
    [
      `autocannon on loopback, ${settings.duration} s per scenario after ${settings.warmup} s warm-up, ${settings.connections} connections; servers in their own processes, NODE_ENV=production, LOG_LEVEL=${BENCH_LOG_LEVEL}, rate limits raised; ${citizens} citizens at level 3.`,
      ...runs.map(section),
      summary.map((line) => `- ${line}`).join('\n'),
    ].join('\n\n'),
  )
}

/** Seeds a database (demo data through the seed CLI, then the bench citizens) and runs every app scenario on 1, then 2… nodes. */
async function onDatabase(database: BenchDatabase, nodeCounts: number[], common: Record<string, string>, baseline: Target): Promise<Run[]> {
  const runs: Run[] = []
  try {
    const env = { ...common, ...database.env }
    console.log(`\n${database.name}: migrating and seeding…`)
    runNodeScript('server/seed-cli.ts', env)
    const tokens = await seedBenchCitizens(loadConfig({ ...process.env, ...env }), citizens)
    for (const nodes of nodeCounts) {
      const servers = await Promise.all(Array.from({ length: nodes }, async (_, index) => startNodeProcess('server/main.ts', { ...env, PORT: String(await freePort()) }, `app node ${index + 1}`, profileFlags)))
      const run: Run = { label: database.name, nodes, rows: [] }
      try {
        const openapi = (await (await fetch(`${servers[0].url}/api/openapi.json`)).json()) as Parameters<typeof routesOf>[0]
        const context = { appUrl: servers[0].url, tokens, routes: routesOf(openapi) }
        for (const scenario of SCENARIOS.filter((candidate) => candidate.target === 'app' && (!args.scenario || candidate.name.includes(args.scenario)))) {
          const prepared = await scenario.prepare(context).catch((error: Error) => ({ unavailable: `preparing failed: ${error.message}` }))
          const urls = servers.map((server) => server.url)
          if ('unavailable' in prepared) run.rows.push({ scenario: scenario.name, unavailable: prepared.unavailable })
          else if (scenario.name === HEALTH_CODE && nodes === 1) {
            // The ratio the issue sets: in slices alternating with the hello-world (bench/api/load.ts).
            const paired = await measurePaired(baseline, { urls, requests: prepared.requests }, settings, SLICES, settings.warmup > 0 ? WARMUP_SLICES : 0)
            run.rows.push({ scenario: scenario.name, note: prepared.note, figures: paired.target, paired })
          } else run.rows.push({ scenario: scenario.name, note: prepared.note, figures: await measure(urls, prepared.requests, settings) })
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()))
      }
      run.serverErrors = [...new Set(servers.flatMap((server) => server.loggedErrors()))]
      report(run)
      runs.push(run)
    }
  } finally {
    await database.cleanup()
  }
  return runs
}

const title = (run: Run) => `${run.label}, ${run.nodes} server process${run.nodes > 1 ? 'es' : ''}`

function section(run: Run): string {
  const rows = run.rows.map((row) =>
    row.figures
      ? [row.scenario, Math.round(row.figures.requestsPerSecond), row.figures.p50, row.figures.p99, row.figures.total, row.figures.non2xx + row.figures.errors, noteOf(row)]
      : [row.scenario, '–', '–', '–', '–', '–', `not available: ${row.unavailable}`],
  )
  const errors = run.serverErrors?.length ? `\n\nServer errors logged: ${run.serverErrors.map((error) => `\`${error.slice(0, 300)}\``).join('; ')}` : ''
  return `### ${title(run)}\n\n${table(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx + errors', 'note'], rows)}${errors}`
}

/** The scenario's note, and for refused requests their statuses with an example answer. */
function noteOf(row: Row): string {
  const refusals = (row.figures?.refusals ?? []).map((refusal) => `${refusal.count}× ${refusal.status} ${refusal.example.replace(/\|/g, '/')}`)
  const warmup = row.paired?.warmupRatios.length ? `, after ${row.paired.warmupRatios.length} warm-up slice pairs not counted (ratios ${row.paired.warmupRatios.map((ratio) => ratio.toFixed(2)).join(', ')})` : ''
  const paired = row.paired && `in ${row.paired.sliceRatios.length} slices alternating with the hello-world (${Math.round(row.paired.baseline.requestsPerSecond)} req/s in its slices)${warmup}`
  return [row.note ?? '', paired, ...refusals].filter(Boolean).join('; ')
}

function report(run: Run): void {
  console.log(`\n${section(run)}`)
}

function figuresOf(runs: Run[], label: (candidate: string) => boolean, nodes: number, scenario: string): Figures | undefined {
  return runs.find((run) => label(run.label) && run.nodes === nodes)?.rows.find((row) => row.scenario === scenario)?.figures
}

function summarise(runs: Run[]): string[] {
  const lines: string[] = []
  for (const [name, isIt] of [['SQLite', (label: string) => label === 'SQLite'], ['PostgreSQL', (label: string) => label.startsWith('PostgreSQL')]] as const) {
    const row = runs.find((run) => isIt(run.label) && run.nodes === 1)?.rows.find((candidate) => candidate.scenario === HEALTH_CODE)
    if (!row?.paired) continue
    const { baseline: hello, target: code, sliceRatios } = row.paired
    const ratio = code.requestsPerSecond / hello.requestsPerSecond
    const spread = `slices ${Math.min(...sliceRatios).toFixed(2)}–${Math.max(...sliceRatios).toFixed(2)}`
    const verdict = name === 'SQLite' ? (ratio >= RATIO_TARGET && code.p99 <= P99_TARGET_MS ? ' — target met' : ' — target missed') : ''
    lines.push(
      `health code / hello-world on ${name}, 1 process: ${ratio.toFixed(2)} (${Math.round(code.requestsPerSecond)} / ${Math.round(hello.requestsPerSecond)} req/s in ${sliceRatios.length} alternating slices, ${spread}), health-code p99 ${code.p99} ms${name === 'SQLite' ? ` (target ≥ ${RATIO_TARGET} with p99 ≤ ${P99_TARGET_MS} ms)${verdict}` : ''}`,
    )
  }
  const two = runs.find((run) => run.label.startsWith('PostgreSQL') && run.nodes === 2)
  for (const row of two?.rows ?? []) {
    const one = figuresOf(runs, (label) => label === two!.label, 1, row.scenario)
    if (!row.figures || !one) continue
    lines.push(`2 processes / 1 process, ${row.scenario} on ${two!.label}: ${(row.figures.requestsPerSecond / one.requestsPerSecond).toFixed(2)} (stretch target ≥ ${SCALE_OUT_TARGET})`)
  }
  return lines
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
