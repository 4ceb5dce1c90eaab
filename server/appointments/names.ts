import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { AppointmentRow } from './bookings'
import { toAppointment } from './bookings'
import type { Appointment } from '../../src/contract/appointments/schemas'

/** Bookings as the citizen reads them: with the item's and the hall's names (whatever their status now). */
export async function appointmentViews(db: Kysely<Database>, rows: readonly AppointmentRow[]): Promise<Appointment[]> {
  if (rows.length === 0) return []
  const [items, halls] = await Promise.all([
    db.selectFrom('service_items').select(['code', 'name']).where('code', 'in', [...new Set(rows.map((row) => row.item_code))]).execute(),
    db.selectFrom('halls').select(['id', 'name', 'address']).where('id', 'in', [...new Set(rows.map((row) => row.hall_id))]).execute(),
  ])
  return rows.map((row) => {
    const hall = halls.find((candidate) => candidate.id === row.hall_id) ?? { id: row.hall_id, name: row.hall_id, address: '' }
    return toAppointment(row, items.find((item) => item.code === row.item_code)?.name ?? row.item_code, hall)
  })
}
