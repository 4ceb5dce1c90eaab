/**
 * The API bench's scenarios, one row each. A scenario first checks that its route exists in
 * the running build (the server's OpenAPI document) and prepares realistic requests; when it
 * cannot (a feature not landed, no catalogue item to apply for), it says why and the bench
 * reports it "not available" instead of failing the run.
 */
import type { Request } from 'autocannon'
import type { ApplicationForm } from '../../src/contract/applications/schemas'
import { fillApplicationForm, itemCodesIn } from '../../test/support/application-form'

export interface ScenarioContext {
  /** A node of the app under test, for preparing (discovery requests, a trial request). */
  appUrl: string
  /** One session token per bench citizen (level 3). */
  tokens: string[]
  /** Paths and methods the running build serves, from /api/openapi.json (e.g. `GET /api/health-code`). */
  routes: Set<string>
}

export type Prepared = { requests: Request[]; note?: string } | { unavailable: string }

export interface Scenario {
  name: string
  /** Sent to the app nodes, or to the bare Fastify baseline. */
  target: 'app' | 'hello-world'
  prepare(context: ScenarioContext): Promise<Prepared>
}

/** Catalogue searches a citizen would type, rotated request by request. */
export const SEARCH_QUERIES = ['社保', '身份证', '驾驶证', '户口', '公积金', '医保', '出生', '结婚', '营业执照', '居住证', '退休', '残疾', '不动产', '护照', '养老']

/** Hands out tokens (and whatever else rotates) round-robin, one per request. */
function rotation<T>(values: readonly T[]): () => T {
  let next = 0
  return () => values[next++ % values.length]
}

const missing = (context: ScenarioContext, ...routes: string[]) => routes.filter((route) => !context.routes.has(route))

export const SCENARIOS: Scenario[] = [
  {
    name: 'bare Fastify hello-world',
    target: 'hello-world',
    prepare: async () => ({ requests: [{ method: 'GET', path: '/' }] }),
  },
  {
    name: 'GET /api/health-code',
    target: 'app',
    async prepare(context) {
      const absent = missing(context, 'GET /api/health-code')
      if (absent.length) return { unavailable: `no route ${absent.join(', ')}` }
      const token = rotation(context.tokens)
      return {
        note: `${context.tokens.length} citizens, token rotated per request`,
        requests: [{ method: 'GET', path: '/api/health-code', setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${token()}` } }) }],
      }
    },
  },
  {
    name: 'GET /api/services/search?q=…',
    target: 'app',
    async prepare(context) {
      const absent = missing(context, 'GET /api/services/search')
      if (absent.length) return { unavailable: `no route ${absent.join(', ')}` }
      const query = rotation(SEARCH_QUERIES)
      const token = rotation(context.tokens)
      return {
        note: `${SEARCH_QUERIES.length} queries rotated`,
        requests: [
          {
            method: 'GET',
            path: '/api/services/search',
            setupRequest: (request) => ({ ...request, path: `/api/services/search?q=${encodeURIComponent(query())}`, headers: { ...request.headers, authorization: `Bearer ${token()}` } }),
          },
        ],
      }
    },
  },
  {
    name: 'POST /api/applications',
    target: 'app',
    async prepare(context) {
      const absent = missing(context, 'POST /api/applications', 'GET /api/services/search', 'GET /api/services/{code}/application-form')
      if (absent.length) return { unavailable: `no route ${absent.join(', ')}` }
      const found = await applicationToSubmit(context)
      if ('unavailable' in found) return found
      const token = rotation(context.tokens)
      let sequence = 0
      const run = Date.now().toString(36)
      return {
        note: `item ${found.itemCode}, unique Idempotency-Key per request, ${context.tokens.length} citizens rotated`,
        requests: [
          {
            method: 'POST',
            path: '/api/applications',
            headers: { 'content-type': 'application/json' },
            body: found.body,
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, authorization: `Bearer ${token()}`, 'idempotency-key': `bench-${run}-${String(sequence++).padStart(10, '0')}` },
            }),
          },
        ],
      }
    },
  },
]

/** Routes of an OpenAPI document as `METHOD /path`. */
export function routesOf(openapi: { paths?: Record<string, Record<string, unknown>> }): Set<string> {
  const routes = new Set<string>()
  for (const [route, methods] of Object.entries(openapi.paths ?? {})) for (const method of Object.keys(methods)) routes.add(`${method.toUpperCase()} ${route}`)
  return routes
}

/**
 * A catalogue item that can be applied for online, found the way a citizen finds one (search,
 * then its form), and a body filling its form as a citizen would; checked with one real submit.
 */
async function applicationToSubmit(context: ScenarioContext): Promise<{ itemCode: string; body: string } | { unavailable: string }> {
  const auth = { authorization: `Bearer ${context.tokens[0]}` }
  const codes = new Set<string>()
  for (const query of SEARCH_QUERIES) {
    const response = await fetch(`${context.appUrl}/api/services/search?q=${encodeURIComponent(query)}`, { headers: auth })
    if (response.ok) itemCodesIn(await response.json(), codes)
  }
  if (!codes.size) return { unavailable: 'catalogue search finds no item' }
  let lastProblem = 'no item offers an online application form'
  for (const code of codes) {
    const response = await fetch(`${context.appUrl}/api/services/${encodeURIComponent(code)}/application-form`, { headers: auth })
    if (!response.ok) continue
    const form = (await response.json()) as ApplicationForm
    if (form.submitAllowed === false) continue
    const body = JSON.stringify({ itemCode: code, values: fillApplicationForm(form.fields) })
    const trial = await fetch(`${context.appUrl}/api/applications`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-trial-${Date.now()}-${code}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128) },
      body,
    })
    if (trial.ok) return { itemCode: code, body }
    lastProblem = `a trial submit of ${code} answered ${trial.status}: ${(await trial.text()).slice(0, 200)}`
  }
  return { unavailable: lastProblem }
}
