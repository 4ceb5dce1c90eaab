import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, zhangWei } from '../../support/identity'
import { HALL, ITEM, MONDAY, startAppointmentsApp } from './harness'

const MINUTE = 60_000

describe.each(dialects())('在线预约: halls, slots, book, cancel, reschedule, check-in on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startAppointmentsApp)

  /** Sessions expire when the clock jumps: every step logs in afresh. */
  const zhang = () => app.proven('h5dev', zhangWei.key, zhangWei)
  const li = () => app.proven('h5dev', liNa.key, liNa)
  const slots = async (token: string, query = `item=${ITEM}&hall=${HALL}&days=14`) => app.request(`/api/appointments/slots?${query}`, { token })
  const slotRow = (date: string, start: string) =>
    app.db.selectFrom('appointment_slots').select(['capacity', 'booked']).where('hall_id', '=', HALL).where('item_code', '=', ITEM).where('date', '=', date).where('start_time', '=', start).executeTakeFirst()

  beforeEach(() => app.clock.set(MONDAY))

  test('the halls of an item labelled 在线预约, with opening hours in words and the last bookable day', async () => {
    const response = await app.request(`/api/appointments/halls?item=${ITEM}`, { token: await zhang() })
    expect(response.status).toBe(200)
    expect(response.body.item).toEqual({ code: ITEM, name: '居民身份证换领', onlineLevelName: '在线预约' })
    expect(response.body.halls.map((hall: { id: string }) => hall.id)).toEqual(['chengdong-police', 'shifan-center'])
    expect(response.body.halls[0].hoursText).toBe('工作日 09:00-12:00、14:00-17:30')
    expect(response.body.lastDay).toBe('2026-09-28')
  })

  test('an item that needs no booking is 409 in words; an unknown one 404', async () => {
    const token = await zhang()
    const online = await app.db.selectFrom('service_items').select('code').where('online_level', '=', 'full_online').where('status', '=', 'published').executeTakeFirstOrThrow()
    const notBookable = await app.request(`/api/appointments/halls?item=${online.code}`, { token })
    expect(notBookable.status).toBe(409)
    expect(notBookable.body.error.message).toMatch(/不需要预约/)
    expect((await app.request('/api/appointments/halls?item=NO-SUCH-1', { token })).status).toBe(404)
  })

  test('slots follow the working calendar and opening hours: past slots gone, weekends and 中秋 closed, 调休 Sunday open, nothing past the window', async () => {
    const response = await slots(await zhang())
    expect(response.status).toBe(200)
    const days = response.body.days as { date: string; label: string; open: boolean; closedReason?: string; slots: { start: string; end: string; left: number; full: boolean }[] }[]
    const day = (date: string) => days.find((candidate) => candidate.date === date)!
    // Today 09:10: the 09:00 slot has begun; 09:30 is the first.
    expect(day('2026-09-14').slots[0]).toMatchObject({ start: '09:30', end: '10:00', left: 3, full: false })
    expect(day('2026-09-14').label).toBe('9月14日 周一')
    expect(day('2026-09-15').slots.map((slot) => slot.start)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'])
    expect(day('2026-09-19')).toMatchObject({ open: false, closedReason: '非工作日，大厅不开放', slots: [] })
    expect(day('2026-09-20').open).toBe(true)
    expect(day('2026-09-25')).toMatchObject({ open: false, closedReason: '非工作日，大厅不开放' })
    expect(days.at(-1)!.date).toBe('2026-09-27')
    const later = await slots(await zhang(), `item=${ITEM}&hall=${HALL}&from=2026-09-27&days=7`)
    expect(later.body.days.map((entry: { date: string }) => entry.date)).toEqual(['2026-09-27', '2026-09-28'])
  })

  test.each([
    ['a past day', { date: '2026-09-11', start: '09:00' }, 'body.date', /日期已过/],
    ['past the booking window', { date: '2026-09-29', start: '09:00' }, 'body.date', /14天内/],
    ['a Saturday', { date: '2026-09-19', start: '09:00' }, 'body.date', /非工作日/],
    ['a public holiday', { date: '2026-09-25', start: '09:00' }, 'body.date', /非工作日/],
    ['a slot already begun', { date: '2026-09-14', start: '09:00' }, 'body.start', /已经开始/],
    ['a time the hall does not offer', { date: '2026-09-15', start: '12:30' }, 'body.start', /没有 12:30/],
  ])('booking %s is 400 naming the field, nothing written', async (_, slot, field, message) => {
    const response = await app.book(await zhang(), { itemCode: ITEM, hallId: HALL, ...slot })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect(response.body.error.message).toMatch(message)
    expect(await slotRow(slot.date, slot.start)).toBeUndefined()
  })

  test('book, one active booking per item, reschedule (a full slot leaves the old one), cancel gives the place back; another citizen gets 404', async () => {
    const token = await zhang()
    const booked = await app.book(token, { itemCode: ITEM, hallId: HALL, date: '2026-09-15', start: '10:00' })
    expect(booked.status).toBe(201)
    expect(booked.body).toMatchObject({ itemName: '居民身份证换领', hall: { id: HALL, name: '城东派出所户籍窗口' }, when: '9月15日 周二 10:00-10:30', status: 'booked', statusName: '已预约' })
    const id = booked.body.id as string
    expect(await slotRow('2026-09-15', '10:00')).toEqual({ capacity: 3, booked: 1 })

    const again = await app.book(token, { itemCode: ITEM, hallId: HALL, date: '2026-09-16', start: '10:00' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('APPOINTMENT_EXISTS')
    expect(again.body.error.message).toMatch(/改约/)

    // Another citizen's booking is not there for Li Na.
    const other = await li()
    for (const [path, method] of [[`/api/appointments/${id}`, 'GET'], [`/api/appointments/${id}/code`, 'GET'], [`/api/appointments/${id}/cancel`, 'POST']] as const) {
      expect((await app.request(path, { method, token: other })).status).toBe(404)
    }
    expect((await app.request(`/api/appointments/${id}/reschedule`, { method: 'POST', token: other, payload: { hallId: HALL, date: '2026-09-16', start: '09:00' } })).status).toBe(404)

    // The admin closes 9/16 09:00 (0 places): rescheduling there fails and the old booking stays.
    const admin = await app.adminToken()
    const closed = await app.request(`/api/operator/halls/${HALL}/slot-capacity`, { method: 'PUT', token: admin, payload: { itemCode: ITEM, date: '2026-09-16', start: '09:00', capacity: 0 } })
    expect(closed.status).toBe(200)
    const full = await app.request(`/api/appointments/${id}/reschedule`, { method: 'POST', token, payload: { hallId: HALL, date: '2026-09-16', start: '09:00' } })
    expect(full.status).toBe(409)
    expect(full.body.error).toMatchObject({ code: 'SLOT_FULL' })
    expect(full.body.error.message).toMatch(/已约满/)
    expect((await app.request(`/api/appointments/${id}`, { token })).body).toMatchObject({ date: '2026-09-15', start: '10:00', status: 'booked' })
    expect(await slotRow('2026-09-15', '10:00')).toEqual({ capacity: 3, booked: 1 })
    expect(await slotRow('2026-09-16', '09:00')).toEqual({ capacity: 0, booked: 0 })
    const slotList = await slots(token, `item=${ITEM}&hall=${HALL}&from=2026-09-16&days=1`)
    expect(slotList.body.days[0].slots[0]).toMatchObject({ start: '09:00', left: 0, full: true })

    const moved = await app.request(`/api/appointments/${id}/reschedule`, { method: 'POST', token, payload: { hallId: 'shifan-center', date: '2026-09-20', start: '16:30' } })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ id, hall: { id: 'shifan-center' }, when: '9月20日 周日 16:30-17:00', status: 'booked' })
    expect(await slotRow('2026-09-15', '10:00')).toEqual({ capacity: 3, booked: 0 })
    expect(await app.db.selectFrom('appointment_slots').select('booked').where('hall_id', '=', 'shifan-center').where('date', '=', '2026-09-20').where('start_time', '=', '16:30').executeTakeFirst()).toEqual({ booked: 1 })

    const cancelled = await app.request(`/api/appointments/${id}/cancel`, { method: 'POST', token })
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusName: '已取消' })
    expect(await app.db.selectFrom('appointment_slots').select('booked').where('hall_id', '=', 'shifan-center').where('date', '=', '2026-09-20').where('start_time', '=', '16:30').executeTakeFirst()).toEqual({ booked: 0 })
    const twice = await app.request(`/api/appointments/${id}/cancel`, { method: 'POST', token })
    expect(twice.status).toBe(409)
    expect(twice.body.error.message).toBe('该预约已取消，不能取消')
    // Cancelled: the item can be booked again.
    expect((await app.book(token, { itemCode: ITEM, hallId: HALL, date: '2026-09-17', start: '09:00' })).status).toBe(201)
    const mine = await app.request('/api/appointments', { token })
    expect(mine.body.items.map((item: { status: string }) => item.status)).toEqual(['booked', 'cancelled'])
    expect((await auditRows(app.db, 'appointment.reschedule')).length).toBe(1)
    // Clean up for the next tests.
    await app.request(`/api/appointments/${mine.body.items[0].id}/cancel`, { method: 'POST', token })
  })

  test('the QR: checked in once on the day by hall staff with the name masked; tampered, expired, another day, cancelled and repeated scans refused in words', async () => {
    const token = await zhang()
    const booked = await app.book(token, { itemCode: ITEM, hallId: HALL, date: '2026-09-15', start: '14:00' })
    const id = booked.body.id as string
    const scan = async (code: string) => app.request('/api/operator/appointments/check-in', { method: 'POST', token: await app.reviewerToken(), payload: { code } })

    const today = await app.request(`/api/appointments/${id}/code`, { token })
    expect(today.status).toBe(200)
    expect(today.body.code).toMatch(/^AP1\./)
    expect(today.body.code).not.toContain(zhangWei.name)
    expect((await scan(today.body.code)).body).toEqual({ valid: false, reason: 'not_today', reasonText: '该预约不是今天的，请按预约日期前来办理' })

    app.clock.set(new Date('2026-09-15T05:50:00Z'))
    const code = (await app.request(`/api/appointments/${id}/code`, { token: await zhang() })).body.code as string
    const [prefix, payload, mac] = code.split('.') as [string, string, string]
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ aid: 'A'.repeat(22), exp: 9_999_999_999 })).toString('base64url')}.${mac}`
    expect((await scan(forged)).body).toMatchObject({ valid: false, reason: 'bad_signature' })
    expect((await scan(`${prefix}.${payload}.${mac.slice(0, -2)}AA`)).body).toMatchObject({ valid: false, reason: 'bad_signature' })
    expect((await scan('not a code')).body).toMatchObject({ valid: false, reason: 'malformed', reasonText: expect.stringMatching(/不是有效的预约码/) })

    const arrived = await scan(code)
    expect(arrived.status).toBe(200)
    expect(arrived.body).toMatchObject({ valid: true, appointment: { id, name: '张*', itemName: '居民身份证换领', hallName: '城东派出所户籍窗口', when: '9月15日 周二 14:00-14:30', status: 'checked_in', statusName: '已到场' } })
    expect((await scan(code)).body).toMatchObject({ valid: false, reason: 'already_checked_in' })
    expect((await app.request(`/api/appointments/${id}`, { token: await zhang() })).body).toMatchObject({ status: 'checked_in', checkedInAt: '2026-09-15T05:50:00.000Z' })
    expect((await app.request(`/api/appointments/${id}/code`, { token: await zhang() })).status).toBe(409)

    // A code left on screen past its 5 minutes; and a cancelled booking's code.
    const second = await app.book(await zhang(), { itemCode: ITEM, hallId: HALL, date: '2026-09-15', start: '16:00' })
    const oldCode = (await app.request(`/api/appointments/${second.body.id}/code`, { token: await zhang() })).body.code as string
    app.clock.advance(5 * MINUTE)
    expect((await scan(oldCode)).body).toMatchObject({ valid: false, reason: 'expired', reasonText: expect.stringMatching(/已过期/) })
    const fresh = (await app.request(`/api/appointments/${second.body.id}/code`, { token: await zhang() })).body.code as string
    await app.request(`/api/appointments/${second.body.id}/cancel`, { method: 'POST', token: await zhang() })
    expect((await scan(fresh)).body).toMatchObject({ valid: false, reason: 'cancelled' })

    // A citizen cannot check in; every scan is audited.
    expect((await app.request('/api/operator/appointments/check-in', { method: 'POST', token: await zhang(), payload: { code: fresh } })).status).toBe(403)
    const audited = await auditRows(app.db, 'appointment.check_in')
    expect(audited.filter((row) => row.outcome === 'success')).toHaveLength(1)
    expect(audited.length).toBeGreaterThanOrEqual(7)
  })

  test('admins keep halls: opening periods checked in words, unknown items named; operators without the role 403', async () => {
    const admin = await app.adminToken()
    const hall = { name: '城西便民服务站', address: '示范市城西区长安街9号', hours: [{ from: '09:00', to: '11:00' }], slotMinutes: 60, items: [{ itemCode: ITEM, capacity: 2 }] }
    const created = await app.request('/api/operator/halls/chengxi', { method: 'PUT', token: admin, payload: hall })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ id: 'chengxi', hoursText: '工作日 09:00-11:00', items: [{ itemCode: ITEM, capacity: 2 }] })
    const overlapping = await app.request('/api/operator/halls/chengxi', { method: 'PUT', token: admin, payload: { ...hall, hours: [{ from: '09:00', to: '11:00' }, { from: '10:00', to: '12:00' }] } })
    expect(overlapping.status).toBe(400)
    expect(overlapping.body.error).toMatchObject({ field: 'body.hours', message: expect.stringMatching(/重叠/) })
    const unknown = await app.request('/api/operator/halls/chengxi', { method: 'PUT', token: admin, payload: { ...hall, items: [{ itemCode: 'NO-SUCH-9', capacity: 1 }] } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.message).toBe('没有这些事项：NO-SUCH-9')
    expect((await app.request('/api/operator/halls', { token: await app.reviewerToken() })).status).toBe(403)
    expect((await app.request(`/api/appointments/slots?item=${ITEM}&hall=chengxi&from=2026-09-15&days=1`, { token: await zhang() })).body.days[0].slots.map((slot: { start: string }) => slot.start)).toEqual(['09:00', '10:00'])
  })

  test('the last place of a slot, asked for by 50 people at once: exactly one wins, the others are told in words', async () => {
    const people = await app.addPeople(52)
    const tokens: string[] = []
    for (const [index, person] of people.entries()) tokens.push(await app.proven('h5dev', `crowd-${index}`, person))
    const slot = { itemCode: ITEM, hallId: HALL, date: '2026-09-18', start: '11:30' }
    // Two of the three places go first.
    for (const token of tokens.slice(0, 2)) expect((await app.book(token, slot)).status).toBe(201)
    const results = await Promise.all(tokens.slice(2).map((token) => app.book(token, slot)))
    const statuses = results.map((response) => response.status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(49)
    for (const response of results.filter((candidate) => candidate.status === 409)) {
      expect(response.body.error).toMatchObject({ code: 'SLOT_FULL', message: '9月18日 周五 11:30 的时段已约满（最后一个名额已被预约），请选择其他时段' })
    }
    expect(await slotRow('2026-09-18', '11:30')).toEqual({ capacity: 3, booked: 3 })
    const rows = await app.db.selectFrom('appointments').select('id').where('date', '=', '2026-09-18').where('start_time', '=', '11:30').where('status', '=', 'booked').execute()
    expect(rows).toHaveLength(3)
  })
})
