import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { createAppointmentCodeSigner } from './appointment-code'
import type { BookingRules } from './bookings'
import { configuredReminderTemplateIds } from '../notifications/context'
import { operatorAppointmentRoutes } from './operator-routes'
import { createAppointmentReminders } from './reminders'
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
  // The day-before reminder: its own timer, like the notification dispatcher's.
  const reminders = createAppointmentReminders({ db: app.db, clock, templateIds: configuredReminderTemplateIds(config), log: app.log, intervalSeconds: config.appointmentReminderSeconds })
  app.decorate('appointmentReminders', reminders)
  app.addHook('onReady', async () => reminders.start())
  app.addHook('preClose', async () => reminders.stop())
}
