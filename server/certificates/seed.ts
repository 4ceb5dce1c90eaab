import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { demoCertificates } from '../seed-data/demo-certificates'
import { demoCitizens } from '../seed-data/demo-citizens'
import { certificateIdentifier, fieldsOf } from './catalogue'
import { maskField } from './field-masking'
import { createCertificatesRepository } from './repository'

/**
 * Adds the demo certificates that are missing, matched by their national identifier, so
 * running it again changes nothing. Holders are linked by the keyed hash of their ID
 * number, like the population registry; sensitive values are stored masked + encrypted
 * with the identity key, so with a new key (a deleted .data/identity.key) reset the
 * development database along with it.
 */
export async function seedDemoCertificates(db: Kysely<Database>, crypto: IdentityCrypto, now: Date): Promise<number> {
  const repository = createCertificatesRepository(db, crypto)
  let inserted = 0
  for (const demo of demoCertificates) {
    const identifier = certificateIdentifier(demo.type, demo.issuer.code, demo.serial, demo.version)
    if (await repository.existsByIdentifier(identifier)) continue
    const holder = demoCitizens.find((citizen) => citizen.key === demo.holder)
    if (!holder) throw new Error(`demo certificate ${identifier}: no demo citizen ${demo.holder}`)
    const values = demo.fields as Record<string, string>
    await repository.insert(
      {
        id: randomUUID(),
        holderIdNumberHash: crypto.hashIdNumber(holder.idNumber),
        type: demo.type,
        identifier,
        issuerName: demo.issuer.name,
        issuerCode: demo.issuer.code,
        version: demo.version,
        issuedOn: demo.issuedOn,
        validUntil: demo.validUntil,
        revokedAt: demo.revoked ? `${demo.revoked.on}T00:00:00.000Z` : null,
        revocationReason: demo.revoked?.reason ?? null,
        fields: fieldsOf(demo.type).map((field) => {
          const value = values[field.key]!
          return field.mask
            ? { key: field.key, plain: null, masked: maskField(field.mask, value), encrypted: crypto.encrypt(value) }
            : { key: field.key, plain: value, masked: null, encrypted: null }
        }),
      },
      now,
    )
    inserted += 1
  }
  return inserted
}
