/**
 * A finished (办结) application with its delivered result, made through the real routes: a
 * proven citizen applies for a 全程网办 item (户籍证明开具 by default), a reviewer accepts,
 * reviews and completes it, and 办结 issues the item's declared result. For the e2e journeys
 * and the accessibility cases of the 办理结果 pages.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ApplicationForm } from '../../src/contract/applications/schemas'
import type { IssuedResult } from '../../src/contract/results/schemas'
import { fillApplicationForm } from './application-form'
import { operatorTokenFor } from './operators'
import { sessionFor } from './sessions'

export const PROOF_ITEM = 'SF-GA-0005'

interface Backend {
  app: FastifyInstance
}

/** One call through the app itself (no HTTP server needed: the bundle backend has none). */
async function call(app: FastifyInstance, url: string, options: { method?: string; headers?: Record<string, string>; payload?: unknown } = {}) {
  const response = await app.inject({ method: (options.method ?? 'GET') as 'GET', url, headers: options.headers, ...(options.payload === undefined ? {} : { payload: options.payload as object }) })
  const text = response.body
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.statusCode, body, text }
}

/** `citizen`: a sandbox citizen's key, or the session token of a proven account (e.g. a platform login in the bundle tests). */
export async function finishedApplication(backend: Backend, citizen: string | { token: string }, itemCode = PROOF_ITEM): Promise<{ applicationId: string; result: IssuedResult }> {
  const token = typeof citizen === 'string' ? await sessionFor(backend.app, citizen, 4) : citizen.token
  const headers = { authorization: `Bearer ${token}` }
  const form = await call(backend.app, `/api/services/${itemCode}/application-form`, { headers })
  if (form.status !== 200) throw new Error(`form of ${itemCode}: ${form.status} ${form.text}`)
  const values = fillApplicationForm((form.body as ApplicationForm).fields)
  const submitted = await call(backend.app, '/api/applications', { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID().replace(/-/g, '') }, payload: { itemCode, values } })
  if (submitted.status !== 201) throw new Error(`submit ${itemCode}: ${submitted.status} ${submitted.text}`)
  const applicationId = submitted.body.id as string
  const reviewer = { authorization: `Bearer ${await operatorTokenFor(backend.app, ['reviewer'])}` }
  for (const to of ['accepted', 'reviewing', 'completed']) {
    const moved = await call(backend.app, `/api/operator/applications/${applicationId}/transition`, { method: 'POST', headers: reviewer, payload: { to } })
    if (moved.status !== 200) throw new Error(`${to}: ${moved.status} ${moved.text}`)
  }
  const result = await call(backend.app, `/api/applications/${applicationId}/result`, { headers })
  if (!result.body?.result) throw new Error(`no result for ${applicationId}: ${result.status} ${result.text}`)
  return { applicationId, result: result.body.result as IssuedResult }
}
