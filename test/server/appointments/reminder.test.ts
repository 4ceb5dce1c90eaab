/**
 * The day-before reminder of a booking (issue 15, 在线预约): the sweep reminds each booking on
 * the next working day once — through the platform's reminder template when the account
 * subscribed (the local WeChat / Alipay protocol servers receive it) and always in the message
 * centre — never cancelled or checked-in ones, never twice (two sweeps racing as two nodes
 * would), and again after a reschedule to another day.
 */
import { checkIn } from '../../../server/appointments/bookings'
import { createAppointmentReminders } from '../../../server/appointments/reminders'
import { APPOINTMENT_REMINDER_KEY } from '../../../server/notifications/outbox'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, zhangWei } from '../../support/identity'
import { startApplicationsApp } from '../applications/harness'
import { HALL, ITEM, MONDAY } from './harness'

const OPENID = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'
const ALIPAY_OPEN_ID = '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5'
const WECHAT_REMINDER = 'tmpl-appointment-reminder-wx'
const ALIPAY_REMINDER = 'tmpl-appointment-reminder-ali'
/** Tuesday 15 Sep 2026, 09:10 in China. */
const TUESDAY = new Date('2026-09-15T01:10:00Z')
/** Friday 18 Sep 2026: the next working day is 调休 Sunday 20 Sep, not Saturday. */
const FRIDAY = new Date('2026-09-18T01:10:00Z')

describe.each(dialects())('在线预约: the day-before reminder on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) =>
    startApplicationsApp(testDb, { WECHAT_TEMPLATE_APPOINTMENT_REMINDER: WECHAT_REMINDER, ALIPAY_TEMPLATE_APPOINTMENT_REMINDER: ALIPAY_REMINDER, APPOINTMENT_REMINDER_SECONDS: '0' }),
  )

  const remind = () => app.server.app.appointmentReminders.remindDue()
  const dispatch = () => app.server.app.notifications.dispatchDue()
  const book = async (token: string, date: string, start: string) => {
    const response = await app.request('/api/appointments', { method: 'POST', token, payload: { itemCode: ITEM, hallId: HALL, date, start } })
    if (response.status !== 201) throw new Error(response.text)
    return response.body.id as string
  }
  const reminders = (appointmentId: string) => app.db.selectFrom('notification_outbox').selectAll().where('appointment_id', '=', appointmentId).orderBy('id').execute()
  /** Sessions end when the clock jumps: log in afresh after moving it. */
  const zhangOn = (platform: 'weapp' | 'alipay' | 'h5dev') => app.citizen(platform, platform === 'weapp' ? OPENID : platform === 'alipay' ? ALIPAY_OPEN_ID : zhangWei.key, zhangWei)
  const li = () => app.citizen('h5dev', liNa.key, liNa)
  /** What the booking page does: ask the templates route for the reminder's id, then record the platform's accept. */
  const subscribeThroughRoutes = async (token: string, expectedTemplateId: string) => {
    const templates = await app.request('/api/notifications/templates?key=appointment_reminder', { token })
    expect(templates.status).toBe(200)
    expect(templates.body.items).toEqual([{ templateKey: APPOINTMENT_REMINDER_KEY, templateId: expectedTemplateId }])
    const recorded = await app.request('/api/notifications/subscriptions', { method: 'POST', token, payload: { templateKey: APPOINTMENT_REMINDER_KEY, result: 'accept' } })
    expect(recorded.status).toBe(200)
    expect(recorded.body).toEqual({ templateKey: APPOINTMENT_REMINDER_KEY, lastResult: 'accept', remaining: 1 })
  }

  beforeAll(() => {
    app.wechat.scenario.templateIds.add(WECHAT_REMINDER)
    app.alipay.scenario.templateIds.add(ALIPAY_REMINDER)
  })
  beforeEach(async () => {
    // Each test starts with no bookings, no messages, no subscriptions.
    await app.db.deleteFrom('notification_outbox').execute()
    await app.db.deleteFrom('notification_subscriptions').execute()
    await app.db.deleteFrom('appointments').execute()
    await app.db.deleteFrom('appointment_slots').execute()
    app.wechat.subscribeMessages.length = 0
    app.alipay.templateMessages.length = 0
    app.clock.set(MONDAY)
    // Accounts exist on every platform for 张伟 (one of them h5dev, which has no platform message).
    await zhangOn('alipay')
    await zhangOn('h5dev')
  })

  test('a booking for tomorrow is reminded once: the subscribed platforms receive it, the message centre lists it in words', async () => {
    await subscribeThroughRoutes(await zhangOn('alipay'), ALIPAY_REMINDER)
    const token = await zhangOn('weapp')
    await subscribeThroughRoutes(token, WECHAT_REMINDER)
    // The apply form's question (no key) is still only about application status.
    const applyForm = await app.request('/api/notifications/templates', { token })
    expect(applyForm.body.items.map((item: { templateKey: string }) => item.templateKey)).toEqual(['application_status'])
    const tomorrow = await book(token, '2026-09-15', '10:00')
    const laterDay = await book(await li(), '2026-09-16', '09:00')

    expect(await remind()).toEqual({ reminded: 1 })
    const rows = await reminders(tomorrow)
    expect(rows.map((row) => [row.platform, row.status, row.template_key, row.application_id])).toEqual(
      expect.arrayContaining([
        ['weapp', 'pending', APPOINTMENT_REMINDER_KEY, null],
        ['alipay', 'pending', APPOINTMENT_REMINDER_KEY, null],
        ['h5dev', 'skipped', APPOINTMENT_REMINDER_KEY, null],
      ]),
    )
    expect(rows).toHaveLength(3)
    expect(await reminders(laterDay)).toEqual([])
    const remindedAt = await app.db.selectFrom('appointments').select('reminded_at').where('id', '=', tomorrow).executeTakeFirstOrThrow()
    expect(remindedAt.reminded_at).toBe(MONDAY.toISOString())

    expect(await dispatch()).toEqual({ sent: 2, retrying: 0, failed: 0 })
    expect(app.wechat.subscribeMessages).toHaveLength(1)
    const wechatMessage = app.wechat.subscribeMessages[0]!
    expect(wechatMessage).toMatchObject({ touser: OPENID, template_id: WECHAT_REMINDER, page: `packages/appointments/pages/detail/index?id=${tomorrow}` })
    expect(wechatMessage.data.thing1!.value).toBe('居民身份证换领')
    expect(wechatMessage.data.time3!.value).toBe('2026年9月15日 10:00')
    expect(wechatMessage.data.thing4!.value).toMatch(/^请到城东派出所户籍窗口办理/)
    expect(app.alipay.templateMessages).toHaveLength(1)
    expect(app.alipay.templateMessages[0]).toMatchObject({ to_open_id: ALIPAY_OPEN_ID, user_template_id: ALIPAY_REMINDER })

    // The message centre: item, day and time, hall and address in words; no ID number anywhere.
    const inbox = await app.request('/api/me/messages', { token: await zhangOn('h5dev') })
    expect(inbox.status).toBe(200)
    expect(inbox.body.items).toHaveLength(1)
    expect(inbox.body.items[0]).toMatchObject({ itemName: '居民身份证换领', statusName: '明日预约', read: false })
    expect(inbox.body.items[0].note).toMatch(/^请到城东派出所户籍窗口办理，9月15日 周二 10:00-10:30，地址：.+，记得带上身份证件$/)
    expect(JSON.stringify(inbox.body)).not.toMatch(/\d{17}[\dX]/)
    expect(JSON.stringify(inbox.body)).not.toContain(zhangWei.idNumber)

    // A second sweep the same day sends nothing more; the later booking waits for its own eve.
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await reminders(tomorrow)).toHaveLength(3)
    app.clock.set(TUESDAY)
    expect(await remind()).toEqual({ reminded: 1 })
    expect(await reminders(laterDay)).toHaveLength(1)
  })

  test('without a subscription the platform message is skipped, and the message centre still has it', async () => {
    const id = await book(await zhangOn('weapp'), '2026-09-15', '14:00')
    expect(await remind()).toEqual({ reminded: 1 })
    const rows = await reminders(id)
    expect(rows.filter((row) => row.platform !== 'h5dev').map((row) => row.last_error)).toEqual(['skipped: not subscribed (no unused subscription for this template)', 'skipped: not subscribed (no unused subscription for this template)'])
    expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(app.wechat.subscribeMessages).toEqual([])
    const inbox = await app.request('/api/me/messages', { token: await zhangOn('weapp') })
    expect(inbox.body.items.map((item: { itemName: string }) => item.itemName)).toEqual(['居民身份证换领'])
  })

  test('cancelled and checked-in bookings, and bookings on other days, are not reminded', async () => {
    const cancelled = await book(await li(), '2026-09-15', '10:00')
    expect((await app.request(`/api/appointments/${cancelled}/cancel`, { method: 'POST', token: await li() })).status).toBeLessThan(300)
    const arrived = await book(await zhangOn('weapp'), '2026-09-15', '10:30')
    expect(await checkIn(app.db, arrived, 'operator-test', MONDAY)).toBe(true)
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await reminders(cancelled)).toEqual([])
    expect(await reminders(arrived)).toEqual([])
  })

  test('on a Friday the next working day is the 调休 Sunday: Saturday bookings cannot exist, Sunday ones are reminded, Monday ones wait', async () => {
    app.clock.set(new Date('2026-09-17T01:10:00Z'))
    const sunday = await book(await zhangOn('weapp'), '2026-09-20', '09:00')
    const monday = await book(await li(), '2026-09-21', '09:00')
    app.clock.set(FRIDAY)
    expect(await remind()).toEqual({ reminded: 1 })
    expect(await reminders(sunday)).toHaveLength(3)
    expect(await reminders(monday)).toEqual([])
  })

  test('no reminder at night: before 09:00 China time the sweep waits, from 09:00 it reminds', async () => {
    const id = await book(await zhangOn('weapp'), '2026-09-15', '16:00')
    app.clock.set(new Date('2026-09-13T16:30:00Z')) // Monday 00:30 in China
    expect(await remind()).toEqual({ reminded: 0 })
    app.clock.set(new Date('2026-09-14T00:59:00Z')) // 08:59
    expect(await remind()).toEqual({ reminded: 0 })
    expect(await reminders(id)).toEqual([])
    app.clock.set(new Date('2026-09-14T01:00:00Z')) // 09:00
    expect(await remind()).toEqual({ reminded: 1 })
  })

  test('two sweeps racing (as two nodes would) remind once', async () => {
    const id = await book(await zhangOn('weapp'), '2026-09-15', '11:00')
    const otherNode = createAppointmentReminders({ db: app.db, clock: app.clock, templateIds: { weapp: WECHAT_REMINDER, alipay: ALIPAY_REMINDER }, log: app.server.app.log, intervalSeconds: 0 })
    const results = await Promise.all([remind(), otherNode.remindDue(), remind(), otherNode.remindDue()])
    expect(results.reduce((sum, result) => sum + result.reminded, 0)).toBe(1)
    expect(await reminders(id)).toHaveLength(3)
  })

  test('a rescheduled booking is reminded again for its new day', async () => {
    const token = await zhangOn('weapp')
    const id = await book(token, '2026-09-15', '09:00')
    expect(await remind()).toEqual({ reminded: 1 })
    const moved = await app.request(`/api/appointments/${id}/reschedule`, { method: 'POST', token, payload: { hallId: HALL, date: '2026-09-17', start: '15:00' } })
    expect(moved.status).toBe(200)
    app.clock.set(TUESDAY)
    // Tuesday: the booking is now on Thursday, not the next working day.
    expect(await remind()).toEqual({ reminded: 0 })
    app.clock.set(new Date('2026-09-16T01:10:00Z'))
    expect(await remind()).toEqual({ reminded: 1 })
    const rows = await reminders(id)
    expect(rows).toHaveLength(6)
    expect(JSON.parse(rows.at(-1)!.payload).note).toMatch(/，9月17日 周四 15:00-15:30，/)
  })
})
