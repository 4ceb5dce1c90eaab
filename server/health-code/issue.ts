import type { HealthCode } from '../../src/contract/health-code/schemas'
import { AppError } from '../errors'
import type { HealthCodeContext } from './context'
import type { StatusRead } from './current-status'
import type { SignedCode } from './signed-codes'
import type { CurrentStatus } from './statuses'
import { signToken } from './token'

/**
 * A fresh code for a citizen: their current status (from the cache when the database is
 * down, marked source 'cache'), signed with the current key, valid HEALTH_CODE_TTL_SECONDS.
 * Not audited: a citizen reading their own code is not an access to someone else's data,
 * and the client refreshes it every few minutes.
 */
export async function issueHealthCode(context: HealthCodeContext, citizenId: string): Promise<HealthCode> {
  const read = await context.reader.byCitizen(citizenId)
  if (!read) throw new AppError('NOT_FOUND', { message: '暂未查询到您的健康状态，请稍后再试或联系当地卫健部门' })
  return codeFor(context, citizenId, read)
}

/**
 * The same code without waiting, when this process holds a copy of the citizen's status (the
 * copies are dropped on every node by any status change, ../cache/hot-cache.ts); undefined
 * otherwise: call issueHealthCode. At a gate most requests are answered here.
 */
export function issueHealthCodeNow(context: HealthCodeContext, citizenId: string): HealthCode | undefined {
  const read = context.reader.peek(citizenId)
  return read && codeFor(context, citizenId, read)
}

/**
 * The answer last given for a signed code, with the status copy and source it was made from.
 * A citizen at a gate asks again and again while the code and the status copy stay the same
 * objects: the same frozen answer is handed back, so the route can send the JSON it wrote for
 * it the first time (./routes.ts) instead of building and serialising it again. Keyed by the
 * signed code: a new signature or a dropped code takes its answer with it.
 */
interface Answer {
  status: CurrentStatus
  source: StatusRead['source']
  code: Readonly<HealthCode>
}
const answers = new WeakMap<SignedCode, Answer>()

function codeFor(context: HealthCodeContext, citizenId: string, { status, source }: StatusRead): HealthCode {
  const now = context.clock()
  // Signing is the costliest step: a code for this very status version signed moments ago is served again (./signed-codes.ts).
  let code = context.signed.reusable(citizenId, status.version, status.colour, now)
  if (!code) {
    // Whole seconds: the token carries epoch seconds, and the response must match it.
    const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000)
    const expiresAt = new Date(issuedAt.getTime() + context.ttlSeconds * 1000)
    const token = signToken(context.keyring.signing, { sub: status.subject, colour: status.colour, statusVersion: status.version, issuedAt, expiresAt })
    code = { statusVersion: status.version, colour: status.colour, token, issuedAt, expiresAt, issuedAtText: issuedAt.toISOString(), expiresAtText: expiresAt.toISOString() }
    context.signed.keep(citizenId, code)
  }
  // Same code, same status copy (the same object: any change drops the copy), same source: the same answer.
  const answered = answers.get(code)
  if (answered && answered.status === status && answered.source === source) return answered.code
  const answer: HealthCode = Object.freeze({
    token: code.token,
    colour: status.colour,
    reason: status.reason,
    name: status.maskedName,
    issuedAt: code.issuedAtText,
    expiresAt: code.expiresAtText,
    statusSince: status.since,
    source,
  })
  answers.set(code, { status, source, code: answer })
  return answer
}
