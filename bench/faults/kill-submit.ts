/**
 * kill -9 of the server during a stream of application submissions (issue 10, Faults):
 *   1. the server runs as a child process (`server/main.ts`, production mode) on the given
 *      database; N proven citizens (level 4) each run a client loop submitting applications, each
 *      with its own Idempotency-Key, retrying a network error or 5xx with the SAME key and body
 *      (what the mini-program's request layer does);
 *   2. mid-stream the server is killed with SIGKILL (no graceful shutdown, transactions cut
 *      wherever they were) and started again on the same port, `kills` times;
 *   3. the clients finish their retries; then the database is read directly: every
 *      acknowledged submission (a 2xx received) must exist exactly once under its key with
 *      the id the client was given and its first timeline event (no half-written one), and
 *      no key may have two rows.
 * Used by bench/kill-submit.ts (the figures) and test/server/resilience/kill-during-submit.test.ts
 * (a short run, asserted).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { sql } from 'kysely'
import type { ApplicationForm } from '../../src/contract/applications/schemas'
import { loadConfig } from '../../server/config'
import { createDb } from '../../server/db/create-db'
import { fillApplicationForm, itemCodesIn } from '../../test/support/application-form'
import { seedBenchCitizens } from '../api/bench-citizens'
import { baseEnv, type BenchDatabase } from '../api/environment'
import { ROOT, freePort, runNodeScript } from '../api/processes'

export interface KillSubmitOptions {
  database: BenchDatabase
  /** Client loops, one citizen each. */
  clients: number
  /** Submissions per client. */
  perClient: number
  /** How many times the server is killed (spread over the stream). */
  kills: number
  /** Progress lines; silent when not given. */
  log?: (line: string) => void
}

export interface KillSubmitResult {
  database: string
  clients: number
  submissions: number
  kills: number
  /** Submissions that got a 2xx. */
  acknowledged: number
  /** Of those, answered 200 `idempotent-replayed` (the first attempt had committed, its answer was lost). */
  replayed: number
  /** Submissions that needed more than one attempt. */
  retried: number
  /** Attempts that failed with a network error / a 5xx. */
  networkErrors: number
  serverErrors: number
  /** Submissions refused with a 4xx (none expected) or given up on. */
  refused: number
  gaveUp: number
  /** Acknowledged, but no row under the key (or another id than acknowledged). */
  lost: number
  /** Keys with more than one row. */
  duplicates: number
  /** Rows of this run without their first timeline event. */
  halfWritten: number
  /** Rows of this run whose submission was never acknowledged (the client gave up after it committed). */
  unacknowledgedRows: number
  /** Milliseconds from the kill until the server answered again, per kill. */
  downtimeMs: number[]
  elapsedMs: number
}

/** How long a client keeps retrying one submission before giving up (the server restarts well within it). */
const GIVE_UP_MS = 120_000
const START_TIMEOUT_MS = 90_000
const SEARCH_QUERIES = ['社保', '户口', '医保', '公积金', '身份证', '退休']

export async function killDuringSubmit(options: KillSubmitOptions): Promise<KillSubmitResult> {
  const log = options.log ?? (() => undefined)
  const env = { ...baseEnv(), ...options.database.env, PORT: String(await freePort()) }
  const config = loadConfig({ ...process.env, ...env })
  log(`${options.database.name}: migrating and seeding…`)
  runNodeScript('server/seed-cli.ts', env)
  const tokens = await seedBenchCitizens(config, options.clients)

  const started = Date.now()
  let server = await startServer(env)
  const url = server.url
  const downtimeMs: number[] = []
  try {
    const body = await submittableBody(url, tokens[0]!)
    const run = Date.now().toString(36)
    const total = options.clients * options.perClient
    let acknowledgedSoFar = 0
    const outcomes: Outcome[] = []

    // The killer: at evenly spaced points of the stream (by acknowledged count), SIGKILL and restart.
    const killPoints = Array.from({ length: options.kills }, (_, index) => Math.floor(((index + 1) * total) / (options.kills + 1)))
    const killer = (async () => {
      for (const point of killPoints) {
        while (acknowledgedSoFar < point && outcomes.length < total) await sleep(5)
        if (outcomes.length >= total) return
        const killedAt = Date.now()
        log(`kill -9 after ${acknowledgedSoFar} acknowledged submissions`)
        await killHard(server.child)
        server = await startServer(env, url)
        downtimeMs.push(Date.now() - killedAt)
        log(`restarted in ${Date.now() - killedAt} ms`)
      }
    })()

    await Promise.all(
      tokens.map(async (token, client) => {
        for (let index = 0; index < options.perClient; index += 1) {
          const key = `kill-${run}-c${client}-n${String(index).padStart(5, '0')}`
          const outcome = await submitWithRetries(url, token, key, body)
          outcomes.push({ ...outcome, key, client })
          if (outcome.applicationId) acknowledgedSoFar += 1
        }
      }),
    )
    await killer
    return {
      ...(await check(config, run, outcomes)),
      database: options.database.name,
      clients: options.clients,
      submissions: total,
      kills: downtimeMs.length,
      downtimeMs,
      elapsedMs: Date.now() - started,
    }
  } finally {
    await stopGracefully(server.child)
  }
}

interface Attempts {
  applicationId?: string
  replayed: boolean
  attempts: number
  networkErrors: number
  serverErrors: number
  refusedStatus?: number
  gaveUp: boolean
}

type Outcome = Attempts & { key: string; client: number }

/** One submission: retried with the same key and body on a network error or 5xx, as a client would. */
async function submitWithRetries(url: string, token: string, key: string, body: string): Promise<Attempts> {
  const result: Attempts = { replayed: false, attempts: 0, networkErrors: 0, serverErrors: 0, gaveUp: false }
  const deadline = Date.now() + GIVE_UP_MS
  let backoff = 20
  while (Date.now() < deadline) {
    result.attempts += 1
    try {
      const response = await fetch(`${url}/api/applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      const text = await response.text()
      if (response.ok) {
        result.applicationId = (JSON.parse(text) as { id: string }).id
        result.replayed = response.headers.get('idempotent-replayed') === 'true'
        return result
      }
      if (response.status < 500) {
        result.refusedStatus = response.status
        return result
      }
      result.serverErrors += 1
    } catch {
      result.networkErrors += 1
    }
    await sleep(backoff)
    backoff = Math.min(backoff * 2, 500)
  }
  result.gaveUp = true
  return result
}

/** Reads the database directly and compares it with what the clients were told. */
async function check(
  config: ReturnType<typeof loadConfig>,
  run: string,
  outcomes: Outcome[],
): Promise<Omit<KillSubmitResult, 'database' | 'clients' | 'submissions' | 'kills' | 'downtimeMs' | 'elapsedMs'>> {
  const db = createDb(config.database)
  try {
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'idempotency_key', 'citizen_id'])
      .where('idempotency_key', 'like', `kill-${run}-%`)
      .execute()
    const byKey = new Map<string, { id: string; citizen_id: string }[]>()
    for (const row of rows) byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row])
    const events = rows.length
      ? await db.selectFrom('application_events').select(['application_id', sql<number>`count(*)`.as('n')]).where('application_id', 'in', rows.map((row) => row.id)).groupBy('application_id').execute()
      : []
    const withEvents = new Set(events.filter((event) => Number(event.n) >= 1).map((event) => event.application_id))
    const acknowledged = outcomes.filter((outcome) => outcome.applicationId)
    const acknowledgedKeys = new Set(acknowledged.map((outcome) => outcome.key))
    return {
      acknowledged: acknowledged.length,
      replayed: acknowledged.filter((outcome) => outcome.replayed).length,
      retried: outcomes.filter((outcome) => outcome.attempts > 1).length,
      networkErrors: sum(outcomes.map((outcome) => outcome.networkErrors)),
      serverErrors: sum(outcomes.map((outcome) => outcome.serverErrors)),
      refused: outcomes.filter((outcome) => outcome.refusedStatus !== undefined).length,
      gaveUp: outcomes.filter((outcome) => outcome.gaveUp).length,
      lost: acknowledged.filter((outcome) => {
        const stored = byKey.get(outcome.key) ?? []
        return stored.length !== 1 || stored[0]!.id !== outcome.applicationId
      }).length,
      duplicates: [...byKey.values()].filter((stored) => stored.length > 1).length,
      halfWritten: rows.filter((row) => !withEvents.has(row.id)).length,
      unacknowledgedRows: rows.filter((row) => !acknowledgedKeys.has(row.idempotency_key)).length,
    }
  } finally {
    await db.destroy()
  }
}

/** A catalogue item citizens can apply for online and a body filling its form, found as a citizen would. */
async function submittableBody(url: string, token: string): Promise<string> {
  const auth = { authorization: `Bearer ${token}` }
  const codes = new Set<string>()
  for (const query of SEARCH_QUERIES) {
    const response = await fetch(`${url}/api/services/search?q=${encodeURIComponent(query)}`, { headers: auth })
    if (response.ok) itemCodesIn(await response.json(), codes)
  }
  for (const code of codes) {
    const response = await fetch(`${url}/api/services/${encodeURIComponent(code)}/application-form`, { headers: auth })
    if (!response.ok) continue
    const form = (await response.json()) as ApplicationForm
    if (form.submitAllowed === false) continue
    return JSON.stringify({ itemCode: code, values: fillApplicationForm(form.fields) })
  }
  throw new Error('no catalogue item can be applied for online (is the demo catalogue seeded?)')
}

// --- the server process --------------------------------------------------------------------------

interface Server {
  url: string
  child: ChildProcess
}

/** Starts server/main.ts and waits until it listens (and, after a restart, until `url` answers). */
function startServer(env: Record<string, string>, expectedUrl?: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let settled = false
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS)
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${error.message}\n${output.split('\n').slice(-20).join('\n')}`))
    }
    const onExit = (code: number | null) => fail(new Error(`the server exited with ${code} before listening`))
    child.once('exit', onExit)
    child.stderr?.on('data', (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000)))
    child.stdout?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
      const match = /listening on (http:\/\/[^\s)]+)/.exec(output)
      if (!match || settled) return
      settled = true
      clearTimeout(timer)
      child.off('exit', onExit)
      const url = expectedUrl ?? match[1]!.replace('localhost', '127.0.0.1').replace(/\/$/, '')
      resolve({ url, child })
    })
  })
}

function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

function stopGracefully(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(hard)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
