import type { Generated, Kysely } from 'kysely'

/**
 * The tables as the app sees them. Migrations deliberately do not import this: they are
 * frozen in time, while this interface always describes the latest schema.
 */

export type NoticeStatus = 'published' | 'retired'

export interface NoticesTable {
  id: Generated<number>
  title: string
  /** One line shown in lists. */
  summary: string
  body: string
  /** The issuing department, e.g. 市政务服务管理局. */
  department: string
  /** ISO 8601 in UTC (`2026-01-20T01:00:00.000Z`): text sorts correctly on both dialects. */
  published_at: string
  status: NoticeStatus
}

export type AccountPlatform = 'weapp' | 'alipay' | 'h5dev'

/** The population registry (人口库): who exists. Demo rows in development; an import in production. */
export interface PopulationRegistryTable {
  id: Generated<number>
  name: string
  /** HMAC-SHA256 of the normalised ID number (IDENTITY_HASH_KEY). */
  id_number_hash: string
  /** AES-256-GCM (IDENTITY_ENCRYPTION_KEY). */
  id_number_encrypted: string
  phone_encrypted: string | null
  address: string | null
  created_at: string
}

/** A person who verified with us; every platform account of theirs points here. */
export interface CitizensTable {
  id: string
  name: string
  id_number_hash: string
  id_number_encrypted: string
  phone_encrypted: string | null
  created_at: string
}

export interface PlatformAccountsTable {
  id: string
  platform: AccountPlatform
  subject: string
  union_id: string | null
  /** Set at level 3, never before. */
  citizen_id: string | null
  level: 1 | 3 | 4
  created_at: string
  last_login_at: string
}

export interface AccountRolesTable {
  account_id: string
  role: string
  granted_at: string
}

/** Used when REDIS_URL is unset. */
export interface SessionsTable {
  /** SHA-256 of the token, hex. */
  token_hash: string
  account_id: string
  created_at: string
  idle_expires_at: string
  absolute_expires_at: string
  verified_at: string | null
}

export type FaceVerificationStatus = 'pending' | 'passed' | 'failed'

export interface FaceVerificationsTable {
  id: string
  account_id: string
  citizen_id: string
  provider: string
  certify_id: string | null
  status: FaceVerificationStatus
  failure_reason: string | null
  created_at: string
  expires_at: string
  completed_at: string | null
}

export interface AuditLogTable {
  id: Generated<number>
  occurred_at: string
  event: string
  outcome: 'success' | 'failure'
  account_id: string | null
  citizen_id: string | null
  ip: string | null
  /** JSON object, masked values only. */
  detail: string | null
}

export interface Database {
  notices: NoticesTable
  population_registry: PopulationRegistryTable
  citizens: CitizensTable
  platform_accounts: PlatformAccountsTable
  account_roles: AccountRolesTable
  sessions: SessionsTable
  face_verifications: FaceVerificationsTable
  audit_log: AuditLogTable
}

export type AppDatabase = Kysely<Database>
