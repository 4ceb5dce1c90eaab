/**
 * 网上申请 in the compiled weapp and alipay bundles, booted headless against the real
 * server, logged in with the platform's own account (wx.login / my.getAuthCode through the
 * local protocol servers), so the server hands out that platform's template id:
 * - the apply form shows prefilled values masked with their source (来自 公安人口库), locked
 *   ones without an input, the ID card attached from the wallet; the submit goes through, the
 *   subscribe offer reaches wx.requestSubscribeMessage / my.requestSubscribeMessage with the
 *   configured template id and the answer is recorded; no full ID number or phone in any setData;
 * - an application moved along by a reviewer shows its timeline (steps, times, the note) and
 *   the working-day countdown;
 * - a submitted application is withdrawn after an inline confirmation.
 */
import { randomBytes } from 'node:crypto'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import type { FormSchema } from '@/contract/services/data'
import { countdownWords, dateTimeWords } from '@/packages/applications/words'
import { maskIdNumber, maskName, maskPhone } from '../../server/privacy/masking'
import { provenPlatformSession, startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniApp, type MiniPage, type MiniPlatform } from '../support/mini-harness'
import { operatorTokenFor } from '../support/operators'
import { demoCitizen } from '../support/sessions'

const TEMPLATES = { weapp: 'tmpl-wx-application-status', alipay: 'tmpl-ali-application-status' } as const
const APPLY = 'packages/applications/pages/apply/index'
const DETAIL = 'packages/applications/pages/detail/index'
const RATE = 'packages/applications/pages/rate/index'
const FEEDBACK_NEW = 'packages/applications/pages/feedback-new/index'
const MY_FEEDBACK = 'packages/applications/pages/my-feedback/index'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend({ WECHAT_TEMPLATE_APPLICATION_STATUS: TEMPLATES.weapp, ALIPAY_TEMPLATE_APPLICATION_STATUS: TEMPLATES.alipay })
}, 30_000)
afterAll(() => backend.close())

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

const FORM: FormSchema = {
  fields: [
    { key: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: { source: 'population.name', locked: true } },
    { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, prefill: { source: 'population.id_number', locked: true } },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: { source: 'population.phone', locked: false } },
    { key: 'reason', label: '换领原因', type: 'select', required: true, options: ['有效期满', '证件损坏', '证件丢失'] },
  ],
}

/** A published 全程网办 item with a prefilled form, so this suite does not hang on the catalogue's seed. */
async function insertItem(): Promise<{ code: string; name: string }> {
  const code = `BUNDLE${randomBytes(4).toString('hex').toUpperCase()}`
  const name = '居民身份证换领（测试）'
  const now = new Date().toISOString()
  await backend.app.db
    .insertInto('service_items')
    .values({
      code,
      name,
      aliases: '[]',
      department: '市公安局',
      audiences: '["personal"]',
      category: '户籍办理',
      life_events: '[]',
      region: '北京市',
      legal_basis: '《中华人民共和国居民身份证法》',
      conditions: '["本市户籍居民"]',
      materials: JSON.stringify([{ name: '居民身份证', certificateType: 'resident_id_card' }, { name: '近期免冠照片', copies: 1 }]),
      fees: '不收费',
      time_limit_days: 5,
      online_level: 'full_online',
      counter_address: '市政务服务中心一层',
      counter_hours: '工作日 9:00-17:00',
      contact_phone: null,
      faq: '[]',
      form_schema: JSON.stringify(FORM),
      status: 'published',
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute()
  return { code, name }
}

/** A proven (level 4) session of `citizenKey` on the platform's own account kind, through its protocol servers. */
async function platformSession(platform: MiniPlatform, citizenKey: string): Promise<string> {
  return provenPlatformSession(backend, platform, demoCitizen(citizenKey))
}

async function submitThroughApi(token: string, itemCode: string): Promise<ApplicationDetail> {
  const response = await backend.app.inject({
    method: 'POST',
    url: '/api/applications',
    headers: { ...auth(token), 'idempotency-key': `bundle-${randomBytes(12).toString('hex')}` },
    payload: { itemCode, values: { reason: '证件损坏' } },
  })
  if (response.statusCode !== 201) throw new Error(`submit failed: ${response.statusCode} ${response.body}`)
  return response.json() as ApplicationDetail
}

async function transition(id: string, to: string, reason?: string): Promise<void> {
  const reviewer = await operatorTokenFor(backend.app, ['reviewer'])
  const response = await backend.app.inject({ method: 'POST', url: `/api/operator/applications/${id}/transition`, headers: auth(reviewer), payload: reason ? { to, reason } : { to } })
  if (response.statusCode !== 200) throw new Error(`transition to ${to} failed: ${response.statusCode} ${response.body}`)
}

/** What the platform's subscribe panel answers: the citizen ticks the one template. */
function subscribeApi(platform: MiniPlatform) {
  return platform === 'weapp'
    ? { requestSubscribeMessage: (options: { success: (r: unknown) => void }) => setTimeout(() => options.success({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATES.weapp]: 'accept' }), 0) }
    : {
        requestSubscribeMessage: (options: { success: (r: unknown) => void }) =>
          setTimeout(() => options.success({ behavior: 'subscribe', show: true, result: { subscribedEntityIds: [TEMPLATES.alipay], unsubscribedEntityIds: [], currentSubscribedEntityIds: [TEMPLATES.alipay] } }), 0),
      }
}

const allSetData = (page: MiniPage) => page.setDataCalls.map((call) => JSON.stringify(call.payload)).join('\n')
const lastUrl = (app: MiniApp, api: string) => (app.callsOf(api).at(-1)?.args[0] as { url: string } | undefined)?.url

describe.each(['weapp', 'alipay'] as const)('%s applications', (platform) => {
  test('apply: prefilled values masked with their source, locked ones not editable; submit, then subscribe with the template id', async () => {
    const item = await insertItem()
    const token = await platformSession(platform, 'li-na')
    const citizen = demoCitizen('li-na')
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: subscribeApi(platform) })
    const page = await app.openPage(APPLY, { code: item.code })
    const texts = page.texts()
    expect(texts).toEqual(expect.arrayContaining([item.name, '申请人姓名', maskName(citizen.name), '公民身份号码', maskIdNumber(citizen.idNumber), '来自 公安人口库', '已锁定，不可修改', maskPhone(citizen.phone!), '修改']))
    expect(texts.filter((text) => text === '来自 公安人口库')).toHaveLength(3)
    // Each material says how this citizen meets it: the e-ID card, and the photo (no upload or shared data for it) at the counter.
    expect(texts).toEqual(expect.arrayContaining(['已关联电子证照：居民身份证', '近期免冠照片（1份）', '邮寄或窗口']))
    // No input holds a masked value: locked fields have none, the held phone is shown with 修改.
    const inputsLabelled = () => page.find((node) => ['申请人姓名', '公民身份号码', '联系电话'].includes(String(page.attr(node, 'aria-label'))))
    expect(inputsLabelled()).toHaveLength(0)
    // 修改 starts a fresh, empty entry.
    await page.tap('修改')
    const phoneInput = inputsLabelled()
    expect(phoneInput.map((node) => page.attr(node, 'aria-label'))).toEqual(['联系电话'])
    expect(JSON.stringify(phoneInput[0])).not.toContain('****')
    await page.fire(String(phoneInput[0]!.sid), 'input', { value: '13700001234' })

    // Nothing chosen yet: the problem is named, nothing is sent.
    await page.tap('提交申请')
    expect(page.texts()).toContain('请选择换领原因')
    expect(app.requests.filter((request) => request.method === 'POST')).toHaveLength(0)
    await page.tap('有效期满')
    await page.tap('提交申请')
    const submit = app.requests.find((request) => request.method === 'POST' && request.url.endsWith('/api/applications'))!
    expect((JSON.parse(String(submit.body)) as { values: Record<string, unknown> }).values.phone).toBe('13700001234')
    expect(Object.entries(submit.headers).find(([name]) => name.toLowerCase() === 'idempotency-key')?.[1]).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
    expect(page.texts()).toEqual(expect.arrayContaining(['申请已提交', '接收办理进度通知']))

    await page.tap('接收办理进度通知')
    const asked = app.callsOf('requestSubscribeMessage')
    expect(asked).toHaveLength(1)
    expect(asked[0].args[0]).toMatchObject(platform === 'weapp' ? { tmplIds: [TEMPLATES.weapp] } : { entityIds: [TEMPLATES.alipay] })
    const recorded = app.requests.find((request) => request.url.endsWith('/api/notifications/subscriptions'))!
    expect(JSON.parse(String(recorded.body))).toEqual({ templateKey: 'application_status', result: 'accept' })
    // The server now holds one message's worth of permission for this platform account.
    const subscriptions = await backend.app.db
      .selectFrom('notification_subscriptions as subscription')
      .innerJoin('platform_accounts as account', 'account.id', 'subscription.account_id')
      .select(['account.platform', 'subscription.last_result', 'subscription.remaining'])
      .where('account.platform', '=', platform)
      .where('subscription.template_key', '=', 'application_status')
      .execute()
    expect(subscriptions).toEqual(expect.arrayContaining([{ platform, last_result: 'accept', remaining: 1 }]))
    expect(lastUrl(app, 'redirectTo')).toMatch(new RegExp(`^/${DETAIL}\\?id=[A-Za-z0-9_-]{22}$`))

    // Only masked personal data ever crossed into the render layer.
    const rendered = allSetData(page)
    expect(rendered).not.toContain(citizen.idNumber)
    expect(rendered).not.toContain(citizen.phone!)
    await page.unload()
  })

  test('an application moved along by a reviewer shows its timeline with times and the note, and the working-day countdown', async () => {
    const item = await insertItem()
    const token = await platformSession(platform, 'li-na')
    const created = await submitThroughApi(token, item.code)
    await transition(created.id, 'accepted')
    await transition(created.id, 'reviewing', '材料齐全，进入审核')
    const current = (await backend.app.inject({ url: `/api/applications/${created.id}`, headers: auth(token) })).json() as ApplicationDetail
    expect(current.workingDaysLeft).not.toBeNull()

    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(DETAIL, { id: created.id })
    const texts = page.texts()
    const [submitted, accepted, reviewing] = current.timeline
    expect(texts).toEqual(
      expect.arrayContaining([
        item.name,
        '审核中',
        '已提交',
        dateTimeWords(submitted.at),
        '已受理',
        dateTimeWords(accepted.at),
        '审核中（当前）',
        dateTimeWords(reviewing.at),
        '说明：材料齐全，进入审核',
        countdownWords(current)!,
        current.deadlineText,
      ]),
    )
    expect(countdownWords(current)).toMatch(/^还剩 \d+ 个工作日$|^今天是承诺办结的最后一个工作日$/)
    // The step still to come, and no withdraw once accepted.
    expect(texts).toEqual(expect.arrayContaining(['已办结', '尚未进行']))
    expect(texts).not.toContain('撤回申请')
    expect(allSetData(page)).not.toContain(demoCitizen('li-na').idNumber)
    await page.unload()
  })

  test('a finished application is rated: 不满意 needs a reason, then the rating and its open rectification show', async () => {
    const item = await insertItem()
    const token = await platformSession(platform, 'li-na')
    const created = await submitThroughApi(token, item.code)
    for (const to of ['accepted', 'reviewing', 'completed']) await transition(created.id, to)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const detail = await app.openPage(DETAIL, { id: created.id })
    await detail.tap('去评价')
    expect(lastUrl(app, 'navigateTo')).toBe(`/${RATE}?id=${created.id}`)
    const rate = await app.openPage(RATE, { id: created.id })
    expect(rate.texts()).toEqual(expect.arrayContaining(['您对这次办理满意吗？', '非常满意', '满意', '基本满意', '不满意', '非常不满意', '0/500']))
    await rate.tap('不满意')
    expect(rate.texts()).toEqual(expect.arrayContaining(['时限超期', '不满意的原因（必填）']))
    await rate.tap('提交评价')
    expect(rate.text()).toContain('请写明不满意的原因')
    expect(app.requests.some((request) => request.method === 'POST' && request.url.endsWith('/evaluation'))).toBe(false)
    await rate.tap('时限超期')
    const reason = rate.find((node) => rate.attr(node, 'aria-label') === '不满意的原因（必填）')[0]
    expect(reason?.sid).toBeDefined()
    await rate.fire(String(reason.sid), 'input', { value: '等了很久也没有人联系我' })
    await rate.tap('提交评价')
    const sent = app.requests.find((request) => request.method === 'POST' && request.url.endsWith(`/api/applications/${created.id}/evaluation`))!
    expect(JSON.parse(String(sent.body))).toEqual({ rating: 2, tags: ['时限超期'], reason: '等了很久也没有人联系我' })
    expect(rate.texts()).toEqual(expect.arrayContaining(['评价已提交，感谢您的反馈', '我的评价：不满意', '标签：时限超期', '不满意的原因：等了很久也没有人联系我', '待整改']))
    await rate.unload()
  })

  test('feedback from a search that found nothing carries the search and is listed with its status', async () => {
    const token = await platformSession(platform, 'li-na')
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(FEEDBACK_NEW, { kind: 'suggestion', searchQuery: encodeURIComponent('养犬登记') })
    expect(page.texts()).toEqual(expect.arrayContaining(['搜索的内容', '养犬登记', '找不到事项']))
    const text = page.find((node) => page.attr(node, 'aria-label') === '具体内容')[0]
    await page.fire(String(text.sid), 'input', { value: '希望能在网上办理养犬登记' })
    await page.tap('提交')
    const sent = app.requests.find((request) => request.method === 'POST' && request.url.endsWith('/api/feedback'))!
    expect(JSON.parse(String(sent.body))).toEqual({ kind: 'suggestion', category: 'missing_service', text: '希望能在网上办理养犬登记', searchQuery: '养犬登记' })
    expect(page.texts()).toContain('建议已提交')
    const list = await app.openPage(MY_FEEDBACK)
    expect(list.texts()).toEqual(expect.arrayContaining(['建议 · 找不到事项', '待回复', '搜索：养犬登记', '希望能在网上办理养犬登记']))
    await list.unload()
  })

  test('a submitted application is withdrawn only after the inline confirmation', async () => {
    const item = await insertItem()
    const token = await platformSession(platform, 'li-na')
    const created = await submitThroughApi(token, item.code)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(DETAIL, { id: created.id })
    expect(page.texts()).toEqual(expect.arrayContaining(['已提交（当前）', '撤回申请', '部门受理前可以撤回。']))
    await page.tap('撤回申请')
    expect(page.text()).toContain(`确定撤回“${item.name}”的申请吗？`)
    expect(app.requests.some((request) => request.url.endsWith('/withdraw'))).toBe(false)
    await page.tap('确认撤回')
    expect(app.requests.some((request) => request.method === 'POST' && request.url.endsWith(`/api/applications/${created.id}/withdraw`))).toBe(true)
    expect(page.texts()).toEqual(expect.arrayContaining(['已撤回', '已撤回（当前）']))
    expect(page.texts()).not.toContain('撤回申请')
    expect(app.callsOf('showModal')).toHaveLength(0)
    await page.unload()
  })
})
