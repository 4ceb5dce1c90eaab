import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { APPOINTMENT_CODE_TTL_SECONDS } from '../../src/contract/appointments/data'
import {
  AppointmentCodeSchema,
  AppointmentHallsSchema,
  AppointmentListSchema,
  AppointmentParamsSchema,
  AppointmentSchema,
  BookRequestSchema,
  HallsQuerySchema,
  RescheduleRequestSchema,
  SlotDaysSchema,
  SlotsQuerySchema,
} from '../../src/contract/appointments/schemas'
import { citizenIdOf } from '../certificates/access'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import type { AppointmentCodeSigner } from './appointment-code'
import { appointmentNotFound, book, cancel, findForCitizen, lastBookableDay, listForCitizen, reschedule, slotDays, type AppointmentRow, type BookingRules } from './bookings'
import { hallsForItem, loadBookableItem } from './halls'
import { appointmentViews } from './names'

export const APPOINTMENT_AUDIT_EVENTS = {
  book: 'appointment.book',
  cancel: 'appointment.cancel',
  reschedule: 'appointment.reschedule',
  checkIn: 'appointment.check_in',
  hallUpsert: 'appointment.hall_upsert',
  slotCapacity: 'appointment.slot_capacity',
} as const

export interface AppointmentRoutesOptions {
  rules: BookingRules
  codes: AppointmentCodeSigner
}

/** Citizens (proven identity) book, follow, cancel and reschedule visits to a hall. */
export const appointmentRoutes: FastifyPluginAsyncTypebox<AppointmentRoutesOptions> = async (app, { rules, codes }) => {
  noStore(app)
  const view = async (row: AppointmentRow) => (await appointmentViews(rules.db, [row]))[0]!

  app.get(
    '/api/appointments/halls',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'The halls that take bookings for an item labelled 在线预约 or 在线预审, with opening hours and the last bookable day',
        tags: ['appointments'],
        querystring: HallsQuerySchema,
        response: withErrors(AppointmentHallsSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const item = await loadBookableItem(rules.db, request.query.item)
      return { item, halls: await hallsForItem(rules.db, item.code), lastDay: lastBookableDay(rules) }
    },
  )

  app.get(
    '/api/appointments/slots',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "A hall's slots for an item, day by day from `from` (default today) for `days` (default 7): closed days (holidays and weekends on the working calendar, past the booking window) say why; full slots are listed as full",
        tags: ['appointments'],
        querystring: SlotsQuerySchema,
        response: withErrors(SlotDaysSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const { item, hall, from, days = 7 } = request.query
      await loadBookableItem(rules.db, item)
      return { hallId: hall, itemCode: item, days: await slotDays(rules, hall, item, from, days) }
    },
  )

  app.post(
    '/api/appointments',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Books a slot: 201 the booking; 409 SLOT_FULL when no place is left (also when the last one went to a request a moment earlier), 409 APPOINTMENT_EXISTS when the citizen already holds a booking for the item. Audited',
        tags: ['appointments'],
        body: BookRequestSchema,
        response: withErrors(AppointmentSchema, [400, 401, 403, 404, 409], 201),
      },
    },
    async (request, reply) => {
      const identity = identityOf(request)
      await loadBookableItem(rules.db, request.body.itemCode)
      const row = await book(rules, citizenIdOf(identity), request.body)
      await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.book, ...auditSource(request), detail: { appointmentId: row.id, itemCode: row.item_code, hallId: row.hall_id, date: row.date, start: row.start_time } })
      return reply.code(201).send(await view(row))
    },
  )

  app.get(
    '/api/appointments',
    {
      preHandler: app.requireLevel(4),
      schema: { summary: "The citizen's bookings: those still booked first (soonest first), then cancelled and checked-in ones (latest first)", tags: ['appointments'], response: withErrors(AppointmentListSchema, [401, 403]) },
    },
    async (request) => ({ items: await appointmentViews(rules.db, await listForCitizen(rules.db, citizenIdOf(identityOf(request)))) }),
  )

  app.get(
    '/api/appointments/:id',
    {
      preHandler: app.requireLevel(4),
      schema: { summary: "One of the citizen's bookings; another citizen's is 404", tags: ['appointments'], params: AppointmentParamsSchema, response: withErrors(AppointmentSchema, [400, 401, 403, 404]) },
    },
    async (request) => {
      const row = await findForCitizen(rules.db, citizenIdOf(identityOf(request)), request.params.id)
      if (!row) throw appointmentNotFound()
      return view(row)
    },
  )

  app.get(
    '/api/appointments/:id/code',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The QR the hall scans (预约码): signed, valid 5 minutes, no personal data in it; only for a booking still booked (else 409 APPOINTMENT_STATUS_CONFLICT); another citizen's is 404",
        tags: ['appointments'],
        params: AppointmentParamsSchema,
        response: withErrors(AppointmentCodeSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const row = await findForCitizen(rules.db, citizenIdOf(identityOf(request)), request.params.id)
      if (!row) throw appointmentNotFound()
      if (row.status !== 'booked') {
        throw new AppError('APPOINTMENT_STATUS_CONFLICT', { message: row.status === 'checked_in' ? '您已到场登记，无需再出示预约码' : '该预约已取消，预约码不再可用' })
      }
      const exp = Math.floor(rules.clock().getTime() / 1000) + APPOINTMENT_CODE_TTL_SECONDS
      return { code: codes.sign(row.id, exp), expiresAt: new Date(exp * 1000).toISOString() }
    },
  )

  app.post(
    '/api/appointments/:id/cancel',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Cancels a booking and gives its place back; only while booked (else 409 APPOINTMENT_STATUS_CONFLICT). Audited',
        tags: ['appointments'],
        params: AppointmentParamsSchema,
        response: withErrors(AppointmentSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const row = await cancel(rules, citizenIdOf(identityOf(request)), request.params.id)
      await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.cancel, ...auditSource(request), detail: { appointmentId: row.id } })
      return view(row)
    },
  )

  app.post(
    '/api/appointments/:id/reschedule',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Moves a booking to another slot in one transaction: 409 SLOT_FULL leaves the old booking as it was; never two places held. Audited',
        tags: ['appointments'],
        params: AppointmentParamsSchema,
        body: RescheduleRequestSchema,
        response: withErrors(AppointmentSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const row = await reschedule(rules, citizenIdOf(identityOf(request)), request.params.id, request.body)
      await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.reschedule, ...auditSource(request), detail: { appointmentId: row.id, hallId: row.hall_id, date: row.date, start: row.start_time } })
      return view(row)
    },
  )
}
