/**
 * 在线预约 (booking a visit to a 办事大厅) contract.
 *
 * Routes (L4 = proven identity: real-name + face; reviewer / admin = operator roles):
 *   GET  /api/appointments/halls?item=CODE            L4   AppointmentHalls (the halls serving an item labelled 在线预约 / 在线预审)
 *   GET  /api/appointments/slots?item=&hall=&from=&days=  L4  SlotDays (working days only, full slots shown as full)
 *   POST /api/appointments                             L4   BookRequest → Appointment (201; 409 SLOT_FULL / APPOINTMENT_EXISTS)
 *   GET  /api/appointments                             L4   AppointmentList (mine, upcoming first)
 *   GET  /api/appointments/:id                         L4   Appointment; another citizen's: 404
 *   GET  /api/appointments/:id/code                    L4   AppointmentCode (the QR the hall scans, 5 minutes)
 *   POST /api/appointments/:id/cancel                  L4   Appointment (only while booked)
 *   POST /api/appointments/:id/reschedule              L4   RescheduleRequest → Appointment (atomic: the old place is kept if the new one fails)
 *   POST /api/operator/appointments/check-in           reviewer  CheckInRequest → CheckInResponse (masked name; records arrival; audited)
 *   GET  /api/operator/halls                           admin     OperatorHallList
 *   PUT  /api/operator/halls/:id                       admin     HallUpsert → OperatorHall
 *   PUT  /api/operator/halls/:id/slot-capacity         admin     SlotCapacityRequest → SlotCapacity (one slot's places; never below those booked)
 *
 * Client: import types only (`import type`); words are in ./data.
 */
import { Type, type Static } from '@sinclair/typebox'
import { APPOINTMENT_CHECK_IN_REFUSALS, APPOINTMENT_STATUS_KEYS, MAX_SLOT_CAPACITY, MAX_SLOT_DAYS, MAX_SLOT_MINUTES, MIN_SLOT_MINUTES } from './data'
import { FreeText } from '../schemas'

export type { AppointmentStatus, AppointmentCheckInRefusal } from './data'

const DateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (China time)' })
/** HH:MM, China time. */
const ClockTimeSchema = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM (China time)' })
const TimeSchema = Type.String({ description: 'ISO 8601 in UTC' })
const ItemCodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const HallIdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' })
/** 128 random bits, base64url. */
export const AppointmentIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' })

export const AppointmentStatusSchema = Type.Union(APPOINTMENT_STATUS_KEYS.map((status) => Type.Literal(status)))

export const OpeningPeriodSchema = Type.Object({ from: ClockTimeSchema, to: ClockTimeSchema }, { additionalProperties: false })
export type OpeningPeriod = Static<typeof OpeningPeriodSchema>

export const HallSchema = Type.Object({
  id: HallIdSchema,
  name: Type.String(),
  address: Type.String(),
  /** Opening periods on working days (the operators' working calendar decides which days). */
  hours: Type.Array(OpeningPeriodSchema),
  /** e.g. 工作日 09:00-12:00、13:30-17:00 */
  hoursText: Type.String(),
  slotMinutes: Type.Integer(),
})
export type Hall = Static<typeof HallSchema>

export const HallsQuerySchema = Type.Object({ item: ItemCodeSchema }, { additionalProperties: false })
export type HallsQuery = Static<typeof HallsQuerySchema>

export const AppointmentHallsSchema = Type.Object({
  item: Type.Object({ code: Type.String(), name: Type.String(), onlineLevelName: Type.String() }),
  halls: Type.Array(HallSchema),
  /** The last day that can be booked (today + the booking window). */
  lastDay: DateSchema,
})
export type AppointmentHalls = Static<typeof AppointmentHallsSchema>

export const SlotsQuerySchema = Type.Object(
  {
    item: ItemCodeSchema,
    hall: HallIdSchema,
    from: Type.Optional(DateSchema),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SLOT_DAYS })),
  },
  { additionalProperties: false },
)
export type SlotsQuery = Static<typeof SlotsQuerySchema>

export const SlotSchema = Type.Object({
  start: ClockTimeSchema,
  end: ClockTimeSchema,
  capacity: Type.Integer(),
  left: Type.Integer(),
  full: Type.Boolean(),
})
export type Slot = Static<typeof SlotSchema>

export const SlotDaySchema = Type.Object({
  date: DateSchema,
  /** 12月7日 周一 */
  label: Type.String(),
  /** False on a holiday or weekend (the working calendar): `closedReason` says why. */
  open: Type.Boolean(),
  closedReason: Type.Optional(Type.String()),
  slots: Type.Array(SlotSchema),
})
export type SlotDay = Static<typeof SlotDaySchema>

export const SlotDaysSchema = Type.Object({ hallId: Type.String(), itemCode: Type.String(), days: Type.Array(SlotDaySchema) })
export type SlotDays = Static<typeof SlotDaysSchema>

export const BookRequestSchema = Type.Object(
  { itemCode: ItemCodeSchema, hallId: HallIdSchema, date: DateSchema, start: ClockTimeSchema },
  { additionalProperties: false },
)
export type BookRequest = Static<typeof BookRequestSchema>

export const RescheduleRequestSchema = Type.Object({ hallId: HallIdSchema, date: DateSchema, start: ClockTimeSchema }, { additionalProperties: false })
export type RescheduleRequest = Static<typeof RescheduleRequestSchema>

export const AppointmentParamsSchema = Type.Object({ id: AppointmentIdSchema })
export type AppointmentParams = Static<typeof AppointmentParamsSchema>

export const AppointmentSchema = Type.Object({
  id: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  hall: Type.Object({ id: Type.String(), name: Type.String(), address: Type.String() }),
  date: DateSchema,
  start: ClockTimeSchema,
  end: ClockTimeSchema,
  /** 12月7日 周一 09:00-09:30 */
  when: Type.String(),
  status: AppointmentStatusSchema,
  statusName: Type.String(),
  createdAt: TimeSchema,
  checkedInAt: Type.Optional(TimeSchema),
})
export type Appointment = Static<typeof AppointmentSchema>

export const AppointmentListSchema = Type.Object({ items: Type.Array(AppointmentSchema) })
export type AppointmentList = Static<typeof AppointmentListSchema>

export const AppointmentCodeSchema = Type.Object({ code: Type.String(), expiresAt: TimeSchema })
export type AppointmentCode = Static<typeof AppointmentCodeSchema>

// --- hall staff ---------------------------------------------------------------------------------
export const CheckInRequestSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 512 }) }, { additionalProperties: false })
export type CheckInRequest = Static<typeof CheckInRequestSchema>

export const CheckInResponseSchema = Type.Union([
  Type.Object({
    valid: Type.Literal(true),
    appointment: Type.Object({
      id: Type.String(),
      itemName: Type.String(),
      hallName: Type.String(),
      when: Type.String(),
      /** 张* */
      name: Type.String(),
      status: AppointmentStatusSchema,
      statusName: Type.String(),
      checkedInAt: TimeSchema,
    }),
    /** 在线预审: the citizen's pre-checked application for the item, now accepted on the spot. */
    preReview: Type.Optional(Type.Object({ applicationNumber: Type.String(), note: Type.String() })),
  }),
  Type.Object({
    valid: Type.Literal(false),
    reason: Type.Union(Object.keys(APPOINTMENT_CHECK_IN_REFUSALS).map((reason) => Type.Literal(reason))),
    reasonText: Type.String(),
  }),
])
export type CheckInResponse = Static<typeof CheckInResponseSchema>

// --- operators: halls and capacity --------------------------------------------------------------
export const HallParamsSchema = Type.Object({ id: HallIdSchema })

export const HallItemSchema = Type.Object(
  { itemCode: ItemCodeSchema, capacity: Type.Integer({ minimum: 1, maximum: MAX_SLOT_CAPACITY, description: 'places per slot' }) },
  { additionalProperties: false },
)

export const HallUpsertSchema = Type.Object(
  {
    name: FreeText({ minLength: 2, maxLength: 60 }),
    address: FreeText({ minLength: 2, maxLength: 120 }),
    hours: Type.Array(OpeningPeriodSchema, { minItems: 1, maxItems: 4 }),
    slotMinutes: Type.Integer({ minimum: MIN_SLOT_MINUTES, maximum: MAX_SLOT_MINUTES }),
    items: Type.Array(HallItemSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
)
export type HallUpsert = Static<typeof HallUpsertSchema>

export const OperatorHallSchema = Type.Intersect([HallSchema, Type.Object({ items: Type.Array(Type.Object({ itemCode: Type.String(), capacity: Type.Integer() })) })])
export type OperatorHall = Static<typeof OperatorHallSchema>

export const OperatorHallListSchema = Type.Object({ items: Type.Array(OperatorHallSchema) })

export const SlotCapacityRequestSchema = Type.Object(
  { itemCode: ItemCodeSchema, date: DateSchema, start: ClockTimeSchema, capacity: Type.Integer({ minimum: 0, maximum: MAX_SLOT_CAPACITY }) },
  { additionalProperties: false },
)
export type SlotCapacityRequest = Static<typeof SlotCapacityRequestSchema>

export const SlotCapacitySchema = Type.Object({ hallId: Type.String(), itemCode: Type.String(), date: DateSchema, start: ClockTimeSchema, capacity: Type.Integer(), booked: Type.Integer() })
export type SlotCapacity = Static<typeof SlotCapacitySchema>
