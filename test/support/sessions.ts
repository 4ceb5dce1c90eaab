/**
 * Sessions for journeys that are not about logging in: a demo citizen logged in through the
 * dev sandbox and brought to a real-name level through the real routes.
 */
import type { FastifyInstance } from 'fastify'
import { demoCitizens } from '../../server/seed-data/demo-citizens'

export type DemoCitizen = (typeof demoCitizens)[number]

export function demoCitizen(key: string): DemoCitizen {
  const citizen = demoCitizens.find((candidate) => candidate.key === key)
  if (!citizen) throw new Error(`no demo citizen ${key}`)
  return citizen
}

/** Logs `key` in through the sandbox (AUTH_SANDBOX=1) and verifies to level 4 (proven: what personal data needs), or only 3 / 1. */
export async function sessionFor(app: FastifyInstance, key: string, level: 1 | 3 | 4 = 4): Promise<string> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { platform: 'h5dev', code: `sandbox:${key}` } })
  if (login.statusCode >= 300) throw new Error(`sandbox login failed: ${login.statusCode} ${login.body}`)
  const token = (login.json() as { token: string }).token
  const headers = { authorization: `Bearer ${token}` }
  if (level >= 3) {
    const citizen = demoCitizen(key)
    const realName = await app.inject({ method: 'POST', url: '/api/identity/real-name', headers, payload: { name: citizen.name, idNumber: citizen.idNumber } })
    if (realName.statusCode >= 300) throw new Error(`real-name failed: ${realName.statusCode} ${realName.body}`)
  }
  if (level >= 4) {
    const start = await app.inject({ method: 'POST', url: '/api/identity/face/start', headers })
    const { verificationId } = start.json() as { verificationId: string }
    const confirm = await app.inject({ method: 'POST', url: '/api/identity/face/confirm', headers, payload: { verificationId, verifyResult: 'sandbox-pass' } })
    if (confirm.statusCode >= 300) throw new Error(`face confirm failed: ${confirm.statusCode} ${confirm.body}`)
  }
  return token
}
