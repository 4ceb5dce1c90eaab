/**
 * 一网通办 end to end in the H5 preview (Chromium) against the real backend with the demo
 * catalogue, as issue 7 tells it: a citizen searches 身份证, opens a 全程网办 guide, applies
 * with the prefilled fields (masked, labelled 来自 公安人口库, the locked ones not editable),
 * a reviewer moves it along through the operator API, the citizen sees the timeline and the
 * working-day countdown, rates it 不满意 with a reason, the reviewer answers the
 * rectification, the citizen sees the answer and re-rates once. The apply, detail and rate
 * pages go through axe on the way.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { ApplicationDetail, ApplicationForm } from '@/contract/applications/schemas'
import type { EvaluationState, OperatorRectificationList } from '@/contract/evaluations/schemas'
import type { SearchResult } from '@/contract/services/schemas'
import { countdownWords } from '@/packages/applications/words'
import { maskIdNumber, maskName } from '../../server/privacy/masking'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { operatorTokenFor } from '../support/operators'
import { demoCitizen, sessionFor } from '../support/sessions'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()
/** Taro's H5 <Button> (taro-button-core) is found by its text, not by the button role. */
const button = (page: Page, text: string) => page.getByText(text, { exact: true })

const e2e = e2eSuite()
const citizen = demoCitizen('zhang-wei')

/** The API as the test's setup calls it (test/support/e2e-suite.ts). */
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

/**
 * The 全程网办 item among the 身份证 hits whose form a browser can fill without a date
 * picker, with a material taken from the citizen's e-certificates.
 */
async function onlineIdCardItem(token: string): Promise<{ code: string; name: string; form: ApplicationForm }> {
  const result = await api<SearchResult>(`/api/services/search?q=${encodeURIComponent('身份证')}`)
  for (const hit of result.items.filter((item) => item.onlineLevel === 'full_online')) {
    const form = await api<ApplicationForm>(`/api/services/${hit.code}/application-form`, { token })
    if (form.fields.every((field) => field.type !== 'date') && form.materials.some((material) => material.certificate)) return { code: hit.code, name: hit.name, form }
  }
  throw new Error(`no 全程网办 item among the 身份证 hits fits: ${result.items.map((item) => item.name).join('、')}`)
}

async function axeClean(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `one-stop-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

test('search 身份证 → guide → apply prefilled → reviewed → timeline and countdown → 不满意 → answered → re-rated', async () => {
  const token = await sessionFor(e2e.backend.app, citizen.key)
  const reviewer = await operatorTokenFor(e2e.backend.app, ['reviewer'])
  const item = await onlineIdCardItem(token)
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)

    // Search from the home page, open the guide, 在线办理.
    await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
    await visible(page.getByRole('button', { name: '搜索办事服务' })).click()
    const searchBox = visible(page.getByLabel('搜索办事服务').locator('input'))
    await searchBox.waitFor({ timeout: 15_000 })
    await searchBox.fill('身份证')
    await searchBox.press('Enter')
    await visible(page.locator('.gm-svc-item').filter({ hasText: item.name })).click({ timeout: 15_000 })
    await visible(button(page, '在线办理')).click({ timeout: 15_000 })

    // The form: what the government holds is filled in, masked, with its source; locked fields have no input.
    await page.waitForURL(/packages\/applications\/pages\/apply\/index\?code=/, { timeout: 15_000 })
    await visible(page.getByText('申请信息', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText(maskName(citizen.name), { exact: true })).waitFor()
    await visible(page.getByText(maskIdNumber(citizen.idNumber), { exact: true })).waitFor()
    expect(await page.getByText('来自 公安人口库', { exact: true }).filter({ visible: true }).count()).toBeGreaterThanOrEqual(2)
    const locked = item.form.fields.filter((field) => field.locked)
    expect(locked.length).toBeGreaterThanOrEqual(2)
    for (const field of locked) {
      await visible(page.getByRole('group', { name: new RegExp(`^${field.label}：.*来自 公安人口库，已锁定，不可修改$`) })).waitFor()
      expect(await page.getByRole('textbox', { name: field.label, exact: true }).filter({ visible: true }).count()).toBe(0)
    }
    expect(await page.getByText('已锁定，不可修改', { exact: true }).filter({ visible: true }).count()).toBe(locked.length)
    // Editable prefilled fields held masked (a phone as 139****0001) are shown, not put in a box to
    // type around the asterisks (that stored "四川省成都市****3栋2单元" once): 修改 starts a fresh entry.
    const held = item.form.fields.filter((candidate) => !candidate.locked && typeof candidate.value === 'string' && candidate.value.includes('*'))
    expect(held.length).toBeGreaterThanOrEqual(1)
    for (const field of held) {
      await visible(page.getByRole('group', { name: new RegExp(`^${field.label}：${String(field.value).replace(/\*/g, '\\*')}`) })).waitFor()
      expect(await page.getByLabel(field.label, { exact: true }).locator('input').filter({ visible: true }).count()).toBe(0)
    }
    const replaced = held.find((field) => field.type === 'phone')
    if (replaced) {
      const row = page.locator('.gm-app-field').filter({ has: page.getByRole('group', { name: new RegExp(`^${replaced.label}：`) }) })
      await visible(row.getByText('修改', { exact: true })).click()
      const box = visible(page.getByLabel(replaced.label, { exact: true }).locator('input'))
      expect(await box.inputValue()).toBe('')
      await box.fill('13700001234')
      await visible(page.getByText('将使用您新填写的信息', { exact: false })).waitFor()
    }
    await visible(page.getByText(/^已关联电子证照：/)).waitFor()
    expect(await page.content()).not.toContain(citizen.idNumber)
    await axeClean(page, 'apply')

    // Fill what is still empty, as the citizen would: the first option of each choice, words for texts.
    for (const field of item.form.fields.filter((candidate) => !candidate.locked && candidate.required && candidate.value === undefined)) {
      if (field.type === 'select') await visible(page.getByRole('radiogroup', { name: field.label }).getByRole('radio').first()).click()
      else if (field.type === 'textarea') await visible(page.getByLabel(field.label.replace(/（选填）$/, '')).locator('textarea')).fill('因工作需要办理')
      else await visible(page.getByLabel(field.label, { exact: true }).locator('input')).fill(field.type === 'number' ? '1' : '示范市人民路1号')
    }
    await visible(button(page, '提交申请')).click()

    // No subscription messages on H5: straight to the timeline.
    await page.waitForURL(/packages\/applications\/pages\/detail\/index\?id=/, { timeout: 15_000 })
    const id = new URL(page.url().replace('#', '')).searchParams.get('id')!
    if (replaced) {
      // Stored as typed (shown masked), without the 公安人口库 source it did not come from.
      const submitted = await api<ApplicationDetail>(`/api/applications/${id}`, { token })
      expect(submitted.values.find((value) => value.key === replaced.key)).toEqual({ key: replaced.key, label: replaced.label, value: '137****1234' })
    }
    await visible(page.getByText('已提交（当前）', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(button(page, '撤回申请')).waitFor()

    // A reviewer accepts it and starts the review, with a note for the citizen.
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'accepted' } })
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'reviewing', reason: '材料齐全，正在审核' } })
    const reviewing = await api<ApplicationDetail>(`/api/applications/${id}`, { token })
    await page.reload()
    await visible(page.getByText('审核中（当前）', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText('说明：材料齐全，正在审核', { exact: true })).waitFor()
    for (const step of ['已提交', '已受理']) await visible(page.getByText(step, { exact: true })).waitFor()
    const countdown = countdownWords(reviewing)
    expect(countdown).toMatch(/^还剩 \d+ 个工作日$|^今天是承诺办结的最后一个工作日$|^已超期 \d+ 个工作日$/)
    await visible(page.getByText(countdown!, { exact: true })).waitFor()
    await visible(page.getByText(reviewing.deadlineText, { exact: true })).waitFor()
    expect(await button(page, '撤回申请').filter({ visible: true }).count()).toBe(0)
    await axeClean(page, 'detail')

    // 办结, then 去评价: 不满意 needs a reason.
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'completed' } })
    await page.reload()
    await visible(button(page, '去评价')).click({ timeout: 15_000 })
    await visible(page.getByText('您对这次办理满意吗？', { exact: true })).waitFor({ timeout: 15_000 })
    await axeClean(page, 'rate')
    await visible(page.getByRole('radio', { name: '不满意' })).click()
    await visible(button(page, '提交评价')).click()
    await visible(page.getByText(/^请写明不满意的原因/)).waitFor()
    await visible(page.getByRole('checkbox', { name: '时限超期' })).click()
    const reason = '审核等待时间太长，也没有人告诉我还缺什么'
    await visible(page.getByLabel('不满意的原因（必填）').locator('textarea')).fill(reason)
    await visible(button(page, '提交评价')).click()
    await visible(page.getByText('我的评价：不满意', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText(`不满意的原因：${reason}`, { exact: true })).waitFor()
    await visible(page.getByText('待整改', { exact: true })).waitFor()
    await axeClean(page, 'rated')

    // The reviewer answers the rectification the 差评 opened.
    const open = await api<OperatorRectificationList>('/api/operator/rectifications?status=open', { token: reviewer })
    const rectification = open.items.find((candidate) => candidate.applicationId === id)!
    expect(rectification).toMatchObject({ rating: 2, reason, tags: ['时限超期'] })
    const answer = '已核实：审核环节等待材料核验超时。已增加审核人员，并在受理时一次性告知所需材料。'
    await api(`/api/operator/rectifications/${rectification.id}/answer`, { token: reviewer, method: 'POST', payload: { answer } })

    // The citizen sees the answer and re-rates, once.
    await page.reload()
    await visible(page.getByText(answer, { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText('看了部门的答复，您可以重新评价一次', { exact: true })).waitFor()
    await visible(page.getByRole('radio', { name: '满意', exact: true })).click()
    await visible(button(page, '提交重新评价')).click()
    await visible(page.getByText('重新评价：满意', { exact: true })).waitFor({ timeout: 15_000 })
    expect(await button(page, '提交重新评价').filter({ visible: true }).count()).toBe(0)
    await axeClean(page, 're-rated')
    const state = await api<EvaluationState>(`/api/applications/${id}/evaluation`, { token })
    expect(state).toMatchObject({ canRate: false, canReRate: false })
    expect(state.evaluations.map((evaluation) => [evaluation.round, evaluation.ratingName])).toEqual([
      [1, '不满意'],
      [2, '满意'],
    ])

    // The same three pages in elderly mode (larger type, higher contrast) pass axe too.
    await page.evaluate(() => localStorage.setItem('ui.elderlyMode', 'true'))
    for (const [name, route, ready] of [
      ['apply-elderly', `packages/applications/pages/apply/index?code=${item.code}`, '申请信息'],
      ['detail-elderly', `packages/applications/pages/detail/index?id=${id}`, '已办结（当前）'],
      ['rate-elderly', `packages/applications/pages/rate/index?id=${id}`, '重新评价：满意'],
    ] as const) {
      await page.goto(`${e2e.backend.baseUrl}/#/${route}`)
      await page.reload()
      await visible(page.getByText(ready, { exact: true })).waitFor({ timeout: 15_000 })
      expect(await page.locator('.gm-elderly').count()).toBeGreaterThan(0)
      await axeClean(page, name)
    }
  } catch (error) {
    // Where it stopped, for whoever reads the failure.
    await page.screenshot({ path: path.join(SCREENSHOTS, 'one-stop-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 180_000)
