/**
 * A paper result end to end (驾驶证期满换证, 全程网办, the licence delivered by post): after
 * 办结 the citizen chooses EMS on the H5 result page (masked on screen), the reviewer opens the
 * application in the console's 办件 drawer, reads the delivery and fills the EMS waybill number,
 * and the citizen's page shows it. Screenshots and axe on the way.
 */
import path from 'node:path'
import type { Locator } from 'playwright-core'
import type { IssuedResult } from '../../src/contract/results/schemas'
import { seriousViolations } from '../support/axe'
import { consoleAxe, consoleLogin, consolePage } from '../support/console'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { createTestOperator } from '../support/operators'
import { finishedApplication } from '../support/results'
import { sessionFor } from '../support/sessions'

const visible = (locator: Locator) => locator.filter({ visible: true }).first()
const e2e = e2eSuite()
/** 张伟 holds an e-driving licence, so the renewal needs no upload (免提交). */
const CITIZEN = 'zhang-wei'
const LICENCE_RENEWAL = 'SF-JJ-0001'

test('EMS chosen on H5 → the reviewer fills the waybill in the console drawer → the citizen sees it', async () => {
  const { applicationId, result } = await finishedApplication(e2e.backend, CITIZEN, LICENCE_RENEWAL)
  expect(result).toMatchObject({ kind: 'physical', title: '机动车驾驶证', physical: { methods: ['ems', 'counter'], delivery: null } })
  const token = await sessionFor(e2e.backend.app, CITIZEN, 4)

  const phone = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await phone.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await phone.goto(`${e2e.backend.baseUrl}/#/packages/results/pages/detail/index?applicationId=${applicationId}`)
    await visible(phone.getByText('证件已制作完成，请选择领取方式。')).waitFor({ timeout: 20_000 })
    await visible(phone.getByLabel('收件人姓名').locator('input')).fill('张伟')
    await visible(phone.getByLabel('收件人手机号码').locator('input')).fill('13912345678')
    await visible(phone.getByLabel('收件详细地址').locator('input')).fill('示范市中山区人民路100号3栋502')
    await visible(phone.getByText('邮寄到这个地址（免费）', { exact: true })).click()
    await visible(phone.getByText('等待办理部门寄出')).waitFor({ timeout: 10_000 })
    await visible(phone.getByText('139****5678', { exact: false })).waitFor()
    // The form is put away once chosen: what was typed in full is no longer on screen (the inputs are gone too).
    expect(await phone.locator('body').innerText()).not.toContain('人民路100号')
    expect(await phone.locator('input').filter({ visible: true }).count()).toBe(0)
    await visible(phone.getByText('修改领取方式', { exact: true })).waitFor()
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'results', 'delivery-chosen.png'), fullPage: true })
    expect(await seriousViolations(phone)).toEqual([])
  } finally {
    await phone.close()
  }

  const reviewer = await createTestOperator(e2e.backend.app, ['reviewer'])
  const desk = await consolePage(e2e.browser)
  try {
    await consoleLogin(desk, e2e.backend.baseUrl, reviewer.username, reviewer.password, '/console/applications')
    const number = (await e2e.api<{ number: string }>(`/api/applications/${applicationId}`, { token })).number
    // The queue opens on 待受理: choose 已办结.
    await desk.getByRole('combobox', { name: '状态' }).click({ force: true })
    await desk.locator('.ant-select-item-option').filter({ hasText: '已办结' }).click()
    const row = desk.getByRole('row').filter({ hasText: number })
    await row.waitFor({ timeout: 15_000 })
    await row.getByRole('button', { name: number }).click()
    const drawer = desk.getByRole('dialog').filter({ hasText: '办理过程' })
    await drawer.getByText('邮政EMS寄递').waitFor({ timeout: 10_000 })
    await drawer.getByLabel('EMS运单号').fill('EA123456789CN')
    await consoleAxe(desk, 'result-tracking')
    await drawer.getByRole('button', { name: '保存运单号' }).click()
    await drawer.getByText('EA123456789CN', { exact: true }).waitFor({ timeout: 10_000 })
  } finally {
    await desk.close()
  }

  const seen = await e2e.api<{ result: IssuedResult }>(`/api/applications/${applicationId}/result`, { token })
  expect(seen.result.physical?.delivery).toMatchObject({ method: 'ems', trackingNumber: 'EA123456789CN', phone: '139****5678' })
}, 120_000)
