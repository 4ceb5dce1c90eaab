import { hashToken, type ActiveSession, type OpenedSession, type Sessions } from '../identity/sessions/sessions'

/**
 * Operator sessions: the citizens' session rules (server/identity/sessions/sessions.ts) over
 * the operator store, with tokens marked `op.` + the usual 43 characters. The mark is not a
 * secret and proves nothing (the store lookup does); it lets a route that accepts either
 * kind (the verifier role) send each token to its own store, so a citizen token never costs
 * an operator-store lookup: checkpoint verification keeps working on the citizens' fallbacks
 * while the database is down. `.` is outside base64url, so no citizen token has the mark.
 */
export const OPERATOR_TOKEN_PREFIX = 'op.'

export interface OperatorSessions {
  open(operatorId: string): Promise<OpenedSession>
  /** The session an operator token names; undefined for anything else (citizen tokens included). */
  authenticate(token: string): Promise<ActiveSession | undefined>
  /** Ends the session a token names (logout); does nothing for a token that is not an operator's. */
  end(token: string): Promise<void>
}

export function isOperatorToken(token: string): boolean {
  return token.startsWith(OPERATOR_TOKEN_PREFIX)
}

export function operatorSessions(sessions: Sessions): OperatorSessions {
  const inner = (token: string) => (isOperatorToken(token) ? token.slice(OPERATOR_TOKEN_PREFIX.length) : undefined)
  return {
    async open(operatorId) {
      const opened = await sessions.open(operatorId)
      return { ...opened, token: OPERATOR_TOKEN_PREFIX + opened.token }
    },
    async authenticate(token) {
      const raw = inner(token)
      return raw === undefined ? undefined : sessions.authenticate(raw)
    },
    async end(token) {
      const raw = inner(token)
      if (raw !== undefined) await sessions.revoke(hashToken(raw))
    },
  }
}
