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
