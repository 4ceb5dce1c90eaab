/** One measurement: autocannon on loopback, a short unrecorded warm-up, then the timed run. */
import autocannon, { type Request, type Result } from 'autocannon'

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
  const { options, examples } = loadOptions(urls, requests, settings)
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup })
  return figuresOf(await autocannon({ ...options, duration: settings.duration }), examples)
}

export interface Target {
  urls: string[]
  requests: Request[]
}

export interface PairedFigures {
  /** The baseline and the measured target over the same slices of time. */
  baseline: Figures
  target: Figures
  /** target / baseline req/s of each slice pair, in order: their spread shows how steady the machine was. */
  sliceRatios: number[]
  /** The same ratio in each warm-up slice pair (not counted): how a freshly started server climbs to its steady state. */
  warmupRatios: number[]
}

/**
 * A ratio on a shared machine is only as good as the moments its two figures come from: other
 * work on the host moved the hello-world between 21,000 and 51,000 req/s from one run to the
 * next (bench/RESULTS.md). So the baseline and the target are measured in alternating slices
 * (baseline, target, baseline, target…) within one `duration`, and each figure sums its slices:
 * whatever the machine did, it did to both.
 *
 * Both are warmed up first in `warmupSlices` alternating slices of the same length (not counted,
 * their ratios reported): a freshly started app server climbs for several seconds before it
 * reaches its steady speed (V8 optimising the hooks and handlers of every request, heap sizing),
 * the app more slowly than the hello-world. Measured from its third second, the app's cold
 * climb was counted against it (bench/RESULTS.md, notes of the entry 2026-12-06T14:24:52Z: 0.40, 0.46, 0.55, then
 * 0.55–0.66 from the eighth second on).
 */
export async function measurePaired(baseline: Target, target: Target, settings: LoadSettings, slices: number, warmupSlices: number): Promise<PairedFigures> {
  const base = loadOptions(baseline.urls, baseline.requests, settings)
  const measured = loadOptions(target.urls, target.requests, settings)
  const slice = Math.max(1, Math.round(settings.duration / slices))
  const alternate = async (count: number) => {
    const pairs: { base: Result; target: Result }[] = []
    for (let index = 0; index < count; index++) {
      const baseResult = await autocannon({ ...base.options, duration: slice })
      pairs.push({ base: baseResult, target: await autocannon({ ...measured.options, duration: slice }) })
    }
    return pairs
  }
  const ratioOf = (pair: { base: Result; target: Result }) => pair.target.requests.average / pair.base.requests.average
  const warmup = await alternate(warmupSlices)
  const pairs = await alternate(slices)
  return {
    baseline: combined(pairs.map((pair) => pair.base), base.examples),
    target: combined(pairs.map((pair) => pair.target), measured.examples),
    sliceRatios: pairs.map(ratioOf),
    warmupRatios: warmup.map(ratioOf),
  }
}

/** Slices as one figure: req/s over the whole time, the median slice's p50, the worst slice's p99. */
function combined(results: Result[], examples: Map<number, string>): Figures {
  const each = results.map((result) => figuresOf(result, examples))
  const seconds = results.reduce((sum, result) => sum + result.duration, 0)
  const answered = each.reduce((sum, figures) => sum + figures.total, 0)
  const p50s = each.map((figures) => figures.p50).sort((a, b) => a - b)
  const refusals = new Map<number, { status: number; count: number; example: string }>()
  for (const refusal of each.flatMap((figures) => figures.refusals)) {
    const known = refusals.get(refusal.status)
    refusals.set(refusal.status, known ? { ...known, count: known.count + refusal.count } : refusal)
  }
  return {
    requestsPerSecond: answered / seconds,
    p50: p50s[Math.floor(p50s.length / 2)],
    p99: Math.max(...each.map((figures) => figures.p99)),
    total: answered,
    non2xx: each.reduce((sum, figures) => sum + figures.non2xx, 0),
    errors: each.reduce((sum, figures) => sum + figures.errors, 0),
    refusals: [...refusals.values()],
  }
}

function loadOptions(urls: string[], requests: Request[], settings: LoadSettings) {
  const connections = Math.max(urls.length, Math.round(settings.connections / urls.length) * urls.length)
  const examples = new Map<number, string>()
  const observed = requests.map((request) => ({
    ...request,
    onResponse: (status: number, body: string) => {
      if (status >= 300 && !examples.has(status)) examples.set(status, body.slice(0, 160))
    },
  }))
  const options = { url: urls.length === 1 ? urls[0] : urls, connections, requests: observed, timeout: 10 }
  return { options, examples }
}

function figuresOf(result: Result, examples: Map<number, string>): Figures {
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
