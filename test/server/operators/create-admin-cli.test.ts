import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database'
import { verifyPassword } from '../../../server/operators/passwords'
import { dialects, type TestDatabase } from '../../support/dialects'
import { auditRows } from '../../support/identity'

/** `npm run operator:create-admin` as a real process (node --import tsx) against this suite's database. */
const ROOT = join(__dirname, '..', '..', '..')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function createAdmin(env: Record<string, string>, args: string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/operators/create-admin-cli.ts', ...args], {
    cwd: ROOT,
    // Only what the command needs: the developer's own DATABASE_URL must not leak in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdin.end(stdin)
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

describe.each(dialects())('npm run operator:create-admin on $name', (dialect) => {
  let testDb: TestDatabase
  let db: Kysely<Database>
  const admins = () =>
    db
      .selectFrom('operators')
      .innerJoin('operator_roles', 'operator_roles.operator_id', 'operators.id')
      .select(['username', 'display_name', 'password_hash', 'role', 'granted_by'])
      .orderBy('created_at')
      .orderBy('username')
      .execute()

  beforeAll(async () => {
    testDb = await dialect.setup()
    db = testDb.open()
  })
  afterAll(() => testDb.cleanup())

  test('refuses a weak password and a missing username before touching the database', async () => {
    const weak = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'short' }, ['--username', 'first.admin'])
    expect(weak.code).toBe(1)
    expect(weak.stderr).toContain('the password was refused: 密码长度需为 12-128 个字符')
    const sameAsName = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'first.admin.2026' }, ['--username', 'first.admin'])
    expect(sameAsName.stderr).toContain('密码不能包含用户名')
    const noName = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'a-long-enough-password' }, [])
    expect(noName.code).toBe(1)
    expect(noName.stderr).toContain('--username is required')
    const badName = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'a-long-enough-password' }, ['--username', 'Has Space'])
    expect(badName.stderr).toContain('--username must be 3-32 characters')
    // Not even migrated: no operators table in this suite's database (or schema) yet.
    await expect(db.selectFrom('operators').select('id').execute()).rejects.toMatchObject({ message: expect.stringMatching(/operators/) })
  })

  test('creates the first admin (migrating the database), password from OPERATOR_PASSWORD, and says what it did; audited', async () => {
    const run = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'first-admin-password' }, ['--username', 'First.Admin', '--display-name', '第一位管理员'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toContain(`database: ${dialect.name}`)
    expect(run.stdout).toMatch(/created admin operator first\.admin \(第一位管理员\), id [0-9a-f-]{36}/)
    const [admin, ...others] = await admins()
    expect(others).toEqual([])
    expect(admin).toMatchObject({ username: 'first.admin', display_name: '第一位管理员', role: 'admin', granted_by: null })
    expect(await verifyPassword('first-admin-password', admin!.password_hash)).toBe(true)
    // The password went through a shell (and maybe its history): changed at the first login.
    expect(await db.selectFrom('operators').select('must_change_password').where('username', '=', 'first.admin').executeTakeFirstOrThrow()).toEqual({ must_change_password: 1 })
    const [entry] = await auditRows(db, 'operator.create')
    expect(entry).toMatchObject({ operator_id: null, detail: { username: 'first.admin', roles: 'admin', via: 'command line', forced: false } })
  })

  test('a second run is refused while an active admin exists; --force adds one (audited as forced); an existing username never', async () => {
    const refused = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'second-admin-password' }, ['--username', 'second.admin'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('1 active admin(s) exist already')
    expect(refused.stderr).toContain('--force')
    expect(await admins()).toHaveLength(1)

    const forced = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'second-admin-password' }, ['--username', 'second.admin', '--force'])
    expect(forced.code).toBe(0)
    expect((await admins()).map((row) => row.username)).toEqual(['first.admin', 'second.admin'])
    expect((await auditRows(db, 'operator.create')).slice(-1)[0]!.detail).toMatchObject({ username: 'second.admin', forced: true })

    const taken = await createAdmin({ ...testDb.env, OPERATOR_PASSWORD: 'yet-another-password' }, ['--username', 'first.admin', '--force'])
    expect(taken.code).toBe(1)
    expect(taken.stderr).toContain('an operator named first.admin exists already')
    const first = (await admins()).find((row) => row.username === 'first.admin')!
    expect(await verifyPassword('first-admin-password', first.password_hash)).toBe(true)
  })

  test('without OPERATOR_PASSWORD and no terminal, the password is the first line of stdin', async () => {
    const run = await createAdmin(testDb.env, ['--username', 'piped.admin', '--force'], 'piped-admin-password\nignored second line\n')
    expect(run.code).toBe(0)
    const piped = (await admins()).find((row) => row.username === 'piped.admin')!
    expect(await verifyPassword('piped-admin-password', piped.password_hash)).toBe(true)
  })
})
