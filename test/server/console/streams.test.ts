import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import { LiveStreams, MAX_PENDING } from '../../../server/live/streams'

/** A response whose socket takes nothing until `drain()`: a dashboard that stopped reading. */
function slowResponse() {
  const response = Object.assign(new EventEmitter(), {
    written: [] as string[],
    accepting: true,
    destroyed: false,
    ended: false,
    writeHead: () => response,
    write(text: string) {
      response.written.push(text)
      return response.accepting
    },
    end(text: string) {
      response.written.push(text)
      response.ended = true
    },
    destroy() {
      response.destroyed = true
      response.emit('close')
    },
    drain() {
      response.accepting = true
      response.emit('drain')
    },
  })
  return response
}

describe('live streams: bounded buffers', () => {
  test('a stalled client keeps at most MAX_PENDING events, gets them in order once it reads again', () => {
    const streams = new LiveStreams(60_000)
    const response = slowResponse()
    streams.open(response as unknown as ServerResponse, { event: 'snapshot', data: {} })
    response.accepting = false
    for (let index = 0; index < MAX_PENDING; index += 1) streams.send('activity', { index })
    // The first write after the stall went to the socket (write() said "full"); the rest wait.
    expect(response.written).toHaveLength(2)
    expect(response.destroyed).toBe(false)
    response.drain()
    expect(response.written).toHaveLength(1 + MAX_PENDING)
    expect(response.written.slice(1).map((text) => JSON.parse(text.split('data: ')[1]!).index)).toEqual([...Array(MAX_PENDING).keys()])
    streams.closeAll()
  })

  test('past MAX_PENDING the connection is closed (its EventSource reconnects from a snapshot); the others go on', () => {
    const streams = new LiveStreams(60_000)
    const slow = slowResponse()
    const fast = slowResponse()
    streams.open(slow as unknown as ServerResponse, { event: 'snapshot', data: {} })
    streams.open(fast as unknown as ServerResponse, { event: 'snapshot', data: {} })
    slow.accepting = false
    for (let index = 0; index < MAX_PENDING + 2; index += 1) streams.send('activity', { index })
    expect(slow.destroyed).toBe(true)
    expect(streams.size).toBe(1)
    expect(fast.written).toHaveLength(1 + MAX_PENDING + 2)
    streams.closeAll()
    expect(fast.ended).toBe(true)
    expect(fast.written.at(-1)).toMatch(/^event: bye\n/)
  })
})
