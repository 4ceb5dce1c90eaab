import type { Insertable, Selectable } from 'kysely'
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import type { FormSchema } from '../../src/contract/services/data'
import { AUDIENCES, FROM_CERTIFICATE_LABEL, LIFE_EVENTS, ONLINE_LEVELS, timeLimitText } from '../../src/contract/services/data'
import type { ServiceGuide, ServiceItemImport, ServiceSummary } from '../../src/contract/services/schemas'
import type { ServiceItemsTable } from '../db/database'
import { searchTextOf } from './search-text'

/**
 * Rows of service_items to and from what the catalogue works with. The list-like parts of a
 * guide are JSON text in the row; they are parsed here and nowhere else.
 */

export type ServiceItemRow = Selectable<ServiceItemsTable>

/** An item as stored: the import shape plus its bookkeeping. */
export interface CatalogueItem extends ServiceItemImport {
  popularity: number
  createdAt: string
  updatedAt: string
  publishedAt: string | null
}

export function itemOf(row: ServiceItemRow): CatalogueItem {
  const formSchema = row.form_schema === null ? undefined : (JSON.parse(row.form_schema) as FormSchema)
  return {
    code: row.code,
    name: row.name,
    aliases: JSON.parse(row.aliases) as ServiceItemImport['aliases'],
    department: row.department,
    audiences: JSON.parse(row.audiences) as ServiceItemImport['audiences'],
    category: row.category as ServiceItemImport['category'],
    lifeEvents: JSON.parse(row.life_events) as ServiceItemImport['lifeEvents'],
    region: row.region,
    legalBasis: row.legal_basis,
    conditions: JSON.parse(row.conditions) as string[],
    materials: JSON.parse(row.materials) as ServiceItemImport['materials'],
    fees: row.fees,
    timeLimitDays: row.time_limit_days,
    onlineLevel: row.online_level,
    counterAddress: row.counter_address,
    counterHours: row.counter_hours,
    ...(row.contact_phone === null ? {} : { contactPhone: row.contact_phone }),
    faq: JSON.parse(row.faq) as ServiceItemImport['faq'],
    ...(formSchema ? { formSchema } : {}),
    status: row.status,
    popularity: row.popularity,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  }
}

/** The columns an import writes (everything but popularity and created_at). */
export function guideColumns(item: ServiceItemImport): Omit<Insertable<ServiceItemsTable>, 'popularity' | 'created_at' | 'updated_at' | 'published_at'> {
  return {
    code: item.code,
    name: item.name,
    aliases: JSON.stringify(item.aliases),
    department: item.department,
    audiences: JSON.stringify(item.audiences),
    category: item.category,
    life_events: JSON.stringify(item.lifeEvents),
    region: item.region,
    legal_basis: item.legalBasis,
    conditions: JSON.stringify(item.conditions),
    materials: JSON.stringify(item.materials),
    fees: item.fees,
    time_limit_days: item.timeLimitDays,
    online_level: item.onlineLevel,
    counter_address: item.counterAddress,
    counter_hours: item.counterHours,
    contact_phone: item.contactPhone ?? null,
    faq: JSON.stringify(item.faq),
    form_schema: item.formSchema ? JSON.stringify(item.formSchema) : null,
    status: item.status,
    search_text: searchTextOf(item),
  }
}

type SummarySource = Pick<CatalogueItem, 'code' | 'name' | 'department' | 'onlineLevel' | 'timeLimitDays' | 'audiences'> & { category: string }

export function toSummary(item: SummarySource): ServiceSummary {
  return {
    code: item.code,
    name: item.name,
    department: item.department,
    category: item.category,
    onlineLevel: item.onlineLevel,
    onlineLevelName: ONLINE_LEVELS[item.onlineLevel],
    timeLimitDays: item.timeLimitDays,
    timeLimitText: timeLimitText(item.timeLimitDays),
    audiences: item.audiences.map((key) => ({ key, name: AUDIENCES[key] })),
  }
}

export function toGuide(item: CatalogueItem): ServiceGuide {
  return {
    code: item.code,
    name: item.name,
    aliases: item.aliases,
    department: item.department,
    category: item.category,
    audiences: item.audiences.map((key) => ({ key, name: AUDIENCES[key] })),
    lifeEvents: item.lifeEvents.map((key) => ({ key, name: LIFE_EVENTS[key] })),
    region: item.region,
    legalBasis: item.legalBasis,
    conditions: item.conditions,
    materials: item.materials.map((material) => ({
      name: material.name,
      copies: material.copies,
      form: material.form,
      ...(material.note ? { note: material.note } : {}),
      ...(material.certificateType
        ? {
            certificateType: material.certificateType,
            certificateTypeName: CERTIFICATE_TYPES[material.certificateType].name,
            fromCertificate: true,
            fromCertificateLabel: FROM_CERTIFICATE_LABEL,
          }
        : { fromCertificate: false }),
    })),
    fees: item.fees,
    timeLimitDays: item.timeLimitDays,
    timeLimitText: timeLimitText(item.timeLimitDays),
    onlineLevel: item.onlineLevel,
    onlineLevelName: ONLINE_LEVELS[item.onlineLevel],
    canApplyOnline: item.onlineLevel === 'full_online' && item.formSchema !== undefined,
    counter: { address: item.counterAddress, hours: item.counterHours, phone: item.contactPhone ?? null },
    faq: item.faq,
    ...(item.formSchema ? { formSchema: item.formSchema } : {}),
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
  }
}
