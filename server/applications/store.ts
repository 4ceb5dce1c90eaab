import type { Kysely, Selectable } from 'kysely'
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

    /** For reviewers: oldest first (first come, first served), optionally one status. */
    async pageByStatus(status: ApplicationStatus | undefined, page: number, pageSize: number): Promise<Paged<ApplicationRow>> {
      let query = db.selectFrom('applications').selectAll()
      let count = db.selectFrom('applications').select((eb) => eb.fn.countAll().as('total'))
      if (status) {
        query = query.where('status', '=', status)
        count = count.where('status', '=', status)
      }
      const rows = await query.orderBy('submitted_at', 'asc').orderBy('number', 'asc').limit(pageSize).offset((page - 1) * pageSize).execute()
      return { rows, total: toNumber((await count.executeTakeFirst())?.total) }
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
