/**
 * The day-before reminder of a booking (在线预约, issue 15): a sweep, on a timer
 * (APPOINTMENT_REMINDER_SECONDS, unref'd, stopped on close) and callable directly
 * (`app.appointmentReminders.remindDue()`, tests and ops), that finds — from 09:00 China time, never
 * at night — the bookings still 'booked' whose day is the next working day and not yet reminded,
 * and for each one, in ONE
 * transaction:
 *   - sets reminded_at with a conditional update (still booked, still that day, still not
 *     reminded), so two nodes or two overlapping sweeps remind once: the loser updates nothing
 *     and writes nothing;
 *   - writes the message to the outbox (server/notifications/outbox.ts): one row per proven
 *     account of the citizen — sent by the dispatcher as the platform's reminder template when
 *     the account subscribed to it, and listed in the message centre (消息中心) either way.
 * A reschedule clears reminded_at (bookings.ts), so the new day gets its own reminder.
 * The message names the item, the hall and the time in words; no personal data.
 */
import type { Kysely } from 'kysely'
import { addWorkingDays, chinaDateOf } from '../applications/working-days'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { writeTransaction } from '../db/write-transaction'
import type { ProviderLogger } from '../identity/providers/upstream'
import { APPOINTMENT_REMINDER_KEY, enqueueNotifications, type NotificationPayload, type TemplateIds } from '../notifications/outbox'
import { periodicSweep } from '../jobs/periodic-sweep'
import { chinaTimeOf, dayLabel } from './slot-times'
import './tables'

export interface ReminderSummary {
  reminded: number
}

export interface AppointmentReminders {
  /** Reminds every booking on the next working day not reminded yet; resolves with how many this call reminded. */
  remindDue(): Promise<ReminderSummary>
  start(): void
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    appointmentReminders: AppointmentReminders
  }
}

const BATCH_SIZE = 50
/** No reminder is sent at night: before this time (China) the sweep waits; bookings made later that day are reminded at once. */
export const REMIND_FROM = '09:00'

/** The page of one booking in the mini-program (the appointments subpackage). */
export function appointmentPage(appointmentId: string): string {
  return `packages/appointments/pages/detail/index?id=${appointmentId}`
}

/** The slot's start as an instant: the date and time are China time (UTC+8). */
function slotStart(date: string, start: string): string {
  return new Date(`${date}T${start}:00+08:00`).toISOString()
}

export function reminderPayload(input: { itemName: string; hallName: string; hallAddress: string; date: string; start: string; end: string }): NotificationPayload {
  return {
    applicationNumber: '',
    itemName: input.itemName,
    statusName: '明日预约',
    at: slotStart(input.date, input.start),
    // The hall first: WeChat shows only 20 characters of it (thing4); the time has its own field (time3).
    note: `请到${input.hallName}办理，${dayLabel(input.date)} ${input.start}-${input.end}，地址：${input.hallAddress}，记得带上身份证件`,
    page: '',
  }
}

export function createAppointmentReminders(options: { db: Kysely<Database>; clock: Clock; templateIds: TemplateIds; log: ProviderLogger; intervalSeconds: number }): AppointmentReminders {
  const { db, clock, log } = options

  async function sweep(): Promise<ReminderSummary> {
    const summary: ReminderSummary = { reminded: 0 }
    const seen = new Set<string>()
    for (;;) {
      const now = clock()
      if (chinaTimeOf(now) < REMIND_FROM) return summary
      const day = addWorkingDays(chinaDateOf(now), 1)
      const due = await db
        .selectFrom('appointments')
        .innerJoin('halls', 'halls.id', 'appointments.hall_id')
        .leftJoin('service_items', 'service_items.code', 'appointments.item_code')
        .select(['appointments.id', 'appointments.citizen_id', 'appointments.item_code', 'appointments.date', 'appointments.start_time', 'appointments.end_time', 'halls.name as hall_name', 'halls.address as hall_address', 'service_items.name as item_name'])
        .where('appointments.status', '=', 'booked')
        .where('appointments.date', '=', day)
        .where('appointments.reminded_at', 'is', null)
        .orderBy('appointments.start_time')
        .orderBy('appointments.id')
        .limit(BATCH_SIZE)
        .execute()
      const fresh = due.filter((row) => !seen.has(row.id))
      if (fresh.length === 0) return summary
      for (const row of fresh) {
        seen.add(row.id)
        const reminded = await writeTransaction(db, async (trx) => {
          const claimed = await trx
            .updateTable('appointments')
            .set({ reminded_at: now.toISOString() })
            .where('id', '=', row.id)
            .where('status', '=', 'booked')
            .where('date', '=', row.date)
            .where('start_time', '=', row.start_time)
            .where('reminded_at', 'is', null)
            .executeTakeFirst()
          if (Number(claimed.numUpdatedRows) !== 1) return false
          const payload = reminderPayload({ itemName: row.item_name ?? row.item_code, hallName: row.hall_name, hallAddress: row.hall_address, date: row.date, start: row.start_time, end: row.end_time })
          await enqueueNotifications(trx, {
            appointmentId: row.id,
            citizenId: row.citizen_id,
            templateKey: APPOINTMENT_REMINDER_KEY,
            payload: { ...payload, page: appointmentPage(row.id) },
            templateIds: options.templateIds,
            now,
          })
          return true
        })
        if (reminded) summary.reminded++
      }
    }
  }

  const sweeps = periodicSweep(sweep, { intervalSeconds: options.intervalSeconds, onError: (error) => log.error({ err: error }, 'appointment reminders failed') })

  return { remindDue: sweeps.run, start: sweeps.start, stop: sweeps.stop }
}
