/**
 * Server configuration from environment variables.
 *
 * One row per variable in `rows` below: its name, its default, the rule it must satisfy and
 * how to parse it. Adding a variable means adding a row; the Config type follows from the
 * table. Every problem is reported at once, each naming the variable and the rule, so an
 * operator fixes a deployment in one round instead of one variable per restart.
 */

import { devCertificateSigningKey } from '../certificates/dev-signing-key'
import { healthCodeKeyProblems, keyId, previousPublicKeys } from '../health-code/config-rules'
import { devHealthCodeKey } from '../health-code/dev-key'
import { devIdentityKey } from '../identity/dev-keys'
import { alipayAppId, identityProviderProblems, rsaPrivateKey, rsaPublicKey, sandboxDefault, wechatAppId, wechatSecret } from '../identity/providers/config-rules'
import { devProofKey } from '../social-security/proof-key'
import { paymentDevDefault, paymentProblems, wechatPayApiV3Key, wechatPayMchId, wechatPayMerchantSerial, wechatPayPrivateKey, wechatPayPublicKey, wechatPayPublicKeyId } from '../payments/config-rules'
import { devUploadLinkKey, s3Bucket, uploadProblems } from '../uploads/config-rules'
import { networkProblems, publicOrigin, publicOriginDefault, trustProxy } from './network-rules'
import {
  devKeyDefault,
  ed25519PrivateKey,
  flag,
  httpUrl,
  integer,
  key32,
  noSpaces,
  oneOf,
  path,
  postgresUrl,
  rateLimit,
  redisUrl,
  type Env,
} from './rules'

export type { Env } from './rules'

export class ConfigError extends Error {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** How one variable is validated. `parse` returns undefined when the value breaks `rule`. */
interface Row<T> {
  name: string
  /**
   * Used when the variable is unset or empty; a function when it depends on other variables.
   * A function may return undefined: no default in that environment (e.g. keys in production).
   */
  default?: string | ((env: Env) => string | undefined)
  /** No default and may stay unset (the value is then undefined). */
  optional?: true
  /** Mask credentials when echoing a bad value back, since error messages end up in logs. */
  secret?: true
  /** Completes "<NAME> must …", e.g. "be an integer 1-65535". */
  rule: string
  parse(raw: string): T | undefined
}

// --- the table -------------------------------------------------------------------------------

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const rows = {
  port: { name: 'PORT', default: '8080', ...integer(1, 65535) },
  host: { name: 'HOST', default: '0.0.0.0', ...noSpaces('a host name or IP address') },
  // Where citizens and verifiers reach the service: links the server prints (e.g. a proof's
  // verifyUrl) are built on it, never on the request's Host header. Required in production
  // (https there); elsewhere the server's own http://localhost:PORT.
  publicOrigin: { name: 'PUBLIC_ORIGIN', default: publicOriginDefault, ...publicOrigin },
  // Proxies in front (a load balancer): a hop count or their addresses / CIDR ranges. Only
  // then are X-Forwarded-For / -Proto read for the client's address (rate limits, audit) and
  // scheme. Unset: they are ignored. `true` (trust anyone) is refused in production.
  trustProxy: { name: 'TRUST_PROXY', default: 'false', ...trustProxy },
  nodeEnv: { name: 'NODE_ENV', default: 'development', ...oneOf(['development', 'production', 'test'] as const) },
  logLevel: { name: 'LOG_LEVEL', default: 'info', ...oneOf(LOG_LEVELS) },
  databaseUrl: { name: 'DATABASE_URL', optional: true, secret: true, ...postgresUrl },
  // --- database timeouts, per connection pool (PostgreSQL; SQLite waits for a writer's lock) ---
  // The API's pool (citizen routes and everything else the server answers at once): a
  // statement running longer is cancelled and the route answers 503 with retry-after, so a
  // database that stops answering does not hold requests (and connections) open.
  dbStatementTimeoutMs: { name: 'DB_STATEMENT_TIMEOUT_MS', default: '2000', ...integer(100, 600_000) },
  // How long a request waits for a connection: a free one from the pool or a new one to the
  // server (SQLite: for another writer's lock).
  dbAcquireTimeoutMs: { name: 'DB_ACQUIRE_TIMEOUT_MS', default: '5000', ...integer(100, 600_000) },
  // The pool of reports and imports (the demand report, catalogue and health-status imports,
  // the ops commands, migrations): longer, they scan and write much more.
  dbReportStatementTimeoutMs: { name: 'DB_REPORT_STATEMENT_TIMEOUT_MS', default: '300000', ...integer(100, 3_600_000) },
  dbReportAcquireTimeoutMs: { name: 'DB_REPORT_ACQUIRE_TIMEOUT_MS', default: '30000', ...integer(100, 600_000) },
  // Relative to the working directory; ':memory:' gives a throwaway database.
  sqlitePath: { name: 'SQLITE_PATH', default: '.data/gov-mini.sqlite', ...path('a file path') },
  staticDir: { name: 'STATIC_DIR', default: 'dist/h5', ...path('a directory path') },
  // Demo notices make a fresh development checkout show something; production starts empty.
  seedDemoData: {
    name: 'SEED_DEMO_DATA',
    default: (env: Env) => ((env.NODE_ENV || 'development') === 'development' ? '1' : '0'),
    ...flag,
  },
  // --- identity: keys, sessions, audit, rate limits ---
  // Encrypts ID numbers and phones at rest (AES-256-GCM). Unset outside production: a key
  // generated once in .data/identity.key.
  identityEncryptionKey: { name: 'IDENTITY_ENCRYPTION_KEY', secret: true, default: devKeyDefault('IDENTITY_ENCRYPTION_KEY', () => devIdentityKey('encryptionKey')), ...key32 },
  // Keys the ID number lookup hash (HMAC-SHA256); separate from the encryption key.
  identityHashKey: { name: 'IDENTITY_HASH_KEY', secret: true, default: devKeyDefault('IDENTITY_HASH_KEY', () => devIdentityKey('hashKey')), ...key32 },
  // Sessions and rate-limit counters go here when set, so several API nodes share them.
  redisUrl: { name: 'REDIS_URL', optional: true, secret: true, ...redisUrl },
  // Lets several deployments (or test runs) share one Redis without seeing each other's keys.
  redisKeyPrefix: { name: 'REDIS_KEY_PREFIX', default: 'gov-mini:', ...noSpaces('a key prefix') },
  sessionIdleMinutes: { name: 'SESSION_IDLE_MINUTES', default: '30', ...integer(1, 1440) },
  sessionAbsoluteHours: { name: 'SESSION_ABSOLUTE_HOURS', default: '12', ...integer(1, 720) },
  auditRetentionDays: { name: 'AUDIT_RETENTION_DAYS', default: '180', ...integer(1, 3650) },
  // Per client IP.
  rateLimitLogin: { name: 'RATE_LIMIT_LOGIN', default: '10/1m', ...rateLimit },
  // Per account, shared by real-name, re-verification and face verification.
  rateLimitVerification: { name: 'RATE_LIMIT_VERIFICATION', default: '5/10m', ...rateLimit },
  // Per account.
  rateLimitReveal: { name: 'RATE_LIMIT_REVEAL', default: '10/1h', ...rateLimit },
  // --- identity providers: WeChat / Alipay login and face verification, dev sandbox ---
  // WeChat login and face verification are on when both are set.
  wechatAppId: { name: 'WECHAT_APPID', optional: true, ...wechatAppId },
  wechatSecret: { name: 'WECHAT_SECRET', optional: true, secret: true, ...wechatSecret },
  // Tests point it at a local server speaking the same protocol.
  wechatApiBase: { name: 'WECHAT_API_BASE', default: 'https://api.weixin.qq.com', ...httpUrl('WeChat API base') },
  // Alipay login and face verification are on when all three are set.
  alipayAppId: { name: 'ALIPAY_APPID', optional: true, ...alipayAppId },
  alipayPrivateKey: { name: 'ALIPAY_PRIVATE_KEY', optional: true, secret: true, ...rsaPrivateKey },
  // Not a secret, but a refused value may be a pasted private key, so it is never echoed.
  alipayPublicKey: { name: 'ALIPAY_PUBLIC_KEY', optional: true, secret: true, ...rsaPublicKey },
  alipayGateway: { name: 'ALIPAY_GATEWAY', default: 'https://openapi.alipay.com/gateway.do', ...httpUrl('the OpenAPI gateway') },
  // Per call to WeChat or Alipay.
  identityTimeoutMs: { name: 'IDENTITY_TIMEOUT_MS', default: '5000', ...integer(100, 60000) },
  // The dev-only sandbox login behind the H5 preview; refused together with NODE_ENV=production.
  authSandbox: { name: 'AUTH_SANDBOX', default: sandboxDefault, ...flag },
  // --- health code: signing keys, code lifetime, status cache ---
  // Signs health codes (Ed25519). Unset outside production: a key generated once in .data/health-code.key.
  healthCodeSigningKey: { name: 'HEALTH_CODE_SIGNING_KEY', secret: true, default: devKeyDefault('HEALTH_CODE_SIGNING_KEY', () => devHealthCodeKey().privateKey), ...ed25519PrivateKey },
  // Travels in every code and names the key in GET /api/health-code/keys; change it with the key.
  healthCodeKeyId: { name: 'HEALTH_CODE_KEY_ID', default: devKeyDefault('HEALTH_CODE_SIGNING_KEY', () => devHealthCodeKey().kid), ...keyId },
  // Retired keys, still accepted (and published) so codes they signed stay valid until they expire.
  healthCodePreviousPublicKeys: { name: 'HEALTH_CODE_PREVIOUS_PUBLIC_KEYS', optional: true, ...previousPublicKeys },
  healthCodeTtlSeconds: { name: 'HEALTH_CODE_TTL_SECONDS', default: '300', ...integer(30, 3600) },
  // Per verifier account: checkpoint staff scan one code every few seconds; more is a script.
  rateLimitHealthCodeVerify: { name: 'RATE_LIMIT_HEALTH_CODE_VERIFY', default: '120/1m', ...rateLimit },
  // How long a node may use its in-process copy of a session, account or status (server/cache/hot-cache.ts);
  // every change also invalidates copies at once. Unset: 5000 with REDIS_URL (pub/sub), 500 without; 0: off.
  hotCacheMs: { name: 'HOT_CACHE_MS', optional: true, ...integer(0, 5000) },
  // How long the last known status is kept for issuing codes while the database is down.
  healthStatusCacheSeconds: { name: 'HEALTH_STATUS_CACHE_SECONDS', default: '86400', ...integer(60, 604800) },
  // --- social security ---
  // Signs proofs of contributions (HMAC-SHA256). Unset outside production: a key generated
  // once in .data/social-proof.key. Changing it makes every issued proof fail verification.
  socialProofKey: { name: 'SOCIAL_PROOF_KEY', secret: true, default: devKeyDefault('SOCIAL_PROOF_KEY', devProofKey), ...key32 },
  // Proofs of contributions: verifying is limited per client IP (it needs no login, so it is
  // where codes would be guessed), issuing per account.
  rateLimitSocialProof: { name: 'RATE_LIMIT_SOCIAL_PROOF', default: '30/1m', ...rateLimit },
  // --- certificates: presentation codes (亮证码) ---
  // Signs presentation codes (Ed25519). Unset outside production: a key generated once in
  // .data/certificate-signing.key. Changing it only invalidates codes still on screen.
  certificateSigningKey: { name: 'CERT_SIGNING_KEY', secret: true, default: devKeyDefault('CERT_SIGNING_KEY', devCertificateSigningKey), ...ed25519PrivateKey },
  // How long a presentation code can be scanned.
  certificatePresentationTtlSeconds: { name: 'CERT_PRESENTATION_TTL_SECONDS', default: '120', ...integer(30, 600) },
  // Per account, else per client IP: verifying a code and an organisation's fetch need no login.
  // Generous: a checkpoint scans fast, and signed codes cannot be guessed anyway.
  rateLimitCertificateVerify: { name: 'RATE_LIMIT_CERT_VERIFY', default: '60/1m', ...rateLimit },
  // --- 好差评 and feedback ---
  // Feedback written per account: it needs only a login, so this keeps one account from
  // flooding the operators' queue.
  rateLimitFeedback: { name: 'RATE_LIMIT_FEEDBACK', default: '10/1h', ...rateLimit },
  // --- applications: subscription messages (订阅消息) about status changes ---
  // The template ids chosen in each platform's console; unset: that platform's messages are recorded as skipped.
  wechatTemplateApplicationStatus: { name: 'WECHAT_TEMPLATE_APPLICATION_STATUS', optional: true, ...noSpaces('a WeChat subscription template id') },
  alipayTemplateApplicationStatus: { name: 'ALIPAY_TEMPLATE_APPLICATION_STATUS', optional: true, ...noSpaces('an Alipay message template id') },
  // The day-before reminder of a booking (在线预约), its own template on each platform; unset: recorded as skipped.
  wechatTemplateAppointmentReminder: { name: 'WECHAT_TEMPLATE_APPOINTMENT_REMINDER', optional: true, ...noSpaces('a WeChat subscription template id') },
  alipayTemplateAppointmentReminder: { name: 'ALIPAY_TEMPLATE_APPOINTMENT_REMINDER', optional: true, ...noSpaces('an Alipay message template id') },
  // How often the outbox is swept for due messages; 0 = never by timer (tests call dispatchDue()).
  notificationDispatchSeconds: { name: 'NOTIFICATION_DISPATCH_SECONDS', default: '10', ...integer(0, 3600) },
  // --- 在线预约: how many days ahead a hall's slots can be booked (today counts as day 0) ---
  appointmentWindowDays: { name: 'APPOINTMENT_WINDOW_DAYS', default: '14', ...integer(1, 90) },
  // How often bookings on the next working day are swept for their reminder; 0 = never by timer (tests call remindDue()).
  appointmentReminderSeconds: { name: 'APPOINTMENT_REMINDER_SECONDS', default: '300', ...integer(0, 86400) },
  // --- operators (the people who run the service): login throttling and sessions ---
  // Failed logins allowed per username (whether it exists or not) and per client IP before
  // each further attempt must wait: 1 s, then 2 s, 4 s… up to OPERATOR_LOGIN_MAX_DELAY_SECONDS.
  // Nothing locks an account: a wait ends by itself, and a right password within the
  // allowed attempts logs in. Counted in the rate-limit store (Redis when REDIS_URL is set).
  operatorLoginFailuresPerUsername: { name: 'OPERATOR_LOGIN_FAILURES_PER_USERNAME', default: '5', ...integer(1, 100) },
  operatorLoginFailuresPerIp: { name: 'OPERATOR_LOGIN_FAILURES_PER_IP', default: '20', ...integer(1, 10_000) },
  operatorLoginMaxDelaySeconds: { name: 'OPERATOR_LOGIN_MAX_DELAY_SECONDS', default: '300', ...integer(1, 86_400) },
  // Failures are forgotten this long after the last attempt.
  operatorLoginFailureWindowMinutes: { name: 'OPERATOR_LOGIN_FAILURE_WINDOW_MINUTES', default: '15', ...integer(1, 1440) },
  // Wrong current passwords on POST /api/operator/me/password before the session is ended.
  operatorPasswordChangeFailures: { name: 'OPERATOR_PASSWORD_CHANGE_FAILURES', default: '5', ...integer(1, 100) },
  // Shorter than citizens': an operator session can change other people's records.
  operatorSessionIdleMinutes: { name: 'OPERATOR_SESSION_IDLE_MINUTES', default: '15', ...integer(1, 1440) },
  operatorSessionAbsoluteHours: { name: 'OPERATOR_SESSION_ABSOLUTE_HOURS', default: '8', ...integer(1, 72) },
  // --- uploaded materials (申请材料): storage, limits, read links, retention ---
  // A directory outside STATIC_DIR (checked at start); used unless UPLOADS_S3_* are set.
  uploadsDir: { name: 'UPLOADS_DIR', default: '.data/uploads', ...path('a directory path') },
  // S3-compatible object storage (path-style, SigV4), shared by every API node: all four or none.
  uploadsS3Endpoint: { name: 'UPLOADS_S3_ENDPOINT', optional: true, ...httpUrl('the object storage endpoint') },
  uploadsS3Bucket: { name: 'UPLOADS_S3_BUCKET', optional: true, ...s3Bucket },
  uploadsS3Region: { name: 'UPLOADS_S3_REGION', default: 'us-east-1', ...noSpaces('a region name') },
  uploadsS3AccessKeyId: { name: 'UPLOADS_S3_ACCESS_KEY_ID', optional: true, ...noSpaces('an access key id') },
  uploadsS3SecretAccessKey: { name: 'UPLOADS_S3_SECRET_ACCESS_KEY', optional: true, secret: true, ...noSpaces('a secret access key') },
  // Per file, checked on the bytes received (photos are re-encoded, PDFs kept as sent).
  uploadMaxBytes: { name: 'UPLOAD_MAX_BYTES', default: String(10 * 1024 * 1024), ...integer(1024, 50 * 1024 * 1024) },
  // Signs the short-lived read links (HMAC-SHA256). Unset outside production: .data/upload-link.key.
  uploadLinkKey: { name: 'UPLOAD_LINK_KEY', secret: true, default: devKeyDefault('UPLOAD_LINK_KEY', devUploadLinkKey), ...key32 },
  uploadLinkTtlSeconds: { name: 'UPLOAD_LINK_TTL_SECONDS', default: '300', ...integer(10, 3600) },
  // How long a withdrawn or finished application keeps its files before `npm run uploads:purge` removes them.
  uploadRetentionDays: { name: 'UPLOAD_RETENTION_DAYS', default: '90', ...integer(1, 3650) },
  // --- payments (issue 21): WeChat Pay v3 (all six together, with WECHAT_APPID), Alipay through the ALIPAY_* rows ---
  wechatPayMchId: { name: 'WECHATPAY_MCHID', optional: true, ...wechatPayMchId },
  wechatPayMerchantSerial: { name: 'WECHATPAY_MERCHANT_SERIAL', optional: true, ...wechatPayMerchantSerial },
  wechatPayPrivateKey: { name: 'WECHATPAY_PRIVATE_KEY', optional: true, secret: true, ...wechatPayPrivateKey },
  wechatPayApiV3Key: { name: 'WECHATPAY_APIV3_KEY', optional: true, secret: true, ...wechatPayApiV3Key },
  // Not a secret, but a refused value may be a pasted private key, so it is never echoed.
  wechatPayPublicKey: { name: 'WECHATPAY_PUBLIC_KEY', optional: true, secret: true, ...wechatPayPublicKey },
  wechatPayPublicKeyId: { name: 'WECHATPAY_PUBLIC_KEY_ID', optional: true, ...wechatPayPublicKeyId },
  // Tests point it at a local server speaking the same protocol.
  wechatPayApiBase: { name: 'WECHATPAY_API_BASE', default: 'https://api.mch.weixin.qq.com', ...httpUrl('WeChat Pay API base') },
  // The development payment provider behind the H5 preview; refused together with NODE_ENV=production.
  paymentDev: { name: 'PAYMENT_DEV', default: paymentDevDefault, ...flag },
  // How often unpaid orders past their time limit are closed and pending refunds retried; 0 = never by timer (tests call sweep()).
  paymentSweepSeconds: { name: 'PAYMENT_SWEEP_SECONDS', default: '30', ...integer(0, 3600) },
} satisfies Record<string, Row<unknown>>

/** Problems that involve several variables, checked once every row parsed. */
const crossChecks: ((values: Record<string, unknown>, env: Env) => string[])[] = [identityProviderProblems, healthCodeKeyProblems, networkProblems, uploadProblems, paymentProblems]

// --- the resulting type ----------------------------------------------------------------------

type Rows = typeof rows
type ValueOf<R> = R extends Row<infer T> ? (R extends { optional: true } ? T | undefined : T) : never

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string }

export type Config = { readonly [K in keyof Rows]: ValueOf<Rows[K]> } & {
  /** Derived from DATABASE_URL / SQLITE_PATH: where the data lives. */
  readonly database: DatabaseTarget
}

// --- loading ---------------------------------------------------------------------------------

/** Hides the password in a connection URL: postgres://app:***@db:5432/gov. */
export function maskCredentials(value: string): string {
  return value.replace(/(\/\/[^:/@\s]*):[^@/\s]*@/, '$1:***@')
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? `sqlite ${target.path}` : `postgres ${maskCredentials(target.url)}`
}

/** Every variable the server reads, by name (e.g. for tests and benchmarks that lift all RATE_LIMIT_* at once). */
export const CONFIG_VARIABLES: readonly string[] = Object.values(rows).map((row) => (row as Row<unknown>).name)

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const values: Record<string, unknown> = {}

  for (const [key, row] of Object.entries(rows) as [string, Row<unknown>][]) {
    const given = env[row.name]
    // An empty value counts as unset: `DATABASE_URL=` in a compose file means "not set".
    const fallback = typeof row.default === 'function' ? row.default(env) : row.default
    const raw = given === undefined || given === '' ? fallback : given
    if (raw === undefined) {
      if (!row.optional) problems.push(`${row.name} is required and must ${row.rule}`)
      values[key] = undefined
      continue
    }
    const parsed = row.parse(raw)
    if (parsed === undefined) {
      // A secret is echoed only when it is a URL whose password can be masked; any other
      // secret (keys, AppSecrets) is not echoed at all.
      const shown = row.secret ? (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? maskCredentials(raw) : '(hidden)') : raw
      problems.push(`${row.name} must ${row.rule}, got "${shown}"`)
    }
    values[key] = parsed
  }
  for (const check of crossChecks) problems.push(...check(values, env))
  if (problems.length > 0) throw new ConfigError(problems)

  const plain = values as { [K in keyof Rows]: ValueOf<Rows[K]> }
  const database: DatabaseTarget = plain.databaseUrl
    ? Object.freeze({ dialect: 'postgres', url: plain.databaseUrl })
    : Object.freeze({ dialect: 'sqlite', path: plain.sqlitePath })
  return Object.freeze({ ...plain, database })
}
