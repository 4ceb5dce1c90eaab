import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { operatorNoticeRoutes } from './operator-routes'
import { createNoticePublishing } from './publishing'
import { createNoticesRepository } from './repository'
import { noticeRoutes } from './routes'

/** Notices (通知公告): citizens read published ones; content editors publish and retire them. */
export async function registerNotices(app: FastifyInstance, { clock }: AppDeps): Promise<void> {
  await app.register(noticeRoutes, { notices: createNoticesRepository(app.db) })
  await app.register(operatorNoticeRoutes, { publishing: createNoticePublishing(app.db, clock) })
}
