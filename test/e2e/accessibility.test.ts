/**
 * Every page of the H5 build, in normal and elderly mode, through axe-core: no serious or
 * critical violation. The pages are those of src/app.config.ts (main package and every
 * subpackage): a page without a case here fails the first test. Screenshots of each page in
 * both modes go to test-output/e2e/a11y.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { CertificateList, Presentation } from '@/contract/certificates/schemas'
import { seriousViolations } from '../support/axe'
import { proveWithSandboxFace, SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { demoCitizens } from '../../server/seed-data/demo-citizens'
import { PAGE_QUERIES } from '../support/page-renders'
import { sessionFor } from '../support/sessions'
import { finishedApplication } from '../support/results'

const e2e = e2eSuite()
const shots = path.join(SCREENSHOTS, 'a11y')
/** The citizen whose delivered result the 办理结果 pages show (a 户籍证明开具 finished once through the API). */
const RESULT_HOLDER = 'zhang-wei'
let proofFixture: ReturnType<typeof finishedApplication> | undefined
const finishedProof = () => (proofFixture ??= finishedApplication(e2e.backend, RESULT_HOLDER))

beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true })
})

interface PageCase {
  name: string
  route: () => Promise<string>
  /** Text that shows the page has finished loading (or, for lists of data, a selector). */
  ready: () => Promise<string | { selector: string }>
  /** A demo citizen's sandbox key: the page is opened logged in as them, proven (real-name + face, level 4). */
  login?: string
  /** Steps on the page once ready (e.g. open the 亮证 code), checked in the state they lead to. */
  act?: (page: Page) => Promise<void>
}

/**
 * Logs a demo citizen in through the sandbox and verifies them: what the H5 page finds in
 * localStorage. Once per citizen (real-name is rate-limited per account), shared by their pages.
 */
const sessions = new Map<string, Promise<{ code: string; token: string }>>()
function sandboxSession(key: string): Promise<{ code: string; token: string }> {
  if (!sessions.has(key)) sessions.set(key, newSandboxSession(key))
  return sessions.get(key)!
}

/** `claimed:<key>` stops after real-name (level 3, identity claimed, not proven). */
async function newSandboxSession(who: string): Promise<{ code: string; token: string }> {
  const claimedOnly = who.startsWith('claimed:')
  const key = who.replace(/^claimed:/, '')
  const citizen = demoCitizens.find((candidate) => candidate.key === key)!
  const code = `sandbox:${key}`
  const login = await e2e.backend.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code } })
  const token = login.body.token as string
  const realName = await e2e.backend.request('/api/identity/real-name', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    payload: { name: citizen.name, idNumber: citizen.idNumber },
  })
  if (realName.status !== 200) throw new Error(`real-name for ${key} failed: ${realName.status} ${realName.text}`)
  if (!claimedOnly) await proveWithSandboxFace(e2e.backend, token)
  return { code, token }
}

/**
 * 张伟's valid driving licence with a verified presentation in its ledger and one
 * authorisation, made once through the API by a face-verified (level 4) session.
 */
let certificateFixture: Promise<{ licenceId: string }> | undefined
function certificates(): Promise<{ licenceId: string }> {
  certificateFixture ??= (async () => {
    const headers = { authorization: `Bearer ${await sessionFor(e2e.backend.app, 'zhang-wei', 4)}` }
    const list = (await e2e.backend.app.inject({ url: '/api/certificates', headers })).json() as CertificateList
    const licenceId = list.items.find((item) => item.type === 'driving_licence' && item.status === 'valid')!.id
    const payload = { certificateId: licenceId, purpose: 'traffic_enforcement', fields: ['vehicleClass'] }
    const presented = (await e2e.backend.app.inject({ method: 'POST', url: '/api/certificates/presentations', headers, payload })).json() as Presentation
    await e2e.backend.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { code: presented.code } })
    const grant = { organisation: { name: '某某保险股份有限公司' }, purpose: '办理车险理赔', fields: ['vehicleClass'], validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString() }
    await e2e.backend.app.inject({ method: 'POST', url: `/api/certificates/${licenceId}/authorisations`, headers, payload: grant })
    return { licenceId }
  })()
  return certificateFixture
}
const certificatePage = async (page: string, parameter: string) => `packages/certificates/pages/${page}/index?${parameter}=${(await certificates()).licenceId}`

/**
 * Query parameters as the page linking there passes them, taken from what the backend shows
 * `citizen` (test/support/page-renders.ts, shared with the render budgets): e.g. the
 * citizen's own application, submitted through the API as the apply page would.
 */
async function queryFor(route: string, citizen: string): Promise<string> {
  const { token } = await sandboxSession(citizen)
  const api = async (url: string, request?: { method: 'POST'; headers?: Record<string, string>; body: unknown }) =>
    e2e.backend.request(url, { method: request?.method, headers: { authorization: `Bearer ${token}`, ...request?.headers }, payload: request?.body })
  const query = await PAGE_QUERIES[route](api)
  return `${route}?${new URLSearchParams(query).toString()}`
}
/** The citizen whose applications the 网上申请 pages show (no other page here logs them in). */
const APPLICANT = 'wang-xiaoming'
/** The citizen whose 一件事 package the progress page shows (出生一件事, submitted through the API if they hold none). */
const LIFE_EVENTS_CITIZEN = 'ouyang-mingyue'
const applicationPage = (page: string) => queryFor(`packages/applications/pages/${page}/index`, APPLICANT)
/** 我的办件 with the citizen's application on it (submitted first if there is none yet). */
const myApplicationsPage = async () => {
  await applicationPage('detail')
  return 'packages/applications/pages/my-applications/index'
}
/** The citizen whose bookings the 在线预约 pages show (one is made in the demo hall if they hold none). */
const BOOKER = 'li-na'
const appointmentPage = (page: string) => queryFor(`packages/appointments/pages/${page}/index`, BOOKER)
/**
 * 亲情代办: an invitation from 孙建康 waiting for 欧阳明月's consent (made once through the API). Not 赵丽华: she
 * must stay unproven for the real-name page's case, and opening the consent page proves its citizen.
 */
let familyInvitation: Promise<string> | undefined
const familyConsentPage = () => {
  familyInvitation ??= (async () => {
    const principal = demoCitizens.find((citizen) => citizen.key === LIFE_EVENTS_CITIZEN)!
    const headers = { authorization: `Bearer ${await sessionFor(e2e.backend.app, 'sun-jiankang', 4)}` }
    const endsOn = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
    const payload = { name: principal.name, idNumber: principal.idNumber, scopes: ['health_code', 'apply'], endsOn }
    const invited = await e2e.backend.app.inject({ method: 'POST', url: '/api/delegations', headers, payload })
    if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.statusCode} ${invited.body}`)
    return (invited.json() as { id: string }).id
  })()
  return familyInvitation.then((id) => `packages/family/pages/consent/index?id=${id}`)
}
const myFirstApplication = async () => {
  const { token } = await sandboxSession(APPLICANT)
  const mine = await e2e.backend.request('/api/applications', { headers: { authorization: `Bearer ${token}` } })
  return (mine.body as { items: { itemName: string }[] }).items[0].itemName
}

const firstNotice = async () => ((await e2e.backend.request('/api/notices?limit=1')).body as { items: { id: number; title: string }[] }).items[0]

const PAGES: PageCase[] = [
  { name: 'home', route: async () => 'pages/home/index', ready: async () => (await firstNotice()).title },
  { name: 'mine', route: async () => 'pages/mine/index', ready: async () => '长辈模式' },
  { name: 'login', route: async () => 'pages/login/index', ready: async () => '登录掌上政务' },
  { name: 'mine-verified', login: 'li-na', route: async () => 'pages/mine/index', ready: async () => '已实名认证（已核验本人）' },
  { name: 'identity-bindings', login: 'li-na', route: async () => 'packages/identity/pages/bindings/index', ready: async () => '已绑定您身份的账号' },
  { name: 'real-name', login: 'claimed:zhao-lihua', route: async () => 'packages/identity/pages/real-name/index', ready: async () => '身份信息核对一致，还差一步' },
  { name: 'health-code', login: 'li-na', route: async () => 'packages/health-code/pages/code/index', ready: async () => '刷新' },
  { name: 'services-search-relaxed', route: async () => `packages/services/pages/search/index?q=${encodeURIComponent('qzxv火星签证')}`, ready: async () => '没找到我要办的' },
  {
    name: 'services-search-suggestions',
    route: async () => 'packages/services/pages/search/index',
    ready: async () => '输入事项名称、常用叫法或部门，例如：身份证、社保、公积金。',
    act: async (page) => {
      await page.getByLabel('搜索办事服务').locator('input').filter({ visible: true }).first().pressSequentially('公积', { delay: 50 })
      await page.locator('.gm-svc-suggestion').filter({ visible: true }).first().waitFor()
    },
  },
  { name: 'notices-list', route: async () => 'packages/notices/pages/list/index', ready: async () => (await firstNotice()).title },
  { name: 'notice-detail', route: async () => `packages/notices/pages/detail/index?id=${(await firstNotice()).id}`, ready: async () => (await firstNotice()).title },
  { name: 'social-security-overview', login: 'zhang-wei', route: async () => 'packages/social-security/pages/overview/index', ready: async () => '账户余额' },
  { name: 'social-security-contributions', login: 'zhang-wei', route: async () => 'packages/social-security/pages/contributions/index', ready: async () => '2026年合计' },
  { name: 'social-security-proof', login: 'zhang-wei', route: async () => 'packages/social-security/pages/proof/index', ready: async () => '选择证明时间段' },
  { name: 'certificates-wallet', login: 'zhang-wei', route: async () => 'packages/certificates/pages/wallet/index', ready: async () => '有效期：长期' },
  {
    name: 'certificates-verifier',
    login: 'ouyang-mingyue',
    route: async () => 'packages/certificates/pages/wallet/index',
    ready: async () => '扫码核验证照',
    // The preview has no camera: the scan says so, inline.
    act: async (page) => {
      await page.getByText('扫码核验证照', { exact: true }).filter({ visible: true }).first().click()
      await page.getByText('当前环境不支持该功能', { exact: false }).filter({ visible: true }).first().waitFor()
    },
  },
  { name: 'certificates-detail', login: 'zhang-wei', route: () => certificatePage('detail', 'id'), ready: async () => '第一步：选择用途' },
  {
    name: 'certificates-presentation',
    login: 'zhang-wei',
    route: () => certificatePage('detail', 'id'),
    ready: async () => '第一步：选择用途',
    // The code on screen, or (verified over 5 minutes ago) the inline re-verification.
    act: async (page) => {
      await page.getByRole('radio', { name: '交通执法' }).first().click()
      await page.getByText('生成亮证码', { exact: true }).filter({ visible: true }).first().click()
      await page.getByText(/秒后失效$|^亮证前需要验证身份$/).filter({ visible: true }).first().waitFor()
    },
  },
  { name: 'certificates-ledger', login: 'zhang-wei', route: () => certificatePage('ledger', 'id'), ready: async () => '亮证核验' },
  { name: 'certificates-authorisations', login: 'zhang-wei', route: () => certificatePage('authorisations', 'certificateId'), ready: async () => '某某保险股份有限公司' },
  {
    name: 'certificates-authorise',
    login: 'zhang-wei',
    route: () => certificatePage('authorise', 'id'),
    ready: async () => '授权调取的信息',
    // Submitting the empty form: every problem is said next to its field.
    act: async (page) => {
      await page.getByText('确认授权', { exact: true }).filter({ visible: true }).first().click()
      await page.getByText('请输入机构全称（2至100个字）').filter({ visible: true }).first().waitFor()
    },
  },
  // The home page with the account card of a proven citizen (消息 and its badge), 消息中心, and 扫码结果.
  { name: 'home-verified', login: 'li-na', route: async () => 'pages/home/index', ready: async () => '已实名认证（已核验本人）' },
  { name: 'messages-inbox', login: 'li-na', route: async () => 'packages/messages/pages/inbox/index', ready: async () => '暂无消息' },
  // 办事服务: the catalogue, one guide; 网上申请: the form, 我的办件 with one application, its timeline, its
  // evaluation (not finished yet: 办结后才能评价), a new complaint and 我的投诉建议 (none yet).
  { name: 'services-catalogue', route: async () => 'packages/services/pages/catalogue/index', ready: async () => ({ selector: '.gm-svc-item' }) },
  { name: 'services-guide', route: () => queryFor('packages/services/pages/guide/index', APPLICANT), ready: async () => '承诺时限' },
  // 办事公开: the department ranking (its figures hidden or shown as the demo data allows).
  { name: 'services-departments', route: async () => 'packages/services/pages/departments/index', ready: async () => ({ selector: '.gm-svc-department' }) },
  { name: 'applications-apply', login: APPLICANT, route: () => applicationPage('apply'), ready: async () => '申请信息' },
  { name: 'applications-mine', login: APPLICANT, route: myApplicationsPage, ready: myFirstApplication },
  { name: 'applications-detail', login: APPLICANT, route: () => applicationPage('detail'), ready: async () => ({ selector: '.gm-section__title:has-text("办理进度")' }) },
  { name: 'applications-rate', login: APPLICANT, route: () => applicationPage('rate'), ready: async () => '办结后才能评价。办理完成后请再来，您的评价会转给办理部门。' },
  { name: 'applications-feedback-new', login: APPLICANT, route: async () => 'packages/applications/pages/feedback-new/index', ready: async () => '问题类别' },
  { name: 'applications-my-feedback', login: APPLICANT, route: async () => 'packages/applications/pages/my-feedback/index', ready: async () => '您还没有提交过投诉、建议或咨询。' },
  { name: 'scan-result', route: async () => `packages/scan/pages/result/index?text=${encodeURIComponent('https://example.com/x')}`, ready: async () => '无法识别这个二维码' },
  // 亲情代办: the list (none yet), the invitation form, and the principal's consent (its first screen).
  { name: 'family-index', login: 'wang-xiaoming', route: async () => 'packages/family/pages/index/index', ready: async () => '还没有亲情代办。点下面的“邀请亲属”，对方同意后就可以帮对方办事。' },
  { name: 'family-invite', login: 'wang-xiaoming', route: async () => 'packages/family/pages/invite/index', ready: async () => '请对方允许您帮忙做的事' },
  { name: 'family-consent', login: LIFE_EVENTS_CITIZEN, route: familyConsentPage, ready: async () => '孙*康 想帮您办事' },
  // 在线预约: the booking page (halls of an item), a booking with its 预约码, its cancel page, and 我的预约 holding it.
  { name: 'appointments-book', login: BOOKER, route: () => appointmentPage('book'), ready: async () => '1. 选择办事大厅' },
  { name: 'appointments-detail', login: BOOKER, route: () => appointmentPage('detail'), ready: async () => '到大厅后请出示此预约码' },
  { name: 'appointments-cancel', login: BOOKER, route: () => appointmentPage('cancel'), ready: async () => '确定取消这个预约吗？' },
  {
    name: 'appointments-mine',
    login: BOOKER,
    route: async () => {
      await appointmentPage('detail')
      return 'packages/appointments/pages/mine/index'
    },
    ready: async () => ({ selector: '.gm-appt-card' }),
  },
  // 办理结果: 张伟's finished 户籍证明开具 (its proof with QR and PDF), and 我的证明 holding it.
  { name: 'results-detail', login: RESULT_HOLDER, route: async () => `packages/results/pages/detail/index?applicationId=${(await finishedProof()).applicationId}`, ready: async () => '下载证明文件（PDF）' },
  {
    name: 'results-list',
    login: RESULT_HOLDER,
    route: async () => {
      await finishedProof()
      return 'packages/results/pages/list/index'
    },
    ready: async () => ({ selector: '.gm-result-item' }),
  },
  // 一件事一次办: the packages, 出生一件事's guide, its form (first screen), and a submitted package's progress.
  { name: 'life-events-index', route: async () => 'packages/life-events/pages/index/index', ready: async () => '出生一件事' },
  { name: 'life-events-guide', route: async () => 'packages/life-events/pages/guide/index?key=birth', ready: async () => '包含的 4 个事项' },
  { name: 'life-events-apply', login: LIFE_EVENTS_CITIZEN, route: async () => 'packages/life-events/pages/apply/index?key=birth', ready: async () => '共同信息（只填一次）' },
  { name: 'life-events-progress', login: LIFE_EVENTS_CITIZEN, route: () => queryFor('packages/life-events/pages/progress/index', LIFE_EVENTS_CITIZEN), ready: async () => '各事项进度' },
]

test('every page of src/app.config.ts has a case here', async () => {
  ;(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (config: unknown) => config
  const app = require('@/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
  const pages = [...app.pages, ...app.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))]
  const covered = new Set(await Promise.all(PAGES.map(async (pageCase) => (await pageCase.route()).split('?')[0])))
  expect(pages.filter((page) => !covered.has(page))).toEqual([])
}, 60_000)

describe.each(['normal', 'elderly'] as const)('%s mode', (mode) => {
  test.each(PAGES.map((page) => [page.name, page] as const))('%s has no serious or critical axe violation', async (name, pageCase) => {
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
    try {
      await page.addInitScript((elderly) => localStorage.setItem('ui.elderlyMode', JSON.stringify(elderly)), mode === 'elderly')
      if (pageCase.login) {
        await page.addInitScript(({ code, token }) => {
          localStorage.setItem('auth.sandboxCode', JSON.stringify(code))
          localStorage.setItem('session.token', JSON.stringify(token))
        }, await sandboxSession(pageCase.login))
      }
      await page.goto(`${e2e.backend.baseUrl}/#/${await pageCase.route()}`)
      const ready = await pageCase.ready()
      const shown = typeof ready === 'string' ? page.getByText(ready) : page.locator(ready.selector).filter({ visible: true })
      await shown.first().waitFor({ timeout: 15_000 })
      if (mode === 'elderly') await page.waitForSelector('.gm-elderly')
      if (pageCase.act) await pageCase.act(page)
      await page.screenshot({ path: path.join(shots, `${mode}-${name}.png`), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
    } finally {
      await page.close()
    }
  }, 30_000)
})
