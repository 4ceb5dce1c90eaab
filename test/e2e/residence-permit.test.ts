/**
 * 居住证申领 on H5 (Chromium): the application is made and finished through the real routes
 * (form, photo and 居住证明 uploaded, 预审通过, the hall visit recorded, 办结); the citizen opens
 * 查看办理结果, reads 已放入您的证照夹 with the masked number and the police department, and
 * 查看电子证照 opens the e-居住证 in the wallet with the address masked. Screenshots in
 * test-output/e2e/residence-permit/.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Locator } from 'playwright-core'
import type { ApplicationForm } from '@/contract/applications/schemas'
import { recordVisit } from '../../server/applications/pre-review'
import { demoServices } from '../../server/seed-data/demo-services'
import { fillApplicationForm } from '../support/application-form'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { operatorTokenFor } from '../support/operators'
import { sessionFor } from '../support/sessions'
import { pdf, png, uploadForm } from '../support/upload-files'

const visible = (locator: Locator) => locator.filter({ visible: true }).first()
const e2e = e2eSuite()
const shots = path.join(SCREENSHOTS, 'residence-permit')
const CITIZEN = 'zhang-wei'
const PERMIT = 'SF-GA-0008'
const PHOTO = '近期免冠彩色照片（白底，35mm×45mm）'
const PROOF = '居住证明（房屋租赁合同或房屋产权证明）'
const DEPARTMENT = demoServices.find((item) => item.code === PERMIT)!.department

beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true })
})

/** Applied for online, pre-checked, visited, finished: the id of the 办结 application. */
async function finishedPermit(token: string): Promise<string> {
  const upload = async (material: string, bytes: Buffer, name: string, type: string) => {
    const response = await fetch(`${e2e.backend.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: uploadForm(PERMIT, material, bytes, name, type) })
    if (response.status !== 201) throw new Error(`upload ${material}: ${response.status} ${await response.text()}`)
    return ((await response.json()) as { id: string }).id
  }
  const form = await e2e.api<ApplicationForm>(`/api/services/${PERMIT}/application-form`, { token })
  const values = { ...fillApplicationForm(form.fields), residenceAddress: '示范市城东区振兴大道100号3栋502室' }
  const materials = [
    { name: PHOTO, uploadId: await upload(PHOTO, await png(), 'photo.png', 'image/png') },
    { name: PROOF, uploadId: await upload(PROOF, pdf(), 'contract.pdf', 'application/pdf') },
  ]
  const submitted = await e2e.api<{ id: string }>('/api/applications', { method: 'POST', token, headers: { 'idempotency-key': randomUUID() }, payload: { itemCode: PERMIT, values, materials } })
  const reviewer = await operatorTokenFor(e2e.backend.app, ['reviewer'])
  await e2e.api(`/api/operator/applications/${submitted.id}/transition`, { method: 'POST', token: reviewer, payload: { to: 'pre_review_passed' } })
  // The hall scan's effect (its route is covered by test/server/results/residence-permit.test.ts).
  const { citizen_id: citizenId } = await e2e.backend.app.db.selectFrom('applications').select('citizen_id').where('id', '=', submitted.id).executeTakeFirstOrThrow()
  const visited = await recordVisit(e2e.backend.app.db, { citizenId, itemCode: PERMIT, hallName: '城东派出所户籍窗口', actor: 'e2e', at: new Date() })
  if (visited !== submitted.id) throw new Error(`visit not recorded for ${submitted.id}`)
  await e2e.api(`/api/operator/applications/${submitted.id}/transition`, { method: 'POST', token: reviewer, payload: { to: 'completed' } })
  return submitted.id
}

test('居住证申领 办结 → the result says 已放入您的证照夹 and 查看电子证照 opens the 居住证 in the wallet', async () => {
  const token = await sessionFor(e2e.backend.app, CITIZEN, 4)
  const applicationId = await finishedPermit(token)
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${applicationId}`)
    await visible(page.getByText('查看办理结果', { exact: true })).click({ timeout: 20_000 })
    await visible(page.getByText(/已放入您的证照夹/)).waitFor({ timeout: 20_000 })
    await visible(page.getByText('电子居住证', { exact: true })).waitFor()
    await visible(page.getByText(DEPARTMENT, { exact: true })).waitFor()
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.gm-result-card')).some((card) => Math.abs(card.getBoundingClientRect().left) < 40))
    await page.screenshot({ path: path.join(shots, 'result.png'), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])

    await visible(page.getByText('查看电子证照', { exact: true })).click()
    await visible(page.getByText('示范市城东区****', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(/居住证/)).waitFor()
    await page.waitForTimeout(600)
    await page.screenshot({ path: path.join(shots, 'wallet-permit.png'), fullPage: true })
    expect(await page.content()).not.toContain('振兴大道100号')
    expect(await seriousViolations(page)).toEqual([])
  } catch (error) {
    await page.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 120_000)
