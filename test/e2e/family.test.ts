/**
 * 亲情代办 end to end in the H5 preview (Chromium), two people on two browsers: 张伟 invites
 * his father-figure 王小明 (name + ID number), 王小明 consents on his own account (one decision a
 * screen, in elderly mode), 张伟 switches 为谁办理 on 我的, sees 王小明's health code (a red
 * code, not his own green one) under a banner naming 王*明, applies for him, 王小明 reads what
 * was done for him and ends it, and 张伟's next look at the health code is refused in words.
 * Screenshots of each step go to test-output/e2e/family-*.png.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { ApplicationForm, ApplicationPage } from '@/contract/applications/schemas'
import type { DelegationList } from '@/contract/delegations/schemas'
import type { SearchResult } from '@/contract/services/schemas'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { qrDrawn } from '../support/qr-drawn'
import { demoCitizen, sessionFor } from '../support/sessions'

const visible = (locator: Locator) => locator.filter({ visible: true }).first()
const button = (page: Page, text: string) => visible(page.getByText(text, { exact: true }))
const e2e = e2eSuite()
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `family-${name}.png`), fullPage: true })

async function openAs(token: string, elderly = false): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await page.addInitScript(
    ([sessionToken, elderlyMode]) => {
      localStorage.setItem('session.token', JSON.stringify(sessionToken))
      if (elderlyMode) localStorage.setItem('ui.elderlyMode', 'true')
    },
    [token, elderly] as const,
  )
  return page
}

/** A 全程网办 item whose form a browser fills without a date picker. */
async function onlineItem(token: string): Promise<{ code: string; form: ApplicationForm }> {
  const result = await e2e.api<SearchResult>(`/api/services/search?q=${encodeURIComponent('身份证')}`)
  for (const hit of result.items.filter((item) => item.onlineLevel === 'full_online')) {
    const form = await e2e.api<ApplicationForm>(`/api/services/${hit.code}/application-form`, { token })
    if (form.fields.every((field) => field.type !== 'date')) return { code: hit.code, form }
  }
  throw new Error('no 全程网办 item without a date field among the 身份证 hits')
}

test('invite → the principal consents → the helper switches, sees the principal’s health code and applies for them → the principal ends it → the helper is refused', async () => {
  const helperToken = await sessionFor(e2e.backend.app, 'zhang-wei')
  const principalToken = await sessionFor(e2e.backend.app, 'wang-xiaoming')
  const principal = demoCitizen('wang-xiaoming')
  const helper = await openAs(helperToken)
  const elder = await openAs(principalToken, true)
  try {
    // 张伟: 我的 → 亲情代办 → 邀请亲属.
    await helper.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
    await visible(helper.getByText('亲情代办', { exact: true })).click({ timeout: 15_000 })
    await button(helper, '邀请亲属').click({ timeout: 15_000 })
    await visible(helper.getByLabel('亲属姓名').locator('input')).fill(principal.name)
    await visible(helper.getByLabel('亲属身份证号码').locator('input')).fill(principal.idNumber)
    await visible(helper.getByRole('checkbox', { name: '替您办事' })).click()
    await shot(helper, '1-invite')
    expect(await seriousViolations(helper)).toEqual([])
    await button(helper, '发送邀请').click()
    await visible(helper.getByText('已邀请 王*明', { exact: true })).waitFor({ timeout: 15_000 })
    await shot(helper, '2-invited')

    // 王小明, on his own phone in elderly mode: 我的 says a request waits; one decision a screen.
    await elder.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
    await visible(elder.getByText('有 1 个代办请求等您确认', { exact: true })).click({ timeout: 15_000 })
    await button(elder, '去确认').click({ timeout: 15_000 })
    await visible(elder.getByText('张* 想帮您办事', { exact: true })).waitFor({ timeout: 15_000 })
    // Past the page's slide-in, so the screenshot shows the page alone.
    await elder.waitForTimeout(600)
    expect(await elder.locator('.gm-elderly').count()).toBeGreaterThan(0)
    await shot(elder, '3-consent-who')
    expect(await seriousViolations(elder)).toEqual([])
    await button(elder, '认识，继续').click()
    await visible(elder.getByText('同意 张* 帮您做这些事吗？', { exact: true })).waitFor()
    await visible(elder.getByText('· 替您打开健康码，看是什么颜色', { exact: true })).waitFor()
    await shot(elder, '4-consent-what')
    expect(await seriousViolations(elder)).toEqual([])
    await button(elder, '同意').click()
    await visible(elder.getByText('您已同意', { exact: true })).waitFor({ timeout: 15_000 })
    await shot(elder, '5-consented')

    // 张伟 switches 为谁办理 at the top of 我的; every page then names whose data it is.
    await helper.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
    await helper.reload()
    await visible(helper.getByRole('radio', { name: '王*明' })).click({ timeout: 15_000 })
    await visible(helper.getByText('正在为 王*明 办理', { exact: true })).waitFor()
    await shot(helper, '6-switched')
    await helper.goto(`${e2e.backend.baseUrl}/#/packages/health-code/pages/code/index`)
    await visible(helper.getByText('红码')).waitFor({ timeout: 15_000 })
    await visible(helper.getByText('正在为 王*明 办理', { exact: true })).waitFor()
    expect(await helper.getByText('绿码').filter({ visible: true }).count()).toBe(0)
    // The principal's code itself, not a blank canvas caught before it was drawn.
    await qrDrawn(helper)
    await shot(helper, '7-health-code')
    expect(await seriousViolations(helper)).toEqual([])

    // …and applies for him: the form is prefilled from 王小明's records (masked), the application is his.
    const item = await onlineItem(principalToken)
    await helper.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/apply/index?code=${item.code}`)
    await visible(helper.getByText('申请信息', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(helper.getByText('王*明', { exact: true })).waitFor()
    for (const field of item.form.fields.filter((candidate) => !candidate.locked && candidate.required && candidate.value === undefined)) {
      if (field.type === 'select') await visible(helper.getByRole('radiogroup', { name: field.label }).getByRole('radio').first()).click()
      else if (field.type === 'textarea') await visible(helper.getByLabel(field.label.replace(/（选填）$/, '')).locator('textarea')).fill('家人代为申请')
      else await visible(helper.getByLabel(field.label, { exact: true }).locator('input')).fill(field.type === 'number' ? '1' : '示范市人民路1号')
    }
    await button(helper, '提交申请').click()
    await helper.waitForURL(/packages\/applications\/pages\/detail\/index\?id=/, { timeout: 15_000 })
    const applicationId = new URL(helper.url().replace('#', '')).searchParams.get('id')!
    await visible(helper.getByText('正在为 王*明 办理', { exact: true })).waitFor()
    await visible(helper.getByText('亲情代办：由 张* 代办', { exact: true })).waitFor({ timeout: 15_000 })
    await shot(helper, '8-applied')
    const his = await e2e.api<ApplicationPage>('/api/applications', { token: principalToken })
    expect(his.items.map((application) => application.id)).toContain(applicationId)
    const helpersOwn = await e2e.api<ApplicationPage>('/api/applications', { token: helperToken })
    expect(helpersOwn.items.map((application) => application.id)).not.toContain(applicationId)

    // 王小明 reads what was done for him, then ends it.
    await elder.goto(`${e2e.backend.baseUrl}/#/packages/family/pages/index/index`)
    await elder.reload()
    await visible(elder.getByText('由 张* 代办：为您提交了一份申请', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(elder.getByText('由 张* 查看：查看了您的健康码', { exact: true })).waitFor()
    await visible(elder.getByText('由 张* 查看：查看了您的一份申请', { exact: true })).waitFor()
    await shot(elder, '9-acts-for-me')
    expect(await seriousViolations(elder)).toEqual([])
    await button(elder, '结束代办').click()
    await visible(elder.getByText(/^已结束 · 到/)).waitFor({ timeout: 15_000 })
    const after = await e2e.api<DelegationList>('/api/delegations', { token: principalToken })
    expect(after.asPrincipal[0]).toMatchObject({ state: 'ended', endedBy: 'principal' })

    // 张伟's next look is refused in words, at once.
    await helper.goto(`${e2e.backend.baseUrl}/#/packages/health-code/pages/code/index`)
    await visible(helper.getByText(/这项代办已结束，不能再为对方办理/)).waitFor({ timeout: 15_000 })
    await visible(helper.getByText('为 王*明 代办已停止', { exact: true })).waitFor()
    expect(await helper.getByText('红码').filter({ visible: true }).count()).toBe(0)
    expect(await helper.evaluate(() => [localStorage.getItem('acting.for'), localStorage.getItem('healthCode.last')])).toEqual([null, null])
    await shot(helper, '10-refused')
    expect(await seriousViolations(helper)).toEqual([])
    // A fresh start shows only the helper's own code.
    await helper.reload()
    await visible(helper.getByText('绿码')).waitFor({ timeout: 15_000 })
    await visible(helper.getByText('张*', { exact: true })).waitFor()
    // 我的 falls back to 本人 once the list shows it ended.
    await helper.goto(`${e2e.backend.baseUrl}/#/pages/mine/index`)
    await helper.reload()
    await visible(helper.getByText('帮家人办事、管理授权', { exact: true })).waitFor({ timeout: 15_000 })
    expect(await helper.getByText('正在为 王*明 办理', { exact: true }).filter({ visible: true }).count()).toBe(0)
    await shot(helper, '11-self-again')
  } catch (error) {
    await shot(helper, 'failure-helper').catch(() => undefined)
    await shot(elder, 'failure-principal').catch(() => undefined)
    throw error
  } finally {
    await helper.close()
    await elder.close()
  }
}, 180_000)
