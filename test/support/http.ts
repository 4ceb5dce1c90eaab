/**
 * Talks to an app over real HTTP on an ephemeral port.
 *
 * Real HTTP rather than app.inject() (which also works: jest.config.js transforms the ESM-only
 * `cookie` 2.x that light-my-request needs), because real HTTP
 * exercises the parts
 * inject() skips (socket, Content-Length, body limits).
 */
import net, { type AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'

export interface TestResponse {
  status: number
  headers: Headers
  text: string
  /** The parsed JSON body (undefined when the body is not JSON). */
  body: any
}

export interface RequestOptions {
  method?: string
  /** An object is sent as JSON; a string is sent as-is (set content-type yourself). */
  payload?: unknown
  headers?: Record<string, string>
}

export interface TestServer {
  baseUrl: string
  request(path: string, options?: RequestOptions): Promise<TestResponse>
  close(): Promise<void>
}

export async function startServer(app: FastifyInstance): Promise<TestServer> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  return {
    baseUrl,
    request: (path, options) => request(baseUrl + path, options),
    close: () => app.close(),
  }
}

export async function request(url: string, options: RequestOptions = {}): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | undefined
  if (typeof options.payload === 'string') body = options.payload
  else if (options.payload !== undefined) {
    body = JSON.stringify(options.payload)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, text, body: parsed }
}

/**
 * One raw HTTP/1.1 exchange over a socket, read until the server closes it: for what no
 * client library sends (headers past Node's limit, bytes that are not HTTP).
 */
export function rawRequest(baseUrl: string, request: string): Promise<TestResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const split = raw.indexOf('\r\n\r\n')
      const [statusLine = '', ...lines] = raw.slice(0, split).split('\r\n')
      const headers = new Headers(lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]))
      const text = raw.slice(split + 4)
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text, body })
    })
  })
}
