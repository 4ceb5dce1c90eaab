import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * The operator session as a cookie, for the live stream only: a browser's EventSource cannot
 * send an Authorization header. Login sets it (HttpOnly: scripts never read it; SameSite
 * Strict: no other site's page sends it; path /api/operator/live: no other route ever sees
 * it, so it cannot be used to change anything), logout clears it. The stream's onRequest
 * hook turns it into the bearer header the usual session check reads.
 */
export const LIVE_COOKIE = 'gov_op'
const LIVE_PATH = '/api/operator/live'
// Operator tokens are `op.` plus base64url: nothing else may reach the Authorization header.
const TOKEN = /^[A-Za-z0-9._~-]{1,200}$/

export function setLiveCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.header('set-cookie', `${LIVE_COOKIE}=${token}; Path=${LIVE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`)
}

export function clearLiveCookie(reply: FastifyReply): void {
  void reply.header('set-cookie', `${LIVE_COOKIE}=; Path=${LIVE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`)
}

/** onRequest: no Authorization header but the cookie → `Bearer <cookie>`. */
export async function cookieAsBearer(request: FastifyRequest): Promise<void> {
  if (request.headers.authorization) return
  const value = cookieValue(request.headers.cookie, LIVE_COOKIE)
  if (value && TOKEN.test(value)) request.headers.authorization = `Bearer ${value}`
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}
