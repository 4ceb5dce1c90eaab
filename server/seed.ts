import type { Kysely } from 'kysely'
import { seedDemoHalls } from './appointments/seed'
import { seedDemoServices } from './catalogue/seed'
import type { Database } from './db/database'
import { seedDemoFees } from './payments/fees'
import { demoNotices } from './seed-data/demo-notices'
import { seedResultKinds } from './results/seed'

export interface SeedResult {
  /** Titles of the notices added by this run. */
  inserted: string[]
  /** How many demo notices were already there (and left untouched). */
  alreadyPresent: number
}

/**
 * Adds the demo notices that are missing, matched by department + title, so running it
 * again (every development restart does) changes nothing, and an operator's edits to a
 * seeded notice's text are kept.
 */
export async function seedDemoData(db: Kysely<Database>): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const result: SeedResult = { inserted: [], alreadyPresent: 0 }
    for (const notice of demoNotices) {
      const existing = await trx
        .selectFrom('notices')
        .select('id')
        .where('department', '=', notice.department)
        .where('title', '=', notice.title)
        .executeTakeFirst()
      if (existing) {
        result.alreadyPresent += 1
        continue
      }
      await trx
        .insertInto('notices')
        .values({
          title: notice.title,
          summary: notice.summary,
          body: notice.body,
          department: notice.department,
          published_at: new Date(notice.publishedAt).toISOString(),
          status: 'published',
        })
        .execute()
      result.inserted.push(notice.title)
    }
    // The demo service catalogue (server/seed-data/demo-services.ts), matched by item code the same way.
    await seedDemoServices(trx, new Date())
    // Their fees (server/seed-data/demo-service-fees.ts), by item code: an amount changed since is kept.
    await seedDemoFees(trx, new Date())
    // The demo halls for 在线预约 / 在线预审 (server/seed-data/demo-halls.ts), after the items they serve.
    await seedDemoHalls(trx, new Date())
    // What each demo item delivers when 办结 (server/seed-data/result-kinds.ts), by item code the same way.
    await seedResultKinds(trx, new Date())
    return result
  })
}
