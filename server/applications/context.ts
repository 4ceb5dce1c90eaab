import type { Kysely } from 'kysely'
import type { AuditLog } from '../audit/audit-log'
import type { CertificatesRepository } from '../certificates/repository'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import type { TemplateIds } from '../notifications/outbox'
import type { ResultIssuer } from '../results/issue'
import { createApplicationStore, type ApplicationRow, type ApplicationStore } from './store'
import type { ApplicationStatus } from '../../src/contract/applications/data'

/** Called with the updated application and the status it left, after the change is committed. */
export type ApplicationStatusListener = (row: ApplicationRow, from: ApplicationStatus) => Promise<void>

/** What the application operations work with; built once by this domain's register… (index.ts). */
export interface ApplicationsContext {
  db: Kysely<Database>
  store: ApplicationStore
  crypto: IdentityCrypto
  certificates: CertificatesRepository
  audit: AuditLog
  clock: Clock
  /** Subscription-message template ids of the platforms that can send. */
  templateIds: TemplateIds
  /** Told after a status change is committed (payments refunds on withdrawn / 不予受理); each catches its own failures. */
  statusListeners?: ApplicationStatusListener[]
  /** Issues a completed application's declared result (proof, money, physical) in the 办结 transaction; absent: nothing is issued. */
  resultIssuer?: ResultIssuer
}

export function createApplicationsContext(options: Omit<ApplicationsContext, 'store'>): ApplicationsContext {
  return { ...options, store: createApplicationStore(options.db) }
}

/** Audit event names of this feature, in the log's `area.action` form. */
export const APPLICATION_AUDIT_EVENTS = {
  prefill: 'application.prefill',
  submit: 'application.submit',
  withdraw: 'application.withdraw',
  /** The citizen's 已补正: the application returns to the reviewer's queue. */
  supplement: 'application.supplement',
  operatorList: 'application.operator_list',
  transition: 'application.transition',
} as const
