import type { AuditLog } from '../audit/audit-log'
import type { HotCaches } from '../cache/hot-cache'
import type { Clock } from '../clock'
import type { AccountsRepository } from './accounts'
import type { BindingsRepository } from './bindings'
import type { CitizensRepository } from './citizens'
import type { IdentityCrypto } from './crypto'
import type { FaceVerificationsRepository } from './face-verifications'
import type { IdentityProviders } from './providers'
import type { Sessions } from './sessions/sessions'

/**
 * The platform providers, per platform; undefined where a platform is not configured
 * (e.g. the sandbox outside development). Tests pass their own implementations.
 */
export type { IdentityProviders }

/** What the identity operations work with; built once by this domain's register… (index.ts). */
export interface IdentityContext {
  accounts: AccountsRepository
  citizens: CitizensRepository
  bindings: BindingsRepository
  faceVerifications: FaceVerificationsRepository
  sessions: Sessions
  audit: AuditLog
  crypto: IdentityCrypto
  providers: IdentityProviders
  clock: Clock
  /** After a write to an account outside `accounts` (e.g. a binding removed): drops its in-process copies on every node. */
  invalidateAccount(accountId: string): void
  /** The in-process copies (../cache/hot-cache.ts), for domains that cache what every request reads (health statuses). */
  hot?: HotCaches
}

/** Who is asking, for the audit log. */
export interface RequestMeta {
  ip: string
}
