/**
 * 在线预约 on H5, as a citizen and a hall's staff would walk it:
 * - from the guide of an item labelled 在线预约, 预约办理 → hall → day → slot → 确认预约: the
 *   booking's page with its 预约码 (a QR drawn on the canvas);
 * - 改约 to another slot: the same booking at the new time, the old place given back;
 * - the day comes (the booking's date set to today in the database: the e2e backend runs on
 *   the real clock) and the hall's verifier opens what their 扫一扫 read: 预约有效 · 已登记到场
 *   with the name masked; the citizen's page then says 已到场.
 * Screenshots of every step in test-output/e2e/appointments-*.png; axe clean on each.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { Appointment, AppointmentCode, SlotDays } from '@/contract/appointments/schemas'
import { slotWords } from '@/packages/appointments/words'
import { chinaDateOf } from '../../server/applications/working-days'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { qrDrawn } from '../support/qr-drawn'
import { sessionFor } from '../support/sessions'

const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

const ITEM = 'SF-GA-0001'
const HALL = 'chengdong-police'

/** Waits for Taro's page slide to finish, so the screenshot shows the page in place. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity))
  await page.waitForTimeout(400)
}

async function step(page: Page, name: string) {
  await settled(page)
  await page.screenshot({ path: path.join(SCREENSHOTS, `appointments-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

test('book from the guide, reschedule, the hall scans the 预约码 → checked in', async () => {
  const token = await sessionFor(e2e.backend.app, 'zhang-wei')
  const { days } = await api<SlotDays>(`/api/appointments/slots?item=${ITEM}&hall=${HALL}&days=14`, { token })
  const free = days.flatMap((day) => day.slots.filter((slot) => !slot.full).map((slot) => ({ day, slot })))
  const [first, second] = free as [(typeof free)[number], (typeof free)[number]]

  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${ITEM}`)
    await visible(page.getByText('预约办理', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/请先在网上预约办事大厅的时段/)).waitFor()
    await visible(page.getByText('预约办理', { exact: true })).click()

    await visible(page.getByText('1. 选择办事大厅', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('城东派出所户籍窗口', { exact: true })).click()
    await visible(page.getByText(first.day.label, { exact: true })).click()
    await visible(page.getByText(slotWords(first.slot), { exact: true })).click()
    await visible(page.getByText('请核对预约信息', { exact: true })).waitFor()
    await step(page, '1-chosen')
    await visible(page.getByText('确认预约', { exact: true })).click()

    await visible(page.getByText('到大厅后请出示此预约码', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(`${first.day.label} ${first.slot.start}-${first.slot.end}`, { exact: true })).waitFor()
    await visible(page.getByText('已预约', { exact: true })).waitFor()
    await qrDrawn(page)
    await step(page, '2-booked')
    const [booked] = (await api<{ items: Appointment[] }>('/api/appointments', { token })).items
    expect(booked).toMatchObject({ status: 'booked', date: first.day.date, start: first.slot.start })

    // 改约: the same booking moves; the old place is given back.
    await visible(page.getByText('改约', { exact: true })).click()
    await visible(page.getByText(`改约：居民身份证换领`, { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('城东派出所户籍窗口', { exact: true })).click()
    await visible(page.getByText(second.day.label, { exact: true })).click()
    await visible(page.getByText(slotWords(second.slot), { exact: true })).click()
    await visible(page.getByText('确认改约', { exact: true })).click()
    await visible(page.getByText(`${second.day.label} ${second.slot.start}-${second.slot.end}`, { exact: true })).waitFor({ timeout: 20_000 })
    await qrDrawn(page)
    await step(page, '3-rescheduled')
    const moved = await api<Appointment>(`/api/appointments/${booked!.id}`, { token })
    expect(moved).toMatchObject({ id: booked!.id, status: 'booked', date: second.day.date, start: second.slot.start })
    const oldSlot = await e2e.backend.app.db.selectFrom('appointment_slots').select('booked').where('hall_id', '=', HALL).where('date', '=', first.day.date).where('start_time', '=', first.slot.start).executeTakeFirstOrThrow()
    expect(Number(oldSlot.booked)).toBe(0)

    // The day comes; the hall's verifier scans the code the citizen shows.
    await e2e.backend.app.db.updateTable('appointments').set({ date: chinaDateOf(new Date()) }).where('id', '=', booked!.id).execute()
    const { code } = await api<AppointmentCode>(`/api/appointments/${booked!.id}/code`, { token })
    const staff = await sessionFor(e2e.backend.app, 'ouyang-mingyue')
    const hall = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    try {
      await hall.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), staff)
      await hall.goto(`${e2e.backend.baseUrl}/#/packages/scan/pages/result/index?text=${encodeURIComponent(code)}`)
      await visible(hall.getByText('预约有效 · 已登记到场', { exact: true })).waitFor({ timeout: 20_000 })
      await visible(hall.getByText('张*', { exact: true })).waitFor()
      await visible(hall.getByText('居民身份证换领', { exact: true })).waitFor()
      await step(hall, '4-hall-scan')
    } finally {
      await hall.close()
    }
    await page.reload()
    await visible(page.getByText('已到场', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('已登记，请按叫号办理', { exact: true })).waitFor()
    await step(page, '5-checked-in')
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'appointments-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 180_000)
