import type { ServerResponse } from 'node:http'

/**
 * The open dashboard connections of this node (Server-Sent Events) and what each still has
 * to be sent. A connection whose client reads too slowly keeps at most MAX_PENDING events
 * waiting; past that it is closed (its EventSource reconnects and starts from a fresh
 * snapshot) rather than let one slow browser hold memory without bound.
 */
export const MAX_PENDING = 256
export const KEEP_ALIVE_MS = 15_000

interface Stream {
  response: ServerResponse
  pending: string[]
  blocked: boolean
}

export class LiveStreams {
  private readonly streams = new Set<Stream>()
  private readonly keepAlive: NodeJS.Timeout

  constructor(keepAliveMs = KEEP_ALIVE_MS) {
    // Proxies close idle connections; a comment line every 15 s keeps ours open.
    this.keepAlive = setInterval(() => this.sendRaw(': keep-alive\n\n'), keepAliveMs)
    this.keepAlive.unref()
  }

  get size(): number {
    return this.streams.size
  }

  /** Starts an event stream on `response` with `first` as its first event. */
  open(response: ServerResponse, first: { event: string; data: unknown }): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx and similar would otherwise hold events back to fill a buffer.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    })
    const stream: Stream = { response, pending: [], blocked: false }
    this.streams.add(stream)
    response.on('close', () => this.streams.delete(stream))
    response.on('drain', () => this.flush(stream))
    // retry: how soon EventSource reconnects after a close (another node, after a restart).
    this.write(stream, `retry: 2000\n${frame(first.event, first.data)}`)
  }

  send(event: string, data: unknown): void {
    this.sendRaw(frame(event, data))
  }

  /** Ends every stream (shutdown): a last `bye` event, then the connection closes. */
  closeAll(): void {
    clearInterval(this.keepAlive)
    for (const stream of this.streams) {
      stream.response.end(frame('bye', { reason: 'server shutting down' }))
      this.streams.delete(stream)
    }
  }

  private sendRaw(text: string): void {
    for (const stream of this.streams) this.write(stream, text)
  }

  private write(stream: Stream, text: string): void {
    if (stream.blocked) {
      if (stream.pending.length >= MAX_PENDING) {
        this.streams.delete(stream)
        stream.response.destroy()
        return
      }
      stream.pending.push(text)
      return
    }
    stream.blocked = !stream.response.write(text)
  }

  private flush(stream: Stream): void {
    stream.blocked = false
    while (stream.pending.length > 0 && !stream.blocked) stream.blocked = !stream.response.write(stream.pending.shift()!)
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}
