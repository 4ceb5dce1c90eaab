/**
 * The server's view of the certificate types: the contract's field lists (keys, labels,
 * sensitivity) plus what only the server needs — how each sensitive field is masked and
 * the national catalogue code of each type.
 */
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import { type CertificateFieldKey, type CertificateType, type SensitiveFieldKey } from '../../src/contract/certificates/schemas'
import type { MaskKind } from './field-masking'
import { buildUscc } from './uscc'

export interface FieldDefinition {
  key: string
  label: string
  sensitive: boolean
  /** Set exactly when sensitive. */
  mask?: MaskKind
}

/**
 * One rule per sensitive key, whatever the type: `name` is masked as a name on every
 * certificate. The type makes adding a sensitive field without a rule a compile error.
 */
const MASKS: Record<SensitiveFieldKey, MaskKind> = {
  name: 'name',
  owner: 'name',
  householderName: 'name',
  legalRepresentative: 'name',
  holderName: 'name',
  spouseName: 'name',
  idNumber: 'idNumber',
  licenceNumber: 'idNumber',
  spouseIdNumber: 'idNumber',
  birthDate: 'date',
  address: 'address',
  domicile: 'address',
  plateNumber: 'plate',
  archiveNumber: 'code',
  vin: 'code',
  engineNumber: 'code',
  householdNumber: 'code',
  certificateNumber: 'code',
  creditCode: 'code',
}

/**
 * 证照类型代码 in the national e-certificate catalogue style: the competent ministry's
 * unified social credit code + a 3-digit number. The ministries' codes are invented (with
 * valid check characters) for the demo; a production catalogue replaces this table.
 */
const MINISTRIES = {
  publicSecurity: buildUscc('11', '100000', 'MB010001'),
  education: buildUscc('11', '100000', 'MB020003'),
  marketRegulation: buildUscc('11', '100000', 'MB030004'),
  civilAffairs: buildUscc('11', '100000', 'MB040005'),
}

export const TYPE_CODES: Record<CertificateType, string> = {
  resident_id_card: `${MINISTRIES.publicSecurity}001`,
  driving_licence: `${MINISTRIES.publicSecurity}002`,
  vehicle_licence: `${MINISTRIES.publicSecurity}003`,
  household_register: `${MINISTRIES.publicSecurity}004`,
  residence_permit: `${MINISTRIES.publicSecurity}005`,
  degree_certificate: `${MINISTRIES.education}001`,
  business_licence: `${MINISTRIES.marketRegulation}001`,
  marriage_certificate: `${MINISTRIES.civilAffairs}001`,
}

/** 电子证照标识: OID root of the national platform, type code, issuer code, serial, version. */
export function certificateIdentifier(type: CertificateType, issuerCode: string, serial: string, version: string): string {
  return `1.2.156.3005.2.${TYPE_CODES[type]}.${issuerCode}.${serial}.${version}`
}

/** The fields of a type in display order, with their masking rule. */
export function fieldsOf(type: CertificateType): readonly FieldDefinition[] {
  return CERTIFICATE_TYPES[type].fields.map((field) =>
    field.sensitive ? { ...field, mask: MASKS[field.key as SensitiveFieldKey] } : { key: field.key, label: field.label, sensitive: false },
  )
}

export function fieldDefinition(type: CertificateType, key: string): FieldDefinition | undefined {
  return fieldsOf(type).find((field) => field.key === key)
}

export function isCertificateType(value: string): value is CertificateType {
  return Object.prototype.hasOwnProperty.call(CERTIFICATE_TYPES, value)
}

export type FieldValues<T extends CertificateType> = Record<CertificateFieldKey<T>, string>
