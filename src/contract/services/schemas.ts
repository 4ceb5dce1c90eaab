/**
 * Service catalogue (一网通办事项) contract: the published catalogue with its 办事指南,
 * facets, Chinese substring search, and the operator import / publish / retire. Shared by
 * the server (validation, OpenAPI, the import command) and the client (types only).
 *
 * Routes (public = no login needed; a bearer token, when sent and valid, is attached to
 * the search and view records, never required):
 *   GET  /api/services                      public   ServiceListQuery → ServiceList (published only, paged)
 *   GET  /api/services/facets               public   ServiceFacets (published counts per category, life event, department)
 *   GET  /api/services/search?q=&limit=     public   SearchQuery → SearchResult (every query recorded)
 *   GET  /api/services/:code                public   ServiceGuide (404 for draft / retired / unknown; records a view)
 *   POST /api/operator/services/import      content_editor   ServiceItemImport[] → ImportResult (all or nothing;
 *                                                   422 ImportRejected lists every bad field by item code). Audited
 *   POST /api/operator/services/:code/publish   content_editor   ServiceStatusChange (404 unknown). Audited
 *   POST /api/operator/services/:code/retire    content_editor   ServiceStatusChange (404 unknown). Audited
 *
 * The same ServiceItemImport shape is what server/seed-data/demo-services.ts holds and what
 * `npm run catalogue:import -- FILE` reads (a JSON array), checked by the same rules
 * (server/catalogue/import-rules.ts).
 *
 * Client: import types only (`import type`), or TypeBox lands in the mini-program bundle.
 * Runtime word tables are in ./service-words; the form schema types in ./service-form.
 */
import { Type, type Static } from '@sinclair/typebox'
import { CertificateTypeSchema } from '../certificates/schemas'
import { FreeText, MultilineFreeText } from '../schemas'
import { ResultDeclarationSchema } from '../results/schemas'
import { FORM_FIELD_TYPES, PREFILL_SOURCE_KEYS, AUDIENCE_KEYS, CATEGORIES, LIFE_EVENT_KEYS, ONLINE_LEVEL_KEYS, SEARCH_QUERY_MAX_LENGTH, SERVICE_STATUS_KEYS, IMPORT_MAX_ITEMS, SERVICE_LIST_MAX_LIMIT, SEARCH_MAX_LIMIT, SEARCH_SUGGESTIONS_MAX } from './data'

export type { Audience, Category, LifeEvent, MatchedField, OnlineLevel, ServiceStatus } from './data'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)))

export const OnlineLevelSchema = literals(ONLINE_LEVEL_KEYS)
export const AudienceSchema = literals(AUDIENCE_KEYS)
export const LifeEventSchema = literals(LIFE_EVENT_KEYS)
export const CategorySchema = literals(CATEGORIES)
export const ServiceStatusSchema = literals(SERVICE_STATUS_KEYS)

/** 事项编码: letters, digits, `_` and `-` (national codes are 20-30 characters). */
export const ServiceCodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })

export const ServiceParamsSchema = Type.Object({ code: ServiceCodeSchema })
export type ServiceParams = Static<typeof ServiceParamsSchema>

// --- the application form of a 全程网办 item (mirrors ./service-form.ts) ----------------------

export const PrefillSourceKeySchema = literals(PREFILL_SOURCE_KEYS)
export const FormFieldTypeSchema = literals(FORM_FIELD_TYPES)

export const FormFieldSchema = Type.Object(
  {
    /** camelCase, unique within the form. */
    key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][A-Za-z0-9]*$' }),
    label: FreeText({ minLength: 1, maxLength: 40 }),
    type: FormFieldTypeSchema,
    required: Type.Boolean(),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    options: Type.Optional(Type.Array(FreeText({ minLength: 1, maxLength: 60 }), { maxItems: 50 })),
    hint: Type.Optional(FreeText({ maxLength: 100 })),
    prefill: Type.Optional(Type.Object({ source: PrefillSourceKeySchema, locked: Type.Boolean() }, { additionalProperties: false })),
    /** bank_account: a bank card or account number (text), masked in every response. */
    format: Type.Optional(Type.Literal('bank_account')),
  },
  { additionalProperties: false },
)

/** The FormSchema of ./service-form.ts as TypeBox: served in the guide, checked on import. */
export const FormSchemaSchema = Type.Object({ fields: Type.Array(FormFieldSchema, { minItems: 1, maxItems: 60 }) }, { additionalProperties: false })

// --- import (operators, seed, CLI) --------------------------------------------------------------

// Free text (./free-text.ts): guides are what citizens read, so no control characters.
const Text = (maxLength: number) => FreeText({ minLength: 1, maxLength })
/** Long texts may run to several lines. */
const LongText = (maxLength: number) => MultilineFreeText({ minLength: 1, maxLength })

export const MaterialImportSchema = Type.Object(
  {
    name: Text(100),
    copies: Type.Integer({ minimum: 1, maximum: 20 }),
    /** 原件 / 复印件 / 原件和复印件 / 电子材料… */
    form: Text(20),
    note: Type.Optional(FreeText({ maxLength: 200 })),
    /** The e-certificate type that can stand in for it (taken from the citizen's wallet). */
    certificateType: Type.Optional(CertificateTypeSchema),
    /** Data the government holds that stands in for it when it resolves for the citizen (a prefill source). */
    dataSource: Type.Optional(PrefillSourceKeySchema),
    /** A field of the item's form whose answer is the material (e.g. 证明用途说明 → purpose). */
    formField: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][A-Za-z0-9]*$' })),
    /** May be uploaded as a photo or PDF. */
    upload: Type.Optional(Type.Boolean()),
    /** The law needs the original: why, in words (then it goes by post or to the counter, said plainly). */
    original: Type.Optional(FreeText({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
)
export type MaterialImport = Static<typeof MaterialImportSchema>

export const FaqSchema = Type.Object({ question: Text(200), answer: LongText(1000) }, { additionalProperties: false })
export type Faq = Static<typeof FaqSchema>

/**
 * One item as an operator imports it (and as the seed holds it): the whole guide plus its
 * state. Matched by `code`: importing an existing code updates it (popularity is kept).
 * Rules beyond the shape (no blank texts, unique codes / aliases / field keys, select fields
 * have options, formSchema exactly for full_online items) are in the import rules.
 */
export const ServiceItemImportSchema = Type.Object(
  {
    code: ServiceCodeSchema,
    name: Text(60),
    aliases: Type.Array(Text(40), { maxItems: 20 }),
    department: Text(40),
    audiences: Type.Array(AudienceSchema, { minItems: 1, maxItems: 2 }),
    category: CategorySchema,
    lifeEvents: Type.Array(LifeEventSchema, { maxItems: 6 }),
    /** 行政区划, e.g. 示范市. */
    region: Text(40),
    /** The laws and regulations by name, e.g. 《中华人民共和国居民身份证法》第十一条. */
    legalBasis: LongText(2000),
    conditions: Type.Array(LongText(500), { minItems: 1, maxItems: 30 }),
    materials: Type.Array(MaterialImportSchema, { minItems: 1, maxItems: 40 }),
    /** 不收费, or the amounts and their basis. */
    fees: LongText(500),
    /** 承诺时限 in working days; 0 = 即办. */
    timeLimitDays: Type.Integer({ minimum: 0, maximum: 365 }),
    onlineLevel: OnlineLevelSchema,
    counterAddress: Text(200),
    counterHours: Text(200),
    contactPhone: Type.Optional(Type.String({ minLength: 5, maxLength: 30, pattern: '^[0-9+() -]+$' })),
    faq: Type.Array(FaqSchema, { minItems: 1, maxItems: 30 }),
    /** Required for full_online items, absent otherwise. */
    formSchema: Type.Optional(FormSchemaSchema),
    /** What 办结 delivers (电子证明 / 款项 / 纸质结果): set or replaced when present, kept when absent (src/contract/results). */
    result: Type.Optional(ResultDeclarationSchema),
    status: ServiceStatusSchema,
  },
  { additionalProperties: false },
)
export type ServiceItemImport = Static<typeof ServiceItemImportSchema>

/**
 * The import body: an array of items. Deliberately loose here (any objects) so the request
 * is not stopped at its first bad field: the import rules check every item and answer 422
 * listing every bad field.
 */
export const ServiceImportBodySchema = Type.Array(Type.Object({}, { additionalProperties: true, description: 'a ServiceItemImport' }), {
  minItems: 1,
  maxItems: IMPORT_MAX_ITEMS,
  description: 'ServiceItemImport[]: every item is checked; any bad field and nothing is imported',
})
export type ServiceImportBody = Static<typeof ServiceImportBodySchema>

export const ImportFieldErrorSchema = Type.Object({
  /** The item's code as sent (or `#<index>` when it has none). */
  item: Type.String(),
  /** 0-based position in the array. */
  index: Type.Integer(),
  /** e.g. `materials[2].certificateType`, `formSchema.fields[0].options`. */
  field: Type.String(),
  /** e.g. `required`, `maximum 365`, `one of info|appointment|pre_review|full_online`, `unique`. */
  rule: Type.String(),
  message: Type.String(),
})
export type ImportFieldError = Static<typeof ImportFieldErrorSchema>

export const ImportResultSchema = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  /** Codes in the order sent. */
  codes: Type.Array(Type.String()),
})
export type ImportResult = Static<typeof ImportResultSchema>

export const ImportRejectedSchema = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
    inserted: Type.Integer(),
    updated: Type.Integer(),
    errors: Type.Array(ImportFieldErrorSchema),
  },
  { description: 'Bad items: nothing imported; every bad field with its item code, field and rule' },
)
export type ImportRejected = Static<typeof ImportRejectedSchema>

export const ServiceStatusChangeSchema = Type.Object({
  code: Type.String(),
  status: ServiceStatusSchema,
  statusName: Type.String(),
  /** False when the item already was in that state (nothing changed, nothing audited twice). */
  changed: Type.Boolean(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
})
export type ServiceStatusChange = Static<typeof ServiceStatusChangeSchema>

// --- what citizens read -------------------------------------------------------------------------

const Named = <T extends ReturnType<typeof literals>>(key: T) => Type.Object({ key, name: Type.String() })

export const ServiceSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  category: Type.String(),
  onlineLevel: OnlineLevelSchema,
  onlineLevelName: Type.String(),
  timeLimitDays: Type.Integer(),
  /** 即办 or N个工作日. */
  timeLimitText: Type.String(),
  audiences: Type.Array(Named(AudienceSchema)),
})
export type ServiceSummary = Static<typeof ServiceSummarySchema>

export const MaterialViewSchema = Type.Object({
  name: Type.String(),
  copies: Type.Integer(),
  form: Type.String(),
  note: Type.Optional(Type.String()),
  certificateType: Type.Optional(CertificateTypeSchema),
  /** e.g. 居民身份证. */
  certificateTypeName: Type.Optional(Type.String()),
  /** True when the citizen's e-certificate of certificateType stands in for it. */
  fromCertificate: Type.Boolean(),
  /** 可用电子证照，免提交 (present when fromCertificate). */
  fromCertificateLabel: Type.Optional(Type.String()),
})
export type MaterialView = Static<typeof MaterialViewSchema>

export const ServiceGuideSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  department: Type.String(),
  category: Type.String(),
  audiences: Type.Array(Named(AudienceSchema)),
  lifeEvents: Type.Array(Named(LifeEventSchema)),
  region: Type.String(),
  legalBasis: Type.String(),
  conditions: Type.Array(Type.String()),
  materials: Type.Array(MaterialViewSchema),
  fees: Type.String(),
  timeLimitDays: Type.Integer(),
  timeLimitText: Type.String(),
  onlineLevel: OnlineLevelSchema,
  onlineLevelName: Type.String(),
  /** True for 全程网办 items: the guide offers 在线申请 (GET /api/services/:code/application-form). */
  canApplyOnline: Type.Boolean(),
  counter: Type.Object({
    address: Type.String(),
    hours: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
  }),
  faq: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() })),
  /** The application form (全程网办 items only). */
  formSchema: Type.Optional(FormSchemaSchema),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
})
export type ServiceGuide = Static<typeof ServiceGuideSchema>

export const ServiceListQuerySchema = Type.Object(
  {
    category: Type.Optional(CategorySchema),
    lifeEvent: Type.Optional(LifeEventSchema),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    audience: Type.Optional(AudienceSchema),
    onlineLevel: Type.Optional(OnlineLevelSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SERVICE_LIST_MAX_LIMIT, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
  },
  { additionalProperties: false },
)
export type ServiceListQuery = Static<typeof ServiceListQuerySchema>

/** Most popular first, then by code. */
export const ServiceListSchema = Type.Object({
  items: Type.Array(ServiceSummarySchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})
export type ServiceList = Static<typeof ServiceListSchema>

const FacetSchema = Type.Object({ key: Type.String(), name: Type.String(), count: Type.Integer() })

/** Published counts; entries with no published item are left out. In display order (departments: most items first). */
export const ServiceFacetsSchema = Type.Object({
  total: Type.Integer(),
  categories: Type.Array(FacetSchema),
  lifeEvents: Type.Array(FacetSchema),
  departments: Type.Array(FacetSchema),
  onlineLevels: Type.Array(FacetSchema),
})
export type ServiceFacets = Static<typeof ServiceFacetsSchema>

export const SearchQuerySchema = Type.Object(
  {
    /** Plain text: no operators or wildcards (`"`, `%`, `*`, `OR` are searched for as typed). */
    q: Type.String({ minLength: 1, maxLength: SEARCH_QUERY_MAX_LENGTH }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_MAX_LIMIT, default: 20 })),
    /** Where the search was made, for the demand report (the account's platform wins when logged in). */
    platform: Type.Optional(literals(['weapp', 'alipay', 'h5'] as const)),
  },
  { additionalProperties: false },
)
export type SearchQuery = Static<typeof SearchQuerySchema>

export const MatchedFieldSchema = literals(['name', 'alias', 'department'] as const)

export const SearchHitSchema = Type.Object({
  ...ServiceSummarySchema.properties,
  matchedField: MatchedFieldSchema,
  /** The text that matched: the name, the alias, or the department. */
  matchedText: Type.String(),
  /** matchedText cut into pieces; `hit` pieces are what the query matched (to highlight). */
  highlight: Type.Array(Type.Object({ text: Type.String(), hit: Type.Boolean() })),
})
export type SearchHit = Static<typeof SearchHitSchema>

/** Why the items of a result are there: real matches, or the closest / most used when nothing matched. */
export const SearchRelaxedSchema = literals(['none', 'similar', 'popular'] as const)
export type SearchRelaxed = Static<typeof SearchRelaxedSchema>

/**
 * Ranked by where the whole query occurs (exact name > name prefix > in the name > alias >
 * department), then by word relevance (synonyms, pinyin and homophones count), with a small
 * boost for popular and fully-online items; then code.
 */
export const SearchResultSchema = Type.Object({
  /** The query as searched: width-folded (ＡＢＣ → abc), lower case, spaces collapsed. */
  query: Type.String(),
  /** Real matches; 0 when `relaxed` is not `none` (the items are then suggestions, not matches). */
  total: Type.Integer(),
  /** `similar`: nothing matched well, these share words with the query; `popular`: the most used services. */
  relaxed: SearchRelaxedSchema,
  items: Type.Array(SearchHitSchema),
})
export type SearchResult = Static<typeof SearchResultSchema>

export const SuggestQuerySchema = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: SEARCH_QUERY_MAX_LENGTH }) },
  { additionalProperties: false },
)
export type SuggestQuery = Static<typeof SuggestQuerySchema>
export const SearchSuggestionSchema = Type.Object({
  code: Type.String(),
  /** The name or alias suggested. */
  text: Type.String(),
  highlight: Type.Array(Type.Object({ text: Type.String(), hit: Type.Boolean() })),
})
export type SearchSuggestion = Static<typeof SearchSuggestionSchema>
export const SuggestResultSchema = Type.Object({ items: Type.Array(SearchSuggestionSchema, { maxItems: SEARCH_SUGGESTIONS_MAX }) })
export type SuggestResult = Static<typeof SuggestResultSchema>
