import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { createAppointmentCodeSigner } from './appointment-code'
import type { BookingRules } from './bookings'
import { operatorAppointmentRoutes } from './operator-routes'
import { appointmentRoutes } from './routes'
import './tables'

/**
 * 在线预约: halls with opening hours and places per slot, citizens' bookings (book, cancel,
 * reschedule; the working calendar and the booking window respected), the QR the hall scans.
 */
export async function registerAppointments(app: FastifyInstance, { config, clock }: AppDeps): Promise<void> {
  const rules: BookingRules = { db: app.db, clock, windowDays: config.appointmentWindowDays }
  const codes = createAppointmentCodeSigner(config.identityHashKey)
  await app.register(appointmentRoutes, { rules, codes })
  await app.register(operatorAppointmentRoutes, { rules, codes })
}
