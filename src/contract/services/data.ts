/**
 * Service-catalogue (一网通办) words and tables the client may import at run time: online
 * levels, audiences, life events, categories and item statuses. Plain data with no TypeBox
 * import, so a page can import it without pulling the schema runtime into the mini-program
 * bundle (services.ts is for `import type` only on the client). Every response also carries
 * the words it needs ready-made (onlineLevelName, audiences[].name…), so a page only needs
 * these tables to build filters.
 */

/** How far an item can be done online (网上办理深度), from least to most. */
export const ONLINE_LEVELS = {
  info: '信息公开',
  appointment: '在线预约',
  pre_review: '在线预审',
  full_online: '全程网办',
} as const
export type OnlineLevel = keyof typeof ONLINE_LEVELS
export const ONLINE_LEVEL_KEYS = Object.keys(ONLINE_LEVELS) as OnlineLevel[]

/** Who an item is for (服务对象). */
export const AUDIENCES = {
  personal: '个人',
  legal_person: '法人',
} as const
export type Audience = keyof typeof AUDIENCES
export const AUDIENCE_KEYS = Object.keys(AUDIENCES) as Audience[]

/** Life events (主题/一件事): how citizens think of what they need, in display order. */
export const LIFE_EVENTS = {
  birth: '出生',
  school: '上学',
  employment: '就业',
  marriage: '结婚',
  housing: '住房',
  driving: '驾驶出行',
  medical: '就医',
  social_security: '社保',
  relocation: '户籍迁移',
  retirement: '退休',
  death: '身后事',
  business_startup: '开办企业',
  tax: '纳税',
} as const
export type LifeEvent = keyof typeof LIFE_EVENTS
export const LIFE_EVENT_KEYS = Object.keys(LIFE_EVENTS) as LifeEvent[]

/** Categories (事项分类), in display order; an item belongs to exactly one. */
export const CATEGORIES = [
  '户籍办理',
  '证件办理',
  '社会保险',
  '就业创业',
  '医疗保障',
  '婚姻登记',
  '民政服务',
  '市场主体',
  '税务服务',
  '住房公积金',
  '不动产登记',
  '卫生健康',
  '教育服务',
  '交通出行',
] as const
export type Category = (typeof CATEGORIES)[number]

/** An item's publication state; only published items are visible to citizens. */
export const SERVICE_STATUSES = {
  draft: '草稿',
  published: '已发布',
  retired: '已下线',
} as const
export type ServiceStatus = keyof typeof SERVICE_STATUSES
export const SERVICE_STATUS_KEYS = Object.keys(SERVICE_STATUSES) as ServiceStatus[]

/** Where a search hit was found, in words (搜索结果上的“命中：别名”). */
export const MATCHED_FIELDS = {
  name: '事项名称',
  alias: '别名',
  department: '实施部门',
} as const
export type MatchedField = keyof typeof MATCHED_FIELDS

/** Search limits the client mirrors in its input box. */
export const SEARCH_QUERY_MAX_LENGTH = 40

/** The label on a material the citizen can provide from their own e-certificates. */
export const FROM_CERTIFICATE_LABEL = '可用电子证照，免提交'

/** The promised time limit in words: 0 working days is 即办. */
export function timeLimitText(days: number): string {
  return days === 0 ? '即办' : `${days}个工作日`
}

/**
 * The application form of a 全程网办 item (its `formSchema`), shared by the catalogue
 * (import validates it), the applications module (prefill + validation of a submit) and
 * the client (renders it). Plain types and tables only: no TypeBox here, so the client
 * may import values from this file.
 *
 * A field the government already holds names its `prefill` source: the server fills it
 * from the citizen's own records, shows it masked with its source label (来自 公安人口库),
 * and — when `locked` — ignores whatever the client sends for it and uses its own copy.
 */

export type FormFieldType = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'phone' | 'id_number'

/** Where a prefilled value comes from; the label is what the citizen reads. */
export const PREFILL_SOURCES = {
  'population.name': { label: '公安人口库', field: '姓名' },
  'population.id_number': { label: '公安人口库', field: '公民身份号码' },
  'population.phone': { label: '公安人口库', field: '联系电话' },
  'population.address': { label: '公安人口库', field: '户籍地址' },
  'population.sex': { label: '公安人口库', field: '性别' },
  'population.birth_date': { label: '公安人口库', field: '出生日期' },
  'social_security.employer': { label: '人社 社保系统', field: '参保单位' },
  'certificate.driving_licence.licenceNumber': { label: '电子证照库', field: '驾驶证号' },
  'certificate.household_register.address': { label: '电子证照库', field: '户口簿住址' },
  'certificate.business_licence.creditCode': { label: '电子证照库', field: '统一社会信用代码' },
  'certificate.business_licence.companyName': { label: '电子证照库', field: '企业名称' },
  'certificate.marriage_certificate.spouseName': { label: '电子证照库', field: '配偶姓名' },
} as const

export type PrefillSource = keyof typeof PREFILL_SOURCES
export const PREFILL_SOURCE_KEYS = Object.keys(PREFILL_SOURCES) as PrefillSource[]

export interface FormField {
  /** camelCase, unique within the form: the key in the submitted `values`. */
  key: string
  label: string
  type: FormFieldType
  required: boolean
  /** For text/textarea: at most this many characters (default 200 / 2000). */
  maxLength?: number
  /** For number: inclusive bounds. */
  min?: number
  max?: number
  /** For select: the allowed values, shown in this order. */
  options?: string[]
  /** A short hint under the field (e.g. 请填写工作单位全称). */
  hint?: string
  /** Filled by the server from the citizen's own records. */
  prefill?: { source: PrefillSource; locked: boolean }
  /** A text field holding a bank card or account number (12-19 digits): checked as one, masked in every response. */
  format?: 'bank_account'
}

export interface FormSchema {
  fields: FormField[]
}

export const FORM_FIELD_TYPES: readonly FormFieldType[] = ['text', 'textarea', 'number', 'date', 'select', 'phone', 'id_number']

/**
 * How a material of a guide can be met online (optional fields of MaterialImport, by the
 * item's data): in this order, per citizen — an e-certificate they hold (certificateType),
 * data the government holds (dataSource, a prefill source that resolves for them), a field
 * of the form (formField), an upload (upload); only `original` (the law wants the original)
 * sends it by post or to the counter.
 */
export type MaterialProvision = 'certificate' | 'data' | 'form' | 'upload' | 'counter'
export const MATERIAL_PROVISIONS: readonly MaterialProvision[] = ['certificate', 'data', 'form', 'upload', 'counter']

export const IMPORT_MAX_ITEMS = 2000

export const SERVICE_LIST_MAX_LIMIT = 50

// --- search --------------------------------------------------------------------------------------
export const SEARCH_MAX_LIMIT = 50

export const SEARCH_SUGGESTIONS_MAX = 8
