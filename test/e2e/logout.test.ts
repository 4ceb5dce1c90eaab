/**
 * 退出登录 on 我的, as a family sharing one phone would use it: asked in the page (no pop-up),
 * at the foot of the page, and — when elderly mode is on — whether to keep it for the next
 * person. After it, personal pages ask to log in (请先登录), not "登录已失效".
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { sessionFor } from '../support/sessions'

const e2e = e2eSuite()
const visible = (locator: Locator) => locator.filter({ visible: true }).first()
const button = (page: Page, text: string) => visible(page.getByText(text, { exact: true }))

async function openMine(elderly: boolean): Promise<Page> {
  const token = await sessionFor(e2e.backend.app, 'li-na', 4)
  const page = await e2e.browser.newPage({ viewport: { width: 375, height: 812 } })
  await page.addInitScript(
    ({ sessionToken, elderlyMode }) => {
      if (sessionStorage.getItem('seeded')) return
      sessionStorage.setItem('seeded', '1')
      localStorage.setItem('session.token', JSON.stringify(sessionToken))
      localStorage.setItem('ui.elderlyMode', JSON.stringify(elderlyMode))
    },
    { sessionToken: token, elderlyMode: elderly },
  )
  await page.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
  await visible(page.getByText('认证状态', { exact: true })).waitFor({ timeout: 15_000 })
  return page
}

test('退出登录 asks in the page; 取消 keeps the session; 确定退出 logs out; personal pages then say 请先登录', async () => {
  const page = await openMine(false)
  try {
    await button(page, '退出登录').click()
    const confirm = visible(page.getByRole('region', { name: '确认退出登录' }))
    await confirm.waitFor()
    // Not elderly: nothing to ask about it.
    expect(await confirm.getByRole('switch').count()).toBe(0)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logout-confirm.png'), fullPage: true })
    await button(page, '取消').click()
    expect(await page.evaluate(() => localStorage.getItem('session.token'))).not.toBeNull()
    await button(page, '退出登录').click()
    await button(page, '确定退出').click()
    await visible(page.getByText('登录后可办理个人事项，查看您的证照、社保等信息。')).waitFor({ timeout: 15_000 })
    expect(await page.evaluate(() => localStorage.getItem('session.token'))).toBeNull()

    await page.goto(`${e2e.backend.baseUrl}/#/packages/social-security/pages/overview/index`)
    await visible(page.getByText('需要登录', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText('请先登录', { exact: true })).waitFor()
    expect(await page.getByText('登录已失效，请重新登录').filter({ visible: true }).count()).toBe(0)
    await button(page, '去登录').waitFor()
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logout-then-personal-page.png'), fullPage: true })
  } finally {
    await page.close()
  }
}, 60_000)

test('in elderly mode the confirmation asks whether to keep it: turned off, the next person gets standard text', async () => {
  const page = await openMine(true)
  try {
    expect(await page.locator('.gm-elderly').count()).toBeGreaterThan(0)
    await button(page, '退出登录').click()
    const keep = visible(page.getByRole('switch', { name: /^退出后保留长辈模式/ }))
    await keep.waitFor()
    expect(await keep.getAttribute('aria-checked')).toBe('true')
    await keep.click()
    expect(await keep.getAttribute('aria-checked')).toBe('false')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logout-confirm-elderly.png'), fullPage: true })
    await button(page, '确定退出').click()
    await visible(page.getByText('登录后可办理个人事项，查看您的证照、社保等信息。')).waitFor({ timeout: 15_000 })
    expect(await page.evaluate(() => localStorage.getItem('ui.elderlyMode'))).not.toBe('true')
    expect(await page.locator('.gm-elderly').count()).toBe(0)
  } finally {
    await page.close()
  }
}, 60_000)
