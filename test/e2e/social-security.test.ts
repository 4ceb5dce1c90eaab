/**
 * H5 in Chromium: a citizen logged in through the sandbox opens 社保查询 from the home grid,
 * reads balances, switches years in the contribution list, issues a proof of
 * contributions, and the proof's code checks out as genuine through the public verify route.
 */
import path from 'node:path'
import jsQR from 'jsqr'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { monthWords } from '@/contract/months'
import type { Overview, ProofVerification } from '@/contract/social-security/schemas'
import { yuanWords } from '@/utils/money'
import { proveWithSandboxFace, SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { zhangWei } from '../support/identity'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()
let context: BrowserContext
let page: Page

/** The sandbox login the H5 preview does, then real-name and face: what the page finds in localStorage. */
async function sandboxSession(key: string, citizen: { name: string; idNumber: string }) {
  const citizens = (await e2e.backend.request('/api/auth/sandbox/citizens')).body as { items: { code: string }[] }
  const code = citizens.items.find((item) => item.code === `sandbox:${key}`)!.code
  const login = await e2e.backend.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code } })
  expect(login.status).toBe(201)
  const token = login.body.token as string
  const realName = await e2e.backend.request('/api/identity/real-name', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    payload: { name: citizen.name, idNumber: citizen.idNumber },
  })
  expect(realName.status).toBe(200)
  await proveWithSandboxFace(e2e.backend, token)
  return { code, token }
}

beforeEach(async () => {
  context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, permissions: ['clipboard-read', 'clipboard-write'] })
  page = await context.newPage()
  const session = await sandboxSession('zhang-wei', zhangWei)
  await page.addInitScript(({ code, token }) => {
    localStorage.setItem('auth.sandboxCode', JSON.stringify(code))
    localStorage.setItem('session.token', JSON.stringify(token))
  }, session)
})
afterEach(() => context.close())

test('open 社保查询 from home, read the balances, switch years in the list', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  await page.getByText('社保查询').click()
  await visible(page.getByText('账户余额')).waitFor({ timeout: 15_000 })
  const overview = (await e2e.backend.request('/api/social-security/overview', { headers: { authorization: `Bearer ${await page.evaluate(() => JSON.parse(localStorage.getItem('session.token')!))}` } })).body as Overview
  for (const balance of overview.balances) await visible(page.getByText(yuanWords(balance.balanceCents))).waitFor()
  await visible(page.getByText(monthWords(overview.lastPaidMonth!), { exact: true })).waitFor()
  await visible(page.getByText('您有 1 个月存在欠缴')).waitFor()
  await page.screenshot({ path: path.join(SCREENSHOTS, 'social-security-overview.png'), fullPage: true })

  await visible(page.getByText('缴费明细', { exact: true })).click()
  await visible(page.getByText('2026年合计')).waitFor({ timeout: 15_000 })
  await visible(page.getByText('2026年10月', { exact: true })).waitFor()
  await visible(page.getByRole('radio', { name: '2024年' })).click()
  await visible(page.getByText('2024年合计')).waitFor({ timeout: 15_000 })
  await visible(page.getByText('2024年12月', { exact: true })).waitFor()
  expect(await page.getByText('2026年10月', { exact: true }).filter({ visible: true }).count()).toBe(0)
  expect(await visible(page.getByRole('radio', { name: '2024年' })).getAttribute('aria-checked')).toBe('true')
  await page.screenshot({ path: path.join(SCREENSHOTS, 'social-security-2024.png'), fullPage: true })

  // Further rows on demand, appended below the ones shown.
  const rows = () => page.locator('.gm-ss-record').filter({ visible: true }).count()
  const before = await rows()
  await visible(page.getByText(/^加载更多/)).click()
  await page.waitForFunction(
    (count) => Array.from(document.querySelectorAll<HTMLElement>('.gm-ss-record')).filter((row) => row.offsetParent !== null).length > count,
    before,
    { timeout: 15_000 },
  )
}, 60_000)

test('issue a proof of contributions; its QR and code verify as genuine through the public route', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/packages/social-security/pages/proof/index`)
  await visible(page.getByText('选择证明时间段')).waitFor({ timeout: 15_000 })
  await visible(page.getByText('近3年', { exact: true })).click()
  await visible(page.getByText('共 36 个月：2023年11月至2026年10月')).waitFor()
  // Taro's H5 button carries the spoken label, not a button role.
  await visible(page.getByLabel('起始月份推后一个月')).click()
  await visible(page.getByText('共 35 个月：2023年12月至2026年10月')).waitFor()
  await visible(page.getByText('开具证明', { exact: true })).click()
  await visible(page.getByText('参保缴费证明已开具')).waitFor({ timeout: 15_000 })
  const code = (await visible(page.locator('.gm-ss-code')).innerText()).trim()
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)

  // The QR carries the verification URL.
  await page.waitForFunction(() => {
    const canvas = document.querySelector('.gm-ss-proof canvas') as HTMLCanvasElement | null
    if (!canvas || canvas.width === 0) return false
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    // Drawn: opaque dark modules on an opaque white ground (a blank canvas is all transparent).
    return pixels.some((value, index) => index % 4 === 0 && value < 50 && pixels[index + 3] === 255) && pixels[3] === 255
  }, undefined, { timeout: 15_000 })
  const image = await page.evaluate(() => {
    const canvas = document.querySelector('.gm-ss-proof canvas') as HTMLCanvasElement
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    return { width: data.width, height: data.height, pixels: Array.from(data.data) }
  })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'social-security-proof.png'), fullPage: true })
  const decoded = jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height)
  // On PUBLIC_ORIGIN, not on the address the page was loaded from.
  expect(decoded?.data).toBe(`${e2e.backend.publicOrigin}/api/social-security/proofs/${code}`)

  await visible(page.getByText('复制验证码', { exact: true })).click()
  await visible(page.getByText('验证码已复制', { exact: true })).waitFor({ timeout: 10_000 })
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code)

  // Anyone holding the code, no login: genuine, masked, the period asked for.
  const verification = await e2e.backend.request(new URL(decoded!.data).pathname)
  expect(verification.status).toBe(200)
  const proof = verification.body as ProofVerification
  expect(proof).toMatchObject({ genuine: true, code, content: { name: '张*', from: '2023-12', to: '2026-10', insuredCity: '北京市' } })
  expect(verification.text).not.toContain(zhangWei.idNumber)
  await visible(page.getByText('开具记录')).waitFor()
}, 60_000)
