/** H5 preview in Chromium: sandbox login → real-name → face (dev verifier) → mine page, masked. */
import path from 'node:path'
import type { Locator } from 'playwright-core'
import { maskIdNumber, maskName } from '../../server/privacy/masking'
import { proveWithSandboxFace, SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { zhangWei } from '../support/identity'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()


test('a citizen logs in with a sandbox identity, verifies, and sees only masked data', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  const bodies: string[] = []
  page.on('response', async (response) => {
    if (response.url().includes('/api/') && !response.url().includes('/api/me/reveal')) bodies.push(await response.text().catch(() => ''))
  })
  await page.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
  await page.getByText('登录', { exact: true }).click()
  await page.getByText('测试身份', { exact: true }).waitFor({ timeout: 15_000 })
  await page.getByRole('button', { name: `${maskName(zhangWei.name)} 普通市民` }).first().click()
  await page.getByText('未实名认证').waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mine-logged-in.png'), fullPage: true })

  await page.getByText('去实名认证').click()
  await page.getByLabel('姓名').locator('input').fill(zhangWei.name)
  await page.getByLabel('身份证号码').locator('input').fill(zhangWei.idNumber)
  await page.getByText('提交认证').click()
  // A claimed identity is not yet a proven one: the page says why the face step is needed.
  await page.getByText('身份信息核对一致，还差一步').waitFor({ timeout: 15_000 })
  await visible(page.getByText(/姓名和身份证号码别人也可能知道/)).waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'real-name-claimed.png'), fullPage: true })
  await page.getByText('开始人脸核验', { exact: true }).click()
  await visible(page.getByText('已实名认证（已核验本人）')).waitFor({ timeout: 15_000 })
  await visible(page.getByText('完成', { exact: true })).click()

  await page.getByText(/已确认是您本人/).waitFor({ state: 'detached', timeout: 15_000 })
  await visible(page.getByText(maskIdNumber(zhangWei.idNumber))).waitFor({ timeout: 15_000 })
  await expect(visible(page.getByText(maskName(zhangWei.name), { exact: true })).isVisible()).resolves.toBe(true)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mine-verified.png'), fullPage: true })
  expect(bodies.length).toBeGreaterThan(3)
  for (const body of bodies) expect(body).not.toContain(zhangWei.idNumber)
  await page.close()
}, 60_000)

test('a new account that binds with the citizen\'s name and ID number is shown to them, and they remove it', async () => {
  // 张伟, proven on his own account, is what the H5 page finds in localStorage.
  const owner = await loginSandbox('zhang-wei')
  await proveWithSandboxFace(e2e.backend, owner.token)
  // Someone else (another sandbox account) who knows 张伟's name and ID number claims him.
  const other = await loginSandbox('wang-xiaoming')
  const claimed = await e2e.backend.request('/api/identity/real-name', { method: 'POST', headers: { authorization: `Bearer ${other.token}` }, payload: { name: zhangWei.name, idNumber: zhangWei.idNumber } })
  expect(claimed.status).toBe(200)
  const refused = await e2e.backend.request('/api/health-code', { headers: { authorization: `Bearer ${other.token}` } })
  expect(refused.status).toBe(403)

  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.addInitScript(({ code, token }) => {
    localStorage.setItem('auth.sandboxCode', JSON.stringify(code))
    localStorage.setItem('session.token', JSON.stringify(token))
  }, owner)
  await page.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
  await visible(page.getByText('有新的账号绑定了您的身份')).waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mine-binding-notice.png'), fullPage: true })
  await visible(page.getByText('查看绑定记录')).click()
  await visible(page.getByText(/^新的网页预览账号于 .* 绑定了您的身份$/)).waitFor({ timeout: 15_000 })
  await visible(page.getByText(/未核验本人，看不到您的个人信息/)).waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'bindings-notice.png'), fullPage: true })
  await visible(page.getByText('解除绑定', { exact: true })).click()
  await visible(page.getByText('确认解除')).click()
  await visible(page.getByText(/已被解除绑定/)).waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'bindings-removed.png'), fullPage: true })

  // The other account is back to level 1 at once.
  const after = await e2e.backend.request('/api/me', { headers: { authorization: `Bearer ${other.token}` } })
  expect(after.body.level).toBe(1)
  expect(consoleErrors).toEqual([])
  await page.close()
}, 60_000)

async function loginSandbox(key: string): Promise<{ code: string; token: string }> {
  const code = `sandbox:${key}`
  const login = await e2e.backend.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code } })
  expect(login.status).toBe(201)
  const token = login.body.token as string
  if (key === 'zhang-wei') {
    const realName = await e2e.backend.request('/api/identity/real-name', { method: 'POST', headers: { authorization: `Bearer ${token}` }, payload: { name: zhangWei.name, idNumber: zhangWei.idNumber } })
    expect(realName.status).toBe(200)
  }
  return { code, token }
}
