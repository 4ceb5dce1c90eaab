/**
 * 预约前一天提醒我 (issue 15): after a booking and after a 改约 the store offers the day-before
 * reminder once, asking the platform with the reminder's own template id (never the apply form's),
 * recording the answer on the server and saying the outcome; with no template for the platform
 * there is no offer; a failure says so without throwing; logout forgets the offer.
 */
import type { Appointment, AppointmentHalls, SlotDays } from '@/contract/appointments/schemas'
import type { NotificationTemplates } from '@/contract/applications/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions, SubscribeDecision } from '@/platform/types'
import { RootStore } from '@/stores/root-store'
import { appointmentsStore } from '@/packages/appointments/appointments-store'
import { fakePlatform } from './fake-platform'

const hall = { id: 'chengdong-police', name: '城东派出所户籍窗口', address: '示范市城东区和平路18号', hours: [{ from: '09:00', to: '12:00' }], hoursText: '工作日 09:00-12:00', slotMinutes: 30 }
const halls: AppointmentHalls = { item: { code: 'SF-GA-0001', name: '居民身份证换领', onlineLevelName: '在线预约' }, halls: [hall], lastDay: '2026-09-28' }
const slotDays: SlotDays = {
  hallId: hall.id,
  itemCode: 'SF-GA-0001',
  days: [{ date: '2026-09-15', label: '9月15日 周二', open: true, slots: [{ start: '09:30', end: '10:00', capacity: 3, left: 2, full: false }] }],
}
const appointment: Appointment = {
  id: 'B'.repeat(22),
  itemCode: 'SF-GA-0001',
  itemName: '居民身份证换领',
  hall: { id: hall.id, name: hall.name, address: hall.address },
  date: '2026-09-15',
  start: '09:30',
  end: '10:00',
  when: '9月15日 周二 09:30-10:00',
  status: 'booked',
  statusName: '已预约',
  createdAt: '2026-09-14T01:10:00.000Z',
}
const reminderTemplate = (templateId: string | null): NotificationTemplates => ({ platform: 'weapp', items: [{ templateKey: 'appointment_reminder', templateId }] })

type Handler = (options: RequestOptions) => Promise<unknown>

function storeWith(templateId: string | null, decisions: Record<string, SubscribeDecision> | Error = {}, extra: Record<string, Handler | unknown> = {}) {
  const routes: Record<string, Handler | unknown> = {
    'GET /api/appointments/halls': halls,
    'GET /api/appointments/slots': slotDays,
    'POST /api/appointments': appointment,
    [`POST /api/appointments/${appointment.id}/reschedule`]: { ...appointment, date: '2026-09-16' },
    'GET /api/notifications/templates': reminderTemplate(templateId),
    'POST /api/notifications/subscriptions': async (options: RequestOptions) => ({ ...(options.body as object), lastResult: (options.body as { result: string }).result, remaining: 1 }),
    ...extra,
  }
  const { platform, requests } = fakePlatform(async (options) => {
    const key = `${options.method ?? 'GET'} ${options.path}`
    if (!(key in routes)) throw new ApiError('NOT_FOUND')
    const route = routes[key]
    return typeof route === 'function' ? (route as Handler)(options) : route
  })
  const subscribeCalls: string[][] = []
  platform.requestSubscribeMessage = async (ids) => {
    subscribeCalls.push(ids)
    if (decisions instanceof Error) throw decisions
    return decisions
  }
  const root = new RootStore(platform)
  return { root, store: appointmentsStore(root), requests, subscribeCalls }
}

async function book(store: ReturnType<typeof storeWith>['store'], rescheduleId?: string) {
  await store.start('SF-GA-0001')
  await store.reminder.load()
  store.chooseDay('2026-09-15')
  store.chooseSlot(slotDays.days[0]!.slots[0]!)
  expect(await store.confirm('SF-GA-0001', rescheduleId)).toBe(true)
}

const subscriptions = (requests: RequestOptions[]) => requests.filter((request) => request.method === 'POST' && request.path === '/api/notifications/subscriptions').map((request) => request.body)

describe('the day-before reminder offer', () => {
  test('after a booking: asks for the reminder template only, records the accept, says 已开启提醒', async () => {
    const { store, requests, subscribeCalls } = storeWith('tmpl-reminder-wx', { 'tmpl-reminder-wx': 'accept' })
    await book(store)
    expect(requests.find((request) => request.path === '/api/notifications/templates')?.query).toEqual({ key: 'appointment_reminder' })
    expect(store.reminder.offeredFor).toBe(appointment.id)
    await expect(store.reminder.subscribe()).resolves.toBe('subscribed')
    expect(subscribeCalls).toEqual([['tmpl-reminder-wx']])
    expect(subscriptions(requests)).toEqual([{ templateKey: 'appointment_reminder', result: 'accept' }])
    expect(store.reminder.outcome).toBe('subscribed')
    expect(store.reminder.asking).toBe(false)
  })

  test('after a 改约 the offer is made again; a reject is recorded and reads as 未开启', async () => {
    const { store, requests } = storeWith('tmpl-reminder-wx', { 'tmpl-reminder-wx': 'reject' })
    await book(store, appointment.id)
    expect(store.reminder.offeredFor).toBe(appointment.id)
    await expect(store.reminder.subscribe()).resolves.toBe('declined')
    expect(subscriptions(requests)).toEqual([{ templateKey: 'appointment_reminder', result: 'reject' }])
  })

  test('nobody asked (filter) records nothing; no template configured means no offer and no platform call', async () => {
    const filtered = storeWith('tmpl-reminder-wx', { 'tmpl-reminder-wx': 'filter' })
    await book(filtered.store)
    await expect(filtered.store.reminder.subscribe()).resolves.toBe('declined')
    expect(subscriptions(filtered.requests)).toEqual([])

    const none = storeWith(null)
    await book(none.store)
    expect(none.store.reminder.offeredFor).toBeUndefined()
    expect(none.store.booked?.id).toBe(appointment.id)
    expect(none.subscribeCalls).toEqual([])
  })

  test('the platform failing reads as failed, never throws; the templates route failing only means no offer', async () => {
    const failing = storeWith('tmpl-reminder-wx', new Error('requestSubscribeMessage:fail'))
    await book(failing.store)
    await expect(failing.store.reminder.subscribe()).resolves.toBe('failed')
    expect(failing.store.reminder.asking).toBe(false)

    const offline = storeWith('tmpl-reminder-wx', {}, { 'GET /api/notifications/templates': async () => Promise.reject(new ApiError('NETWORK_ERROR')) })
    await book(offline.store)
    expect(offline.store.reminder.offeredFor).toBeUndefined()
  })

  test('logout forgets the offer and the template', async () => {
    const { store } = storeWith('tmpl-reminder-wx', { 'tmpl-reminder-wx': 'accept' })
    await book(store)
    await store.reminder.subscribe()
    store.forget()
    expect(store.reminder.offeredFor).toBeUndefined()
    expect(store.reminder.outcome).toBeUndefined()
    expect(store.reminder.template.status).toBe('idle')
  })
})
