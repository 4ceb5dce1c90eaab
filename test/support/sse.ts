/**
 * A Server-Sent Events client for tests and benches (what a browser's EventSource does, with
 * fetch): connects, parses `event:` / `data:` frames as they arrive, and lets a test wait for
 * the first event matching a predicate.
 */
export interface SseEvent {
  event: string
  data: unknown
  /** performance.now() when the frame was parsed. */
  receivedAt: number
}

export interface SseClient {
  status: number
  headers: Headers
  events: SseEvent[]
  /** The first event (already received or still to come) matching `match`; rejects after `timeoutMs`. */
  next(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>
  /** Resolves when the server ended the stream. */
  ended: Promise<void>
  close(): void
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const events: SseEvent[] = []
  const waiters = new Set<{ match: (event: SseEvent) => boolean; resolve: (event: SseEvent) => void }>()
  const push = (event: SseEvent) => {
    events.push(event)
    for (const waiter of waiters) {
      if (waiter.match(event)) {
        waiters.delete(waiter)
        waiter.resolve(event)
      }
    }
  }
  const read = async () => {
    if (!response.body || response.status !== 200) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const lines = frame.split('\n')
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7)
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6)
          if (event && data !== undefined) push({ event, data: JSON.parse(data) as unknown, receivedAt: performance.now() })
        }
      }
    } catch {
      // Aborted by close(): the stream is over.
    }
  }
  const ended = read()
  return {
    status: response.status,
    headers: response.headers,
    events,
    ended,
    next(match, timeoutMs = 5000) {
      const seen = events.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (event: SseEvent) => (clearTimeout(timer), resolve(event)) }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((event) => event.event).join(', ')}`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },
    close: () => controller.abort(),
  }
}
