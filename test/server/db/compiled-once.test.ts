import type { Kysely } from 'kysely'
import { compiledOnce } from '../../../server/db/compiled-once'
import type { Database } from '../../../server/db/database'
import { migrateToLatest } from '../../../server/db/migrator'
import { dialects, type TestDatabase } from '../../support/dialects'

/**
 * Queries compiled once and run with new values (server/db/compiled-once.ts): each run answers
 * what the same query built afresh answers, for values a citizen's data really holds (quotes,
 * Chinese, a text like the markers), on every dialect; an argument the query does not use is
 * refused when the query is first compiled, not silently ignored.
 */
describe.each(dialects())('compiledOnce ($name)', (dialect) => {
  let testDb: TestDatabase
  let db: Kysely<Database>

  beforeAll(async () => {
    testDb = await dialect.setup()
    db = testDb.open()
    await migrateToLatest(db)
    await db
      .insertInto('citizens')
      .values(
        ["王小明", "O'Brien", '欧阳明月'].map((name, index) => ({
          id: `c-${index}`,
          name,
          id_number_hash: `hash-${index}`,
          id_number_encrypted: `enc-${index}`,
          phone_encrypted: null,
          created_at: '2026-12-06T00:00:00.000Z',
        })),
      )
      .execute()
  })
  afterAll(async () => {
    await testDb?.cleanup()
  })

  const byName = compiledOnce((database: Kysely<Database>, name: string) => database.selectFrom('citizens').select(['id', 'name']).where('name', '=', name))
  const byIdAndName = compiledOnce((database: Kysely<Database>, id: string, name: string) =>
    database.selectFrom('citizens').select('id').where('name', '=', name).where('id', '=', id).where('id_number_hash', '<>', 'none'),
  )

  test('each run answers what the query built afresh answers', async () => {
    for (const name of ["王小明", "O'Brien", '欧阳明月', 'nobody', 'compiled-once-argument-0']) {
      const fresh = await db.selectFrom('citizens').select(['id', 'name']).where('name', '=', name).execute()
      expect([name, await byName(db, name)]).toEqual([name, fresh])
    }
  })

  test('arguments go to their own places, constants stay', async () => {
    expect(await byIdAndName(db, 'c-1', "O'Brien")).toEqual([{ id: 'c-1' }])
    expect(await byIdAndName(db, 'c-1', '王小明')).toEqual([])
    expect(await byIdAndName(db, 'c-2', '欧阳明月')).toEqual([{ id: 'c-2' }])
  })

  test('an argument the query does not use is refused when it is compiled', async () => {
    const forgetful = compiledOnce((database: Kysely<Database>, _name: string) => database.selectFrom('citizens').select('id').where('name', '=', 'fixed'))
    await expect(forgetful(db, 'x')).rejects.toThrow(/argument 0 is not a parameter/)
  })
})
