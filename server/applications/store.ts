import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely'
import type { ApplicationEventsTable, ApplicationsTable, ApplicationStatus, Database } from '../db/database'

/**
 * Applications and their events. Citizens reach an application only through a query that
 * includes their citizen id, so someone else's is simply not found (404, never 403).
 */
export type ApplicationRow = Selectable<ApplicationsTable>
export type EventRow = Selectable<ApplicationEventsTable>

export interface Paged<T> {
  rows: T[]
  total: number
}

/** The reviewer queue's filters (all optional; together they narrow). Dates are China calendar days, YYYY-MM-DD. */
export interface QueueFilter {
  status?: ApplicationStatus
  itemCode?: string
  department?: string
  due?: { before?: string; from?: string; to?: string }
}

/** PostgreSQL answers count(*) as text (bigint); SQLite as a number. */
const toNumber = (value: unknown): number => Number(value ?? 0)

export function createApplicationStore(db: Kysely<Database>) {
  return {
    findByKey(citizenId: string, idempotencyKey: string): Promise<ApplicationRow | undefined> {
      return db.selectFrom('applications').selectAll().where('citizen_id', '=', citizenId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst()
    },

    findForCitizen(citizenId: string, id: string): Promise<ApplicationRow | undefined> {
      return db.selectFrom('applications').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst()
    },

    findById(id: string): Promise<ApplicationRow | undefined> {
      return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async pageForCitizen(citizenId: string, page: number, pageSize: number): Promise<Paged<ApplicationRow>> {
      const rows = await db
        .selectFrom('applications')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .orderBy('submitted_at', 'desc')
        .orderBy('number', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      const count = await db.selectFrom('applications').select((eb) => eb.fn.countAll().as('total')).where('citizen_id', '=', citizenId).executeTakeFirst()
      return { rows, total: toNumber(count?.total) }
    },

    /**
     * The reviewer queue, oldest first (first come, first served), narrowed by any of:
     * status, item code, the item's department, and the due day of countdowns still running
     * (due_on set, not finished): before a day (overdue) or within a range (due soon).
     */
    async page(filter: QueueFilter, page: number, pageSize: number): Promise<Paged<ApplicationRow>> {
      const where = (eb: ExpressionBuilder<Database, 'applications'>) => {
        const conditions: Expression<SqlBool>[] = []
        if (filter.status) conditions.push(eb('status', '=', filter.status))
        if (filter.itemCode) conditions.push(eb('item_code', '=', filter.itemCode))
        if (filter.department) conditions.push(eb('item_code', 'in', eb.selectFrom('service_items').select('code').where('department', '=', filter.department)))
        if (filter.due) {
          // 补正 pauses the countdown: a waiting application is neither overdue nor due.
          conditions.push(eb('due_on', 'is not', null), eb('finished_at', 'is', null), eb('status', '!=', 'supplement_requested'))
          if (filter.due.before) conditions.push(eb('due_on', '<', filter.due.before))
          if (filter.due.from) conditions.push(eb('due_on', '>=', filter.due.from))
          if (filter.due.to) conditions.push(eb('due_on', '<=', filter.due.to))
        }
        return eb.and(conditions)
      }
      const rows = await db
        .selectFrom('applications')
        .selectAll()
        .where(where)
        .orderBy('submitted_at', 'asc')
        .orderBy('number', 'asc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      const count = await db.selectFrom('applications').select((eb) => eb.fn.countAll().as('total')).where(where).executeTakeFirst()
      return { rows, total: toNumber(count?.total) }
    },

    /** Events of each application, oldest first. */
    async events(ids: readonly string[]): Promise<Map<string, EventRow[]>> {
      const byApplication = new Map<string, EventRow[]>(ids.map((id) => [id, []]))
      if (ids.length === 0) return byApplication
      const rows = await db.selectFrom('application_events').selectAll().where('application_id', 'in', [...ids]).orderBy('id').execute()
      for (const row of rows) byApplication.get(row.application_id)?.push(row)
      return byApplication
    },
  }
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>
