/**
 * Dashboard update latency: a stream of citizen actions (guide views and searches, sent at a
 * steady rate without waiting for each other) against a running server, with one dashboard
 * connected to GET /api/operator/live. For each action: the time from sending it to its
 * `activity` event reaching the dashboard, and — the baseline, measured in the same run on
 * the same requests — the time to the action's own HTTP response.
 * Shared by bench/dashboard-latency.ts (prints) and test/server/console/dashboard-latency.test.ts
 * (asserts p95 ≤ 2 s).
 */
import type { LiveActivity } from '../../src/contract/console/schemas'
import { openSse } from '../../test/support/sse'

export interface LatencyOptions {
  /** Where citizens send their actions (node 1). */
  citizenUrl: string
  /** Where the dashboard is connected (the same node, or another one). */
  dashboardUrl: string
  operatorToken: string
  serviceCodes: readonly string[]
  actions: number
  /** Milliseconds between two actions. */
  intervalMs: number
}

export interface Percentiles {
  p50: number
  p95: number
  max: number
}

export interface LatencyReport {
  actions: number
  received: number
  dashboard: Percentiles
  baseline: Percentiles
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN }
}

export async function measureDashboardLatency(options: LatencyOptions): Promise<LatencyReport> {
  const live = await openSse(`${options.dashboardUrl}/api/operator/live`, { authorization: `Bearer ${options.operatorToken}` })
  if (live.status !== 200) throw new Error(`GET /api/operator/live answered ${live.status}`)
  await live.next((event) => event.event === 'snapshot', 10_000)
  const run = Date.now().toString(36)
  const round = new Map<string, number>()
  const dashboard = new Map<string, number>()
  const pending: Promise<void>[] = []
  // Views of one item are told apart by order (one node delivers in order); searches by their text.
  const viewsSent = new Map<string, string[]>()

  for (let index = 0; index < options.actions; index += 1) {
    const key = `a${index}`
    const code = options.serviceCodes[index % options.serviceCodes.length]!
    const search = index % 2 === 1
    const url = search ? `${options.citizenUrl}/api/services/search?q=${encodeURIComponent(`看板测速${run}x${index}`)}` : `${options.citizenUrl}/api/services/${code}`
    const sent = performance.now()
    if (search) {
      pending.push(
        live
          .next((event) => event.event === 'activity' && ((event.data as LiveActivity).query ?? '').endsWith(`${run}x${index}`), 10_000)
          .then((event) => void dashboard.set(key, event.receivedAt - sent), () => undefined),
      )
    } else {
      viewsSent.set(code, [...(viewsSent.get(code) ?? []), key])
      const nth = viewsSent.get(code)!.length
      pending.push(
        waitForNth(live, code, nth).then((receivedAt) => void dashboard.set(key, receivedAt - sent), () => undefined),
      )
    }
    pending.push(fetch(url).then(async (response) => {
      await response.arrayBuffer()
      round.set(key, performance.now() - sent)
    }))
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs))
  }
  await Promise.all(pending)
  live.close()
  return { actions: options.actions, received: dashboard.size, dashboard: percentiles([...dashboard.values()]), baseline: percentiles([...round.values()]) }
}

/** When the dashboard received the nth view of `code` (1-based). */
async function waitForNth(live: Awaited<ReturnType<typeof openSse>>, code: string, nth: number): Promise<number> {
  const isView = (event: { event: string; data: unknown }) => event.event === 'activity' && (event.data as LiveActivity).kind === 'view' && (event.data as LiveActivity).serviceCode === code
  let seen = 0
  const event = await live.next((candidate) => isView(candidate) && ++seen === nth, 10_000)
  return event.receivedAt
}
