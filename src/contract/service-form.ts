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
}

export interface FormSchema {
  fields: FormField[]
}

export const FORM_FIELD_TYPES: readonly FormFieldType[] = ['text', 'textarea', 'number', 'date', 'select', 'phone', 'id_number']
