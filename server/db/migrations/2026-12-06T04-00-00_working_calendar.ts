import type { Kysely } from 'kysely'

/*
 * The working calendar (工作日历): public holidays (放假) and weekend days worked (调休上班)
 * as data an admin maintains each year when the State Council publishes its notice, instead
 * of a table in the code. Promised time limits count working days with it.
 *   working_calendar_days: one row per listed date (kind 'holiday' | 'workday').
 *   working_calendar_years: one row per year entered; complete = 0 when only the statutory
 *     days are known (no notice yet): the dashboard warns about it as about a missing year.
 * Seeded with the years the code's table held: 2026 from 国办发明电 (2025-11-04), complete;
 * 2027 the statutory days of 《全国年节及纪念日放假办法》 (2024) on their 2027 dates, without
 * 调休, incomplete.
 *
 * Frozen in time: no app imports.
 */

const DAY_MS = 24 * 60 * 60 * 1000

function range(from: string, to: string, name: string): [string, string][] {
  const days: [string, string][] = []
  for (let time = Date.parse(`${from}T00:00:00Z`); time <= Date.parse(`${to}T00:00:00Z`); time += DAY_MS) days.push([new Date(time).toISOString().slice(0, 10), name])
  return days
}

const HOLIDAYS: [string, string][] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  ...range('2026-02-15', '2026-02-23', '春节'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  ['2027-01-01', '元旦'],
  ...range('2027-02-05', '2027-02-08', '春节'),
  ['2027-04-05', '清明节'],
  ...range('2027-05-01', '2027-05-02', '劳动节'),
  ['2027-06-09', '端午节'],
  ['2027-09-15', '中秋节'],
  ...range('2027-10-01', '2027-10-03', '国庆节'),
]

const WORKDAYS: [string, string][] = [
  ['2026-01-04', '元旦调休上班'],
  ['2026-02-14', '春节调休上班'],
  ['2026-02-28', '春节调休上班'],
  ['2026-05-09', '劳动节调休上班'],
  ['2026-09-20', '国庆节调休上班'],
  ['2026-10-10', '国庆节调休上班'],
]

const SEEDED_AT = '2026-12-06T04:00:00.000Z'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('working_calendar_years')
    .addColumn('year', 'integer', (column) => column.primaryKey())
    .addColumn('complete', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await db.schema
    .createTable('working_calendar_days')
    .addColumn('date', 'text', (column) => column.primaryKey())
    .addColumn('year', 'integer', (column) => column.notNull().references('working_calendar_years.year'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('working_calendar_days_year_idx').on('working_calendar_days').column('year').execute()

  await db
    .insertInto('working_calendar_years')
    .values([
      { year: 2026, complete: 1, updated_at: SEEDED_AT, updated_by: null },
      { year: 2027, complete: 0, updated_at: SEEDED_AT, updated_by: null },
    ])
    .execute()
  const rows = [
    ...HOLIDAYS.map(([date, name]) => ({ date, year: Number(date.slice(0, 4)), kind: 'holiday', name })),
    ...WORKDAYS.map(([date, name]) => ({ date, year: Number(date.slice(0, 4)), kind: 'workday', name })),
  ]
  await db.insertInto('working_calendar_days').values(rows).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('working_calendar_days').execute()
  await db.schema.dropTable('working_calendar_years').execute()
}
