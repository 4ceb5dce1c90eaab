/**
 * Booking, cancelling, rescheduling and checking in: the rules and the counters.
 *
 * No overbooking under concurrency: a place is taken by ONE conditional update of the slot's
 * counter (`booked = booked + 1 … where booked < capacity`) inside a write transaction
 * (server/db/write-transaction.ts), never by reading the count and writing it back. On
 * PostgreSQL concurrent updates of the row wait for each other and re-check the condition; on
 * SQLite BEGIN IMMEDIATE runs them one at a time. Whoever finds no place left gets 409 SLOT_FULL.
 * One active booking per citizen per item is a partial unique index (APPOINTMENT_EXISTS).
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { APPOINTMENT_STATUSES } from '../../src/contract/appointments/data'
import type { Appointment, Hall, SlotDay } from '../../src/contract/appointments/schemas'
import { addCalendarDays, chinaDateOf, isWorkingDay } from '../applications/working-days'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { isUniqueViolation } from '../db/unique-violation'
import { writeTransaction } from '../db/write-transaction'
import { AppError } from '../errors'
import { hallForItem } from './halls'
import { chinaTimeOf, dayLabel, slotTimes } from './slot-times'
import type { AppointmentsTable } from './tables'

export interface BookingRules {
  db: Kysely<Database>
  clock: Clock
  /** APPOINTMENT_WINDOW_DAYS: the last bookable day is today + this. */
  windowDays: number
}

export type AppointmentRow = AppointmentsTable

export function appointmentNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到该预约，请返回“我的预约”刷新后查看' })
}

export function lastBookableDay(rules: BookingRules): string {
  return addCalendarDays(chinaDateOf(rules.clock()), rules.windowDays)
}

/** Why a day cannot be booked at all, in words; undefined when it can. */
function dayClosed(rules: BookingRules, date: string): string | undefined {
  const today = chinaDateOf(rules.clock())
  if (date < today) return '日期已过'
  if (date > lastBookableDay(rules)) return `只能预约${rules.windowDays}天内的时段`
  if (!isWorkingDay(date)) return '非工作日，大厅不开放'
  return undefined
}

/** The days from `from` with each slot's places left; full slots are listed as full, past ones left out. */
export async function slotDays(rules: BookingRules, hallId: string, itemCode: string, from: string | undefined, days: number): Promise<SlotDay[]> {
  const { hall, capacity } = await hallForItem(rules.db, hallId, itemCode)
  const now = rules.clock()
  const today = chinaDateOf(now)
  const first = from && from > today ? from : today
  const dates = Array.from({ length: days }, (_, index) => addCalendarDays(first, index)).filter((date) => date <= lastBookableDay(rules))
  const counters = dates.length === 0
    ? []
    : await rules.db
        .selectFrom('appointment_slots')
        .select(['date', 'start_time', 'capacity', 'booked'])
        .where('hall_id', '=', hallId)
        .where('item_code', '=', itemCode)
        .where('date', 'in', dates)
        .execute()
  const counterOf = new Map(counters.map((row) => [`${row.date} ${row.start_time}`, row]))
  const nowTime = chinaTimeOf(now)
  return dates.map((date) => {
    const closed = dayClosed(rules, date)
    if (closed) return { date, label: dayLabel(date), open: false, closedReason: closed, slots: [] }
    const slots = slotTimes(hall.hours, hall.slotMinutes)
      .filter((slot) => date > today || slot.start > nowTime)
      .map((slot) => {
        const counter = counterOf.get(`${date} ${slot.start}`)
        const places = counter ? Number(counter.capacity) : capacity
        const left = Math.max(0, places - Number(counter?.booked ?? 0))
        return { ...slot, capacity: places, left, full: left === 0 }
      })
    return { date, label: dayLabel(date), open: true, slots }
  })
}

/** The slot asked for, if the hall offers it that day and it is still ahead; 400 naming the field otherwise. */
function checkSlot(rules: BookingRules, hall: Hall, date: string, start: string): { start: string; end: string } {
  const closed = dayClosed(rules, date)
  if (closed) throw new AppError('VALIDATION_FAILED', { message: `${dayLabel(date)}不能预约：${closed}`, field: 'body.date', rule: 'bookable day' })
  const slot = slotTimes(hall.hours, hall.slotMinutes).find((candidate) => candidate.start === start)
  if (!slot) throw new AppError('VALIDATION_FAILED', { message: `${hall.name}没有 ${start} 开始的时段，请重新选择`, field: 'body.start', rule: 'slot' })
  const now = rules.clock()
  if (date === chinaDateOf(now) && start <= chinaTimeOf(now)) {
    throw new AppError('VALIDATION_FAILED', { message: `${start} 的时段已经开始，请选择之后的时段`, field: 'body.start', rule: 'future slot' })
  }
  return slot
}

type Trx = Kysely<Database>

/** Takes one place of a slot, or throws SLOT_FULL. The counter row is created on first use. */
async function takePlace(trx: Trx, slot: { hallId: string; itemCode: string; date: string; start: string }, capacity: number): Promise<void> {
  await trx
    .insertInto('appointment_slots')
    .values({ hall_id: slot.hallId, item_code: slot.itemCode, date: slot.date, start_time: slot.start, capacity, booked: 0 })
    .onConflict((conflict) => conflict.columns(['hall_id', 'item_code', 'date', 'start_time']).doNothing())
    .execute()
  const taken = await trx
    .updateTable('appointment_slots')
    .set({ booked: sql`booked + 1` })
    .where('hall_id', '=', slot.hallId)
    .where('item_code', '=', slot.itemCode)
    .where('date', '=', slot.date)
    .where('start_time', '=', slot.start)
    .where(sql<boolean>`booked < capacity`)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) === 0) {
    throw new AppError('SLOT_FULL', { message: `${dayLabel(slot.date)} ${slot.start} 的时段已约满（最后一个名额已被预约），请选择其他时段` })
  }
}

async function givePlaceBack(trx: Trx, row: Pick<AppointmentRow, 'hall_id' | 'item_code' | 'date' | 'start_time'>): Promise<void> {
  await trx
    .updateTable('appointment_slots')
    .set({ booked: sql`booked - 1` })
    .where('hall_id', '=', row.hall_id)
    .where('item_code', '=', row.item_code)
    .where('date', '=', row.date)
    .where('start_time', '=', row.start_time)
    .where('booked', '>', 0)
    .execute()
}

function alreadyBooked(): AppError {
  return new AppError('APPOINTMENT_EXISTS', { message: '您已预约了该事项的一个时段，如需换时间请在“我的预约”中改约，或先取消原预约' })
}

export async function book(rules: BookingRules, citizenId: string, request: { itemCode: string; hallId: string; date: string; start: string }): Promise<AppointmentRow> {
  const { hall, capacity } = await hallForItem(rules.db, request.hallId, request.itemCode)
  const slot = checkSlot(rules, hall, request.date, request.start)
  const now = rules.clock().toISOString()
  const row: AppointmentRow = {
    id: randomBytes(16).toString('base64url'),
    citizen_id: citizenId,
    item_code: request.itemCode,
    hall_id: hall.id,
    date: request.date,
    start_time: slot.start,
    end_time: slot.end,
    status: 'booked',
    created_at: now,
    updated_at: now,
    checked_in_at: null,
    checked_in_by: null,
    reminded_at: null,
  }
  try {
    await writeTransaction(rules.db, async (trx) => {
      const held = await trx.selectFrom('appointments').select('id').where('citizen_id', '=', citizenId).where('item_code', '=', request.itemCode).where('status', '=', 'booked').executeTakeFirst()
      if (held) throw alreadyBooked()
      await takePlace(trx, { hallId: hall.id, itemCode: request.itemCode, date: request.date, start: slot.start }, capacity)
      await trx.insertInto('appointments').values(row).execute()
    })
  } catch (error) {
    // The same citizen booking twice at the same moment: the partial unique index decides.
    if (isUniqueViolation(error)) throw alreadyBooked()
    throw error
  }
  return row
}

export async function findForCitizen(db: Kysely<Database>, citizenId: string, id: string): Promise<AppointmentRow | undefined> {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst()
}

function notBooked(row: AppointmentRow, action: string): AppError {
  return new AppError('APPOINTMENT_STATUS_CONFLICT', { message: `该预约${APPOINTMENT_STATUSES[row.status]}，不能${action}` })
}

export async function cancel(rules: BookingRules, citizenId: string, id: string): Promise<AppointmentRow> {
  return writeTransaction(rules.db, async (trx) => {
    const row = await findForCitizen(trx, citizenId, id)
    if (!row) throw appointmentNotFound()
    const updated = await trx.updateTable('appointments').set({ status: 'cancelled', updated_at: rules.clock().toISOString() }).where('id', '=', id).where('status', '=', 'booked').executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw notBooked(row, '取消')
    await givePlaceBack(trx, row)
    return { ...row, status: 'cancelled' as const }
  })
}

/**
 * Moves a booking to another slot in one transaction: the new place is taken first, then the
 * old one given back. If the new slot is full (or anything fails) nothing changes: the citizen
 * never holds two places and never loses the one they had.
 */
export async function reschedule(rules: BookingRules, citizenId: string, id: string, request: { hallId: string; date: string; start: string }): Promise<AppointmentRow> {
  const current = await findForCitizen(rules.db, citizenId, id)
  if (!current) throw appointmentNotFound()
  const { hall, capacity } = await hallForItem(rules.db, request.hallId, current.item_code)
  const slot = checkSlot(rules, hall, request.date, request.start)
  return writeTransaction(rules.db, async (trx) => {
    const row = await findForCitizen(trx, citizenId, id)
    if (!row) throw appointmentNotFound()
    if (row.status !== 'booked') throw notBooked(row, '改约')
    if (row.hall_id === hall.id && row.date === request.date && row.start_time === slot.start) {
      throw new AppError('VALIDATION_FAILED', { message: '新时段与原预约相同，请选择另一个时段', field: 'body.start', rule: 'another slot' })
    }
    await takePlace(trx, { hallId: hall.id, itemCode: row.item_code, date: request.date, start: slot.start }, capacity)
    const moved = { hall_id: hall.id, date: request.date, start_time: slot.start, end_time: slot.end, updated_at: rules.clock().toISOString(), reminded_at: null }
    const updated = await trx.updateTable('appointments').set(moved).where('id', '=', id).where('status', '=', 'booked').executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw notBooked(row, '改约')
    await givePlaceBack(trx, row)
    return { ...row, ...moved }
  })
}

/** Records arrival once: only a booked appointment becomes checked in (a second scan finds it done). */
export async function checkIn(db: Kysely<Database>, id: string, by: string, now: Date): Promise<boolean> {
  const updated = await db.updateTable('appointments').set({ status: 'checked_in', checked_in_at: now.toISOString(), checked_in_by: by, updated_at: now.toISOString() }).where('id', '=', id).where('status', '=', 'booked').executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** Bookings still ahead first (soonest first), then the rest (latest first). */
export async function listForCitizen(db: Kysely<Database>, citizenId: string): Promise<AppointmentRow[]> {
  const rows = await db.selectFrom('appointments').selectAll().where('citizen_id', '=', citizenId).orderBy('date', 'desc').orderBy('start_time', 'desc').limit(100).execute()
  const booked = rows.filter((row) => row.status === 'booked').reverse()
  return [...booked, ...rows.filter((row) => row.status !== 'booked')]
}

export function toAppointment(row: AppointmentRow, itemName: string, hall: { id: string; name: string; address: string }): Appointment {
  return {
    id: row.id,
    itemCode: row.item_code,
    itemName,
    hall,
    date: row.date,
    start: row.start_time,
    end: row.end_time,
    when: `${dayLabel(row.date)} ${row.start_time}-${row.end_time}`,
    status: row.status,
    statusName: APPOINTMENT_STATUSES[row.status],
    createdAt: row.created_at,
    ...(row.checked_in_at ? { checkedInAt: row.checked_in_at } : {}),
  }
}
