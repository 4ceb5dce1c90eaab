/**
 * The appointments store over a scripted server: hall → day → slot, a full slot never chosen,
 * booking and rescheduling send what was chosen, a slot taken a moment earlier (409 SLOT_FULL)
 * clears the choice of time and reloads the slots, the QR only for a booking still booked,
 * cancelling, and logout forgetting it all.
 */
import type { Appointment, AppointmentHalls, SlotDays } from '@/contract/appointments/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { RootStore } from '@/stores/root-store'
import { appointmentsStore } from '@/packages/appointments/appointments-store'
import { slotWords } from '@/packages/appointments/words'
import { fakePlatform } from './fake-platform'

const hall = { id: 'chengdong-police', name: '城东派出所户籍窗口', address: '示范市城东区和平路18号', hours: [{ from: '09:00', to: '12:00' }], hoursText: '工作日 09:00-12:00', slotMinutes: 30 }
const halls: AppointmentHalls = { item: { code: 'SF-GA-0001', name: '居民身份证换领', onlineLevelName: '在线预约' }, halls: [hall], lastDay: '2026-09-28' }
const slotDays = (left = 2): SlotDays => ({
  hallId: hall.id,
  itemCode: 'SF-GA-0001',
  days: [
    { date: '2026-09-15', label: '9月15日 周二', open: true, slots: [{ start: '09:00', end: '09:30', capacity: 3, left: 0, full: true }, { start: '09:30', end: '10:00', capacity: 3, left, full: left === 0 }] },
    { date: '2026-09-19', label: '9月19日 周六', open: false, closedReason: '非工作日，大厅不开放', slots: [] },
  ],
})
const appointment = (overrides: Partial<Appointment> = {}): Appointment => ({
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
  ...overrides,
})

type Handler = (options: RequestOptions) => Promise<unknown>

function storeWith(routes: Record<string, Handler | unknown>) {
  const { platform, requests } = fakePlatform(async (options) => {
    const key = `${options.method ?? 'GET'} ${options.path}`
    if (!(key in routes)) throw new ApiError('NOT_FOUND')
    const route = routes[key]
    return typeof route === 'function' ? (route as Handler)(options) : route
  })
  const root = new RootStore(platform)
  return { root, store: appointmentsStore(root), requests }
}

describe('AppointmentsStore', () => {
  test('one hall is chosen for the citizen; a full slot cannot be chosen; booking sends hall, day and slot', async () => {
    const { store, requests } = storeWith({ 'GET /api/appointments/halls': halls, 'GET /api/appointments/slots': slotDays(), 'POST /api/appointments': appointment() })
    await store.start('SF-GA-0001')
    expect(store.choice.hallId).toBe(hall.id)
    expect(requests.find((request) => request.path === '/api/appointments/slots')?.query).toEqual({ item: 'SF-GA-0001', hall: hall.id, days: 14 })
    expect(store.slots.empty).toBe(false)
    store.chooseDay('2026-09-15')
    const [full, open] = store.chosenDay!.slots as [Parameters<typeof store.chooseSlot>[0], Parameters<typeof store.chooseSlot>[0]]
    store.chooseSlot(full)
    expect(store.choice.start).toBeUndefined()
    expect(store.ready).toBe(false)
    expect(slotWords(full)).toBe('09:00-09:30 已约满')
    store.chooseSlot(open)
    expect(store.ready).toBe(true)
    expect(await store.confirm('SF-GA-0001')).toBe(true)
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/appointments', body: { itemCode: 'SF-GA-0001', hallId: hall.id, date: '2026-09-15', start: '09:30' } })
    expect(store.booked?.id).toBe('B'.repeat(22))
  })

  test('the last place taken a moment earlier: the error in words, the time unchosen, the slots reloaded as full', async () => {
    let loads = 0
    const { store } = storeWith({
      'GET /api/appointments/halls': halls,
      'GET /api/appointments/slots': async () => slotDays(++loads === 1 ? 1 : 0),
      'POST /api/appointments': async () => {
        throw new ApiError('SLOT_FULL', { message: '9月15日 周二 09:30 的时段已约满（最后一个名额已被预约），请选择其他时段' })
      },
    })
    await store.start('SF-GA-0001')
    store.chooseDay('2026-09-15')
    store.chooseSlot(store.chosenDay!.slots[1]!)
    expect(await store.confirm('SF-GA-0001')).toBe(false)
    expect(store.booking.error?.message).toMatch(/已约满/)
    expect(store.choice).toEqual({ hallId: hall.id, date: '2026-09-15' })
    expect(loads).toBe(2)
    expect(store.chosenDay!.slots[1]).toMatchObject({ left: 0, full: true })
  })

  test('rescheduling posts to the booking; the QR is fetched only while booked; cancel shows the cancelled booking', async () => {
    const id = 'B'.repeat(22)
    const { store, requests } = storeWith({
      'GET /api/appointments/halls': halls,
      'GET /api/appointments/slots': slotDays(),
      [`POST /api/appointments/${id}/reschedule`]: appointment({ start: '09:30' }),
      [`GET /api/appointments/${id}`]: appointment(),
      [`GET /api/appointments/${id}/code`]: { code: 'AP1.x.y', expiresAt: '2026-09-14T01:15:00.000Z' },
      [`POST /api/appointments/${id}/cancel`]: appointment({ status: 'cancelled', statusName: '已取消' }),
    })
    await store.start('SF-GA-0001')
    store.chooseDay('2026-09-15')
    store.chooseSlot(store.chosenDay!.slots[1]!)
    expect(await store.confirm('SF-GA-0001', id)).toBe(true)
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: `/api/appointments/${id}/reschedule`, body: { hallId: hall.id, date: '2026-09-15', start: '09:30' } })

    await store.loadDetail(id)
    expect(store.code.data?.code).toBe('AP1.x.y')
    expect(await store.cancel(id)).toBe(true)
    expect(store.detail.data?.status).toBe('cancelled')
    expect(store.code.data).toBeUndefined()
  })

  test('logout forgets the bookings, the choice and the QR', async () => {
    const id = 'B'.repeat(22)
    const { root, store } = storeWith({
      'GET /api/appointments': { items: [appointment()] },
      [`GET /api/appointments/${id}`]: appointment(),
      [`GET /api/appointments/${id}/code`]: { code: 'AP1.x.y', expiresAt: '2026-09-14T01:15:00.000Z' },
    })
    await store.loadMine()
    await store.loadDetail(id)
    store.chooseDay('2026-09-15')
    store.forget()
    expect(store.mine.data).toBeUndefined()
    expect(store.detail.data).toBeUndefined()
    expect(store.code.data).toBeUndefined()
    expect(store.choice).toEqual({})
    expect(appointmentsStore(root)).toBe(store)
  })
})
