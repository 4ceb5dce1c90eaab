import type { ColumnType, Generated, Kysely } from 'kysely'

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
  /** When this account last acknowledged the binding notices (identity_bindings). */
  bindings_seen_at: string | null
}

/** The holder's record of accounts bound to their identity (see the migration). */
export interface IdentityBindingsTable {
  id: Generated<number>
  citizen_id: string
  account_id: string
  platform: AccountPlatform
  event: 'claimed' | 'proven' | 'removed'
  by_account_id: string | null
  at: string
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
  /** The operator who acted (operator routes); null for citizens' and system events. */
  operator_id: string | null
}

export type InsuranceTypeColumn = 'pension' | 'medical' | 'unemployment' | 'work_injury' | 'maternity'
export type SocialStatusColumn = 'active' | 'paused' | 'ended'

/** The insured person as the social-insurance agency knows them, found by the ID number hash. */
export interface SocialInsuredPersonsTable {
  id: string
  id_number_hash: string
  /** 社会保障卡卡号 */
  card_number: string
  insured_city: string
  agency: string
  status: SocialStatusColumn
  created_at: string
}

export interface SocialEnrolmentsTable {
  person_id: string
  insurance_type: InsuranceTypeColumn
  status: SocialStatusColumn
  /** YYYY-MM-DD */
  started_on: string
  ended_on: string | null
}

export interface SocialContributionsTable {
  id: Generated<number>
  person_id: string
  insurance_type: InsuranceTypeColumn
  /** YYYY-MM */
  month: string
  /** Integer cents. */
  base_cents: number
  personal_cents: number
  employer_cents: number
  employer_name: string
  status: 'paid' | 'arrears'
  /** YYYY-MM-DD; null while in arrears. */
  paid_on: string | null
}

export interface SocialAccountBalancesTable {
  person_id: string
  account: 'pension' | 'medical'
  balance_cents: number
  /** YYYY-MM-DD */
  computed_on: string
}

export interface SocialProofsTable {
  /** Verification code, upper case, no separators. */
  code: string
  person_id: string
  citizen_id: string
  account_id: string
  from_month: string
  to_month: string
  /** JSON of the ProofContent (masked values only). */
  content: string
  token: string
  issued_at: string
  expires_at: string
}

export type HealthColourColumn = 'green' | 'yellow' | 'red'

/** A citizen's current health status; `version` goes up by one with every change. */
export interface HealthStatusTable {
  citizen_id: string
  /** The pseudonym a health code carries instead of the citizen id (keyed hash, base64url). */
  subject: string
  colour: HealthColourColumn
  reason: string
  source: string
  version: number
  /** When the colour or reason last changed. */
  since: string
  /** The operator's id (a platform account id in rows written before operator accounts); null when seeded. */
  updated_by: string | null
}

/** Every version a status ever had, append-only. */
export interface HealthStatusHistoryTable {
  id: Generated<number>
  citizen_id: string
  version: number
  colour: HealthColourColumn
  reason: string
  source: string
  changed_at: string
  /** As health_status.updated_by. */
  changed_by: string | null
  batch_id: string | null
}

/** An electronic certificate (电子证照), owned by the keyed hash of its holder's ID number. */
export interface CertificatesTable {
  id: string
  holder_id_number_hash: string
  /** A CertificateType of src/contract/certificates/schemas.ts. */
  type: string
  /** 电子证照标识. */
  identifier: string
  issuer_name: string
  issuer_code: string
  version: string
  /** YYYY-MM-DD (China time). */
  issued_on: string
  /** YYYY-MM-DD, or null for no end date (长期). */
  valid_until: string | null
  revoked_at: string | null
  revocation_reason: string | null
  created_at: string
}

/** Plain value, or (sensitive) mask + AES-256-GCM ciphertext under the identity key. */
export interface CertificateFieldsTable {
  certificate_id: string
  field_key: string
  position: number
  plain_value: string | null
  masked_value: string | null
  encrypted_value: string | null
}

export interface CertificatePresentationsTable {
  id: string
  certificate_id: string
  citizen_id: string
  account_id: string
  purpose: string
  /** JSON array of field keys. */
  fields: string
  kid: string
  issued_at: string
  expires_at: string
  withdrawn_at: string | null
  verified_at: string | null
  verifier_kind: string | null
  verifier_name: string | null
}

export interface CertificateAuthorisationsTable {
  id: string
  certificate_id: string
  citizen_id: string
  organisation_name: string
  organisation_code: string | null
  purpose: string
  /** JSON array of field keys. */
  fields: string
  /** SHA-256 of the access key, hex. */
  access_key_hash: string
  created_at: string
  valid_until: string
  revoked_at: string | null
}

/** Append-only, one row per presentation, verification, authorisation or organisation access. */
export interface CertificateLedgerTable {
  id: Generated<number>
  certificate_id: string
  occurred_at: string
  event: string
  outcome: 'success' | 'refused'
  reason: string | null
  purpose: string | null
  purpose_text: string
  /** JSON array of field keys. */
  fields: string
  actor_kind: string
  actor_name: string | null
  actor_account_id: string | null
  presentation_id: string | null
  authorisation_id: string | null
}

/** One service item (事项) with its whole guide; JSON columns hold the list-like parts. */
export interface ServiceItemsTable {
  code: string
  name: string
  /** JSON string[] */
  aliases: string
  department: string
  /** JSON ('personal' | 'legal_person')[] */
  audiences: string
  category: string
  /** JSON string[] of life-event keys */
  life_events: string
  region: string
  legal_basis: string
  /** JSON string[] */
  conditions: string
  /** JSON ServiceMaterial[] */
  materials: string
  fees: string
  time_limit_days: number
  online_level: 'info' | 'appointment' | 'pre_review' | 'full_online'
  counter_address: string
  counter_hours: string
  contact_phone: string | null
  /** JSON { question, answer }[] */
  faq: string
  /** JSON FormSchema (full_online items), else null */
  form_schema: string | null
  status: 'draft' | 'published' | 'retired'
  popularity: Generated<number>
  created_at: string
  updated_at: string
  published_at: string | null
  /** Name, aliases and department, one per line, folded (NFKC, lower case): what search matches. */
  search_text: Generated<string>
}

/** Every catalogue search, for the demand report (zero-result queries above all). */
export interface ServiceSearchesTable {
  id: Generated<number>
  /** Normalised as searched. */
  query: string
  result_count: number
  top_code: string | null
  account_id: string | null
  platform: string | null
  searched_at: string
}

/** Every time a guide (办事指南) is opened. */
export interface ServiceViewsTable {
  id: Generated<number>
  item_code: string
  account_id: string | null
  viewed_at: string
}

export type ApplicationStatus = 'submitted' | 'accepted' | 'reviewing' | 'supplement_requested' | 'pre_review_passed' | 'visited' | 'completed' | 'rejected' | 'denied' | 'withdrawn'

export interface ApplicationsTable {
  id: string
  number: string
  citizen_id: string
  account_id: string
  item_code: string
  idempotency_key: string
  status: ApplicationStatus
  /** AES-256-GCM of the JSON form values */
  form_encrypted: string
  /** JSON attached materials */
  materials: string
  time_limit_days: number
  submitted_at: string
  accepted_at: string | null
  /** ISO date (YYYY-MM-DD) */
  due_on: string | null
  /** While 补正 waits: JSON string[] of what is missing, the status to return to, when the pause began (its working days move due_on on). */
  supplement_items: string | null
  supplement_from: ApplicationStatus | null
  supplement_requested_at: string | null
  finished_at: string | null
  updated_at: string
  /** SHA-256 (hex) of the canonical submit body: tells a retry from a reused Idempotency-Key. */
  request_hash: string | null
}

export interface ApplicationEventsTable {
  id: Generated<number>
  application_id: string
  status: ApplicationStatus
  reason: string | null
  /** 'citizen' or an operator id */
  actor: string
  at: string
}

/** What a platform account answered to requestSubscribeMessage for one template. */
export interface NotificationSubscriptionsTable {
  account_id: string
  template_key: string
  /** Messages that may still be sent: +1 per accept, -1 per message queued. */
  remaining: number
  last_result: 'accept' | 'reject' | 'ban'
  updated_at: string
}

export type NotificationOutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped'

/** One message to send, written with the status change it announces. */
export interface NotificationOutboxTable {
  id: Generated<number>
  /** Null for an appointment reminder (migration 2026-12-06T17-00-00): exactly one of the two is set. */
  application_id: string | null
  appointment_id: ColumnType<string | null, string | null | undefined, string | null>
  account_id: string
  platform: AccountPlatform
  template_key: string
  /** JSON NotificationPayload */
  payload: string
  status: NotificationOutboxStatus
  attempts: number
  next_attempt_at: string
  sent_at: string | null
  last_error: string | null
  created_at: string
  /** When this account opened the message in its inbox (消息中心); null = unread. */
  read_at: ColumnType<string | null, string | null | undefined, string | null>
}

/** One rating of a finished application: round 1, and round 2 for the one re-rate. Never updated. */
export interface EvaluationsTable {
  id: Generated<number>
  application_id: string
  citizen_id: string
  account_id: string
  round: 1 | 2
  /** 1 非常不满意 … 5 非常满意 */
  rating: number
  /** JSON string[] */
  tags: string
  comment: string | null
  /** Required for ratings ≤ 2 */
  reason: string | null
  created_at: string
}

/** 整改: opened by a rating ≤ 2, answered once by a reviewer. */
export interface RectificationsTable {
  id: Generated<number>
  evaluation_id: number
  application_id: string
  item_code: string
  department: string
  /** 1 when opened by a re-rate that was bad again */
  is_repeat: Generated<number>
  status: 'open' | 'answered'
  answer: string | null
  /** The operator's account id */
  answered_by: string | null
  answered_at: string | null
  created_at: string
}

/** 投诉 / 建议 / 咨询, owned by the citizen (when verified) or else the account. */
export interface FeedbackTable {
  id: string
  citizen_id: string | null
  account_id: string
  kind: 'complaint' | 'suggestion' | 'consultation'
  /** A key of FEEDBACK_CATEGORIES */
  category: string
  text: string
  item_code: string | null
  search_query: string | null
  status: 'open' | 'answered' | 'closed'
  reply: string | null
  /** The operator's account id */
  replied_by: string | null
  replied_at: string | null
  /** The department's note when it closed the feedback itself; null when the citizen confirmed the reply settled it. */
  closing_note: string | null
  /** The operator who closed it (null: closed by the citizen, or before closing was recorded). */
  closed_by: string | null
  closed_at: string | null
  created_at: string
  updated_at: string
}

/** Someone who runs the service (not a citizen): username + scrypt password, roles below. */
export interface OperatorsTable {
  id: string
  /** Lower case [a-z0-9._-], 3-32 characters. */
  username: string
  display_name: string
  /** scrypt$N$r$p$salt$hash (server/operators/passwords.ts). */
  password_hash: string
  /**
   * No longer used (always 0 / null): failed logins are throttled per username and IP in the
   * rate-limit store (server/cache/failure-throttle.ts), not locked in the account row.
   */
  failed_attempts: number
  locked_until: string | null
  disabled_at: string | null
  created_at: string
  last_login_at: string | null
  /** 1: the password was chosen by someone else (admin, command line); only me, me/password and logout answer until it is changed. */
  must_change_password: Generated<number>
}

export interface OperatorRolesTable {
  operator_id: string
  /** An OperatorRole of src/contract/operators/schemas.ts. */
  role: string
  granted_at: string
  /** The granting admin; null for the first admin (command line). */
  granted_by: string | null
}

/** Operators' sessions when REDIS_URL is unset; same shape and rules as `sessions`. */
export interface OperatorSessionsTable {
  token_hash: string
  operator_id: string
  created_at: string
  idle_expires_at: string
  absolute_expires_at: string
}

/** Every opening of a 全程网办 application form: "started" in the demand report's abandonment. */
export interface ApplicationStartsTable {
  id: Generated<number>
  item_code: string
  citizen_id: string
  account_id: string
  started_at: string
}

/** The last application number handed out per China-calendar day (YYYYMMDD). */
export interface ApplicationNumberCountersTable {
  day: string
  last: number
}

/** A year of the working calendar an admin entered (server/calendar). */
export interface WorkingCalendarYearsTable {
  year: number
  /** 1: the State Council notice is entered; 0: statutory days only (the dashboard warns). */
  complete: number
  updated_at: string
  /** The operator id; null for the seeded years. */
  updated_by: string | null
}

/** A listed date: 'holiday' (放假) or 'workday' (调休上班). Unlisted dates: Monday–Friday work. */
export interface WorkingCalendarDaysTable {
  date: string
  year: number
  kind: 'holiday' | 'workday'
  name: string
}

export interface Database {
  notices: NoticesTable
  population_registry: PopulationRegistryTable
  citizens: CitizensTable
  platform_accounts: PlatformAccountsTable
  identity_bindings: IdentityBindingsTable
  account_roles: AccountRolesTable
  sessions: SessionsTable
  face_verifications: FaceVerificationsTable
  audit_log: AuditLogTable
  health_status: HealthStatusTable
  health_status_history: HealthStatusHistoryTable
  social_insured_persons: SocialInsuredPersonsTable
  social_enrolments: SocialEnrolmentsTable
  social_contributions: SocialContributionsTable
  social_account_balances: SocialAccountBalancesTable
  social_proofs: SocialProofsTable
  certificates: CertificatesTable
  certificate_fields: CertificateFieldsTable
  certificate_presentations: CertificatePresentationsTable
  certificate_authorisations: CertificateAuthorisationsTable
  certificate_ledger: CertificateLedgerTable
  service_items: ServiceItemsTable
  service_searches: ServiceSearchesTable
  service_views: ServiceViewsTable
  applications: ApplicationsTable
  application_events: ApplicationEventsTable
  application_number_counters: ApplicationNumberCountersTable
  notification_subscriptions: NotificationSubscriptionsTable
  notification_outbox: NotificationOutboxTable
  evaluations: EvaluationsTable
  rectifications: RectificationsTable
  feedback: FeedbackTable
  operators: OperatorsTable
  operator_roles: OperatorRolesTable
  operator_sessions: OperatorSessionsTable
  application_starts: ApplicationStartsTable
  working_calendar_years: WorkingCalendarYearsTable
  working_calendar_days: WorkingCalendarDaysTable
  application_uploads: ApplicationUploadsTable
}

/** A photo or PDF uploaded for one material (server/uploads). */
export interface ApplicationUploadsTable {
  id: string
  citizen_id: string
  account_id: string
  item_code: string
  material: string
  /** Null until attached on submit or a 补正 answer. */
  application_id: string | null
  kind: 'image' | 'pdf'
  content_type: string
  size: number
  sha256: string
  storage_key: string
  created_at: string
  /** Set when a newer version replaced it (补正); the reviewer still sees it. */
  superseded_at: string | null
  replaced_by: string | null
  /** Set when the retention purge removed the bytes. */
  purged_at: string | null
}

export type AppDatabase = Kysely<Database>
