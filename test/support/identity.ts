/**
 * Helpers for the identity suites: in-test platform providers (the domain is tested
 * against the provider interface; the real WeChat/Alipay adapters have their own suites),
 * a clock tests can move, a Redis per suite when REDIS_URL is set, and an HTTP client that
 * fails a test the moment any response carries a full seeded ID number or phone.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type { Clock } from '../../server/clock'
import type { Database } from '../../server/db/database'
import { AppError } from '../../server/errors'
import type { IdentityProviders } from '../../server/identity/context'
import type { SessionStore } from '../../server/identity/sessions/session-store'
import type { FaceSubject, FaceVerifier, LoginProvider } from '../../server/identity/providers/types'
import { demoCitizens } from '../../server/seed-data/demo-citizens'
import type { RequestOptions, TestResponse, TestServer } from './http'
import { testConfig, type TestDatabase } from './dialects'
import { startApp, type StartAppOptions } from './server-app'

export const [zhangWei, liNa, wangXiaoming, zhaoLihua] = demoCitizens as [
  (typeof demoCitizens)[number],
  (typeof demoCitizens)[number],
  (typeof demoCitizens)[number],
  (typeof demoCitizens)[number],
]

/** A clock that stands still until a test moves it. */
export function fakeClock(start = new Date()): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime()
  const clock = () => new Date(now)
  return Object.assign(clock, {
    advance: (ms: number) => void (now += ms),
    set: (date: Date) => void (now = date.getTime()),
  })
}

export const MINUTE = 60_000

/**
 * Login codes the in-test providers accept: `ok:<subject>` logs in as that subject,
 * `used:…` is LOGIN_CODE_USED, anything else LOGIN_CODE_INVALID. Face verification passes
 * when the platform was told so: WeChat by verify result `pass`, Alipay by marking the
 * certify id passed (as the real query would report).
 */
export interface TestProviders extends IdentityProviders {
  /** The subjects face verification was asked to match, in order. */
  faceSubjects: FaceSubject[]
  /** Alipay certify ids the "platform" reports as passed. */
  passedCertifyIds: Set<string>
}

export function testProviders(options: { sandbox?: boolean } = {}): TestProviders {
  const faceSubjects: FaceSubject[] = []
  const passedCertifyIds = new Set<string>()
  const login = (platform: 'weapp' | 'alipay' | 'h5dev'): LoginProvider => ({
    platform,
    async exchange(code) {
      if (code.startsWith('used:')) throw new AppError('LOGIN_CODE_USED')
      if (platform === 'h5dev' && code.startsWith('sandbox:')) return { platform, subject: code.slice('sandbox:'.length) }
      if (!code.startsWith('ok:')) throw new AppError('LOGIN_CODE_INVALID')
      return { platform, subject: code.slice(3) }
    },
  })
  const wechatFace: FaceVerifier = {
    provider: 'wechat',
    async start(subject) {
      faceSubjects.push(subject)
      return {}
    },
    async confirm(subject, evidence) {
      faceSubjects.push(subject)
      if (evidence.verifyResult === 'upstream-down') throw new AppError('UPSTREAM_UNAVAILABLE')
      if (evidence.verifyResult !== 'pass') throw new AppError('FACE_VERIFICATION_FAILED', { message: '人脸与身份证照片不一致' })
    },
  }
  let certifyCount = 0
  const alipayFace: FaceVerifier = {
    provider: 'alipay',
    async start(subject, outerOrderNo) {
      faceSubjects.push(subject)
      certifyCount += 1
      return { certifyId: `certify-${certifyCount}`, url: `https://openapi.example/certify?order=${outerOrderNo}` }
    },
    async confirm(subject, evidence) {
      faceSubjects.push(subject)
      if (!evidence.certifyId || !passedCertifyIds.has(evidence.certifyId)) throw new AppError('FACE_VERIFICATION_FAILED')
    },
  }
  // The browser preview's development face step (the sandbox provider's answer word).
  const sandboxFace: FaceVerifier = {
    provider: 'sandbox',
    async start(subject) {
      faceSubjects.push(subject)
      return {}
    },
    async confirm(subject, evidence) {
      faceSubjects.push(subject)
      if (evidence.verifyResult !== 'sandbox-pass') throw new AppError('FACE_VERIFICATION_FAILED')
    },
  }
  return {
    login: { weapp: login('weapp'), alipay: login('alipay'), h5dev: options.sandbox ? login('h5dev') : undefined },
    face: { weapp: wechatFace, alipay: alipayFace, h5dev: options.sandbox ? sandboxFace : undefined },
    faceSubjects,
    passedCertifyIds,
  }
}

/** Every seeded full value that must never appear in a response other than a reveal. */
export const SECRET_VALUES: string[] = demoCitizens.flatMap((citizen) => [citizen.idNumber, ...(citizen.phone ? [citizen.phone] : [])])

/** The first seeded full ID number or phone in a text, if any. */
export function leakedSecret(text: string): string | undefined {
  return SECRET_VALUES.find((value) => text.includes(value))
}

/** A Redis client and a fresh key prefix for one suite, when REDIS_URL is set. */
export function suiteRedis(): { redis: Redis; prefix: string } | undefined {
  const url = process.env.REDIS_URL
  if (!url) return undefined
  return { redis: new Redis(url, { maxRetriesPerRequest: 1 }), prefix: `gm-test:${randomBytes(6).toString('hex')}:` }
}

/** Deletes a suite's keys and closes its client. */
export async function cleanupRedis(suite: { redis: Redis; prefix: string } | undefined): Promise<void> {
  if (!suite) return
  const keys = await suite.redis.keys(`${suite.prefix}*`)
  if (keys.length) await suite.redis.del(...keys)
  await suite.redis.quit()
}

export interface IdentityApp {
  server: TestServer & { app: FastifyInstance }
  db: Kysely<Database>
  clock: ReturnType<typeof fakeClock>
  /** The in-test providers (unused when the app was built with its configured ones). */
  providers: TestProviders
  redis: { redis: Redis; prefix: string } | undefined
  /** Like server.request, but fails on any full ID number or phone outside a reveal. */
  request(path: string, options?: RequestOptions & { token?: string }): Promise<TestResponse>
  /** Logs in through POST /api/auth/login and returns the token. */
  login(platform: 'weapp' | 'alipay' | 'h5dev', subject: string): Promise<string>
  realName(token: string, citizen: { name: string; idNumber: string }): Promise<TestResponse>
  /** Face verification through the real routes (the account must be at level 3): level 4, recently verified. */
  faceVerify(token: string): Promise<TestResponse>
  /** Logs in, claims `citizen` (real-name) and proves it (face): a level-4 session, what personal data needs. */
  proven(platform: 'weapp' | 'alipay' | 'h5dev', subject: string, citizen: { name: string; idNumber: string }): Promise<string>
  close(): Promise<void>
}

export interface IdentityAppOptions {
  /** Extra environment for the config, e.g. small rate limits. */
  env?: Record<string, string>
  sandbox?: boolean
  /** `configured`: the app builds its own providers from the config (AUTH_SANDBOX etc.). */
  providers?: TestProviders | 'configured'
  extend?: (app: FastifyInstance) => void
  /** Sessions kept here instead of Redis / the database (e.g. to survive a database outage). */
  sessionStore?: SessionStore
  /** A logger to read back (captureLogs()); silent otherwise. */
  logger?: StartAppOptions['logger']
}

/** The real app on this suite's database (and Redis when configured), demo data seeded. */
export async function startIdentityApp(testDb: TestDatabase, options: IdentityAppOptions = {}): Promise<IdentityApp> {
  const db = testDb.open()
  const clock = fakeClock()
  const configured = options.providers === 'configured'
  const providers = options.providers === 'configured' || !options.providers ? testProviders({ sandbox: options.sandbox }) : options.providers
  const redis = suiteRedis()
  const env = {
    ...testDb.env,
    // Every request comes from 127.0.0.1: only the rate-limit suite wants real limits.
    RATE_LIMIT_LOGIN: '1000/1m',
    RATE_LIMIT_VERIFICATION: '1000/1m',
    RATE_LIMIT_REVEAL: '1000/1m',
    ...(redis ? { REDIS_URL: process.env.REDIS_URL!, REDIS_KEY_PREFIX: redis.prefix } : {}),
    ...options.env,
  }
  const server = await startApp({
    config: testConfig(env),
    db,
    seed: true,
    extend: options.extend,
    logger: options.logger,
    build: {
      identityProviders: configured ? undefined : providers,
      clock,
      ...(redis ? { redis: redis.redis } : {}),
      ...(options.sessionStore ? { sessionStore: options.sessionStore } : {}),
    },
  })

  const request: IdentityApp['request'] = async (path, requestOptions = {}) => {
    const { token, ...rest } = requestOptions
    const headers = { ...rest.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }
    const response = await server.request(path, { ...rest, headers })
    // The reveal routes exist to answer one full value (audited); every other route must not.
    if (path !== '/api/me/reveal' && !/^\/api\/operator\/applications\/[^/]+\/reveal$/.test(path)) {
      const leaked = leakedSecret(response.text) ?? leakedSecret(headerText(response.headers))
      if (leaked) throw new Error(`${requestOptions.method ?? 'GET'} ${path} answered with a full personal value: ${response.text}`)
    }
    return response
  }

  // Each provider's way to pass: WeChat's verify_result, Alipay's certify id marked passed, the sandbox's word.
  const faceVerify: IdentityApp['faceVerify'] = async (token) => {
    const started = await request('/api/identity/face/start', { method: 'POST', token })
    if (started.status !== 200) return started
    const { provider, verificationId, certifyId } = started.body as { provider: string; verificationId: string; certifyId?: string }
    if (certifyId) providers.passedCertifyIds.add(certifyId)
    const verifyResult = provider === 'wechat' ? 'pass' : provider === 'sandbox' ? 'sandbox-pass' : undefined
    return request('/api/identity/face/confirm', { method: 'POST', token, payload: { verificationId, ...(verifyResult ? { verifyResult } : {}) } })
  }

  const identityApp: IdentityApp = {
    server,
    db,
    clock,
    providers,
    redis,
    request,
    async login(platform, subject) {
      const code = platform === 'h5dev' ? `sandbox:${subject}` : `ok:${subject}`
      const response = await request('/api/auth/login', { method: 'POST', payload: { platform, code } })
      if (response.status !== 201) throw new Error(`login failed: ${response.status} ${response.text}`)
      return response.body.token as string
    },
    realName: (token, citizen) =>
      request('/api/identity/real-name', { method: 'POST', token, payload: { name: citizen.name, idNumber: citizen.idNumber } }),
    faceVerify,
    async proven(platform, subject, citizen) {
      const token = await identityApp.login(platform, subject)
      const claimed = await identityApp.realName(token, citizen)
      if (claimed.status !== 200) throw new Error(`real-name failed: ${claimed.status} ${claimed.text}`)
      const confirmed = await faceVerify(token)
      if (confirmed.status !== 200 || confirmed.body?.level !== 4) throw new Error(`face verification failed: ${confirmed.status} ${confirmed.text}`)
      return token
    },
    async close() {
      await server.close()
      await cleanupRedis(redis)
    },
  }
  return identityApp
}

function headerText(headers: Headers): string {
  let text = ''
  headers.forEach((value, name) => (text += `${name}: ${value}\n`))
  return text
}

/** Audit rows of one event, oldest first, detail parsed. */
export async function auditRows(db: Kysely<Database>, event?: string) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id')
  if (event) query = query.where('event', '=', event)
  const rows = await query.execute()
  return rows.map((row) => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null }))
}
