/**
 * 缴费 on H5 with the development provider (the preview's cashier): a 全程网办 item that
 * charges a fee (驾驶证工本费 10 元, from the seeded fee data) shows 缴费 on the application
 * page with the countdown; paying shows 已支付; withdrawing before acceptance refunds it and
 * the refund is on the order's timeline. Screenshots of each step; axe clean.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { ApplicationDetail, ApplicationForm } from '@/contract/applications/schemas'
import type { ApplicationPayment } from '@/contract/payments/schemas'
import { fillApplicationForm } from '../support/application-form'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { demoCitizen, sessionFor } from '../support/sessions'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()
const FEE_ITEM = 'SF-JJ-0001'

async function submitApplication(token: string): Promise<ApplicationDetail> {
  const form = await e2e.api<ApplicationForm>(`/api/services/${FEE_ITEM}/application-form`, { token })
  return e2e.api<ApplicationDetail>('/api/applications', {
    token,
    method: 'POST',
    headers: { 'idempotency-key': randomUUID().replace(/-/g, '') },
    payload: { itemCode: FEE_ITEM, values: fillApplicationForm(form.fields) },
  })
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `payments-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

test('pay the fee with the development provider → 已支付; withdraw → 已退款 on the timeline', async () => {
  const token = await sessionFor(e2e.backend.app, demoCitizen('zhang-wei').key)
  const application = await submitApplication(token)

  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    // The guide states the amount from the fee data, and where it is paid.
    await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${FEE_ITEM}`)
    await visible(page.getByText('应缴金额', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/收款单位：公安机关交通管理部门（非税收入，缴入国库）。网上申请后，可在“我的办件”里用微信或支付宝支付/)).waitFor()
    await shot(page, 'guide')

    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${application.id}`)
    await visible(page.getByText('缴费：10.00 元', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/机动车驾驶证工本费 10 元\/证；收款单位：公安机关交通管理部门/)).waitFor()
    await shot(page, 'due')

    await visible(page.getByText('支付 10.00 元', { exact: true })).click()
    await visible(page.getByText('已支付 · 模拟支付（体验环境）', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByRole('list', { name: '缴费记录' }).getByText('已支付', { exact: true })).waitFor()
    await shot(page, 'paid')
    const paid = await e2e.api<ApplicationPayment>(`/api/applications/${application.id}/payment`, { token })
    expect(paid.order).toMatchObject({ status: 'paid', amountFen: 1000, provider: 'h5dev' })

    // Withdraw before acceptance: the fee goes back, said on the order's timeline.
    await visible(page.getByText('撤回申请', { exact: true })).click()
    await visible(page.getByText('确认撤回', { exact: true })).click()
    await visible(page.getByText('已退款 · 模拟支付（体验环境）', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText(/申请已在受理前撤回，费用原路退回/)).waitFor()
    await shot(page, 'refunded')
    const refunded = await e2e.api<ApplicationPayment>(`/api/applications/${application.id}/payment`, { token })
    expect(refunded.order!.timeline.map((event) => event.kind)).toEqual(['created', 'paid', 'refund_requested', 'refunded'])
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'payments-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 120_000)

test('elderly mode: the 缴费 card with a 待支付 order — countdown and 支付 large enough, nothing wider than the screen', async () => {
  const token = await sessionFor(e2e.backend.app, demoCitizen('zhang-wei').key)
  const application = await submitApplication(token)
  // An order made and not paid yet (the citizen left the cashier): the countdown shows.
  await e2e.api(`/api/applications/${application.id}/payment`, { token, method: 'POST', payload: {} })
  const page = await e2e.browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => {
      localStorage.setItem('session.token', JSON.stringify(sessionToken))
      localStorage.setItem('ui.elderlyMode', 'true')
    }, token)
    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${application.id}`)
    const countdown = visible(page.getByText(/^请在 \d+ 分 \d+ 秒内完成支付$/))
    await countdown.waitFor({ timeout: 20_000 })
    await visible(page.getByText('待支付 · 模拟支付（体验环境）', { exact: true })).waitFor()
    const button = visible(page.getByText('支付 10.00 元', { exact: true }))
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect(parseFloat(await countdown.evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(18)
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      return Array.from(document.querySelectorAll<HTMLElement>('body *')).filter((element) => element.offsetParent !== null && element.getBoundingClientRect().right > width + 1).length
    })
    expect(wide).toBe(0)
    await button.scrollIntoViewIfNeeded()
    await shot(page, 'elderly-unpaid')
  } finally {
    await page.close()
  }
}, 120_000)
