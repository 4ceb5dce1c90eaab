/**
 * What every identity provider shares: the logger shape, one HTTP call with a hard timeout,
 * and the error a citizen sees when the platform cannot be reached.
 *
 * Log discipline: callers log codes and messages the platform returned, never URLs with
 * query strings (WeChat puts the AppSecret in the query), request bodies (ID numbers,
 * names) or response bodies (session_key, access tokens).
 */
import { AppError } from '../../errors'

/** The part of a pino logger the providers use (pino and Fastify's logger satisfy it). */
export interface ProviderLogger {
  info(details: object, message: string): void
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

export const DEFAULT_TIMEOUT_MS = 5000

export interface UpstreamResponse {
  status: number
  text: string
}

/** Why a call got no usable answer. */
export type UpstreamFailure = 'timeout' | 'network'

export class UpstreamCallError extends Error {
  readonly failure: UpstreamFailure

  constructor(failure: UpstreamFailure, message: string) {
    super(message)
    this.name = 'UpstreamCallError'
    this.failure = failure
  }
}

/**
 * One HTTP request whose whole life — connect, headers and body — is bounded by `timeoutMs`
 * (AbortController). Resolves with any status; rejects with UpstreamCallError only when no
 * complete answer arrived.
 */
export async function callUpstream(url: string, init: RequestInit, timeoutMs: number): Promise<UpstreamResponse> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(url, { ...init, signal: controller.signal })
    const text = await response.text()
    return { status: response.status, text }
  } catch (error) {
    if (controller.signal.aborted) throw new UpstreamCallError('timeout', `no answer within ${timeoutMs} ms`)
    const cause = (error as { cause?: { code?: string } }).cause
    throw new UpstreamCallError('network', cause?.code ?? (error instanceof Error ? error.message : String(error)))
  } finally {
    clearTimeout(timer)
  }
}

/** The error a citizen sees when the platform is down, slow or answered something unusable. */
export function upstreamUnavailable(): AppError {
  return new AppError('UPSTREAM_UNAVAILABLE')
}

/** Parses a JSON object body, or returns undefined (HTML error pages, truncated bodies, arrays…). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The host of a base URL, for log lines (never the path or query). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'invalid-url'
  }
}
