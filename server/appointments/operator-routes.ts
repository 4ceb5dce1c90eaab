import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { APPOINTMENT_CHECK_IN_REFUSALS, APPOINTMENT_STATUSES, type AppointmentCheckInRefusal } from '../../src/contract/appointments/data'
import {
  CheckInRequestSchema,
  CheckInResponseSchema,
  HallParamsSchema,
  HallUpsertSchema,
  OperatorHallListSchema,
  OperatorHallSchema,
  SlotCapacityRequestSchema,
  SlotCapacitySchema,
  type CheckInResponse,
} from '../../src/contract/appointments/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import { chinaDateOf } from '../applications/working-days'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { PLATFORM_ACCOUNT_ROLE, requireRole } from '../plugins/require-role'
import { maskName } from '../privacy/masking'
import type { AppointmentCodeSigner } from './appointment-code'
import { recordVisit } from '../applications/pre-review'
import { checkIn, type BookingRules } from './bookings'
import { hallForItem, operatorHalls, upsertHall } from './halls'
import { appointmentViews } from './names'
import { APPOINTMENT_AUDIT_EVENTS } from './routes'
import { slotTimes } from './slot-times'

export interface OperatorAppointmentRoutesOptions {
  rules: BookingRules
  codes: AppointmentCodeSigner
}

/**
 * Hall staff scan a booking's QR and record arrival (reviewers in the console, or checkpoint
 * staff holding the 'verifier' role in the mini-program's scan page); admins keep the halls
 * and the places per slot.
 */
export const operatorAppointmentRoutes: FastifyPluginAsyncTypebox<OperatorAppointmentRoutesOptions> = async (app, { rules, codes }) => {
  noStore(app)
  const admin = requireRole(app, CONSOLE_ACCESS['GET /api/operator/halls'], '只有管理员可以维护办事大厅')

  app.post(
    '/api/operator/appointments/check-in',
    {
      preHandler: requireRole(app, [...CONSOLE_ACCESS['POST /api/operator/appointments/check-in'], PLATFORM_ACCOUNT_ROLE], '只有大厅工作人员可以核验预约'),
      schema: {
        summary:
          "Hall staff scan a booking's QR: a valid code for today's booking records arrival (checked_in) and shows item, hall, time and the masked name; forged, tampered, expired, cancelled, already checked in or another day's: valid=false with the reason in words. Audited",
        tags: ['appointments', 'operator'],
        body: CheckInRequestSchema,
        response: withErrors(CheckInResponseSchema, [400, 401, 403]),
      },
    },
    async (request): Promise<CheckInResponse> => {
      const by = request.operator ? `operator:${request.operator.operator.id}` : `account:${request.identity?.account.id ?? ''}`
      const now = rules.clock()
      const refuse = async (reason: AppointmentCheckInRefusal, appointmentId?: string): Promise<CheckInResponse> => {
        await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.checkIn, outcome: 'failure', ...auditSource(request), detail: { reason, ...(appointmentId ? { appointmentId } : {}) } })
        return { valid: false, reason, reasonText: APPOINTMENT_CHECK_IN_REFUSALS[reason] }
      }
      const opened = codes.open(request.body.code)
      if (!opened.ok) return refuse(opened.reason)
      if (now.getTime() >= opened.exp * 1000) return refuse('expired', opened.appointmentId)
      const row = await rules.db.selectFrom('appointments').selectAll().where('id', '=', opened.appointmentId).executeTakeFirst()
      if (!row) return refuse('malformed', opened.appointmentId)
      if (row.status === 'cancelled') return refuse('cancelled', row.id)
      if (row.status === 'checked_in') return refuse('already_checked_in', row.id)
      if (row.date !== chinaDateOf(now)) return refuse('not_today', row.id)
      if (!(await checkIn(rules.db, row.id, by, now))) return refuse('already_checked_in', row.id)
      const [view] = await appointmentViews(rules.db, [{ ...row, status: 'checked_in', checked_in_at: now.toISOString() }])
      const citizen = await rules.db.selectFrom('citizens').select('name').where('id', '=', row.citizen_id).executeTakeFirst()
      // 在线预审: the visit is the application's acceptance (server/applications/pre-review.ts).
      const applicationId = await recordVisit(rules.db, { citizenId: row.citizen_id, itemCode: row.item_code, hallName: view!.hall.name, actor: by, at: now })
      const application = applicationId ? await rules.db.selectFrom('applications').select('number').where('id', '=', applicationId).executeTakeFirst() : undefined
      await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.checkIn, ...auditSource(request), citizenId: row.citizen_id, detail: { appointmentId: row.id, hallId: row.hall_id, ...(applicationId ? { applicationId } : {}) } })
      return {
        valid: true,
        appointment: {
          id: row.id,
          itemName: view!.itemName,
          hallName: view!.hall.name,
          when: view!.when,
          name: citizen ? maskName(citizen.name) : '*',
          status: 'checked_in',
          statusName: APPOINTMENT_STATUSES.checked_in,
          checkedInAt: now.toISOString(),
        },
        ...(application ? { preReview: { applicationNumber: application.number, note: `在线预审申请 ${application.number} 已预审通过，请收取原件，现场受理` } } : {}),
      }
    },
  )

  app.get(
    '/api/operator/halls',
    {
      preHandler: admin,
      schema: { summary: 'Every hall with its opening hours, slot length and the items it takes bookings for (places per slot)', tags: ['appointments', 'operator'], response: withErrors(OperatorHallListSchema, [401, 403]) },
    },
    async () => ({ items: await operatorHalls(rules.db) }),
  )

  app.put(
    '/api/operator/halls/:id',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['PUT /api/operator/halls/:id'], '只有管理员可以维护办事大厅'),
      schema: {
        summary: 'Creates or replaces a hall: name, address, opening periods on working days (in order, not overlapping), slot length, the items it serves with places per slot. Bookings already made stay. Audited',
        tags: ['appointments', 'operator'],
        params: HallParamsSchema,
        body: HallUpsertSchema,
        response: withErrors(OperatorHallSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      await upsertHall(rules.db, request.params.id, request.body, rules.clock())
      await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.hallUpsert, ...auditSource(request), detail: { hallId: request.params.id, items: request.body.items.length } })
      return (await operatorHalls(rules.db)).find((hall) => hall.id === request.params.id)!
    },
  )

  app.put(
    '/api/operator/halls/:id/slot-capacity',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['PUT /api/operator/halls/:id/slot-capacity'], '只有管理员可以调整预约名额'),
      schema: {
        summary: "Sets one slot's places (e.g. fewer staff that morning; 0 closes it): never below the places already booked (409). Audited",
        tags: ['appointments', 'operator'],
        params: HallParamsSchema,
        body: SlotCapacityRequestSchema,
        response: withErrors(SlotCapacitySchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const { itemCode, date, start, capacity } = request.body
      const { hall, capacity: usual } = await hallForItem(rules.db, request.params.id, itemCode)
      if (!slotTimes(hall.hours, hall.slotMinutes).some((slot) => slot.start === start)) {
        throw new AppError('VALIDATION_FAILED', { message: `${hall.name}没有 ${start} 开始的时段`, field: 'body.start', rule: 'slot' })
      }
      const key = { hall_id: hall.id, item_code: itemCode, date, start_time: start }
      const result = await rules.db.transaction().execute(async (trx) => {
        await trx.insertInto('appointment_slots').values({ ...key, capacity: usual, booked: 0 }).onConflict((conflict) => conflict.columns(['hall_id', 'item_code', 'date', 'start_time']).doNothing()).execute()
        // Conditional, like a booking: a place booked between a read and this write is never taken away.
        const updated = await trx
          .updateTable('appointment_slots')
          .set({ capacity })
          .where('hall_id', '=', hall.id)
          .where('item_code', '=', itemCode)
          .where('date', '=', date)
          .where('start_time', '=', start)
          .where('booked', '<=', capacity)
          .executeTakeFirst()
        const row = await trx.selectFrom('appointment_slots').select(['capacity', 'booked']).where('hall_id', '=', hall.id).where('item_code', '=', itemCode).where('date', '=', date).where('start_time', '=', start).executeTakeFirstOrThrow()
        return { changed: Number(updated.numUpdatedRows) === 1, booked: Number(row.booked), capacity: Number(row.capacity) }
      })
      if (!result.changed) throw new AppError('CONFLICT', { message: `该时段已有 ${result.booked} 人预约，名额不能少于 ${result.booked}` })
      await app.audit({ event: APPOINTMENT_AUDIT_EVENTS.slotCapacity, ...auditSource(request), detail: { hallId: hall.id, itemCode, date, start, capacity } })
      return { hallId: hall.id, itemCode, date, start, capacity: result.capacity, booked: result.booked }
    },
  )
}
