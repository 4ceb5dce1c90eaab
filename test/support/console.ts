/** Helpers for the operator console's browser tests (test/e2e/console-*.test.ts). */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { seriousViolations } from './axe'
import { SCREENSHOTS } from './e2e-backend'

/** Desktop, as the console is made for (usable down to 1024 px). */
export async function consolePage(browser: Browser, width = 1280): Promise<Page> {
  return browser.newPage({ viewport: { width, height: 900 } })
}

export async function consoleLogin(page: Page, baseUrl: string, username: string, password: string, at = '/console/'): Promise<void> {
  await page.goto(`${baseUrl}${at}`)
  await page.getByLabel('用户名').waitFor({ timeout: 15_000 }).catch(async (error: Error) => {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-login-failed.png'), fullPage: true })
    throw error
  })
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.getByRole('button', { name: /退出登录/ }).waitFor({ timeout: 15_000 })
}

/** Waits until drawers and modals have come to rest (no finite animation running). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity))
}

/** A screenshot to look at (test-output/e2e/console-<name>.png), then axe wcag2a/aa: no serious or critical violation. */
export async function consoleAxe(page: Page, name: string): Promise<void> {
  // Drawers and modals slide in: judge (and photograph) them where they come to rest.
  await settled(page)
  await page.screenshot({ path: path.join(SCREENSHOTS, `console-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

/** The menu entries shown, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label="主菜单"] a').allInnerTexts()
}
