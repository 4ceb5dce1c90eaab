/**
 * 朗读 and 语音搜索 in the compiled bundles. WeChat: the controls call the 同声传译 plugin
 * (WechatSI, faked here at requirePlugin, the host boundary) with the page's text in its
 * masked form, play it through wx.createInnerAudioContext and stop on page leave; hold-to-talk
 * turns what the plugin heard into the search. Alipay has no speech API: no control at all.
 */
import { COLOUR_WORDS } from '@/contract/health-code/data'
import type { HealthCode } from '@/contract/health-code/schemas'
import { randomBytes } from 'node:crypto'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import { dateTimeWords } from '@/packages/applications/words'
import { provenPlatformSession, startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniPage } from '../support/mini-harness'
import { demoCitizen, sessionFor } from '../support/sessions'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const HEALTH_CODE = 'packages/health-code/pages/code/index'
const SEARCH = 'packages/services/pages/search/index'
const GUIDE = 'packages/services/pages/guide/index'

interface Node {
  v?: string
  sid?: string
  cn?: Node[]
  [key: string]: unknown
}

/** A fake WechatSI plugin: textToSpeech records the text and answers an audio file; the recogniser is driven by the test. */
function fakeWechatSI() {
  const spoken: string[] = []
  const manager: Record<string, any> = {
    starts: [] as unknown[],
    stops: 0,
    start(options: unknown) {
      this.starts.push(options)
    },
    stop() {
      this.stops += 1
    },
  }
  const plugin = {
    textToSpeech(options: { content: string; lang: string; success: (res: unknown) => void }) {
      spoken.push(options.content)
      setTimeout(() => options.success({ retcode: 0, origin: options.content, filename: `https://tts.example/${spoken.length}.mp3`, expired_time: 0 }), 0)
    },
    getRecordRecognitionManager: () => manager,
  }
  return { plugin, spoken, manager }
}

/** A fake InnerAudioContext: plays until the test ends it; records stop/destroy. */
function fakeAudio() {
  const players: Record<string, any>[] = []
  const createInnerAudioContext = () => {
    const player: Record<string, any> = { src: '', playbackRate: 1, played: 0, stopped: 0, play() { this.played += 1 }, stop() { this.stopped += 1 }, destroy() {}, onEnded(listener: () => void) { this.end = listener }, onError() {} }
    players.push(player)
    return player
  }
  return { players, createInnerAudioContext }
}

/** The sid of the element whose own text child is `text` (a Button's label). */
function sidOf(page: MiniPage, text: string): string {
  const owner = page.find((node: Node) => (node.cn ?? []).some((child) => child.v === text))[0] as Node | undefined
  if (!owner?.sid) throw new Error(`no element with text ${text}: ${page.texts().join(' | ')}`)
  return String(owner.sid)
}

const FULL_NUMBER = /\d{11,}/

describe('weapp', () => {
  test('朗读 on the health code reads colour, masked name and validity in words through WechatSI, at the pace; page leave stops it', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    const code = (await backend.app.inject({ url: '/api/health-code', headers: { authorization: `Bearer ${token}` } })).json() as HealthCode
    const si = fakeWechatSI()
    const audio = fakeAudio()
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, storage: { 'session.token': token, 'ui.readPace': 'slow' }, plugins: { WechatSI: si.plugin }, api: { createInnerAudioContext: audio.createInnerAudioContext } })
    const page = await app.openPage(HEALTH_CODE)
    await page.tap('朗读')
    expect(si.spoken).toHaveLength(1)
    const said = si.spoken[0]
    expect(said).toContain(`健康码：${COLOUR_WORDS[code.colour]}`)
    // The masked name as words (张*伟 → 张某伟), never the stars, never the ID number.
    expect(code.name).toContain('*')
    expect(said).toContain(`姓名：${code.name.replace(/\*+/, '某')}`)
    expect(said).not.toContain('*')
    expect(said).not.toContain(demoCitizen('zhang-wei').idNumber)
    expect(said).not.toMatch(FULL_NUMBER)
    expect(said).toMatch(/\d+点\d{2}分前有效，\d+分\d+秒后自动刷新/)
    expect(audio.players[0]).toMatchObject({ src: 'https://tts.example/1.mp3', playbackRate: 0.75, played: 1 })
    // The control says it is reading and offers the pace.
    expect(page.texts()).toEqual(expect.arrayContaining(['停止朗读', '语速', '慢', '正常', '快']))
    await page.hide()
    expect(audio.players[0].stopped).toBe(1)
    expect(page.texts()).not.toContain('停止朗读')
  })

  test('elderly mode: 朗读本页 reads the page as shown, masked', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    const code = (await backend.app.inject({ url: '/api/health-code', headers: { authorization: `Bearer ${token}` } })).json() as HealthCode
    const si = fakeWechatSI()
    const audio = fakeAudio()
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, storage: { 'session.token': token, 'ui.elderlyMode': true }, plugins: { WechatSI: si.plugin }, api: { createInnerAudioContext: audio.createInnerAudioContext } })
    const page = await app.openPage(HEALTH_CODE)
    // Two controls: the page's (first) and the code's.
    expect(page.texts().filter((text) => text === '朗读')).toHaveLength(2)
    await page.tap('朗读')
    const said = si.spoken[0]
    expect(said).toContain(COLOUR_WORDS[code.colour])
    expect(said).toContain(code.reason)
    expect(said).toContain(code.name.replace(/\*+/, '某'))
    expect(said).not.toContain('*')
    expect(said).not.toMatch(FULL_NUMBER)
    // Buttons are not content: the 刷新 button's word is not read on its own.
    expect(said).toContain('自动刷新。')
    expect(said).not.toContain('。刷新。')
  })

  test('every 办事指南 section has its own 朗读 reading that section', async () => {
    const list = (await backend.app.inject({ url: '/api/services?limit=1' })).json() as { items: { code: string }[] }
    const guide = (await backend.app.inject({ url: `/api/services/${list.items[0].code}` })).json() as { conditions: string[]; legalBasis: string; faq: unknown[] }
    const si = fakeWechatSI()
    const audio = fakeAudio()
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, plugins: { WechatSI: si.plugin }, api: { createInnerAudioContext: audio.createInnerAudioContext, setNavigationBarTitle: (o: { success?: (r: unknown) => void }) => setTimeout(() => o.success?.({}), 0) } })
    const page = await app.openPage(GUIDE, { code: list.items[0].code })
    const controls = page.find((node: Node) => (node.cn ?? []).some((child) => child.v === '朗读'))
    // The head, 办理条件, 申请材料, 办理地点和时间, 设定依据 (+ 常见问题 when there are questions).
    expect(controls).toHaveLength(5 + (guide.faq.length > 0 ? 1 : 0))
    await page.fire(String(controls[1].sid), 'tap', {})
    expect(si.spoken[0].startsWith('办理条件。')).toBe(true)
    expect(si.spoken[0]).toContain(guide.conditions[0])
    await page.fire(String(controls[4].sid), 'tap', {})
    expect(si.spoken[1]).toBe(`设定依据。${guide.legalBasis}`)
    await page.unload()
  })

  test('语音搜索: hold to talk starts the recogniser, release stops it, the words heard are searched', async () => {
    const si = fakeWechatSI()
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, plugins: { WechatSI: si.plugin } })
    const page = await app.openPage(SEARCH)
    const sid = sidOf(page, '按住 说话')
    await page.fire(sid, 'touchstart', {})
    expect(si.manager.starts).toEqual([{ duration: 30000, lang: 'zh_CN' }])
    expect(page.texts()).toContain('松开 结束')
    await page.fire(sid, 'touchend', {})
    expect(si.manager.stops).toBe(1)
    // The plugin answers with the sentence it heard (with its full stop).
    si.manager.onStop({ result: '身份证。', tempFilePath: 'x', duration: 1000, fileSize: 1 })
    await new Promise((resolve) => setTimeout(resolve, 600))
    await app.settle()
    const searched = app.requests.filter((request) => request.url.includes('/api/services/search'))
    expect(searched.length).toBeGreaterThan(0)
    expect(decodeURIComponent(searched.at(-1)!.url)).toContain('q=身份证')
    expect(page.text()).toMatch(/找到 \d+ 项/)
    // Nothing heard: said so, nothing searched.
    await page.fire(sid, 'touchstart', {})
    si.manager.onError({ retcode: -30003, msg: 'no frames' })
    await app.settle()
    expect(page.texts()).toContain('没有听清，请按住按钮再说一遍，或直接输入。')
    await page.unload()
  })
})

describe('weapp: notices, the application timeline and error messages', () => {
  test('a notice reads its title, department, date and body', async () => {
    const first = (await backend.app.inject({ url: '/api/notices?limit=1' })).json() as { items: { id: number }[] }
    const notice = (await backend.app.inject({ url: `/api/notices/${first.items[0]!.id}` })).json() as { title: string; body: string; department: string }
    const si = fakeWechatSI()
    const audio = fakeAudio()
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, plugins: { WechatSI: si.plugin }, api: { createInnerAudioContext: audio.createInnerAudioContext } })
    const page = await app.openPage('packages/notices/pages/detail/index', { id: String(first.items[0]!.id) })
    await page.tap('朗读')
    // Long notices are read piece by piece: the pieces together are the notice.
    const said = si.spoken.join('')
    expect(said.startsWith(`${notice.title}。${notice.department}，`)).toBe(true)
    expect(said.replace(/\s/g, '')).toContain(notice.body.replace(/\s/g, '').slice(0, 40))
  })

  test('the application timeline reads each step with its time, then the steps to come', async () => {
    // A 全程网办 item of this test's own (as test/bundle/applications does), applied for through the API.
    const template = await backend.app.db.selectFrom('service_items').selectAll().where('online_level', '=', 'full_online').where('form_schema', 'is not', null).where('status', '=', 'published').executeTakeFirstOrThrow()
    const code = `VOICE${randomBytes(4).toString('hex').toUpperCase()}`
    const { search_text: _search, popularity: _popularity, ...row } = template as typeof template & { search_text?: string; popularity?: number }
    await backend.app.db
      .insertInto('service_items')
      .values({ ...row, code, form_schema: JSON.stringify({ fields: [{ key: 'reason', label: '原因', type: 'select', required: true, options: ['证件损坏'] }] }), materials: '[]' })
      .execute()
    const token = await provenPlatformSession(backend, 'weapp', demoCitizen('zhang-wei'))
    const submitted = await backend.app.inject({ method: 'POST', url: '/api/applications', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `voice-${randomBytes(12).toString('hex')}` }, payload: { itemCode: code, values: { reason: '证件损坏' } } })
    expect(submitted.statusCode).toBe(201)
    const application = submitted.json() as ApplicationDetail
    const si = fakeWechatSI()
    const audio = fakeAudio()
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, storage: { 'session.token': token }, plugins: { WechatSI: si.plugin }, api: { createInnerAudioContext: audio.createInnerAudioContext } })
    const page = await app.openPage('packages/applications/pages/detail/index', { id: application.id })
    await page.tap('朗读')
    expect(si.spoken[0]).toBe(`办理进度。已提交，${dateTimeWords(application.timeline[0]!.at)}，当前进度。已受理，尚未进行。审核中，尚未进行。已办结，尚未进行。`)
  })

  test('an error message (PageState) can be read aloud', async () => {
    const si = fakeWechatSI()
    const audio = fakeAudio()
    // No session: the health code page says login is needed.
    const app = await bootMiniApp({ platform: 'weapp', onRequest: backend.onRequest, plugins: { WechatSI: si.plugin }, api: { createInnerAudioContext: audio.createInnerAudioContext, login: (options: { fail?: (e: unknown) => void }) => setTimeout(() => options.fail?.({ errMsg: 'login:fail' }), 0) } })
    const page = await app.openPage(HEALTH_CODE)
    expect(page.texts()).toContain('需要登录')
    await page.tap('朗读')
    expect(si.spoken[0]).toMatch(/^需要登录。.+/)
  })
})

describe('alipay', () => {
  test('no speech API: no 朗读 and no 语音搜索, on normal and elderly pages alike', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    const app = await bootMiniApp({ platform: 'alipay', onRequest: backend.onRequest, storage: { 'session.token': token, 'ui.elderlyMode': true } })
    const code = await app.openPage(HEALTH_CODE)
    expect(code.texts()).toContain('刷新')
    expect(code.texts()).not.toContain('朗读')
    const search = await app.openPage(SEARCH)
    expect(search.texts()).toContain('搜索')
    expect(search.texts()).not.toContain('按住 说话')
    expect(app.callsOf('createInnerAudioContext')).toHaveLength(0)
  })
})
