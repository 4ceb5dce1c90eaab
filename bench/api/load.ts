/** One measurement: autocannon on loopback, a short unrecorded warm-up, then the timed run. */
import autocannon, { type Request } from 'autocannon'

export interface LoadSettings {
  /** Seconds of the recorded run. */
  duration: number
  /** Seconds of warm-up before it (JIT, connection pools, caches), not recorded. */
  warmup: number
  /** Concurrent connections, spread evenly over the URLs. */
  connections: number
}

export interface Figures {
  requestsPerSecond: number
  p50: number
  p99: number
  total: number
  non2xx: number
  errors: number
  /** Non-2xx answers by status, each with the first body seen (so a refusal says why). */
  refusals: { status: number; count: number; example: string }[]
}

/** Drives `requests` round-robin over the connections, which autocannon spreads over `urls`. */
export async function measure(urls: string[], requests: Request[], settings: LoadSettings): Promise<Figures> {
  const connections = Math.max(urls.length, Math.round(settings.connections / urls.length) * urls.length)
  const examples = new Map<number, string>()
  const observed = requests.map((request) => ({
    ...request,
    onResponse: (status: number, body: string) => {
      if (status >= 300 && !examples.has(status)) examples.set(status, body.slice(0, 160))
    },
  }))
  const options = { url: urls.length === 1 ? urls[0] : urls, connections, requests: observed, timeout: 10 }
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup })
  const result = await autocannon({ ...options, duration: settings.duration })
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    refusals: Object.entries(result.statusCodeStats)
      .filter(([status]) => Number(status) >= 300)
      .map(([status, stats]) => ({ status: Number(status), count: Number(stats.count), example: examples.get(Number(status)) ?? '' })),
  }
}
