/**
 * The operator's session in this tab (sessionStorage: closing the tab logs out of the console
 * without touching other tabs), the idle timeout, and who listens for changes.
 * The API is the authority on roles; the menu only mirrors them.
 */
import type { OperatorProfile, OperatorRole, OperatorSession } from '../../src/contract/operators/schemas'

const KEY = 'gov-console-session'
/** After this long without a key press, click or scroll the console locks (sign in again, same page). */
export const IDLE_MS = Number(sessionStorage.getItem('gov-console-idle-ms')) || 15 * 60 * 1000

export interface StoredSession {
  token: string
  expiresAt: string
  operator: OperatorProfile & { mustChangePassword?: boolean }
  /** Set after a first login with an initial password: the console shows only the change form. */
  mustChangePassword: boolean
}

type Listener = () => void
const listeners = new Set<Listener>()
let current: StoredSession | null = read()
/** Where to return after signing in again (set when the session ended under the operator). */
let returnTo: string | null = null

function read(): StoredSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StoredSession | null
    return value && new Date(value.expiresAt).getTime() > Date.now() ? value : null
  } catch {
    return null
  }
}

function write(value: StoredSession | null): void {
  current = value
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value))
  else sessionStorage.removeItem(KEY)
  for (const listener of listeners) listener()
}

export const session = {
  current: () => current,
  token: () => current?.token ?? null,
  roles: (): OperatorRole[] => current?.operator.roles ?? [],
  start(value: OperatorSession, mustChangePassword: boolean): void {
    write({ ...value, mustChangePassword })
  },
  /** The API answered OPERATOR_PASSWORD_CHANGE_REQUIRED: show only the change form, then come back here. */
  requirePasswordChange(): void {
    if (!current || current.mustChangePassword) return
    returnTo = location.pathname.replace(/^\/console/, '') + location.search
    write({ ...current, mustChangePassword: true })
  },
  end(): void {
    returnTo = null
    write(null)
  },
  /** The session ended (idle, 401): sign in again and come back to where the operator was. */
  expire(): void {
    if (!current) return
    returnTo = location.pathname.replace(/^\/console/, '') + location.search
    write(null)
  },
  takeReturnTo(): string | null {
    const value = returnTo
    returnTo = null
    return value
  },
  peekReturnTo: () => returnTo,
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

/** Locks the console after IDLE_MS without activity; activity in any form resets it. */
export function watchIdle(onIdle: () => void): () => void {
  let timer = window.setTimeout(onIdle, IDLE_MS)
  const reset = () => {
    window.clearTimeout(timer)
    timer = window.setTimeout(onIdle, IDLE_MS)
  }
  const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const
  for (const event of events) window.addEventListener(event, reset, { passive: true })
  return () => {
    window.clearTimeout(timer)
    for (const event of events) window.removeEventListener(event, reset)
  }
}
