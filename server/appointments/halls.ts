/**
 * Halls (办事大厅) and the items each takes bookings for, as stored (tables in ./tables.ts).
 */
import type { Kysely } from 'kysely'
import type { Hall, HallUpsert, OpeningPeriod, OperatorHall } from '../../src/contract/appointments/schemas'
import { ONLINE_LEVELS, type OnlineLevel } from '../../src/contract/services/data'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { hoursProblem, hoursText } from './slot-times'
import './tables'

export interface HallRow {
  id: string
  name: string
  address: string
  hours: string
  slot_minutes: number
  updated_at: string
}

/** The online levels whose items can be booked: 在线预约, and 在线预审 (the visit after the pre-check). */
export const BOOKABLE_LEVELS: readonly OnlineLevel[] = ['appointment', 'pre_review']

export function toHall(row: HallRow): Hall {
  const hours = JSON.parse(row.hours) as OpeningPeriod[]
  return { id: row.id, name: row.name, address: row.address, hours, hoursText: hoursText(hours), slotMinutes: Number(row.slot_minutes) }
}

export interface BookableItem {
  code: string
  name: string
  onlineLevelName: string
}

/** 404 for an unknown or unpublished item; 409 SERVICE_NOT_ONLINE for one that cannot be booked online. */
export async function loadBookableItem(db: Kysely<Database>, code: string): Promise<BookableItem> {
  const row = await db.selectFrom('service_items').select(['code', 'name', 'online_level', 'status']).where('code', '=', code).executeTakeFirst()
  if (!row || row.status !== 'published') throw new AppError('NOT_FOUND', { message: '没有找到该事项，它可能已下线，请返回事项列表查看' })
  const level = row.online_level as OnlineLevel
  if (!BOOKABLE_LEVELS.includes(level)) throw new AppError('SERVICE_NOT_ONLINE', { message: `“${row.name}”不需要预约，请按办事指南办理` })
  return { code: row.code, name: row.name, onlineLevelName: ONLINE_LEVELS[level] }
}

export async function hallsForItem(db: Kysely<Database>, itemCode: string): Promise<Hall[]> {
  const rows = await db
    .selectFrom('halls')
    .innerJoin('hall_items', 'hall_items.hall_id', 'halls.id')
    .select(['halls.id', 'halls.name', 'halls.address', 'halls.hours', 'halls.slot_minutes', 'halls.updated_at'])
    .where('hall_items.item_code', '=', itemCode)
    .orderBy('halls.id')
    .execute()
  return rows.map(toHall)
}

/** A hall serving the item, with the places per slot; 404 naming the hall otherwise. */
export async function hallForItem(db: Kysely<Database>, hallId: string, itemCode: string): Promise<{ hall: Hall; capacity: number }> {
  const row = await db
    .selectFrom('halls')
    .innerJoin('hall_items', 'hall_items.hall_id', 'halls.id')
    .select(['halls.id', 'halls.name', 'halls.address', 'halls.hours', 'halls.slot_minutes', 'halls.updated_at', 'hall_items.capacity'])
    .where('halls.id', '=', hallId)
    .where('hall_items.item_code', '=', itemCode)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', { message: '该办事大厅不办理此事项，请重新选择大厅', field: 'hallId' })
  return { hall: toHall(row), capacity: Number(row.capacity) }
}

export async function operatorHalls(db: Kysely<Database>): Promise<OperatorHall[]> {
  const [halls, items] = await Promise.all([
    db.selectFrom('halls').selectAll().orderBy('id').execute(),
    db.selectFrom('hall_items').selectAll().orderBy('hall_id').orderBy('item_code').execute(),
  ])
  return halls.map((row) => ({
    ...toHall(row),
    items: items.filter((item) => item.hall_id === row.id).map((item) => ({ itemCode: item.item_code, capacity: Number(item.capacity) })),
  }))
}

/** Creates or replaces a hall and its items in one transaction (bookings already made stay). */
export async function upsertHall(db: Kysely<Database>, id: string, hall: HallUpsert, now: Date): Promise<void> {
  const problem = hoursProblem(hall.hours)
  if (problem) throw new AppError('VALIDATION_FAILED', { message: problem, field: 'body.hours', rule: 'hours' })
  const codes = hall.items.map((item) => item.itemCode)
  if (new Set(codes).size !== codes.length) throw new AppError('VALIDATION_FAILED', { message: '同一事项只能列一次', field: 'body.items', rule: 'unique' })
  if (codes.length > 0) {
    const known = await db.selectFrom('service_items').select('code').where('code', 'in', codes).execute()
    const missing = codes.filter((code) => !known.some((row) => row.code === code))
    if (missing.length > 0) throw new AppError('VALIDATION_FAILED', { message: `没有这些事项：${missing.join('、')}`, field: 'body.items', rule: 'known item' })
  }
  await db.transaction().execute((trx) => writeHall(trx, id, hall, now))
}

/** Writes a checked hall and its items; the caller holds the transaction (the seed runs inside its own). */
export async function writeHall(trx: Kysely<Database>, id: string, hall: HallUpsert, now: Date): Promise<void> {
  const values = { name: hall.name.trim(), address: hall.address.trim(), hours: JSON.stringify(hall.hours), slot_minutes: hall.slotMinutes, updated_at: now.toISOString() }
  const updated = await trx.updateTable('halls').set(values).where('id', '=', id).executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('halls').values({ id, ...values }).execute()
  await trx.deleteFrom('hall_items').where('hall_id', '=', id).execute()
  if (hall.items.length > 0) await trx.insertInto('hall_items').values(hall.items.map((item) => ({ hall_id: id, item_code: item.itemCode, capacity: item.capacity }))).execute()
}
