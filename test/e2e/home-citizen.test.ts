/**
 * The home page as citizens use it (H5 preview in Chromium): the account card, 一件事 and 热门
 * from the catalogue, 最近使用 kept on the device, the message centre with its unread badge,
 * the scan result page, the H5 title bar with its back control, and elderly mode's large tab
 * bar. Screenshots in normal and elderly mode go to test-output/e2e/home-citizen.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { demoCitizens } from '../../server/seed-data/demo-citizens'
import { applicationPage, enqueueNotifications } from '../../server/notifications/outbox'
import { citizenIdFor, FIXTURE_ITEM, insertApplication } from '../support/applications-fixture'
import { proveWithSandboxFace, SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'

const e2e = e2eSuite()
const shots = path.join(SCREENSHOTS, 'home-citizen')
let page: Page

beforeAll(() => fs.mkdirSync(shots, { recursive: true }))
beforeEach(async () => {
  page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
})
afterEach(() => page.close())

async function sandboxSession(key: string, level: 3 | 4): Promise<{ code: string; token: string }> {
  const citizen = demoCitizens.find((candidate) => candidate.key === key)!
  const code = `sandbox:${key}`
  const token = (await e2e.backend.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code } })).body.token as string
  const headers = { authorization: `Bearer ${token}` }
  await e2e.backend.request('/api/identity/real-name', { method: 'POST', headers, payload: { name: citizen.name, idNumber: citizen.idNumber } })
  if (level === 4) await proveWithSandboxFace(e2e.backend, token)
  return { code, token }
}

async function open(route: string, options: { elderly?: boolean; session?: { code: string; token: string } } = {}) {
  await page.addInitScript(
    ({ elderly, session }) => {
      localStorage.setItem('ui.elderlyMode', JSON.stringify(elderly))
      if (session) {
        localStorage.setItem('auth.sandboxCode', JSON.stringify(session.code))
        localStorage.setItem('session.token', JSON.stringify(session.token))
      }
    },
    { elderly: options.elderly ?? false, session: options.session },
  )
  await page.goto(`${e2e.backend.baseUrl}/#/${route}`)
}

const visible = (text: string | RegExp) => page.getByText(text).filter({ visible: true }).first()

test('logged out: the card offers login; 一件事 and 热门 come from the catalogue; no scan button where there is no scanner', async () => {
  await open('pages/home/index')
  await visible('未登录').waitFor()
  const home = (await e2e.backend.request('/api/home/services')).body as { popular: { name: string }[]; lifeEvents: { key: string; name: string }[] }
  await visible(home.popular[0]!.name).waitFor()
  await visible(home.lifeEvents[0]!.name).waitFor()
  // The H5 preview has no camera scanner: no dead 扫一扫 button.
  expect(await page.getByText('扫一扫').count()).toBe(0)
  expect(await page.getByRole('button', { name: '12345热线' }).count()).toBe(1)
  await page.screenshot({ path: path.join(shots, 'home-logged-out.png'), fullPage: true })
  // A life event opens the catalogue filtered by it.
  await visible(home.lifeEvents[0]!.name).click()
  await page.waitForURL(new RegExp(`packages/services/pages/catalogue/index\\?by=lifeEvent&value=${home.lifeEvents[0]!.key}`))
}, 40_000)

test('最近使用 records each feature opened, newest first, and survives a reload', async () => {
  await open('pages/home/index')
  await visible('通知公告').waitFor()
  expect(await page.getByText('最近使用').count()).toBe(0)
  await page.locator('.gm-grid__item', { hasText: '通知公告' }).first().click()
  await page.waitForURL(/packages\/notices\/pages\/list/)
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  await page.reload()
  await visible('最近使用').waitFor()
  await expect(page.locator('.gm-chip', { hasText: '通知公告' }).count()).resolves.toBe(1)
}, 40_000)

test('a claimed identity (level 3) is told it waits for the face step, with one tap to it', async () => {
  await open('pages/home/index', { session: await sandboxSession('zhao-lihua', 3) })
  await visible('身份信息已核对，待人脸核验').waitFor()
  await visible('去人脸核验').click()
  await page.waitForURL(/packages\/identity\/pages\/real-name\/index/)
}, 40_000)

test('messages: the badge counts unread status changes; the inbox lists them and marks them read', async () => {
  const session = await sandboxSession('wang-xiaoming', 4)
  const db = e2e.backend.app.db
  // An application whose status changed twice, with the messages the change wrote (as the review routes would).
  const citizenId = await citizenIdFor(e2e.backend.app, 'wang-xiaoming')
  const application = await insertApplication(e2e.backend.app, e2e.backend.database.config, citizenId, { status: 'accepted' })
  for (const statusName of ['已提交', '已受理']) {
    await enqueueNotifications(db, {
      applicationId: application.id,
      citizenId,
      templateKey: 'application_status',
      templateIds: {},
      now: new Date(),
      payload: { applicationNumber: application.number, itemName: FIXTURE_ITEM.name, statusName, at: new Date().toISOString(), note: `受理编号 ${application.number}`, page: applicationPage(application.id) },
    })
  }
  await open('pages/home/index', { session })
  await page.getByRole('button', { name: /^消息\s*2\s*条未读$/ }).waitFor()
  await page.screenshot({ path: path.join(shots, 'home-verified.png'), fullPage: true })
  await page.getByRole('button', { name: /^消息\s*2\s*条未读$/ }).click()
  await page.waitForURL(/packages\/messages\/pages\/inbox\/index/)
  await visible(`${FIXTURE_ITEM.name}：已受理`).waitFor()
  await page.screenshot({ path: path.join(shots, 'inbox.png'), fullPage: true })
  await visible('全部标为已读（2条未读）').click()
  await page.getByText('全部标为已读').waitFor({ state: 'detached' })
  expect((await e2e.backend.request('/api/me/messages', { headers: { authorization: `Bearer ${session.token}` } })).body.unreadCount).toBe(0)
  // Back on the home page the badge is gone.
  await page.locator('.gm-page-bar__back').filter({ visible: true }).first().click()
  await page.getByRole('button', { name: /^消息$/ }).waitFor()
}, 40_000)

test('H5 sub-pages have a title and a back control; a page opened directly goes back home', async () => {
  await open('pages/home/index')
  await visible('通知公告').waitFor()
  // Tab pages have none (their own header).
  expect(await page.locator('.gm-page-bar').filter({ visible: true }).count()).toBe(0)
  await page.locator('.gm-grid__item', { hasText: '通知公告' }).first().click()
  await page.waitForURL(/packages\/notices\/pages\/list/)
  const bar = page.locator('.gm-page-bar').filter({ visible: true }).first()
  await expect(bar.locator('.gm-page-bar__title').innerText()).resolves.toBe('通知公告')
  const back = page.getByRole('button', { name: '返回' }).filter({ visible: true }).first()
  const box = (await back.boundingBox())!
  expect(box.height).toBeGreaterThanOrEqual(44)
  await page.screenshot({ path: path.join(shots, 'page-bar.png') })
  await back.click()
  await page.waitForURL(/pages\/home\/index/)
  // Opened directly (a shared link): back leads home instead of nowhere.
  await page.goto(`${e2e.backend.baseUrl}/#/packages/notices/pages/list/index`)
  await page.reload()
  await page.getByRole('button', { name: '返回' }).filter({ visible: true }).first().click()
  await page.waitForURL(/pages\/home\/index/)
  await visible('掌上政务').waitFor()
}, 40_000)

test('elderly mode: the host tab bar gives way to one with ≥ 18 px text and ≥ 60 px targets', async () => {
  await open('pages/home/index', { elderly: true })
  await page.waitForSelector('.gm-elderly')
  const items = page.locator('.gm-tabbar__item').filter({ visible: true })
  await expect(items.count()).resolves.toBe(2)
  for (const index of [0, 1]) {
    const item = items.nth(index)
    const box = (await item.boundingBox())!
    const fontSize = await item.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
    expect({ height: box.height >= 60, width: box.width >= 60, fontSize: fontSize >= 18 }).toEqual({ height: true, width: true, fontSize: true })
  }
  // Taro's own bar (10 px text, 50 px) is hidden.
  const hostBar = page.locator('.taro-tabbar__tabbar')
  if ((await hostBar.count()) > 0) await expect(hostBar.first().isVisible()).resolves.toBe(false)
  await page.screenshot({ path: path.join(shots, 'home-elderly.png'), fullPage: true })
  await items.nth(1).click()
  await page.waitForURL(/pages\/mine\/index/)
  await visible('设置').waitFor()
  await expect(page.locator('.gm-tabbar__item--on').filter({ visible: true }).first().innerText()).resolves.toBe('我的')
  await page.screenshot({ path: path.join(shots, 'mine-elderly.png'), fullPage: true })
  // Normal mode: the host's bar is back and ours is gone.
  await page.getByRole('switch', { name: /长辈模式/ }).filter({ visible: true }).first().click()
  await expect(page.locator('.gm-tabbar').filter({ visible: true }).count()).resolves.toBe(0)
  if ((await hostBar.count()) > 0) await expect(hostBar.first().isVisible()).resolves.toBe(true)
}, 40_000)

test('the scan result page routes each of our codes to its check; anything else is refused, never opened', async () => {
  const unknown = encodeURIComponent('https://example.com/phish')
  await open(`packages/scan/pages/result/index?text=${unknown}`)
  await visible(/无法识别这个二维码/).waitFor()
  await page.screenshot({ path: path.join(shots, 'scan-unknown.png'), fullPage: true })
  // A social-security proof's verifyUrl goes to its public verify route.
  const holder = await sandboxSession('zhang-wei', 4)
  const proof = (await e2e.backend.request('/api/social-security/proofs', {
    method: 'POST',
    headers: { authorization: `Bearer ${holder.token}` },
    payload: { from: '2025-01', to: '2025-06' },
  })).body as { verifyUrl: string; token: string }
  const url = `${proof.verifyUrl}?token=${encodeURIComponent(proof.token)}`
  await page.goto(`${e2e.backend.baseUrl}/#/packages/scan/pages/result/index?text=${encodeURIComponent(url)}`)
  await page.reload()
  await visible('社保参保缴费证明 · 真实有效').waitFor()
  await page.screenshot({ path: path.join(shots, 'scan-proof.png'), fullPage: true })
}, 40_000)
