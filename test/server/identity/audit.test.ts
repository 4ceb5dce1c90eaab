import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createAuditLog } from '../../../server/audit/audit-log'
import { purgeAuditLog } from '../../../server/audit/purge'
import { auditSource } from '../../../server/plugins/audit'
import { dialects } from '../../support/dialects'
import { useDialectApp, useDialectDb } from '../../support/dialect-app'
import { auditRows, fakeClock, liNa, startIdentityApp } from '../../support/identity'

const ROOT = join(__dirname, '..', '..', '..')
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const DAY = 24 * 60 * 60 * 1000

describe.each(dialects())('audit log on $name', (dialect) => {
  const { db, testDb } = useDialectDb(dialect)
  const clock = fakeClock(new Date('2027-03-01T00:00:00.000Z'))

  async function entriesAged(days: number[]): Promise<void> {
    const audit = createAuditLog(db, () => clock())
    const now = clock().getTime()
    for (const age of days) {
      clock.set(new Date(now - age * DAY))
      await audit.record({ event: 'test.read', detail: { age } })
    }
    clock.set(new Date(now))
  }
  const ages = async () =>
    (await db.selectFrom('audit_log').select('detail').where('event', '=', 'test.read').orderBy('id').execute()).map(
      (row) => (JSON.parse(row.detail!) as { age: number }).age,
    )

  test('details never keep a full ID number or phone, even when a caller passes one', async () => {
    await createAuditLog(db, clock).record({
      event: 'test.careless',
      accountId: 'a1',
      citizenId: 'c1',
      detail: { note: `looked up ${liNa.idNumber} / ${liNa.phone}`, idNumber: liNa.idNumber },
    })
    const row = await db.selectFrom('audit_log').selectAll().where('event', '=', 'test.careless').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ account_id: 'a1', citizen_id: 'c1', outcome: 'success', occurred_at: clock().toISOString() })
    expect(row.detail).not.toContain(liNa.idNumber)
    expect(row.detail).not.toContain(liNa.phone)
    expect(JSON.parse(row.detail!)).toEqual({
      note: `looked up 310***********${liNa.idNumber.slice(-4)} / 136****0002`,
      idNumber: `310***********${liNa.idNumber.slice(-4)}`,
    })
  })

  test('purging removes only entries older than the retention period', async () => {
    await entriesAged([400, 181, 180.5, 179, 30, 0])
    expect(await purgeAuditLog(db, { retentionDays: 180, now: clock() })).toBe(3)
    expect(await ages()).toEqual([179, 30, 0])
    expect(await purgeAuditLog(db, { retentionDays: 180, now: clock() })).toBe(0)
  })

  test('`tsx server/ops/purge-audit.ts` purges with AUDIT_RETENTION_DAYS from the environment', async () => {
    // The command uses the real clock: age entries relative to now.
    clock.set(new Date())
    await db.deleteFrom('audit_log').execute()
    await entriesAged([40, 20, 1])
    const { code, stdout, stderr } = await run(['server/ops/purge-audit.ts'], {
      ...testDb.env,
      AUDIT_RETENTION_DAYS: '30',
      NODE_ENV: 'test',
      IDENTITY_ENCRYPTION_KEY: testDb.config.identityEncryptionKey.toString('hex'),
      IDENTITY_HASH_KEY: testDb.config.identityHashKey.toString('hex'),
    })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toMatch(/1 entries older than 30 days deleted/)
    expect(await ages()).toEqual([20, 1])
  })
})

describe.each(dialects())('audited events on $name', (dialect) => {
  const { app: identity } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, {
    extend(app) {
      // How a later feature records a read of a sensitive record.
      app.get('/api/test/health-record', { preHandler: app.requireLevel(3) }, async (request) => {
        await app.audit({ event: 'health_code.read', ...auditSource(request), detail: { record: 'status' } })
        return { ok: true }
      })
    },
  }))

  test('login, failed login, real-name, face, reveal and feature reads each leave an entry', async () => {
    await identity.request('/api/auth/login', { method: 'POST', payload: { platform: 'alipay', code: 'expired' } })
    const token = await identity.login('alipay', '2088-audit')
    await identity.realName(token, liNa)
    await identity.faceVerify(token)
    await identity.request('/api/me/reveal', { method: 'POST', token, payload: { field: 'idNumber' } })
    await identity.request('/api/test/health-record', { token })
    await identity.request('/api/auth/logout', { method: 'POST', token })

    const rows = await auditRows(identity.db)
    const accountId = rows.find((row) => row.event === 'auth.login' && row.outcome === 'success')!.account_id
    const citizenId = rows.find((row) => row.event === 'identity.real_name')!.citizen_id
    expect(rows.map((row) => [row.event, row.outcome])).toEqual([
      ['auth.login', 'failure'],
      ['auth.login', 'success'],
      ['identity.real_name', 'success'],
      ['identity.face', 'success'],
      ['identity.face', 'success'],
      ['privacy.reveal', 'success'],
      ['health_code.read', 'success'],
      ['auth.logout', 'success'],
    ])
    expect(rows[0]).toMatchObject({ account_id: null, detail: { platform: 'alipay', reason: 'LOGIN_CODE_INVALID' } })
    expect(rows.slice(1).every((row) => row.account_id === accountId && row.ip === '127.0.0.1')).toBe(true)
    expect(rows.slice(2, 7).every((row) => row.citizen_id === citizenId)).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(liNa.idNumber)
    expect(JSON.stringify(rows)).not.toContain(liNa.phone)
  })
})

describe('audit log is append-only in code', () => {
  test('nothing in server/ updates audit_log, and only the purge deletes from it', () => {
    const offenders: string[] = []
    for (const file of sourceFiles(join(ROOT, 'server'))) {
      const text = readFileSync(file, 'utf8')
      const name = relative(ROOT, file)
      if (/updateTable\(\s*['"]audit_log['"]/.test(text) || /update\s+audit_log/i.test(text)) offenders.push(`${name}: update`)
      const deletes = /deleteFrom\(\s*['"]audit_log['"]/.test(text) || /delete\s+from\s+audit_log/i.test(text)
      if (deletes && name !== join('server', 'audit', 'purge.ts')) offenders.push(`${name}: delete`)
    }
    expect(offenders).toEqual([])
  })
})

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}
