import { sqliteDatabase, type BenchDatabase } from '../../../bench/api/environment'
import { killDuringSubmit, type KillSubmitResult } from '../../../bench/faults/kill-submit'

/**
 * The short run of `npm run bench:kill` (bench/faults/kill-submit.ts): the server as a child
 * process on SQLite, 4 citizens submitting 15 applications each with idempotency keys and
 * retries, one kill -9 mid-stream and a restart. Every acknowledged submission is in the
 * database exactly once with its first event, no key has two rows, nothing was refused or
 * given up on. PostgreSQL runs in the bench (the restart there is the same code path; a
 * second server start would double this suite's time).
 */
describe('kill -9 during a stream of submissions on sqlite', () => {
  let database: BenchDatabase
  let result: KillSubmitResult

  beforeAll(async () => {
    database = await sqliteDatabase()
    result = await killDuringSubmit({ database, clients: 4, perClient: 15, kills: 1 })
    console.log(
      `kill-during-submit on sqlite: ${result.acknowledged}/${result.submissions} acknowledged, ${result.retried} retried (${result.networkErrors} network errors, ${result.serverErrors} 5xx), ${result.replayed} replayed, restart ${result.downtimeMs.join(', ')} ms; lost ${result.lost}, duplicates ${result.duplicates}, half-written ${result.halfWritten}`,
    )
  }, 120_000)
  afterAll(async () => {
    await database?.cleanup()
  })

  test('the server was killed mid-stream and the clients had to retry', () => {
    expect(result.kills).toBe(1)
    expect(result.retried).toBeGreaterThan(0)
    expect(result.networkErrors + result.serverErrors).toBeGreaterThan(0)
  })

  test('every submission was acknowledged, exactly once in the database, none half-written, no duplicate key', () => {
    expect({ acknowledged: result.acknowledged, refused: result.refused, gaveUp: result.gaveUp }).toEqual({ acknowledged: result.submissions, refused: 0, gaveUp: 0 })
    expect({ lost: result.lost, duplicates: result.duplicates, halfWritten: result.halfWritten, unacknowledgedRows: result.unacknowledgedRows }).toEqual({
      lost: 0,
      duplicates: 0,
      halfWritten: 0,
      unacknowledgedRows: 0,
    })
  })
})
