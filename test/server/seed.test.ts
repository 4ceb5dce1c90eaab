import { seedDemoData } from '../../server/seed'
import { demoNotices } from '../../server/seed-data/demo-notices'
import { dialects } from '../support/dialects'
import { useDialectDb } from '../support/dialect-app'

describe.each(dialects())('demo data on $name', (dialect) => {
  const { db } = useDialectDb(dialect)

  const allRows = () => db.selectFrom('notices').selectAll().orderBy('id').execute()

  test('the first run adds every demo notice as published', async () => {
    const result = await seedDemoData(db)
    expect(result).toEqual({ inserted: demoNotices.map((notice) => notice.title), alreadyPresent: 0 })
    const rows = await allRows()
    expect(rows).toHaveLength(demoNotices.length)
    for (const row of rows) {
      expect(row.status).toBe('published')
      expect(row.published_at).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
      expect(row.body.split('\n\n').length).toBeGreaterThanOrEqual(3)
    }
  })

  test('a second run changes nothing', async () => {
    const before = await allRows()
    expect(await seedDemoData(db)).toEqual({ inserted: [], alreadyPresent: demoNotices.length })
    expect(await allRows()).toEqual(before)
  })

  test('a deleted demo notice comes back; an edited one is left alone', async () => {
    const [first, second] = await allRows()
    await db.deleteFrom('notices').where('id', '=', first!.id).execute()
    await db.updateTable('notices').set({ body: '运营人员修改过的正文' }).where('id', '=', second!.id).execute()

    expect(await seedDemoData(db)).toEqual({ inserted: [first!.title], alreadyPresent: demoNotices.length - 1 })
    const edited = await db.selectFrom('notices').select('body').where('id', '=', second!.id).executeTakeFirstOrThrow()
    expect(edited.body).toBe('运营人员修改过的正文')
  })
})
