import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ReleaseLog } from '../../../src/contract/console/schemas'
import { readReleaseLog } from '../../../server/releases/release-log'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import { operatorTokenFor } from '../../support/operators'
import { startApp } from '../../support/server-app'

describe('release log', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gm-releases-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test("scripts/release's entries, newest first, in the console's words; the recorded preflight", async () => {
    writeFileSync(
      join(dir, 'log.json'),
      JSON.stringify([
        { version: '1.0.0', platform: 'weapp', time: '2026-12-01T02:00:00.000Z', sizes: { main: 1, subPackages: {}, total: 1 }, commit: 'abc1234', dryRun: false },
        { version: '1.0.1', platform: 'alipay', time: '2026-12-03T02:00:00.000Z', sizes: { main: 1, subPackages: {}, total: 1 }, commit: 'def5678', dryRun: true, mode: 'staging', desc: '修复登录' },
      ]),
    )
    writeFileSync(join(dir, 'preflight.json'), JSON.stringify({ platform: 'weapp', failures: [] }))
    expect(await readReleaseLog(join(dir, 'log.json'), join(dir, 'preflight.json'))).toEqual({
      items: [
        { platform: 'alipay', version: '1.0.1', time: '2026-12-03T02:00:00.000Z', description: '修复登录', mode: 'staging (dry run)', who: 'def5678' },
        { platform: 'weapp', version: '1.0.0', time: '2026-12-01T02:00:00.000Z', description: '', mode: 'production', who: 'abc1234' },
      ],
      preflight: { platform: 'weapp', failures: [] },
    })
  })

  test('no log and no preflight yet: empty, null', async () => {
    expect(await readReleaseLog(join(dir, 'log.json'), join(dir, 'preflight.json'))).toEqual({ items: [], preflight: null })
  })
})

describe.each(dialects().slice(0, 1))('GET /api/operator/releases ($name)', (dialect) => {
  let testDb: TestDatabase
  test("admins read the repository's releases/log.json; others 403", async () => {
    testDb = await dialect.setup()
    const server = await startApp({ config: testConfig(testDb.env), db: testDb.open() })
    try {
      const admin = await operatorTokenFor(server.app, ['admin'])
      const response = await server.request('/api/operator/releases', { headers: { authorization: `Bearer ${admin}` } })
      expect(response.status).toBe(200)
      expect(response.body).toEqual(await readReleaseLog(join(__dirname, '../../../releases/log.json'), join(__dirname, '../../../releases/preflight.json')))
      expect((response.body as ReleaseLog).items).toEqual(expect.any(Array))
      const reviewer = await operatorTokenFor(server.app, ['reviewer'])
      expect((await server.request('/api/operator/releases', { headers: { authorization: `Bearer ${reviewer}` } })).status).toBe(403)
    } finally {
      await server.close()
      await testDb.cleanup()
    }
  })
})
