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

export interface Database {
  notices: NoticesTable
}

export type AppDatabase = Kysely<Database>
