import type { Kysely } from 'kysely'
import type { AuditLog } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import type { SignedLinks } from './signed-links'
import type { FileStorage } from './storage'
import { createUploadStore, type UploadStore } from './store'

/** What the upload operations work with; built once by registerUploads (index.ts), handed to applications. */
export interface UploadsContext {
  db: Kysely<Database>
  store: UploadStore
  storage: FileStorage
  links: SignedLinks
  audit: AuditLog
  clock: Clock
  maxBytes: number
  retentionDays: number
}

export function createUploadsContext(options: Omit<UploadsContext, 'store'>): UploadsContext {
  return { ...options, store: createUploadStore(options.db) }
}

/** Audit event names of uploads, in the log's `area.action` form. */
export const UPLOAD_AUDIT_EVENTS = {
  create: 'upload.create',
  remove: 'upload.remove',
  /** A signed link made (for whom); the read itself is upload.read. */
  link: 'upload.link',
  read: 'upload.read',
  operatorList: 'upload.operator_list',
  purge: 'upload.purge',
} as const
