import { idNumberProblem } from '../../../src/contract/id-number'
import { createIdentityCrypto } from '../../../server/identity/crypto'
import { seedDemoCitizens } from '../../../server/seed-citizens'
import { demoCitizens, sandboxKeys } from '../../../server/seed-data/demo-citizens'
import { dialects } from '../../support/dialects'
import { useDialectDb } from '../../support/dialect-app'

describe('demo citizens', () => {
  test('have valid GB 11643 ID numbers, distinct keys, a two- and a three-character name', () => {
    for (const citizen of demoCitizens) expect({ key: citizen.key, problem: idNumberProblem(citizen.idNumber) }).toEqual({ key: citizen.key, problem: undefined })
    expect(new Set(sandboxKeys).size).toBe(demoCitizens.length)
    expect(demoCitizens.some((citizen) => Array.from(citizen.name).length === 2)).toBe(true)
    expect(demoCitizens.some((citizen) => Array.from(citizen.name).length === 3)).toBe(true)
    for (const citizen of demoCitizens) expect(citizen.description).not.toMatch(/\d{6,}/)
  })
})

describe.each(dialects())('seeding demo citizens on $name', (dialect) => {
  const { db, testDb } = useDialectDb(dialect)
  const crypto = () => createIdentityCrypto({ encryptionKey: testDb.config.identityEncryptionKey, hashKey: testDb.config.identityHashKey })

  test('adds every demo citizen to the registry, encrypted, and a second run adds nothing', async () => {
    expect(await seedDemoCitizens(db, crypto())).toEqual({ inserted: [...sandboxKeys], alreadyPresent: 0 })
    expect(await seedDemoCitizens(db, crypto())).toEqual({ inserted: [], alreadyPresent: demoCitizens.length })
    const rows = await db.selectFrom('population_registry').selectAll().orderBy('id').execute()
    expect(rows.map((row) => row.name)).toEqual(demoCitizens.map((citizen) => citizen.name))
    for (const [index, row] of rows.entries()) {
      const citizen = demoCitizens[index]!
      expect(JSON.stringify(row)).not.toContain(citizen.idNumber)
      expect(crypto().decrypt(row.id_number_encrypted)).toBe(citizen.idNumber)
      expect(row.phone_encrypted && crypto().decrypt(row.phone_encrypted)).toBe(citizen.phone ?? null)
    }
  })

  test("grants the verifier role to 欧阳明月's sandbox account, once, and no operator role to any platform account", async () => {
    const roles = await db
      .selectFrom('account_roles')
      .innerJoin('platform_accounts', 'platform_accounts.id', 'account_roles.account_id')
      .select(['platform_accounts.platform', 'platform_accounts.subject', 'account_roles.role'])
      .orderBy('account_roles.role')
      .execute()
    expect(roles).toEqual([{ platform: 'h5dev', subject: 'ouyang-mingyue', role: 'verifier' }])
    // Operators (the demo health officer included) are operator accounts, seeded apart.
    expect(await db.selectFrom('operators').select('id').execute()).toEqual([])
  })
})
