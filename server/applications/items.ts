import type { Kysely } from 'kysely'
import type { FormSchema, PrefillSource } from '../../src/contract/services/data'
import type { Database } from '../db/database'
import { AppError } from '../errors'

/**
 * The catalogue as applications see it: a published 全程网办 item with its form and
 * materials. Read straight from service_items (the catalogue module owns writing it), so
 * applications do not depend on the catalogue's routes.
 */

/** A material of the guide (办事指南 申请材料). */
export interface GuideMaterial {
  name: string
  copies?: number
  form?: string
  note?: string
  /** A CertificateType: the material can be taken from the citizen's own e-certificate. */
  certificateType?: string
  /** How else it is met online (server/applications/materials.ts): shared data, a form answer, an upload; or the original. */
  dataSource?: PrefillSource
  formField?: string
  upload?: boolean
  original?: string
}

export interface OnlineItem {
  code: string
  name: string
  department: string
  timeLimitDays: number
  form: FormSchema
  materials: GuideMaterial[]
}

export function itemNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到该事项，它可能已下线，请返回事项列表查看' })
}

/** 404 for an unknown or unpublished item; 409 SERVICE_NOT_ONLINE for one that is not 全程网办. */
export async function loadOnlineItem(db: Kysely<Database>, code: string): Promise<OnlineItem> {
  const row = await db
    .selectFrom('service_items')
    .select(['code', 'name', 'department', 'time_limit_days', 'online_level', 'form_schema', 'materials', 'status'])
    .where('code', '=', code)
    .executeTakeFirst()
  if (!row || row.status !== 'published') throw itemNotFound()
  // 在线预审 items are applied for online too (materials pre-checked, originals brought to the hall once): pre-review.ts.
  const preReview = row.online_level === 'pre_review'
  if (!preReview && (row.online_level !== 'full_online' || !row.form_schema)) {
    throw new AppError('SERVICE_NOT_ONLINE', { message: `“${row.name}”暂不支持全程网上办理，请按办事指南到窗口办理` })
  }
  return {
    code: row.code,
    name: row.name,
    department: row.department,
    timeLimitDays: Number(row.time_limit_days),
    form: row.form_schema ? (JSON.parse(row.form_schema) as FormSchema) : { fields: [] },
    materials: JSON.parse(row.materials) as GuideMaterial[],
  }
}

/** Name and department of items by code (for lists), whatever their status now. */
export async function itemNames(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, { name: string; department: string; form: FormSchema | null }>> {
  const names = new Map<string, { name: string; department: string; form: FormSchema | null }>()
  if (codes.length === 0) return names
  const rows = await db.selectFrom('service_items').select(['code', 'name', 'department', 'form_schema']).where('code', 'in', [...new Set(codes)]).execute()
  for (const row of rows) names.set(row.code, { name: row.name, department: row.department, form: row.form_schema ? (JSON.parse(row.form_schema) as FormSchema) : null })
  return names
}
