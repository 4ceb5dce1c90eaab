/**
 * Citizens for the load: N people in the population registry with a citizen record, a green
 * health status, a platform account proven to level 4 (face verified: what personal data needs) and an open session each, written
 * straight through the repositories (real-name verification through the API would only
 * measure the login path N times). Returns one session token per citizen.
 */
import type { Config } from '../../server/config'
import { createDb } from '../../server/db/create-db'
import { systemClock } from '../../server/clock'
import { ensureCitizens } from '../../server/health-code/citizens'
import { seedDemoHealthStatuses } from '../../server/health-code/seed'
import { createAccountsRepository } from '../../server/identity/accounts'
import { createIdentityCrypto } from '../../server/identity/crypto'
import { createDatabaseSessionStore } from '../../server/identity/sessions/database-session-store'
import { createRedisSessionStore } from '../../server/identity/sessions/redis-session-store'
import { createSessions } from '../../server/identity/sessions/sessions'
import { idCheckCharacter } from '../../src/contract/id-number'
import { Redis } from 'ioredis'

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明']
const DAY_MS = 86_400_000

export interface BenchCitizen {
  name: string
  idNumber: string
}

/** A valid, invented resident ID number: a Beijing district, a birth date from 1970 on, the check digit. */
export function benchCitizen(index: number): BenchCitizen {
  const birth = new Date(Date.UTC(1970, 0, 1) + index * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = `110108${birth}${String(700 + (index % 300)).padStart(3, '0')}`
  const name = SURNAMES[index % SURNAMES.length] + GIVEN[Math.floor(index / SURNAMES.length) % GIVEN.length] + GIVEN[index % GIVEN.length]
  return { name, idNumber: first17 + idCheckCharacter(first17) }
}

export async function seedBenchCitizens(config: Config, count: number): Promise<string[]> {
  const db = createDb(config.database)
  const redis = config.redisUrl ? new Redis(config.redisUrl) : null
  try {
    const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
    const now = systemClock()
    const people = Array.from({ length: count }, (_, index) => benchCitizen(index))
    const hashes = people.map((person) => crypto.hashIdNumber(person.idNumber))
    const accountIds = await db.transaction().execute(async (trx) => {
      for (const [index, person] of people.entries()) {
        await trx
          .insertInto('population_registry')
          .values({
            name: person.name,
            id_number_hash: hashes[index],
            id_number_encrypted: crypto.encrypt(person.idNumber),
            phone_encrypted: crypto.encrypt(`139${String(10_000_000 + index).slice(-8)}`),
            address: '北京市海淀区中关村大街1号',
            created_at: now.toISOString(),
          })
          .onConflict((conflict) => conflict.column('id_number_hash').doNothing())
          .execute()
      }
      // The demo seed's own step: a citizen record and the default (green) status for each.
      await seedDemoHealthStatuses(trx, crypto, people.map((person, index) => ({ key: `bench-citizen-${index}`, description: 'bench', ...person })), now)
      const records = await ensureCitizens(trx, hashes, now)
      const citizens = hashes.map((hash) => records.get(hash)!)
      const accounts = createAccountsRepository(trx)
      const ids: string[] = []
      for (const [index, citizen] of citizens.entries()) {
        const accountId = await accounts.ensure({ platform: 'h5dev', subject: `bench-citizen-${index}` }, now)
        await accounts.setCitizenAndLevel(accountId, citizen.id, 4)
        ids.push(accountId)
      }
      return ids
    })
    // The store the servers use: Redis when configured, else the database.
    const store = redis ? createRedisSessionStore(redis, config.redisKeyPrefix, systemClock) : createDatabaseSessionStore(db, systemClock)
    const sessions = createSessions(store, { idleMs: config.sessionIdleMinutes * 60_000, absoluteMs: config.sessionAbsoluteHours * 3_600_000 }, systemClock)
    const tokens: string[] = []
    for (const accountId of accountIds) tokens.push((await sessions.open(accountId)).token)
    return tokens
  } finally {
    await db.destroy()
    redis?.disconnect()
  }
}
