/**
 * Talks to an app over real HTTP on an ephemeral port.
 *
 * Real HTTP rather than app.inject() (which also works: jest.config.js transforms the ESM-only
 * `cookie` 2.x that light-my-request needs), because real HTTP
 * exercises the parts
 * inject() skips (socket, Content-Length, body limits).
 */
import type { AddressInfo } from 'node:net'
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
