import { sql } from 'kysely'
import { createMigrator, migrateToLatest } from '../../../server/db/migrator'
import { maskPersonalNumbers } from '../../../server/privacy/masking'
import { parseCsv } from '../../../server/health-code/csv'
import { dialects } from '../../support/dialects'
import { useDialectApp, useDialectDb } from '../../support/dialect-app'
import { startEvaluationsApp } from '../../support/evaluations'
import { operatorTokenFor } from '../../support/operators'
import { demoCitizen, sessionFor } from '../../support/sessions'
import { runCli } from './cli'

/**
 * Citizens sometimes type their own ID number, phone or bank card number into the catalogue
 * search. Searches are stored for the demand report, whose zero-result searches content
 * editors read (route and CSV): the numbers are masked before a search is stored
 * (server/privacy/masking.ts, maskPersonalNumbers), and migration
 * 2026-12-06T01-00-00_mask_search_queries masks those stored before.
 */

const MIGRATION = '2026-12-06T01-00-00_mask_search_queries'
const zhang = demoCitizen('zhang-wei')
const ID_NUMBER = zhang.idNumber
const PHONE = zhang.phone!
const CARD = '6222 0212 3456 7890 123'
const maskId = (idNumber: string) => `${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`
/** Searches are stored normalised (lower case): a final X is x. */
const MASKED_ID = maskId(ID_NUMBER.toLowerCase())
const MASKED_PHONE = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`
const MASKED_CARD = '622* **** **** ***0 123'
/** Around the app's clock (startEvaluationsApp: 2026-11-27T02:00Z). */
const WINDOW = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }
/** What any stored or shown query must not hold: 7 digits in a row (spaces and hyphens aside). */
const CLEAR_NUMBER = /\d(?:[ -]?\d){6,}/

test.each([
  [ID_NUMBER, maskId(ID_NUMBER)],
  [`身份证${ID_NUMBER}补办`, `身份证${maskId(ID_NUMBER)}补办`],
  [PHONE, MASKED_PHONE],
  ['138 0013 8000', '138 **** 8000'],
  ['010-12345678', '010-****5678'],
  [CARD, MASKED_CARD],
  ['62345678', '********'],
  ['12345 热线', '12345 热线'],
  ['2026年 社保', '2026年 社保'],
])('maskPersonalNumbers(%j) = %j', (text, masked) => {
  expect(maskPersonalNumbers(text)).toBe(masked)
})

describe.each(dialects())('personal numbers typed into search on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, startEvaluationsApp)

  const storedQueries = async () => (await app.db.selectFrom('service_searches').select('query').orderBy('id').execute()).map((row) => row.query)

  test('the demand report, its CSV and the stored rows show an ID number, phone or card searched for masked', async () => {
    for (const q of [ID_NUMBER, `火星 ${ID_NUMBER}`, PHONE, CARD]) {
      // The searcher's own answer may echo what they typed: sent without the leak check.
      const response = await app.server.request(`/api/services/search?q=${encodeURIComponent(q)}`)
      // Answered like any search (the words around the number may well find something).
      expect([q, response.status]).toEqual([q, 200])
    }

    const stored = await storedQueries()
    expect(stored).toEqual([MASKED_ID, `火星 ${MASKED_ID}`, MASKED_PHONE, MASKED_CARD])
    for (const query of stored) expect(query).not.toMatch(CLEAR_NUMBER)

    // The route (app.request fails on any response holding a seeded ID number or phone in full).
    const editor = await operatorTokenFor(app.app, ['content_editor'])
    const report = await app.request(`/api/operator/analytics/demand?from=${WINDOW.from}&to=${WINDOW.to}`, { token: editor })
    expect(report.status).toBe(200)
    expect((report.body.zeroResultSearches as { query: string }[]).map((row) => row.query).sort()).toEqual([...stored].sort())
    expect(report.text).not.toContain(ID_NUMBER)
    expect(report.text).not.toContain(CARD)

    // The terminal report's CSV.
    const csv = await runCli('server/ops/report-demand.ts', ['--csv', '--table', 'zero-results', '--from', WINDOW.from, '--to', WINDOW.to], testDb.env)
    expect([csv.code, csv.stderr]).toEqual([0, ''])
    const parsed = parseCsv(csv.stdout)
    if (!parsed.ok) throw new Error(parsed.message)
    const queries = parsed.records.slice(1).map((record) => record.fields[0])
    expect(queries.sort()).toEqual([...stored].sort())
    for (const secret of [ID_NUMBER, ID_NUMBER.toLowerCase(), PHONE, CARD]) expect(csv.stdout).not.toContain(secret)
  }, 60_000)

  test('a search query attached to feedback is stored masked too', async () => {
    const citizen = await sessionFor(app.app, 'li-na', 1)
    const response = await app.request('/api/feedback', {
      method: 'POST',
      token: citizen,
      payload: { kind: 'suggestion', category: 'missing_service', text: '搜不到想办的事项，请增加', searchQuery: `手机 ${PHONE}` },
    })
    expect(response.status).toBe(201)
    const row = await app.db.selectFrom('feedback').select('search_query').where('id', '=', response.body.id).executeTakeFirstOrThrow()
    expect(row.search_query).toBe(`手机 ${MASKED_PHONE}`)
  })
})

describe.each(dialects())(`migration ${MIGRATION} on $name`, (dialect) => {
  const { db } = useDialectDb(dialect, { migrate: false })

  test('masks the numbers in searches and feedback stored before, and leaves the rest as it was', async () => {
    const migrator = await createMigrator(db)
    const names = (await migrator.getMigrations()).map((migration) => migration.name)
    const before = names[names.indexOf(MIGRATION) - 1]!
    expect((await migrator.migrateTo(before)).error).toBeUndefined()

    const at = '2026-11-20T00:00:00.000Z'
    const searches = [ID_NUMBER.toLowerCase(), `补办身份证 ${ID_NUMBER}`, PHONE, CARD, '社保 2026', '没有数字的搜索']
    // More rows than one batch, so the migration pages through them.
    const filler = Array.from({ length: 1200 }, (_, index) => `事项${index}`)
    const search = (query: string) => ({ query, result_count: 0, top_code: null, account_id: null, platform: null, searched_at: at })
    await db.insertInto('service_searches').values([...searches, ...filler, PHONE].map(search)).execute()
    const feedback = (id: string, searchQuery: string | null) => ({
      id,
      citizen_id: null,
      account_id: 'account-1',
      kind: 'suggestion' as const,
      category: 'missing_service',
      text: `我的电话 ${PHONE}`,
      item_code: null,
      search_query: searchQuery,
      status: 'open' as const,
      reply: null,
      replied_by: null,
      replied_at: null,
      created_at: at,
      updated_at: at,
    })
    // Feedback belongs to a platform account (a foreign key).
    await sql`insert into platform_accounts (id, platform, subject, level, created_at, last_login_at) values ('account-1', 'h5dev', 'migration-test', 1, ${at}, ${at})`.execute(db)
    await db.insertInto('feedback').values([feedback('f1', `身份证${ID_NUMBER}`), feedback('f2', null), feedback('f3', '户口迁移')]).execute()

    expect(await migrateToLatest(db)).toContain(MIGRATION)

    const { rows } = await sql<{ query: string }>`select query from service_searches order by id`.execute(db)
    expect(rows.slice(0, searches.length).map((row) => row.query)).toEqual([MASKED_ID, `补办身份证 ${maskId(ID_NUMBER)}`, MASKED_PHONE, MASKED_CARD, '社保 2026', '没有数字的搜索'])
    expect(rows.at(-1)!.query).toBe(MASKED_PHONE)
    expect(rows.slice(searches.length, -1).map((row) => row.query)).toEqual(filler)
    for (const row of rows) expect(row.query).not.toMatch(CLEAR_NUMBER)

    const stored = await db.selectFrom('feedback').select(['id', 'search_query', 'text']).orderBy('id').execute()
    expect(stored).toEqual([
      { id: 'f1', search_query: `身份证${maskId(ID_NUMBER)}`, text: `我的电话 ${PHONE}` },
      { id: 'f2', search_query: null, text: `我的电话 ${PHONE}` },
      { id: 'f3', search_query: '户口迁移', text: `我的电话 ${PHONE}` },
    ])
  }, 120_000)
})
