import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import { type CertificateDetail, type CertificateHeader, type CertificateSummary, type CertificateType, type DisclosedField, type DisclosedValue } from '../../src/contract/certificates/schemas'
import { fieldDefinition, fieldsOf } from './catalogue'
import type { CertificateRecord, ShownField } from './repository'
import { certificateStatus, statusName } from './status'

/** Certificates as responses see them; values come in already masked (or, for disclosures, full). */

export function toSummary(record: CertificateRecord, fields: readonly ShownField[], now: Date): CertificateSummary {
  const type = CERTIFICATE_TYPES[record.type]
  const status = certificateStatus(record, now)
  return {
    id: record.id,
    type: record.type,
    typeName: type.name,
    holderKind: type.holderKind,
    number: fields.find((field) => field.key === type.numberField)?.value ?? '',
    issuer: record.issuerName,
    issuedOn: record.issuedOn,
    validUntil: record.validUntil,
    status,
    statusName: statusName(status),
    presentable: status === 'valid',
  }
}

export function toDetail(record: CertificateRecord, fields: readonly ShownField[], now: Date): CertificateDetail {
  const stored = new Map(fields.map((field) => [field.key, field]))
  return {
    ...toSummary(record, fields, now),
    identifier: record.identifier,
    issuerCode: record.issuerCode,
    version: record.version,
    // The catalogue's order and labels; a field the record lacks is left out.
    fields: fieldsOf(record.type).flatMap((definition) => {
      const field = stored.get(definition.key)
      return field ? [{ key: definition.key, label: definition.label, value: field.value, sensitive: field.sensitive }] : []
    }),
  }
}

export function toHeader(record: CertificateRecord, now: Date): CertificateHeader {
  const status = certificateStatus(record, now)
  return {
    type: record.type,
    typeName: CERTIFICATE_TYPES[record.type].name,
    issuer: record.issuerName,
    validUntil: record.validUntil,
    status,
    statusName: statusName(status),
  }
}

/** Field keys as {key, label}, in the catalogue's display order. */
export function namedFields(type: CertificateType, keys: readonly string[]): DisclosedField[] {
  return fieldsOf(type)
    .filter((definition) => keys.includes(definition.key))
    .map((definition) => ({ key: definition.key, label: definition.label }))
}

/** Exactly the given keys with their full values, in display order; nothing else. */
export function disclosedValues(type: CertificateType, keys: readonly string[], values: ReadonlyMap<string, string>): DisclosedValue[] {
  return namedFields(type, keys).flatMap((field) => {
    const value = values.get(field.key)
    return value === undefined ? [] : [{ ...field, value }]
  })
}

/** The keys in display order if every one is a field of the type; otherwise the first stranger. */
export function orderedFieldKeys(type: CertificateType, keys: readonly string[]): { keys: string[] } | { unknown: string } {
  const unknown = keys.find((key) => !fieldDefinition(type, key))
  if (unknown !== undefined) return { unknown }
  return { keys: namedFields(type, keys).map((field) => field.key) }
}
