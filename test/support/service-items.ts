/**
 * Service items for the applications suites, inserted straight into service_items (the
 * catalogue's seed may hold others; these stay so the suites do not depend on its content):
 *   - APPLY_ITEM: published, 全程网办, 5 working days; its form prefills from every kind of
 *     source (population, social security, each certificate field) and has one field per
 *     validation rule; two materials can come from certificates, one must go to the counter.
 *   - INSTANT_ITEM: the same form with a limit of 0 (即办).
 *   - COUNTER_ITEM: published but only 在线预约 (not online): 409 SERVICE_NOT_ONLINE.
 *   - DRAFT_ITEM: full_online but a draft: 404.
 */
import type { Kysely } from 'kysely'
import type { Insertable } from 'kysely'
import type { Database, ServiceItemsTable } from '../../server/db/database'
import type { FormSchema } from '../../src/contract/services/data'

export const APPLY_FORM: FormSchema = {
  fields: [
    { key: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: { source: 'population.name', locked: true } },
    { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, prefill: { source: 'population.id_number', locked: true } },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: { source: 'population.phone', locked: false } },
    { key: 'address', label: '户籍地址', type: 'text', required: false, prefill: { source: 'population.address', locked: true } },
    { key: 'sex', label: '性别', type: 'select', required: true, options: ['男', '女'], prefill: { source: 'population.sex', locked: true } },
    { key: 'birthDate', label: '出生日期', type: 'date', required: true, prefill: { source: 'population.birth_date', locked: true } },
    { key: 'employer', label: '工作单位', type: 'text', required: false, prefill: { source: 'social_security.employer', locked: false } },
    { key: 'licenceNumber', label: '驾驶证号', type: 'text', required: false, prefill: { source: 'certificate.driving_licence.licenceNumber', locked: true } },
    { key: 'householdAddress', label: '户口簿住址', type: 'text', required: false, prefill: { source: 'certificate.household_register.address', locked: true } },
    { key: 'creditCode', label: '统一社会信用代码', type: 'text', required: false, prefill: { source: 'certificate.business_licence.creditCode', locked: true } },
    { key: 'companyName', label: '企业名称', type: 'text', required: false, prefill: { source: 'certificate.business_licence.companyName', locked: true } },
    { key: 'spouseName', label: '配偶姓名', type: 'text', required: false, prefill: { source: 'certificate.marriage_certificate.spouseName', locked: true } },
    { key: 'reason', label: '申请事由', type: 'textarea', required: true, maxLength: 100 },
    { key: 'copies', label: '申领份数', type: 'number', required: true, min: 1, max: 5 },
    { key: 'moveDate', label: '迁入日期', type: 'date', required: false },
    { key: 'category', label: '证明类别', type: 'select', required: true, options: ['户籍证明', '无犯罪记录证明'] },
    { key: 'contactPhone', label: '备用电话', type: 'phone', required: false },
    { key: 'agentIdNumber', label: '代办人身份证号', type: 'id_number', required: false },
  ],
}

/** Values for the fields the citizen fills in, valid for APPLY_FORM. */
export const VALID_VALUES = { reason: '办理子女入学', copies: 2, category: '户籍证明' }

const MATERIALS = [
  { name: '机动车驾驶证', copies: 1, form: '原件', certificateType: 'driving_licence' },
  { name: '户口簿', copies: 1, form: '原件', certificateType: 'household_register' },
  { name: '单位介绍信', copies: 1, form: '原件', note: '加盖单位公章' },
]

export interface TestItem {
  code: string
  name: string
  department: string
  timeLimitDays: number
}

export const APPLY_ITEM: TestItem = { code: 'TEST000000000000APPLY01', name: '户籍类证明开具（测试）', department: '市公安局', timeLimitDays: 5 }
export const INSTANT_ITEM: TestItem = { code: 'TEST000000000000INSTANT', name: '社保参保证明打印（测试）', department: '市人力资源和社会保障局', timeLimitDays: 0 }
export const COUNTER_ITEM: TestItem = { code: 'TEST000000000000COUNTER', name: '护照首次申领（测试）', department: '市公安局出入境管理局', timeLimitDays: 7 }
export const DRAFT_ITEM: TestItem = { code: 'TEST000000000000DRAFT01', name: '尚未发布的事项（测试）', department: '市民政局', timeLimitDays: 3 }

function row(item: TestItem): Insertable<ServiceItemsTable> {
  const now = '2026-11-01T00:00:00.000Z'
  return {
    code: item.code,
    name: item.name,
    aliases: '[]',
    department: item.department,
    audiences: '["personal"]',
    category: '户籍办理',
    life_events: '[]',
    region: '北京市',
    legal_basis: '《中华人民共和国户口登记条例》',
    conditions: '["本市户籍居民"]',
    materials: JSON.stringify(MATERIALS),
    fees: '不收费',
    time_limit_days: item.timeLimitDays,
    online_level: 'full_online',
    counter_address: '市政务服务中心一层',
    counter_hours: '工作日 9:00-17:00',
    contact_phone: '12345',
    faq: '[]',
    form_schema: JSON.stringify(APPLY_FORM),
    status: 'published',
    popularity: 0,
    created_at: now,
    updated_at: now,
    published_at: now,
  }
}

/** Inserts the test items (once; later calls change nothing). */
export async function insertTestItems(db: Kysely<Database>): Promise<void> {
  const rows = [
    row(APPLY_ITEM),
    row(INSTANT_ITEM),
    { ...row(COUNTER_ITEM), online_level: 'appointment' as const, form_schema: null },
    { ...row(DRAFT_ITEM), status: 'draft' as const, published_at: null },
  ]
  for (const item of rows) await db.insertInto('service_items').values(item).onConflict((conflict) => conflict.column('code').doNothing()).execute()
}
