/**
 * 一件事一次办 in the compiled weapp and alipay bundles, booted headless against the real
 * server with a proven platform session: 出生一件事 walked screen by screen (the shared data
 * once, each item's own question, the check), submitted once (one Idempotency-Key, the shared
 * data sent once), then each member decided by its department's reviewer through the API,
 * and the progress page showing every member finished with its result. No full ID number or
 * phone of the citizen's records ever reaches the render layer.
 */
import type { LifeEventApplication } from '@/contract/life-events/schemas'
import { maskName } from '../../server/privacy/masking'
import { provenPlatformSession, startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniPage } from '../support/mini-harness'
import { operatorTokenFor } from '../support/operators'
import { demoCitizen } from '../support/sessions'

const APPLY = 'packages/life-events/pages/apply/index'
const PROGRESS = 'packages/life-events/pages/progress/index'
const GUIDE = 'packages/life-events/pages/guide/index'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

async function decide(applicationId: string): Promise<void> {
  const reviewer = await operatorTokenFor(backend.app, ['reviewer'])
  for (const to of ['accepted', 'reviewing', 'completed']) {
    const response = await backend.app.inject({ method: 'POST', url: `/api/operator/applications/${applicationId}/transition`, headers: auth(reviewer), payload: { to } })
    if (response.statusCode !== 200) throw new Error(`${to}: ${response.statusCode} ${response.body}`)
  }
}

/** Types into the input the screen labels `label`. */
async function type(page: MiniPage, label: string, value: string): Promise<void> {
  const input = page.find((node) => page.attr(node, 'aria-label') === label)[0]
  if (!input?.sid) throw new Error(`no input "${label}": ${page.texts().join(' | ')}`)
  await page.fire(String(input.sid), 'input', { value })
}

describe.each(['weapp', 'alipay'] as const)('%s 一件事一次办', (platform) => {
  test('the guide says what is included, which departments and what is needed', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const page = await app.openPage(GUIDE, { key: 'birth' })
    expect(page.texts()).toEqual(
      expect.arrayContaining(['出生一件事', '包含的 4 个事项', '1. 出生医学证明首次签发', '2. 新生儿入户', '办结后得到：出生医学证明', '只需填写一次的信息', '开始办理']),
    )
    expect(page.text()).toContain('办理部门：市公安局')
    await page.tap('开始办理')
    expect((app.callsOf('navigateTo').at(-1)?.args[0] as { url: string }).url).toBe(`/${APPLY}?key=birth`)
    await page.unload()
  })

  test('出生一件事: filled once, submitted once, each member decided separately, finished with every result', async () => {
    const citizen = demoCitizen('li-na')
    const token = await provenPlatformSession(backend, platform, citizen)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(APPLY, { key: 'birth' })
    expect(page.texts()).toEqual(expect.arrayContaining(['出生一件事', '第 1 步，共 6 步', '共同信息（只填一次）', maskName(citizen.name), '来自 公安人口库 · 已锁定，不可修改']))

    // Nothing typed: the screen names what is missing and does not move on.
    await page.tap('下一步')
    expect(page.texts()).toEqual(expect.arrayContaining(['请填写新生儿姓名', '第 1 步，共 6 步']))
    await type(page, '新生儿姓名', '李小满')
    await page.tap('女')
    // The date Picker (its node carries mode=date): the platform's panel answers with a change event.
    const picker = page.find((node) => page.attr(node, 'mode') === 'date')[0]
    expect(picker?.sid).toBeDefined()
    await page.fire(String(picker!.sid), 'change', { value: '2026-11-20' })
    await type(page, '出生医院', '示范市妇幼保健院')
    await type(page, '另一方父（母）姓名', '张伟')
    await type(page, '另一方父（母）公民身份号码', demoCitizen('zhang-wei').idNumber)
    await page.tap('下一步')
    expect(page.texts()).toEqual(expect.arrayContaining(['第 2 步，共 6 步', '出生医学证明首次签发', '由市卫生健康委员会办理']))
    await type(page, '出生体重（克）', '3250')
    await page.tap('下一步')
    expect(page.texts()).toContain('由市公安局办理')
    await page.tap('女')
    await page.tap('下一步')
    await page.tap('微信支付')
    await page.tap('下一步')
    await page.tap('邮寄到入户地址')
    await page.tap('下一步')
    expect(page.texts()).toEqual(expect.arrayContaining(['核对并提交', '李小满', '2026年11月20日', '3250', '一次提交4个事项']))
    expect(app.requests.filter((request) => request.method === 'POST')).toHaveLength(0)

    await page.tap('一次提交4个事项')
    const submits = app.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/api/life-events/birth/applications'))
    expect(submits).toHaveLength(1)
    const body = JSON.parse(String(submits[0]!.body)) as { shared: Record<string, unknown>; members: Record<string, Record<string, unknown>> }
    // The shared data once; each member only its own question; the record's values left to the server.
    expect(body.shared).toEqual({ babyName: '李小满', babySex: '女', babyBirthDate: '2026-11-20', birthHospital: '示范市妇幼保健院', otherParentName: '张伟', otherParentIdNumber: demoCitizen('zhang-wei').idNumber })
    expect(body.members).toEqual({ 'SF-WJ-0001': { birthWeight: 3250 }, 'SF-GA-0006': { relationToHead: '女' }, 'SF-YB-0004': { payMethod: '微信支付' }, 'SF-RS-0004': { cardDelivery: '邮寄到入户地址' } })
    expect(Object.entries(submits[0]!.headers).find(([name]) => name.toLowerCase() === 'idempotency-key')?.[1]).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
    const redirect = (app.callsOf('redirectTo').at(-1)?.args[0] as { url: string }).url
    const id = /id=([A-Za-z0-9_-]{22})$/.exec(redirect)?.[1]
    expect(redirect).toBe(`/${PROGRESS}?id=${id}`)
    const rendered = page.setDataCalls.map((call) => JSON.stringify(call.payload)).join('\n')
    expect(rendered).not.toContain(citizen.idNumber)
    expect(rendered).not.toContain(citizen.phone!)
    await page.unload()

    const progress = await app.openPage(PROGRESS, { id: id! })
    expect(progress.texts()).toEqual(expect.arrayContaining(['出生一件事', '办理中', '已办结 0/4 项', '出生医学证明首次签发', '新生儿入户', '城乡居民医保参保登记', '社会保障卡申领', '办结后出具：出生医学证明']))

    // Each department decides its own member, one after the other.
    const current = (await backend.app.inject({ url: `/api/life-event-applications/${id}`, headers: auth(token) })).json() as LifeEventApplication
    await decide(current.members[0]!.applicationId)
    await progress.show()
    expect(progress.texts()).toEqual(expect.arrayContaining(['办理中', '已办结 1/4 项', '已出具：出生医学证明']))
    for (const member of current.members.slice(1)) await decide(member.applicationId)
    await progress.show()
    expect(progress.texts()).toEqual(
      expect.arrayContaining(['已全部办结', '已办结 4/4 项', '已出具：户口登记证明（新生儿入户）', '已出具：城乡居民医保参保凭证', '已出具：电子社会保障卡签发凭证', '在“我的证明”中查看全部结果']),
    )
    const all = progress.setDataCalls.map((call) => JSON.stringify(call.payload)).join('\n')
    expect(all).not.toContain(citizen.idNumber)
    expect(all).not.toContain(demoCitizen('zhang-wei').idNumber)
    await progress.unload()
  })
})
