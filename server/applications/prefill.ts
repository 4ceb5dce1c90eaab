/**
 * Prefill: values the government already holds, resolved from the citizen's own records.
 * One row per source in RESOLVERS (source → how to read it, how to mask it); a certificate
 * source `certificate.<type>.<field>` reads that field of the citizen's newest valid
 * certificate of the type. A loader reads each record at most once per request.
 *
 * Full values stay on the server: responses carry `mask(value)`, and on submit the server
 * puts its own full copy into locked fields.
 */
import type { Kysely } from 'kysely'
import type { PrefillSource } from '../../src/contract/services/data'
import { fieldDefinition, isCertificateType } from '../certificates/catalogue'
import { maskField } from '../certificates/field-masking'
import type { CertificateRecord, CertificatesRepository, ShownField } from '../certificates/repository'
import { certificateStatus } from '../certificates/status'
import type { Database } from '../db/database'
import type { Citizen } from '../identity/citizens'
import type { IdentityCrypto } from '../identity/crypto'
import { maskIdNumber, maskName, maskPhone } from '../privacy/masking'

export interface PrefillDeps {
  db: Kysely<Database>
  crypto: IdentityCrypto
  certificates: CertificatesRepository
}

/** Reads the citizen's records lazily, each once. */
export interface PrefillLoader {
  citizen(): Promise<Citizen | undefined>
  registryAddress(): Promise<string | null>
  latestEmployer(): Promise<string | null>
  /** The newest valid certificate of a type, with its shown (masked) fields. */
  validCertificate(type: string): Promise<{ record: CertificateRecord; fields: ShownField[] } | undefined>
  certificateValue(certificateId: string, key: string): Promise<string | undefined>
}

export function createPrefillLoader(deps: PrefillDeps, citizenId: string, now: Date): PrefillLoader {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let promise: Promise<T> | undefined
    return () => (promise ??= load())
  }
  const citizen = once(async (): Promise<Citizen | undefined> => {
    const row = await deps.db.selectFrom('citizens').selectAll().where('id', '=', citizenId).executeTakeFirst()
    return (
      row && {
        id: row.id,
        name: row.name,
        idNumber: deps.crypto.decrypt(row.id_number_encrypted),
        idNumberHash: row.id_number_hash,
        phone: row.phone_encrypted === null ? null : deps.crypto.decrypt(row.phone_encrypted),
      }
    )
  })
  const certificates = once(() => deps.certificates.listForCitizen(citizenId))
  return {
    citizen,
    registryAddress: once(async () => {
      const found = await citizen()
      if (!found) return null
      const row = await deps.db.selectFrom('population_registry').select('address').where('id_number_hash', '=', found.idNumberHash).executeTakeFirst()
      return row?.address ?? null
    }),
    latestEmployer: once(async () => {
      const row = await deps.db
        .selectFrom('social_contributions as contribution')
        .innerJoin('social_insured_persons as person', 'person.id', 'contribution.person_id')
        .innerJoin('citizens', 'citizens.id_number_hash', 'person.id_number_hash')
        .select('contribution.employer_name')
        .where('citizens.id', '=', citizenId)
        .where('contribution.status', '=', 'paid')
        .orderBy('contribution.month', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row?.employer_name ?? null
    }),
    async validCertificate(type) {
      const valid = (await certificates()).filter((found) => found.record.type === type && certificateStatus(found.record, now) === 'valid')
      return valid.sort((a, b) => b.record.issuedOn.localeCompare(a.record.issuedOn))[0]
    },
    async certificateValue(certificateId, key) {
      return (await deps.certificates.fullValues(certificateId, [key])).get(key)
    },
  }
}

export interface PrefillResolver {
  /** The full value, or undefined when the citizen's records do not hold it. */
  resolve(loader: PrefillLoader): Promise<string | undefined>
  /** What a response shows. */
  mask(value: string): string
}

const plain = (value: string) => value

/** GB 11643: positions 7-14 are the birth date, position 17 is odd for men. */
function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
}
function sexOf(idNumber: string): string {
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女'
}

const orUndefined = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? undefined : value)

const POPULATION_AND_SOCIAL: Record<Exclude<PrefillSource, `certificate.${string}`>, PrefillResolver> = {
  'population.name': { resolve: async (loader) => (await loader.citizen())?.name, mask: maskName },
  'population.id_number': { resolve: async (loader) => (await loader.citizen())?.idNumber, mask: maskIdNumber },
  'population.phone': { resolve: async (loader) => orUndefined((await loader.citizen())?.phone), mask: maskPhone },
  'population.address': { resolve: async (loader) => orUndefined(await loader.registryAddress()), mask: (value) => maskField('address', value) },
  'population.sex': {
    resolve: async (loader) => {
      const citizen = await loader.citizen()
      return citizen && sexOf(citizen.idNumber)
    },
    mask: plain,
  },
  'population.birth_date': {
    resolve: async (loader) => {
      const citizen = await loader.citizen()
      return citizen && birthDateOf(citizen.idNumber)
    },
    // With the masked ID number, a full birth date would give away 8 more of its digits.
    mask: (value) => maskField('date', value),
  },
  'social_security.employer': { resolve: async (loader) => orUndefined(await loader.latestEmployer()), mask: plain },
}

/** `certificate.<type>.<field>`: that field of the newest valid certificate of the type. */
function certificateResolver(type: string, key: string): PrefillResolver {
  const definition = isCertificateType(type) ? fieldDefinition(type, key) : undefined
  return {
    async resolve(loader) {
      if (!definition) return undefined
      const found = await loader.validCertificate(type)
      return found && orUndefined(await loader.certificateValue(found.record.id, key))
    },
    mask: (value) => (definition?.sensitive && definition.mask ? maskField(definition.mask, value) : value),
  }
}

export function resolverFor(source: PrefillSource): PrefillResolver {
  if (source.startsWith('certificate.')) {
    const [, type = '', key = ''] = source.split('.')
    return certificateResolver(type, key)
  }
  return POPULATION_AND_SOCIAL[source as keyof typeof POPULATION_AND_SOCIAL]
}
