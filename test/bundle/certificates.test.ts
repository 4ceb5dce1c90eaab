/**
 * 电子证照 in the compiled weapp and alipay bundles, booted headless against the real
 * server: the wallet lists masked cards (no full value in any setData), the 亮证 view
 * carries the watermark and a live clock, a presentation code is drawn on a canvas (never
 * sent through setData) and the view sees it verified; a verifier scans a code and sees
 * only the disclosed fields.
 */
import type { CertificateList, Presentation } from '@/contract/certificates/schemas'
import { CERTIFICATE_WATERMARK } from '@/contract/certificates/data'
import { maskName } from '../../server/privacy/masking'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { demoCertificates } from '../../server/seed-data/demo-certificates'
import { sensitiveValues } from '../support/certificates'
import { bootMiniApp, type FakeRequest, type MiniApp, type MiniPage } from '../support/mini-harness'
import { demoCitizen, sessionFor } from '../support/sessions'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const WALLET = 'packages/certificates/pages/wallet/index'
const DETAIL = 'packages/certificates/pages/detail/index'

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

async function wallet(token: string): Promise<CertificateList['items']> {
  return ((await backend.app.inject({ url: '/api/certificates', headers: auth(token) })).json() as CertificateList).items
}

/** The valid driving licence of the holder. */
async function drivingLicenceId(token: string): Promise<string> {
  return (await wallet(token)).find((item) => item.type === 'driving_licence' && item.status === 'valid')!.id
}

/** Taps a checkbox or radio by its accessible label (the row's visible label may appear elsewhere too). */
async function tapByLabel(page: MiniPage, role: string, label: string) {
  const node = page.find((candidate) => page.attr(candidate, 'aria-role') === role && String(page.attr(candidate, 'aria-label') ?? '').split('，')[0] === label)[0]
  if (!node?.sid) throw new Error(`no ${role} labelled ${label}; texts: ${page.texts().join(' | ')}`)
  await page.fire(String(node.sid), 'tap', {})
}

/** Waits (real time: the page polls every few seconds) until `done`, or gives up after `ms`. */
async function waitFor(app: MiniApp, done: () => boolean, ms = 8000) {
  const deadline = Date.now() + ms
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    await app.settle()
  }
}

const allSetData = (page: MiniPage) => page.setDataCalls.map((call) => JSON.stringify(call.payload)).join('\n')

describe.each(['weapp', 'alipay'] as const)('%s certificates', (platform) => {
  test('the wallet lists every card masked, with status and validity in words; no full value crosses setData', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    const expected = await wallet(token)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(WALLET)
    const texts = page.texts()
    for (const item of expected) expect(texts).toEqual(expect.arrayContaining([item.typeName, item.number, item.statusName]))
    expect(texts).toEqual(expect.arrayContaining(['有效', '已过期', '已注销', '有效期：长期', '有效期：至2032年4月18日', '已注销，不能亮证或授权']))
    // Nothing sensitive of this holder, in full, anywhere in what crossed into the render layer.
    const rendered = allSetData(page)
    const holder = demoCitizen('zhang-wei')
    const secrets = [holder.idNumber, ...demoCertificates.filter((certificate) => certificate.holder === holder.key).flatMap(sensitiveValues)]
    for (const secret of secrets) if (secret.length >= 4) expect(rendered).not.toContain(secret)
    // Not a verifier: no scan entry.
    expect(texts).not.toContain('扫码核验证照')

    const licence = expected.find((item) => item.type === 'driving_licence' && item.status === 'valid')!
    // Valid cards come first: the first 机动车驾驶证 is the valid one.
    await page.tap(licence.typeName)
    expect((app.callsOf('navigateTo').at(-1)!.args[0] as { url: string }).url).toBe(`/${DETAIL}?id=${licence.id}`)
    await page.unload()
  })

  test('the 亮证 view shows the watermark and a live clock; a presentation is drawn, not sent through setData, and is seen verified', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei', 4)
    const id = await drivingLicenceId(token)
    const issued: Presentation[] = []
    const onRequest = async (request: FakeRequest) => {
      const response = await backend.onRequest(request)
      if (request.method === 'POST' && request.url.endsWith('/api/certificates/presentations') && response.status === 201) issued.push(JSON.parse(String(response.body)) as Presentation)
      return response
    }
    const app: MiniApp = await bootMiniApp({ platform, onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(DETAIL, { id })
    expect(page.texts()).toEqual(expect.arrayContaining([CERTIFICATE_WATERMARK, '机动车驾驶证', '有效', '生成亮证码', '请先选择亮证用途']))
    // Tapped before choosing: the alert says what is missing, once (not the status line as well).
    await page.tap('生成亮证码')
    expect(page.texts().filter((text) => text === '请先选择亮证用途')).toHaveLength(1)
    const clock = () => page.texts().find((text) => /^\d{2}:\d{2}:\d{2}$/.test(text))
    const first = clock()
    expect(first).toBeDefined()
    expect(page.text()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await app.settle()
    expect(clock()).not.toBe(first)

    // 窗口办事 suggests 姓名、证号、准驾车型 for a driving licence; leave 姓名 out.
    await tapByLabel(page, 'radio', '窗口办事')
    await tapByLabel(page, 'checkbox', '姓名')
    expect(page.texts()).toContain('将向核验方出示2项：证号、准驾车型')
    const before = page.setDataCalls.length
    await page.tap('生成亮证码')
    expect(issued).toHaveLength(1)
    expect(issued[0].fields.map((field) => field.key)).toEqual(['licenceNumber', 'vehicleClass'])
    expect(page.texts()).toEqual(expect.arrayContaining(['机动车驾驶证 · 窗口办事', '待核验', '出示内容：证号、准驾车型', '撤回亮证码']))
    expect(page.text()).toMatch(/\d+分\d{2}秒后失效/)
    // The QR is drawn on a 2D canvas found by a selector query; the code itself never crosses setData.
    expect(app.callsOf('createSelectorQuery').length).toBeGreaterThan(0)
    expect(allSetData(page)).not.toContain(issued[0].code)
    const largest = Math.max(...page.setDataCalls.slice(before).map((call) => call.bytes))
    expect(largest).toBeLessThan(64 * 1024)
    // Brightness up while the code is shown.
    expect(app.callsOf('setScreenBrightness')[0].args[0]).toMatchObject(platform === 'weapp' ? { value: 1 } : { brightness: 1 })

    // A verifier scans it (server side); the view's poll shows who.
    const verifier = await sessionFor(backend.app, 'ouyang-mingyue')
    const verified = await backend.app.inject({ method: 'POST', url: '/api/certificates/verify', headers: auth(verifier), payload: { code: issued[0].code } })
    expect(verified.json()).toMatchObject({ valid: true })
    await waitFor(app, () => page.texts().includes('已核验'))
    expect(page.texts()).toEqual(expect.arrayContaining(['已核验', `核验员 ${maskName(demoCitizen('ouyang-mingyue').name)}已查看您出示的信息`, '再次亮证']))
    // Said once: the badge says 已核验, the alert who read it.
    expect(page.texts().filter((text) => text === '已核验')).toHaveLength(1)
    // Brightness given back once the code is used.
    expect(app.callsOf('setScreenBrightness').length).toBe(2)
    await page.unload()
  }, 30_000)

  test('a sensitive field is revealed on request, right after verification', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    const id = await drivingLicenceId(token)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(DETAIL, { id })
    const archive = (demoCertificates.find((certificate) => certificate.holder === 'zhang-wei' && certificate.type === 'driving_licence' && certificate.version === '002')!.fields as Record<string, string>).archiveNumber
    expect(page.texts()).not.toContain(archive)
    const button = page.find((node) => page.attr(node, 'aria-label') === '查看完整档案编号')[0]
    await page.fire(String(button.sid), 'tap', {})
    expect(page.texts()).toContain(archive)
    await page.unload()
  })

  test('a verifier scans a code and sees only the disclosed fields and the masked holder, full screen', async () => {
    const holder = await sessionFor(backend.app, 'zhang-wei', 4)
    const id = await drivingLicenceId(holder)
    const presented = (
      await backend.app.inject({ method: 'POST', url: '/api/certificates/presentations', headers: auth(holder), payload: { certificateId: id, purpose: 'traffic_enforcement', fields: ['vehicleClass'] } })
    ).json() as Presentation
    const verifier = await sessionFor(backend.app, 'ouyang-mingyue')
    const scan: Record<string, (options: { success: (r: unknown) => void }) => unknown> =
      platform === 'weapp'
        ? { scanCode: (options: { success: (r: unknown) => void }) => setTimeout(() => options.success({ result: presented.code, errMsg: 'scanCode:ok' }), 0) }
        : { scan: (options: { success: (r: unknown) => void }) => setTimeout(() => options.success({ code: presented.code }), 0) }
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': verifier }, api: scan })
    const page = await app.openPage(WALLET)
    await page.tap('扫码核验证照')
    const texts = page.texts()
    expect(texts).toEqual(expect.arrayContaining(['核验通过', '机动车驾驶证 · 有效', '持证人', maskName(demoCitizen('zhang-wei').name), '交通执法', '准驾车型', 'C1', '继续扫码核验']))
    // Only what was disclosed: no licence number, archive number or name in full.
    const licence = demoCertificates.find((certificate) => certificate.holder === 'zhang-wei' && certificate.type === 'driving_licence' && certificate.version === '002')!
    for (const secret of sensitiveValues(licence)) expect(page.text()).not.toContain(secret)
    expect(texts).not.toContain('证号')
    expect(texts).not.toContain('我的证照')
    await page.tap('返回')
    expect(page.texts()).toContain('我的证照')
    await page.unload()
  })

  test('authorise an organisation: the access key is shown once and copied; the grant is listed and revoked after an inline confirmation', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei', 4)
    const id = await drivingLicenceId(token)
    // Alipay's clipboard API is my.setClipboard({ text }) (Taro maps setClipboardData onto it).
    const clipboard = platform === 'alipay' ? { setClipboard: (options: { success?: (r: unknown) => void }) => setTimeout(() => options.success?.({}), 0) } : undefined
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: clipboard })
    const form = await app.openPage('packages/certificates/pages/authorise/index', { id })
    await form.tap('确认授权')
    expect(form.texts()).toEqual(expect.arrayContaining(['请输入机构全称（2至100个字）', '请至少选择一项授权调取的信息', '请选择授权期限']))
    expect(app.requests.filter((request) => request.method === 'POST')).toHaveLength(0)

    const typeInto = async (label: string, value: string) => {
      const input = form.find((node) => form.attr(node, 'aria-label') === label)[0]
      if (!input?.sid) throw new Error(`no input labelled ${label}`)
      await form.fire(String(input.sid), 'input', { value })
    }
    await typeInto('被授权机构名称', '某某保险股份有限公司')
    await typeInto('授权用途', '办理车险理赔')
    await tapByLabel(form, 'checkbox', '准驾车型')
    await tapByLabel(form, 'radio', '1年')
    expect(form.text()).toMatch(/有效期至\d{4}年\d{1,2}月\d{1,2}日 23:59，最长1年/)
    await form.tap('确认授权')
    const created = app.requests.find((request) => request.method === 'POST' && request.url.endsWith(`/api/certificates/${id}/authorisations`))!
    expect(JSON.parse(String(created.body))).toMatchObject({ organisation: { name: '某某保险股份有限公司' }, purpose: '办理车险理赔', fields: ['vehicleClass'] })
    expect(form.texts()).toEqual(expect.arrayContaining(['授权成功', '访问密钥', '复制授权编号和访问密钥']))
    const accessKey = form.texts().find((text) => text.startsWith('eca_'))!
    expect(accessKey).toBeDefined()
    await form.tap('复制授权编号和访问密钥')
    const copied = platform === 'alipay' ? (app.callsOf('setClipboard').at(-1)!.args[0] as { text: string }).text : (app.callsOf('setClipboardData').at(-1)!.args[0] as { data: string }).data
    expect(copied).toContain(`访问密钥：${accessKey}`)
    expect(form.texts()).toContain('已复制，可粘贴发送给机构')
    // Shown once: leaving the page forgets it.
    await form.unload()
    const again = await app.openPage('packages/certificates/pages/authorise/index', { id })
    expect(again.text()).not.toContain(accessKey)
    await again.unload()

    const list = await app.openPage('packages/certificates/pages/authorisations/index', { certificateId: id })
    expect(list.texts()).toEqual(expect.arrayContaining(['某某保险股份有限公司', '授权中', '办理车险理赔', '准驾车型', '0次']))
    await list.tap('撤销授权')
    expect(list.text()).toContain('确定撤销对“某某保险股份有限公司”的授权吗？')
    expect(app.requests.some((request) => request.url.endsWith('/revoke'))).toBe(false)
    await list.tap('确认撤销')
    expect(app.requests.some((request) => request.method === 'POST' && request.url.endsWith('/revoke'))).toBe(true)
    expect(list.texts()).toContain('已撤销')
    expect(list.texts()).not.toContain('撤销授权')
    // No pop-up was used for the confirmation.
    expect(app.callsOf('showModal')).toHaveLength(0)
    await list.unload()
  })

  test('the home grid offers 电子证照 and opens its subpackage', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    expect(home.texts()).toContain('电子证照')
    await home.tap('证')
    expect((app.callsOf('navigateTo').at(-1)!.args[0] as { url: string }).url).toBe(`/${WALLET}`)
  })
})
