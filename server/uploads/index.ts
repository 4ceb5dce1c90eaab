import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { createUploadsContext, type UploadsContext } from './context'
import { operatorUploadRoutes } from './operator-routes'
import { uploadRoutes } from './routes'
import { createSignedLinks } from './signed-links'
import { storageFromConfig, type FileStorage } from './storage'

export interface UploadsDeps extends AppDeps {
  identity: IdentityContext
  /** Tests hand in a storage of their own (e.g. S3 against a local server); otherwise from the config. */
  storage?: FileStorage
}

/** Uploaded materials: citizens upload photos / PDFs for an item's materials; reviewers read them through signed links. */
export async function registerUploads(app: FastifyInstance, deps: UploadsDeps): Promise<UploadsContext> {
  const { config, clock, identity } = deps
  const uploads = createUploadsContext({
    db: app.db,
    storage: deps.storage ?? storageFromConfig(config),
    links: createSignedLinks(config.uploadLinkKey, config.uploadLinkTtlSeconds),
    audit: identity.audit,
    clock,
    maxBytes: config.uploadMaxBytes,
    retentionDays: config.uploadRetentionDays,
  })
  await app.register(uploadRoutes, { uploads })
  await app.register(operatorUploadRoutes, { uploads })
  return uploads
}
