import type { Kysely, Selectable } from 'kysely'
import type { NoticeDetail, NoticeSummary } from '../../src/contract/schemas'
import type { Database, NoticesTable } from '../db/database'

/** Notices as the public sees them: only published ones, newest first. */
export interface NoticesRepository {
  listPublished(limit: number): Promise<NoticeSummary[]>
  /** undefined when there is no such notice or it was retired. */
  findPublishedById(id: number): Promise<NoticeDetail | undefined>
}

const MAX_ID = 2_147_483_647

export function createNoticesRepository(db: Kysely<Database>): NoticesRepository {
  return {
    async listPublished(limit) {
      const rows = await db
        .selectFrom('notices')
        .select(['id', 'title', 'summary', 'department', 'published_at'])
        .where('status', '=', 'published')
        // id breaks ties so equal timestamps still list in a stable order.
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toSummary)
    },

    async findPublishedById(id) {
      // Ids are 32-bit on PostgreSQL; a larger one cannot exist, and asking would be an error.
      if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) return undefined
      const row = await db
        .selectFrom('notices')
        .select(['id', 'title', 'summary', 'department', 'published_at', 'body'])
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst()
      return row && { ...toSummary(row), body: row.body }
    },
  }
}

type SummaryRow = Pick<Selectable<NoticesTable>, 'id' | 'title' | 'summary' | 'department' | 'published_at'>

function toSummary(row: SummaryRow): NoticeSummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    department: row.department,
    // Stored as ISO text; re-formatting guarantees the contract's date-time form on both dialects.
    publishedAt: new Date(row.published_at).toISOString(),
  }
}
