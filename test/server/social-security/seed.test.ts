import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from '../../../server/config'
import { createIdentityCrypto } from '../../../server/identity/crypto'
import { seedDemoCitizens } from '../../../server/seed-citizens'
import { demoCitizens } from '../../../server/seed-data/demo-citizens'
import { CITY_BASE_LIMITS, demoSocialSecurity } from '../../../server/seed-data/demo-social-security'
import { demoRecords } from '../../../server/social-security/demo-records'
import { devProofKey } from '../../../server/social-security/proof-key'
import { CONTRIBUTION_RATES } from '../../../server/social-security/rates'
import { seedDemoSocialSecurity } from '../../../server/social-security/seed'
import { monthRange } from '../../../src/contract/months'
import { dialects } from '../../support/dialects'
import { useDialectDb } from '../../support/dialect-app'

describe('demo social-security histories', () => {
  test('every demo citizen has one', () => {
    expect(demoSocialSecurity.map((profile) => profile.citizenKey).sort()).toEqual(demoCitizens.map((citizen) => citizen.key).sort())
  })

  test.each(demoSocialSecurity.map((profile) => [profile.citizenKey, profile] as const))(
    '%s: several years, a change of employer, a gap and an arrears month; bases within the limits, amounts at the rates',
    (_key, profile) => {
      const records = demoRecords(profile)
      const months = [...new Set(records.contributions.map((record) => record.month))].sort()
      expect(months.length).toBeGreaterThanOrEqual(36)
      expect(new Set(records.contributions.map((record) => record.employerName)).size).toBeGreaterThanOrEqual(2)
      const gap = monthRange(months[0]!, months.at(-1)!).filter((month) => !months.includes(month))
      expect(gap.length).toBeGreaterThan(0)
      expect(records.contributions.some((record) => record.status === 'arrears' && record.paidOn === null)).toBe(true)
      for (const record of records.contributions) {
        const limits = CITY_BASE_LIMITS[profile.insuredCity]![Number(record.month.slice(0, 4))]!
        expect(Number.isInteger(record.baseCents) && Number.isInteger(record.personalCents) && Number.isInteger(record.employerCents)).toBe(true)
        expect(record.baseCents).toBeGreaterThanOrEqual(limits.floor * 100)
        expect(record.baseCents).toBeLessThanOrEqual(limits.ceiling * 100)
        const rates = CONTRIBUTION_RATES[record.type]
        expect(Math.abs(record.personalCents - (record.baseCents * rates.personal) / 10_000)).toBeLessThanOrEqual(0.5)
        expect(Math.abs(record.employerCents - (record.baseCents * rates.employer) / 10_000)).toBeLessThanOrEqual(0.5)
      }
      // Deterministic: the same history gives the same rows, every run.
      expect(demoRecords(profile)).toEqual(records)
    },
  )
})

describe.each(dialects())('seeding social security on $name', (dialect) => {
  const { db, testDb } = useDialectDb(dialect)
  const crypto = () => createIdentityCrypto({ encryptionKey: testDb.config.identityEncryptionKey, hashKey: testDb.config.identityHashKey })

  test('comes with the demo citizens, keyed by the ID number hash, once', async () => {
    await seedDemoCitizens(db, crypto())
    const persons = await db.selectFrom('social_insured_persons').selectAll().execute()
    expect(persons).toHaveLength(demoCitizens.length)
    for (const person of persons) expect(JSON.stringify(person)).not.toMatch(/\d{17}[\dX]/)
    const count = async () => Number((await db.selectFrom('social_contributions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    expect(before).toBe(demoSocialSecurity.reduce((sum, profile) => sum + demoRecords(profile).contributions.length, 0))
    expect(await seedDemoSocialSecurity(db, crypto(), new Date())).toEqual({ inserted: [], alreadyPresent: demoCitizens.length })
    await seedDemoCitizens(db, crypto())
    expect(await count()).toBe(before)
  })
})

describe('SOCIAL_PROOF_KEY', () => {
  const IDENTITY = { IDENTITY_ENCRYPTION_KEY: 'a'.repeat(64), IDENTITY_HASH_KEY: 'b'.repeat(64) }

  const productionProblems = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ NODE_ENV: 'production', ...IDENTITY, ...env })
      return []
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      return [...(error as ConfigError).problems]
    }
  }

  test('production refuses to start without it', () => {
    expect(productionProblems({})).toEqual(expect.arrayContaining([expect.stringMatching(/^SOCIAL_PROOF_KEY is required and must be 32 bytes/)]))
    expect(productionProblems({ SOCIAL_PROOF_KEY: 'c'.repeat(64) }).join('\n')).not.toContain('SOCIAL_PROOF_KEY')
    expect(loadConfig({ ...IDENTITY, SOCIAL_PROOF_KEY: Buffer.alloc(32, 9).toString('base64') }).socialProofKey).toEqual(Buffer.alloc(32, 9))
  })

  test('a short key is refused without echoing it', () => {
    try {
      loadConfig({ ...IDENTITY, SOCIAL_PROOF_KEY: 'secret-proof-key' })
      throw new Error('expected a ConfigError')
    } catch (error) {
      expect((error as ConfigError).message).toMatch(/^SOCIAL_PROOF_KEY must be 32 bytes/)
      expect((error as ConfigError).message).not.toContain('secret-proof-key')
    }
  })

  test('outside production a development key is created once, private, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gov-mini-proof-key-'))
    try {
      const file = join(dir, 'nested', 'social-proof.key')
      const key = devProofKey(file)
      expect(key).toMatch(/^[0-9a-f]{64}$/)
      expect(devProofKey(file)).toBe(key)
      expect(readFileSync(file, 'utf8').trim()).toBe(key)
      expect(statSync(file).mode & 0o777).toBe(0o600)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
