/**
 * 补正 on H5: a reviewer asks for missing items through the API; the citizen sees
 * “需要补正：…” on the application's page, answers 已补正 with a note, and the reviewer finds
 * it back in the queue with both steps in the timeline.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { ApplicationDetail, ApplicationForm, OperatorApplicationPage } from '@/contract/applications/schemas'
import type { SearchResult } from '@/contract/services/schemas'
import { fillApplicationForm } from '../support/application-form'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { operatorTokenFor } from '../support/operators'
import { demoCitizen, sessionFor } from '../support/sessions'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()

/** The API as the test's setup calls it (test/support/e2e-suite.ts). */
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

async function submitApplication(token: string): Promise<ApplicationDetail> {
  const result = await api<SearchResult>(`/api/services/search?q=${encodeURIComponent('身份证')}`)
  for (const hit of result.items.filter((item) => item.onlineLevel === 'full_online')) {
    const form = await api<ApplicationForm>(`/api/services/${hit.code}/application-form`, { token })
    const application = await api<ApplicationDetail>('/api/applications', {
      token,
      method: 'POST',
      headers: { 'idempotency-key': randomUUID().replace(/-/g, '') },
      payload: { itemCode: hit.code, values: fillApplicationForm(form.fields) },
    }).catch(() => null)
    if (application) return application
  }
  throw new Error('no 全程网办 item accepted an application')
}

async function axeClean(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `supplement-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

test('reviewer asks 补正 → the citizen sees the items on H5 and answers 已补正 → back in the reviewer queue', async () => {
  const token = await sessionFor(e2e.backend.app, demoCitizen('zhang-wei').key)
  const reviewer = await operatorTokenFor(e2e.backend.app, ['reviewer'])
  const application = await submitApplication(token)
  await api(`/api/operator/applications/${application.id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'accepted' } })
  await api(`/api/operator/applications/${application.id}/transition`, {
    token: reviewer,
    method: 'POST',
    payload: { to: 'supplement_requested', missingItems: ['户口簿首页复印件', '近期免冠照片一张'] },
  })

  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${application.id}`)
    await visible(page.getByText('需要补正：户口簿首页复印件；近期免冠照片一张', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/补正期间不计算办理时限/)).waitFor()
    await axeClean(page, 'asked')

    // Too short a note: the server's words under the box, nothing changes.
    const box = visible(page.getByLabel('补正说明').locator('textarea'))
    await box.fill('好')
    await visible(page.getByText('已补正', { exact: true })).click()
    await visible(page.getByText(/至少 2 个字/)).waitFor({ timeout: 10_000 })
    await box.fill('已上传户口簿首页复印件，照片已送到窗口。')
    await visible(page.getByText('已补正', { exact: true })).click()
    await visible(page.getByText('已受理（当前）', { exact: true })).waitFor({ timeout: 10_000 })
    await visible(page.getByText('已补正：已上传户口簿首页复印件，照片已送到窗口。')).waitFor()
    await axeClean(page, 'answered')

    const queue = await api<OperatorApplicationPage>('/api/operator/applications?status=accepted&pageSize=50', { token: reviewer })
    const back = queue.items.find((item) => item.id === application.id)!
    expect(back.timeline.map((event) => event.status)).toEqual(['submitted', 'accepted', 'supplement_requested', 'accepted'])
    expect(back.timeline.at(-2)!.reason).toBe('需要补正：户口簿首页复印件；近期免冠照片一张')
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'supplement-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 120_000)
