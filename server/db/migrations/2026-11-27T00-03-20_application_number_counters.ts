import { sql, type Kysely } from 'kysely'

/*
 * One counter per China-calendar day for application numbers (受理编号 20261122-000123).
 * Taking max(number) + 1 inside the submit transaction let concurrent submits on
 * PostgreSQL pick the same number (a unique violation aborts the whole transaction); an
 * upsert on this row hands out each number exactly once on both dialects, the row lock
 * ordering concurrent submits. Existing numbers seed the counters so none is reused.
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_number_counters')
    // YYYYMMDD in China time.
    .addColumn('day', 'text', (column) => column.primaryKey())
    .addColumn('last', 'integer', (column) => column.notNull())
    .execute()
  await sql`
    insert into application_number_counters (day, last)
    select substr(number, 1, 8), max(cast(substr(number, 10) as integer))
    from applications
    group by substr(number, 1, 8)
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_number_counters').execute()
}
