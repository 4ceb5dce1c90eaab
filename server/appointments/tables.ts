/**
 * The appointments tables (migration 2026-12-06T11-00-00_appointments), added to the app's
 * Database type by declaration merging so the shared server/db/database.ts stays as it is.
 */
import type { AppointmentStatus } from '../../src/contract/appointments/data'

export interface HallsTable {
  id: string
  name: string
  address: string
  /** JSON OpeningPeriod[] */
  hours: string
  slot_minutes: number
  updated_at: string
}

export interface HallItemsTable {
  hall_id: string
  item_code: string
  capacity: number
}

export interface AppointmentSlotsTable {
  hall_id: string
  item_code: string
  date: string
  start_time: string
  capacity: number
  booked: number
}

export interface AppointmentsTable {
  id: string
  citizen_id: string
  item_code: string
  hall_id: string
  date: string
  start_time: string
  end_time: string
  status: AppointmentStatus
  created_at: string
  updated_at: string
  checked_in_at: string | null
  checked_in_by: string | null
  reminded_at: string | null
}

declare module '../db/database' {
  interface Database {
    halls: HallsTable
    hall_items: HallItemsTable
    appointment_slots: AppointmentSlotsTable
    appointments: AppointmentsTable
  }
}
