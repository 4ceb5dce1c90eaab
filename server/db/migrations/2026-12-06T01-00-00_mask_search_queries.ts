import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Masks the personal numbers citizens typed into searches before the app masked them on the
 * way in: `service_searches.query` (shown to content editors as zero-result searches, in the
 * demand report and its CSV) and `feedback.search_query`. An ID number, phone number or card
 * number there was kept in clear. From now on the app stores them masked
 * (server/privacy/masking.ts, maskPersonalNumbers); this rewrites the rows stored before.
 *
 * Rows are read in batches by key (only those with a digit) and written back only when the
 * mask changes them. Nothing to undo: the clear numbers are not kept anywhere.
 * Frozen in time: no app imports (a frozen copy of the masking below).
 */

const BATCH = 500

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

// --- frozen copy of maskPersonalNumbers (server/privacy/masking.ts, 2026-12-06) -------------------

const ID_NUMBER_LIKE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const LONG_NUMBER = /\+?(?<!\d)\d(?:[ -]?\d){6,}(?!\d)/g

function keepEnds(value: string, head: number, tail: number): string {
  const characters = Array.from(value)
  if (characters.length <= head + tail) return '*'.repeat(characters.length)
  return characters.slice(0, head).join('') + '*'.repeat(characters.length - head - tail) + characters.slice(-tail).join('')
}

function maskDigits(number: string): string {
  const digits = number.replace(/\D/g, '').length
  const [head, tail] = digits >= 11 ? [3, 4] : [0, 0]
  let seen = 0
  return number.replace(/\d/g, (digit) => {
    seen += 1
    return seen <= head || seen > digits - tail ? digit : '*'
  })
}

function maskPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, (idNumber) => keepEnds(idNumber, 3, 4)).replace(LONG_NUMBER, maskDigits)
}

// --- the rewrite ----------------------------------------------------------------------------------

async function maskColumn(db: Kysely<any>, table: string, key: string, column: string): Promise<void> {
  // Only rows with a digit can hold a number: a regular expression on PostgreSQL, GLOB on SQLite.
  const hasDigit = isPostgres(db) ? sql<boolean>`${sql.ref(column)} ~ '[0-9]'` : sql<boolean>`${sql.ref(column)} glob '*[0-9]*'`
  let after: string | number | undefined
  for (;;) {
    let query = db.selectFrom(table).select([`${key} as key`, `${column} as text`]).where(hasDigit).orderBy(key).limit(BATCH)
    if (after !== undefined) query = query.where(key, '>', after)
    const rows = (await query.execute()) as { key: string | number; text: string }[]
    for (const row of rows) {
      const masked = maskPersonalNumbers(row.text)
      if (masked !== row.text) await db.updateTable(table).set({ [column]: masked }).where(key, '=', row.key).execute()
    }
    if (rows.length < BATCH) return
    after = rows[rows.length - 1]!.key
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await maskColumn(db, 'service_searches', 'id', 'query')
  await maskColumn(db, 'feedback', 'id', 'search_query')
}

export async function down(): Promise<void> {
  // The clear numbers are gone on purpose; going back leaves the masked text as it is.
}
