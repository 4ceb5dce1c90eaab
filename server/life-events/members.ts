import type { Kysely } from 'kysely'
import type { LifeEventPackage } from '../../src/contract/life-events/data'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import type { GuideMaterial } from '../applications/items'

/** A member of a package as the catalogue holds it now: its department receives the member's application. */
export interface MemberItem {
  code: string
  name: string
  department: string
  timeLimitDays: number
  materials: GuideMaterial[]
  published: boolean
}

/**
 * The package's member items from the catalogue, in the package's order. A member missing
 * from the catalogue is a deployment fault (the demo seed adds them all); one an operator
 * retired stops the package from being submitted (see requirePublished).
 */
export async function loadMembers(db: Kysely<Database>, definition: LifeEventPackage): Promise<MemberItem[]> {
  const codes = definition.members.map((member) => member.itemCode)
  const rows = await db
    .selectFrom('service_items')
    .select(['code', 'name', 'department', 'time_limit_days', 'materials', 'status'])
    .where('code', 'in', codes)
    .execute()
  const byCode = new Map(rows.map((row) => [row.code, row]))
  return codes.map((code) => {
    const row = byCode.get(code)
    if (!row) return { code, name: code, department: '', timeLimitDays: 0, materials: [], published: false }
    return {
      code,
      name: row.name,
      department: row.department,
      timeLimitDays: Number(row.time_limit_days),
      materials: JSON.parse(row.materials) as GuideMaterial[],
      published: row.status === 'published',
    }
  })
}

/** 409 naming the item when a member is not published: the package cannot be applied for as a whole. */
export function requirePublished(definition: LifeEventPackage, members: readonly MemberItem[]): void {
  const missing = members.find((member) => !member.published)
  if (missing) {
    throw new AppError('SERVICE_NOT_ONLINE', {
      field: `members.${missing.code}`,
      message: `“${definition.name}”中的“${missing.name}”暂停网上办理，请按办事指南到窗口办理`,
    })
  }
}

export function packageNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到该“一件事”，请返回“一件事一次办”刷新后重试' })
}

/** A member's `fromMembers` with each producing member's item name, as the catalogue names it now. */
export function producersOf(definition: LifeEventPackage, memberIndex: number, members: readonly MemberItem[]): Record<string, string> {
  const names: Record<string, string> = {}
  for (const [material, code] of Object.entries(definition.members[memberIndex]?.fromMembers ?? {})) {
    const producer = members[definition.members.findIndex((member) => member.itemCode === code)]
    if (producer) names[material] = producer.name
  }
  return names
}
