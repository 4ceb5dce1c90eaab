/**
 * 朗读 and 语音搜索 in the H5 preview in Chromium. The browser's speech is stubbed only at the
 * Web Speech API boundary (an init script replaces window.speechSynthesis and defines
 * SpeechRecognition, recording what the page hands them); everything above it is the built app
 * against the real backend. axe stays clean with the controls on the page.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { COLOUR_WORDS } from '@/contract/health-code/data'
import type { HealthCode } from '@/contract/health-code/schemas'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { demoCitizen, sessionFor } from '../support/sessions'

const e2e = e2eSuite()

interface Spoken {
  text: string
  lang: string
  rate: number
}

/** Replaces the Web Speech API: utterances are recorded (and keep "speaking" until cancelled); recognition hears `heard`. */
async function stubSpeech(page: Page, heard: string) {
  await page.addInitScript((words) => {
    const w = window as unknown as Record<string, any>
    w.__spoken = [] as unknown[]
    w.__cancels = 0
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak: (utterance: SpeechSynthesisUtterance) => w.__spoken.push({ text: utterance.text, lang: utterance.lang, rate: utterance.rate }),
        cancel: () => (w.__cancels += 1),
        getVoices: () => [],
      },
    })
    w.__recognitions = 0
    // A plain constructor function: this script is serialised into the page, where no compiler helpers exist.
    w.SpeechRecognition = function FakeRecognition(this: Record<string, any>) {
      this.start = () => {
        w.__recognitions += 1
      }
      this.stop = () => {
        this.onresult?.({ results: [[{ transcript: words, confidence: 0.9 }]] })
        this.onend?.()
      }
      this.abort = () => undefined
    }
  }, heard)
}

/** Taro's H5 <Button> is a taro-button-core holding a plain button: found by the name we give it (aria-label), on screen. */
const control = (page: Page, name: string) => page.locator(`taro-button-core[aria-label="${name}"]`).filter({ visible: true }).first()
/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const onScreen = (page: Page, text: string) => page.getByText(text).filter({ visible: true }).first()
const searchBox = (page: Page) => page.getByLabel('搜索办事服务').locator('input').filter({ visible: true }).first()

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken)

test('health code: 朗读 hands speechSynthesis the colour, masked name and validity in Mandarin; leaving the page cancels it', async () => {
  const token = await sessionFor(e2e.backend.app, 'zhang-wei')
  const code = await e2e.api<HealthCode>('/api/health-code', { token })
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await stubSpeech(page, '')
  await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
  await page.goto(`${e2e.backend.baseUrl}/#/packages/health-code/pages/code/index`)
  await control(page, '朗读健康码').click({ timeout: 15_000 })
  await control(page, '停止朗读健康码').waitFor()
  const [said] = await spoken(page)
  expect(said).toMatchObject({ lang: 'zh-CN', rate: 1 })
  expect(said.text).toContain(`健康码：${COLOUR_WORDS[code.colour]}。姓名：${code.name.replace(/\*+/, '某')}。`)
  expect(said.text).not.toContain(demoCitizen('zhang-wei').idNumber)
  expect(said.text).not.toMatch(/\d{11,}|\*/)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'voice-health-code-reading.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
  const cancelsBefore = await page.evaluate(() => (window as unknown as { __cancels: number }).__cancels)
  // Leave the page the way a citizen does: the page's own 返回.
  await onScreen(page, '返回').click()
  await onScreen(page, '办事服务').waitFor({ timeout: 15_000 })
  // The old page is unloaded just after the new one shows.
  await page.waitForFunction((before) => (window as unknown as { __cancels: number }).__cancels > before, cancelsBefore, { timeout: 5_000 })
  await page.close()
}, 60_000)

test('elderly mode: 朗读本页 on a 办事指南 reads the page as shown; the pace chosen applies at once; a section reads itself', async () => {
  const list = await e2e.api<{ items: { code: string; name: string }[] }>('/api/services?limit=1')
  const guide = await e2e.api<{ name: string; conditions: string[]; timeLimitText: string }>(`/api/services/${list.items[0].code}`)
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await stubSpeech(page, '')
  await page.addInitScript(() => localStorage.setItem('ui.elderlyMode', 'true'))
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${encodeURIComponent(list.items[0].code)}`)
  await onScreen(page, guide.timeLimitText).waitFor({ timeout: 15_000 })
  await control(page, '朗读本页').click()
  let said = await spoken(page)
  expect(said[0].text).toContain(guide.name)
  expect(said[0].text).toContain(guide.timeLimitText)
  expect(said[0].text).toContain(guide.conditions[0].slice(0, 10))
  // Buttons and the controls themselves are not read.
  expect(said[0].text).not.toContain('停止朗读')
  await page.getByRole('radio', { name: '慢' }).first().click()
  said = await spoken(page)
  expect(said.at(-1)!.rate).toBe(0.75)
  expect(said.at(-1)!.text).toBe(said[0].text.slice(0, said.at(-1)!.text.length))
  await page.screenshot({ path: path.join(SCREENSHOTS, 'voice-guide-elderly.png'), fullPage: false })
  expect(await seriousViolations(page)).toEqual([])
  await control(page, '朗读办理条件').click()
  said = await spoken(page)
  expect(said.at(-1)!.text.startsWith('办理条件。1，')).toBe(true)
  await page.close()
}, 60_000)

test('语音搜索: hold to talk, and what was heard is searched with suggestions and results as if typed', async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  const page = await context.newPage()
  await stubSpeech(page, '身份证。')
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/search/index`)
  const talk = control(page, '语音搜索，按住说话')
  await talk.waitFor({ timeout: 15_000 })
  expect(await seriousViolations(page)).toEqual([])
  expect((await talk.boundingBox())!.height).toBeGreaterThanOrEqual(44)
  await talk.tap()
  expect(await page.evaluate(() => (window as unknown as { __recognitions: number }).__recognitions)).toBe(1)
  await page.getByText(/找到 \d+ 项/).filter({ visible: true }).first().waitFor({ timeout: 15_000 })
  expect(await searchBox(page).inputValue()).toBe('身份证')
  await page.screenshot({ path: path.join(SCREENSHOTS, 'voice-search-heard.png'), fullPage: false })
  await context.close()
}, 60_000)

test('a browser without recognition shows no 语音搜索 button (never a dead one)', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await page.addInitScript(() => {
    delete (window as unknown as Record<string, unknown>).webkitSpeechRecognition
    delete (window as unknown as Record<string, unknown>).SpeechRecognition
  })
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/search/index`)
  await searchBox(page).waitFor({ timeout: 15_000 })
  expect(await page.locator('taro-button-core[aria-label^="语音搜索"]').count()).toBe(0)
  expect(await page.getByText('按住 说话').count()).toBe(0)
  await page.close()
}, 60_000)
