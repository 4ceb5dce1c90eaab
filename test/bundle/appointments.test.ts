/**
 * 在线预约 in the compiled weapp and alipay bundles, booted headless against the real server
 * (demo halls seeded), logged in with the platform's own proven account:
 * - book: hall → day → slot on the booking page, confirm, land on the booking's detail with
 *   its status, time, hall and the 预约码 section; the booking is in the database;
 * - after the booking, 预约前一天提醒我 once: the platform's subscribe call carries the reminder's
 *   template id (not the apply form's), the answer is recorded, the outcome is said in words;
 * - 改约 to another slot offers the reminder again; 不用了 goes to the booking asking nothing;
 * - cancel on the plain confirmation page (no modal API called), the place given back.
 */
import type { SlotDays } from '@/contract/appointments/schemas'
import { slotWords } from '@/packages/appointments/words'
import { provenPlatformSession, startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniApp, type MiniPlatform } from '../support/mini-harness'
import { demoCitizen } from '../support/sessions'

const BOOK = 'packages/appointments/pages/book/index'
const DETAIL = 'packages/appointments/pages/detail/index'
const CANCEL = 'packages/appointments/pages/cancel/index'
const ITEM = 'SF-GA-0001'
const HALL = 'chengdong-police'
const REMINDER_TEMPLATES = { weapp: 'tmpl-wx-appointment-reminder', alipay: 'tmpl-ali-appointment-reminder' } as const

/** What the platform's subscribe panel answers: the citizen ticks the reminder. */
function subscribeApi(platform: MiniPlatform) {
  return platform === 'weapp'
    ? { requestSubscribeMessage: (options: { success: (r: unknown) => void }) => setTimeout(() => options.success({ errMsg: 'requestSubscribeMessage:ok', [REMINDER_TEMPLATES.weapp]: 'accept' }), 0) }
    : {
        requestSubscribeMessage: (options: { success: (r: unknown) => void }) =>
          setTimeout(() => options.success({ behavior: 'subscribe', show: true, result: { subscribedEntityIds: [REMINDER_TEMPLATES.alipay], unsubscribedEntityIds: [], currentSubscribedEntityIds: [REMINDER_TEMPLATES.alipay] } }), 0),
      }
}

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend({ WECHAT_TEMPLATE_APPOINTMENT_REMINDER: REMINDER_TEMPLATES.weapp, ALIPAY_TEMPLATE_APPOINTMENT_REMINDER: REMINDER_TEMPLATES.alipay })
}, 30_000)
afterAll(() => backend.close())

const lastUrl = (app: MiniApp, api: string) => (app.callsOf(api).at(-1)?.args[0] as { url: string } | undefined)?.url

/** The first day with a free slot, as the server sees it now, and that slot. */
async function firstFreeSlot(token: string) {
  const response = await backend.app.inject({ url: `/api/appointments/slots?item=${ITEM}&hall=${HALL}&days=14`, headers: { authorization: `Bearer ${token}` } })
  const { days } = response.json() as SlotDays
  const day = days.find((candidate) => candidate.slots.some((slot) => !slot.full))!
  return { day, slot: day.slots.find((slot) => !slot.full)! }
}

describe.each(['weapp', 'alipay'] as const)('%s 在线预约', (platform: MiniPlatform) => {
  test('book a slot: hall, day, slot, confirm; 预约前一天提醒我 asks with the reminder template (offered again after 改约); the detail shows the booking and its 预约码; cancel on a plain page gives the place back', async () => {
    const citizen = platform === 'weapp' ? 'li-na' : 'wang-xiaoming'
    const token = await provenPlatformSession(backend, platform, demoCitizen(citizen))
    const { day, slot } = await firstFreeSlot(token)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: subscribeApi(platform) })
    const page = await app.openPage(BOOK, { item: ITEM })
    expect(page.texts()).toEqual(expect.arrayContaining(['居民身份证换领', '1. 选择办事大厅', '城东派出所户籍窗口', '示范市政务服务中心', '工作日 09:00-12:00、14:00-17:30']))
    await page.tap('城东派出所户籍窗口')
    expect(page.texts()).toEqual(expect.arrayContaining(['已选择', '2. 选择日期', day.label]))
    // Weekends and holidays stay in the row, marked closed.
    expect(page.texts().some((text) => text.endsWith('不开放'))).toBe(true)
    await page.tap(day.label)
    await page.tap(slotWords(slot))
    expect(page.texts()).toEqual(expect.arrayContaining(['请核对预约信息', `${day.label} ${slot.start}`, '确认预约']))
    await page.tap('确认预约')
    const booked = await backend.app.db.selectFrom('appointments').selectAll().where('item_code', '=', ITEM).where('date', '=', day.date).where('start_time', '=', slot.start).where('status', '=', 'booked').orderBy('created_at', 'desc').executeTakeFirstOrThrow()
    // The reminder is offered once, before the detail.
    expect(page.texts()).toEqual(expect.arrayContaining(['预约成功', '预约前一天提醒我', '不用了，查看预约']))
    expect(app.callsOf('redirectTo')).toHaveLength(0)
    await page.tap('预约前一天提醒我')
    const asked = app.callsOf('requestSubscribeMessage')
    expect(asked).toHaveLength(1)
    expect(asked[0]!.args[0]).toMatchObject(platform === 'weapp' ? { tmplIds: [REMINDER_TEMPLATES.weapp] } : { entityIds: [REMINDER_TEMPLATES.alipay] })
    const recorded = app.requests.find((request) => request.url.endsWith('/api/notifications/subscriptions'))!
    expect(JSON.parse(String(recorded.body))).toEqual({ templateKey: 'appointment_reminder', result: 'accept' })
    const subscription = await backend.app.db
      .selectFrom('notification_subscriptions as subscription')
      .innerJoin('platform_accounts as account', 'account.id', 'subscription.account_id')
      .select(['subscription.remaining', 'account.platform'])
      .where('subscription.template_key', '=', 'appointment_reminder')
      .where('account.platform', '=', platform)
      .executeTakeFirstOrThrow()
    expect(Number(subscription.remaining)).toBeGreaterThanOrEqual(1)
    expect(page.texts()).toContain('已开启提醒：预约前一天会发消息提醒您。')
    expect(page.texts()).not.toContain('预约前一天提醒我')
    await page.tap('查看预约')
    expect(lastUrl(app, 'redirectTo')).toBe(`/${DETAIL}?id=${booked.id}`)
    await page.unload()

    const detail = await app.openPage(DETAIL, { id: booked.id })
    expect(detail.texts()).toEqual(expect.arrayContaining(['居民身份证换领', '已预约', `${day.label} ${slot.start}-${slot.end}`, '城东派出所户籍窗口', '到大厅后请出示此预约码', '改约', '取消预约']))
    expect(app.requests.some((request) => request.url.endsWith(`/api/appointments/${booked.id}/code`))).toBe(true)
    await detail.unload()

    // 改约 to another free slot the same day: the reminder is offered again; 不用了 goes to the booking, asking nothing.
    const other = day.slots.find((candidate) => !candidate.full && candidate.start !== slot.start)!
    const move = await app.openPage(BOOK, { item: ITEM, reschedule: booked.id })
    await move.tap('城东派出所户籍窗口')
    await move.tap(day.label)
    await move.tap(slotWords(other))
    await move.tap('确认改约')
    expect(move.texts()).toEqual(expect.arrayContaining(['改约成功', '预约前一天提醒我', '不用了，查看预约']))
    await move.tap('不用了，查看预约')
    expect(app.callsOf('requestSubscribeMessage')).toHaveLength(1)
    expect(lastUrl(app, 'redirectTo')).toBe(`/${DETAIL}?id=${booked.id}`)
    await move.unload()

    const cancel = await app.openPage(CANCEL, { id: booked.id })
    expect(cancel.texts()).toEqual(expect.arrayContaining(['确定取消这个预约吗？', '确定取消', '不取消，返回']))
    await cancel.tap('确定取消')
    expect(cancel.texts()).toContain('预约已取消')
    expect(app.callsOf('showModal')).toHaveLength(0)
    expect(app.callsOf('confirm')).toHaveLength(0)
    const counter = await backend.app.db.selectFrom('appointment_slots').select('booked').where('hall_id', '=', HALL).where('item_code', '=', ITEM).where('date', '=', day.date).where('start_time', '=', other.start).executeTakeFirstOrThrow()
    expect(Number(counter.booked)).toBe(0)
    await cancel.unload()
  })
})
