/**
 * 在线预审 on H5 (新生儿入户, labelled 在线预审): from the guide, 在线预审 → the application
 * submitted online; the department asks 补正 naming 出生医学证明 and the citizen answers it; the
 * department's 预审通过 puts 预约到大厅 on the application page, which books the visit; the
 * hall's scan of that booking records 已到大厅 on the application (accepted there, once).
 * The booking's day is set to today in the database for the scan (the e2e backend runs on the
 * real clock). Screenshots in test-output/e2e/pre-review-*.png; axe clean on each.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import type { Appointment, AppointmentCode, SlotDays } from '@/contract/appointments/schemas'
import { slotWords } from '@/packages/appointments/words'
import { chinaDateOf } from '../../server/applications/working-days'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { operatorTokenFor } from '../support/operators'
import { sessionFor } from '../support/sessions'

const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

const ITEM = 'SF-GA-0006'
const HALL = 'chengdong-police'

async function step(page: Page, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity))
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(SCREENSHOTS, `pre-review-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

test('在线预审 with 补正, 预审通过 → book the visit → the hall scan records 已到大厅 on the application', async () => {
  const token = await sessionFor(e2e.backend.app, 'li-na')
  const reviewer = await operatorTokenFor(e2e.backend.app, ['reviewer'])
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${ITEM}`)
    // The button, not the 在线预审 badge beside the item's name.
    const preReviewButton = visible(page.locator('.gm-button', { hasText: /^在线预审$/ }))
    await preReviewButton.waitFor({ timeout: 20_000 })
    await visible(page.getByText(/本事项可先在线预审/)).waitFor()
    await step(page, '1-guide')
    await preReviewButton.click()
    await visible(page.getByText('提交申请', { exact: true })).waitFor({ timeout: 20_000 })
    await step(page, '2-apply')
    await visible(page.getByText('提交申请', { exact: true })).click()
    // Submitted: the page goes on to the application's 办理进度.
    await visible(page.getByText('已提交（当前）', { exact: true })).waitFor({ timeout: 20_000 })
    const [application] = (await api<{ items: ApplicationDetail[] }>('/api/applications', { token })).items
    expect(application).toMatchObject({ itemCode: ITEM, status: 'submitted' })
    const id = application!.id

    // 补正 naming the material; the citizen answers it on the application page.
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'supplement_requested', missingItems: ['出生医学证明'] } })
    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${id}`)
    await visible(page.getByText('需要补正：出生医学证明', { exact: true })).waitFor({ timeout: 20_000 })
    await step(page, '3-supplement')
    await visible(page.getByLabel('补正说明').locator('textarea')).fill('已补充出生医学证明，原件到大厅时带上')
    await visible(page.getByText('已补正', { exact: true })).click()
    await visible(page.getByText('已提交（当前）', { exact: true })).waitFor({ timeout: 20_000 })

    // 预审通过: the page offers 预约到大厅, which books the visit.
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'pre_review_passed' } })
    await page.reload()
    await visible(page.getByText('预审已通过，请预约到大厅', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('预审通过（当前）', { exact: true })).waitFor()
    await step(page, '4-passed')
    await visible(page.getByText('预约到大厅', { exact: true })).click()
    await visible(page.getByText('1. 选择办事大厅', { exact: true })).waitFor({ timeout: 20_000 })
    const { days } = await api<SlotDays>(`/api/appointments/slots?item=${ITEM}&hall=${HALL}&days=14`, { token })
    const day = days.find((candidate) => candidate.slots.some((slot) => !slot.full))!
    const slot = day.slots.find((candidate) => !candidate.full)!
    await visible(page.getByText('城东派出所户籍窗口', { exact: true })).click()
    await visible(page.getByText(day.label, { exact: true })).click()
    await visible(page.getByText(slotWords(slot), { exact: true })).click()
    await visible(page.getByText('确认预约', { exact: true })).click()
    await visible(page.getByText('到大厅后请出示此预约码', { exact: true })).waitFor({ timeout: 20_000 })
    const booking = (await api<{ items: Appointment[] }>('/api/appointments', { token })).items.find((item) => item.itemCode === ITEM && item.status === 'booked')!

    // The day comes; the hall scans the code: the application is accepted on the spot.
    await e2e.backend.app.db.updateTable('appointments').set({ date: chinaDateOf(new Date()) }).where('id', '=', booking.id).execute()
    const { code } = await api<AppointmentCode>(`/api/appointments/${booking.id}/code`, { token })
    const staff = await sessionFor(e2e.backend.app, 'ouyang-mingyue')
    const hall = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    try {
      await hall.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), staff)
      await hall.goto(`${e2e.backend.baseUrl}/#/packages/scan/pages/result/index?text=${encodeURIComponent(code)}`)
      await visible(hall.getByText('预约有效 · 已登记到场', { exact: true })).waitFor({ timeout: 20_000 })
      await visible(hall.getByText(`在线预审申请 ${application!.number} 已预审通过，请收取原件，现场受理`, { exact: true })).waitFor()
      await step(hall, '5-hall-scan')
    } finally {
      await hall.close()
    }
    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${id}`)
    await visible(page.getByText('已到大厅（当前）', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/已按预约到城东派出所户籍窗口提交原件，现场受理/)).waitFor()
    await step(page, '6-visited')
    const visited = await api<ApplicationDetail>(`/api/applications/${id}`, { token })
    expect(visited.timeline.map((event) => event.status)).toEqual(['submitted', 'supplement_requested', 'submitted', 'pre_review_passed', 'visited'])
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pre-review-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 180_000)
