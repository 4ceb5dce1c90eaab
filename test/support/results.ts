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
  request(path: string, options?: { method?: string; headers?: Record<string, string>; payload?: unknown }): Promise<{ status: number; body: any; text: string }>
}

export async function finishedApplication(backend: Backend, citizenKey: string, itemCode = PROOF_ITEM): Promise<{ applicationId: string; result: IssuedResult }> {
  const citizen = { authorization: `Bearer ${await sessionFor(backend.app, citizenKey, 4)}` }
  const form = await backend.request(`/api/services/${itemCode}/application-form`, { headers: citizen })
  if (form.status !== 200) throw new Error(`form of ${itemCode}: ${form.status} ${form.text}`)
  const values = fillApplicationForm((form.body as ApplicationForm).fields)
  const submitted = await backend.request('/api/applications', { method: 'POST', headers: { ...citizen, 'idempotency-key': randomUUID().replace(/-/g, '') }, payload: { itemCode, values } })
  if (submitted.status !== 201) throw new Error(`submit ${itemCode}: ${submitted.status} ${submitted.text}`)
  const applicationId = submitted.body.id as string
  const reviewer = { authorization: `Bearer ${await operatorTokenFor(backend.app, ['reviewer'])}` }
  for (const to of ['accepted', 'reviewing', 'completed']) {
    const moved = await backend.request(`/api/operator/applications/${applicationId}/transition`, { method: 'POST', headers: reviewer, payload: { to } })
    if (moved.status !== 200) throw new Error(`${to}: ${moved.status} ${moved.text}`)
  }
  const result = await backend.request(`/api/applications/${applicationId}/result`, { headers: citizen })
  if (!result.body?.result) throw new Error(`no result for ${applicationId}: ${result.status} ${result.text}`)
  return { applicationId, result: result.body.result as IssuedResult }
}
