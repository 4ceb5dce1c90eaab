/**
 * 一件事一次办 on H5 in Chromium: from the home page's 一件事 to 出生一件事's guide, the one form
 * walked screen by screen (the shared data once, each item's own question, the check),
 * submitted once; then every member decided by its own department's reviewer through the API,
 * and the package's page showing every member finished with its result, which 我的证明 holds.
 * Screenshots of each step go to test-output/e2e (life-events-*.png).
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { LifeEventApplication, LifeEventApplicationPage } from '@/contract/life-events/schemas'
import type { OperatorApplicationPage } from '@/contract/applications/schemas'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { operatorTokenFor } from '../support/operators'
import { demoCitizen, sessionFor } from '../support/sessions'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

/** 孙建康 has applied for no 一件事 in any other suite. */
const PARENT = 'sun-jiankang'

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `life-events-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

async function typeInto(page: Page, label: string, value: string) {
  const box = visible(page.getByLabel(label, { exact: true }).locator('input, textarea'))
  await box.fill(value)
}

const next = (page: Page) => visible(page.getByText('下一步', { exact: true })).click()

test('出生一件事: found from the home page, filled once, submitted once, each member decided by its department, finished with the results in 我的证明', async () => {
  const token = await sessionFor(e2e.backend.app, PARENT, 4)
  const reviewer = await operatorTokenFor(e2e.backend.app, ['reviewer'])
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
    await visible(page.getByText('一件事一次办', { exact: true })).click()
    await visible(page.getByText('出生一件事', { exact: true })).waitFor({ timeout: 20_000 })
    await shot(page, '1-packages')
    await visible(page.getByLabel('查看出生一件事的办事指南')).click()
    await visible(page.getByText('包含的 4 个事项', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/^办理部门：市公安局/)).waitFor()
    await shot(page, '2-guide')
    await visible(page.getByText('开始办理', { exact: true })).click()

    // The shared data: the parent's own name and ID number come from the registry, locked.
    await visible(page.getByText('共同信息（只填一次）', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('孙*康', { exact: true })).waitFor()
    await next(page)
    await visible(page.getByText('请填写新生儿姓名', { exact: true })).waitFor()
    await typeInto(page, '新生儿姓名', '孙小禾')
    await visible(page.getByRole('radio', { name: '男', exact: true })).click()
    // The date picker's own panel: its 确定 takes the date it opens on (today), a birth date that passes.
    await visible(page.getByLabel('出生日期，请选择日期')).click()
    await visible(page.getByText('确定', { exact: true })).click()
    // The panel slides away: judged (axe) and photographed only once it has gone.
    await page.locator('.weui-picker__action').first().waitFor({ state: 'hidden' })
    await typeInto(page, '出生医院', '示范市妇幼保健院')
    await typeInto(page, '另一方父（母）姓名', '赵丽华')
    await typeInto(page, '另一方父（母）公民身份号码', demoCitizen('zhao-lihua').idNumber)
    await typeInto(page, '入户地址（户口所在地）', '示范市人民路12号3栋201')
    await shot(page, '3-shared')
    await next(page)

    await visible(page.getByText('由市卫生健康委员会办理', { exact: true })).waitFor()
    await typeInto(page, '出生体重（克）', '3250')
    await next(page)
    await visible(page.getByText('由市公安局办理', { exact: true })).waitFor()
    await visible(page.getByRole('radio', { name: '子', exact: true })).click()
    await next(page)
    await visible(page.getByRole('radio', { name: '银行代扣', exact: true })).click()
    await next(page)
    await visible(page.getByRole('radio', { name: '到合作银行网点领取', exact: true })).click()
    await next(page)
    await visible(page.getByText('核对并提交', { exact: true })).waitFor()
    await visible(page.getByText('孙小禾', { exact: true })).waitFor()
    await shot(page, '4-review')
    await visible(page.getByText('一次提交4个事项', { exact: true })).click()

    // The package's page: four items, four departments, nothing finished yet.
    await visible(page.getByText('各事项进度', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('已办结 0/4 项', { exact: true })).waitFor()
    await shot(page, '5-submitted')

    const mine = await api<LifeEventApplicationPage>('/api/life-event-applications', { token })
    expect(mine.total).toBe(1)
    const submitted = await api<LifeEventApplication>(`/api/life-event-applications/${mine.items[0]!.id}`, { token })
    expect(submitted.members.map((member) => member.department)).toEqual(['市卫生健康委员会', '市公安局', '市医疗保障局', '市人力资源和社会保障局'])
    // Each member waits in its own department's queue; each reviewer decides it there.
    for (const member of submitted.members) {
      const queue = await api<OperatorApplicationPage>(`/api/operator/applications?department=${encodeURIComponent(member.department)}&status=submitted&pageSize=50`, { token: reviewer })
      expect(queue.items.map((item) => item.id)).toContain(member.applicationId)
    }
    const decide = async (applicationId: string) => {
      for (const to of ['accepted', 'reviewing', 'completed']) await api(`/api/operator/applications/${applicationId}/transition`, { token: reviewer, method: 'POST', payload: { to } })
    }
    await decide(submitted.members[0]!.applicationId)
    await decide(submitted.members[1]!.applicationId)
    await page.reload()
    await visible(page.getByText('已办结 2/4 项', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('办理中', { exact: true })).waitFor()
    await visible(page.getByText('已出具：出生医学证明', { exact: true })).waitFor()
    await shot(page, '6-half')
    await decide(submitted.members[2]!.applicationId)
    await decide(submitted.members[3]!.applicationId)
    await page.reload()
    await visible(page.getByText('已全部办结', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('已办结 4/4 项', { exact: true })).waitFor()
    for (const title of ['出生医学证明', '户口登记证明（新生儿入户）', '城乡居民医保参保凭证', '电子社会保障卡签发凭证']) await visible(page.getByText(`已出具：${title}`, { exact: true })).waitFor()
    await shot(page, '7-finished')

    // The results are where every result is kept: 我的证明.
    await visible(page.getByText('在“我的证明”中查看全部结果', { exact: true })).click()
    for (const title of ['出生医学证明', '户口登记证明（新生儿入户）', '城乡居民医保参保凭证', '电子社会保障卡签发凭证']) await visible(page.getByText(title, { exact: true })).waitFor({ timeout: 20_000 })
    await shot(page, '8-my-results')
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'life-events-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 180_000)
