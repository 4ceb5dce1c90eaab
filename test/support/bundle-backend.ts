/**
 * The real backend for bundle tests: a seeded SQLite database and the Fastify app, with
 * an `onRequest` for the mini-program harness that answers the bundle's requests through
 * `app.inject` — only when they go to the API base the bundle was built with.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import { TEST_API_BASE } from '../../scripts/test-api-base'
import { dialects, type TestDatabase } from './dialects'
import type { FakeRequest, FakeResponse } from './mini-harness'
import { startApp } from './server-app'

export interface BundleBackend {
  app: FastifyInstance
  database: TestDatabase
  onRequest: (request: FakeRequest) => Promise<FakeResponse>
  close(): Promise<void>
}

export async function startBundleBackend(): Promise<BundleBackend> {
  const database = await dialects()[0].setup()
  const db = database.open()
  const { app, close } = await startApp({ config: database.config, db, seed: true })
  const onRequest = async (request: FakeRequest): Promise<FakeResponse> => {
    if (!request.url.startsWith(TEST_API_BASE + '/')) {
      throw new Error(`request to ${request.url}, not to the configured API base ${TEST_API_BASE}`)
    }
    const response = await app.inject({
      method: request.method as InjectOptions['method'],
      url: request.url.slice(TEST_API_BASE.length),
      headers: request.headers,
      payload: typeof request.body === 'string' ? request.body : request.body === undefined ? undefined : JSON.stringify(request.body),
    })
    return { status: response.statusCode, body: response.body, headers: response.headers as Record<string, string> }
  }
  return {
    app,
    database,
    onRequest,
    close: async () => {
      await close()
      await database.cleanup()
    },
  }
}
