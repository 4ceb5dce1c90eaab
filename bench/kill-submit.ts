/**
 * `npm run bench:kill` (also run by `npm run bench:faults`): kill -9 of the server during a
 * stream of application submissions with idempotency keys and client retries, on SQLite and,
 * when DATABASE_URL is set, on PostgreSQL (+ Redis with REDIS_URL). Prints per database the
 * submissions acknowledged, retried and replayed, the restarts' downtime, and the checks:
 * lost = 0, duplicates = 0, half-written = 0; appends them to bench/RESULTS.md. Exits 1 if a
 * check fails. See bench/faults/kill-submit.ts for what is done.
 *
 *   npm run bench:kill -- [--clients 8] [--per-client 40] [--kills 3] [--only sqlite|postgres]
 */
import { parseArgs } from 'node:util'
import { postgresDatabase, sqliteDatabase, type BenchDatabase } from './api/environment'
import { killDuringSubmit, type KillSubmitResult } from './faults/kill-submit'
import { appendResults, table } from './lib/results'

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    'per-client': { type: 'string', default: '40' },
    kills: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
})

function count(name: string, raw: string | undefined, min: number): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`)
  return value
}

const settings = { clients: count('clients', args.clients, 1), perClient: count('per-client', args['per-client'], 1), kills: count('kills', args.kills, 1) }

export function failedChecks(result: KillSubmitResult): string[] {
  const failed: string[] = []
  if (result.lost) failed.push(`${result.lost} acknowledged submissions lost`)
  if (result.duplicates) failed.push(`${result.duplicates} idempotency keys with two rows`)
  if (result.halfWritten) failed.push(`${result.halfWritten} applications without their first event`)
  if (result.refused) failed.push(`${result.refused} submissions refused with a 4xx`)
  if (result.gaveUp) failed.push(`${result.gaveUp} submissions given up on`)
  if (result.kills < settings.kills) failed.push(`only ${result.kills} of ${settings.kills} kills happened (the stream ended first)`)
  return failed
}

async function main(): Promise<void> {
  if (args.only && !['sqlite', 'postgres'].includes(args.only)) throw new Error('--only must be sqlite or postgres')
  const databases: (() => Promise<BenchDatabase>)[] = []
  const skipped: string[] = []
  if (args.only !== 'postgres') databases.push(sqliteDatabase)
  if (args.only !== 'sqlite') {
    if (process.env.DATABASE_URL) databases.push(() => postgresDatabase(process.env.REDIS_URL || undefined))
    else skipped.push('PostgreSQL: skipped, DATABASE_URL is not set')
  }
  const results: KillSubmitResult[] = []
  for (const open of databases) {
    const database = await open()
    try {
      results.push(await killDuringSubmit({ database, ...settings, log: (line) => console.log(`  ${line}`) }))
    } finally {
      await database.cleanup()
    }
  }
  const rows = results.map((result) => [
    result.database,
    result.submissions,
    result.acknowledged,
    result.retried,
    result.replayed,
    result.networkErrors,
    result.serverErrors,
    result.kills,
    result.downtimeMs.map((ms) => `${ms}`).join(' / ') + ' ms',
    result.lost,
    result.duplicates,
    result.halfWritten,
    result.unacknowledgedRows,
    result.refused + result.gaveUp,
  ])
  const headers = ['database', 'submissions', 'acknowledged', 'retried', 'replayed (200)', 'network errors', '5xx', 'kills', 'restart (kill → listening)', 'lost', 'duplicates', 'half-written', 'rows never acknowledged', 'refused / gave up']
  const failures = results.flatMap((result) => failedChecks(result).map((failure) => `${result.database}: ${failure}`))
  const verdict = failures.length ? `FAILED: ${failures.join('; ')}` : 'every acknowledged submission exists exactly once; no duplicates, nothing half-written'
  const body = [
    `${settings.clients} client loops × ${settings.perClient} submissions, each with its own Idempotency-Key, retried with the same key on network errors and 5xx; the server (server/main.ts, NODE_ENV=production) killed with SIGKILL ${settings.kills}× mid-stream and restarted on the same port.`,
    table(headers, rows),
    ...skipped.map((line) => `- ${line}`),
    `- ${verdict}`,
  ].join('\n\n')
  console.log(`\n${body}`)
  appendResults('npm run bench:kill', body)
  if (failures.length) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
