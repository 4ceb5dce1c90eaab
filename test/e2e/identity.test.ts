/** H5 preview in Chromium: sandbox login → real-name → face (dev verifier) → mine page, masked. */
import path from 'node:path'
import type { Locator } from 'playwright-core'
import { maskIdNumber, maskName } from '../../server/privacy/masking'
import { SCREENSHOTS } from '../support/e2e-backend'
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
  await page.getByText('实名认证成功').waitFor({ timeout: 15_000 })
  await page.getByText('开始人脸核验').click()
  await visible(page.getByText('已实名认证（已完成人脸核验）')).waitFor({ timeout: 15_000 })
  await visible(page.getByText('完成', { exact: true })).click()

  await page.getByText('您可以办理需要人脸核验的事项了。').waitFor({ state: 'detached', timeout: 15_000 })
  await visible(page.getByText(maskIdNumber(zhangWei.idNumber))).waitFor({ timeout: 15_000 })
  await expect(visible(page.getByText(maskName(zhangWei.name), { exact: true })).isVisible()).resolves.toBe(true)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mine-verified.png'), fullPage: true })
  expect(bodies.length).toBeGreaterThan(3)
  for (const body of bodies) expect(body).not.toContain(zhangWei.idNumber)
  await page.close()
}, 60_000)
