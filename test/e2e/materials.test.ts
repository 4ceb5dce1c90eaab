/**
 * 全程网办 finished without a counter, on H5 in Chromium: 个体工商户设立登记 for a citizen who
 * holds an electronic ID card. From the guide's 在线办理, the page says the e-certificate will be
 * used, holds the submit back naming the 经营场所使用证明 until it is uploaded, shows a wrong
 * file's refusal in words, uploads a photo through the file input, and the submitted
 * application has every material met online (the certificate and the upload, none at the counter).
 * 移除 deletes an uploaded file on the server. Then the reviewer asks a 补正 naming the premises proof: the citizen's page offers that material
 * (and only it) with the same control, the new photo goes with 已补正, and the reviewer's API
 * lists both versions, the old one replaced.
 */
import path from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from 'playwright-core'
import type { ApplicationDetail, ApplicationForm } from '@/contract/applications/schemas'
import type { OperatorUploadList, UploadList } from '@/contract/uploads/schemas'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { operatorTokenFor } from '../support/operators'
import { demoCitizen, sessionFor } from '../support/sessions'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()
const e2e = e2eSuite()
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

const ITEM = 'SF-SJ-0001'
const CONTRACT = '经营场所使用证明'

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `materials-${name}.png`), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}

/** Clicks a button of the contract's upload control and hands the file input this file. */
async function uploadThrough(page: Page, buttonText: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const material = page.locator('.gm-app-material').filter({ hasText: CONTRACT })
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), visible(material.getByText(buttonText, { exact: true })).click()])
  await chooser.setFiles(file)
}

test('个体工商户设立登记: the e-certificate used, the premises proof uploaded, submitted with nothing for the counter', async () => {
  const token = await sessionFor(e2e.backend.app, demoCitizen('zhang-wei').key)
  const form = await api<ApplicationForm>(`/api/services/${ITEM}/application-form`, { token })
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    // From the guide, as a citizen comes: 在线办理 opens the apply page.
    await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${ITEM}`)
    await visible(page.getByText('在线办理', { exact: true })).click({ timeout: 20_000 })
    await visible(page.getByText('将使用您的电子居民身份证，无需另行提交', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('请上传照片或 PDF（用手机拍清楚即可）', { exact: true })).waitFor()
    expect(await page.getByText(/请到窗口提交纸质材料/).filter({ visible: true }).count()).toBe(0)

    for (const field of form.fields.filter((candidate) => !candidate.locked && candidate.required && candidate.value === undefined)) {
      if (field.type === 'select') await visible(page.getByRole('radiogroup', { name: field.label }).getByRole('radio').first()).click()
      else if (field.type === 'number') await visible(page.getByLabel(field.label, { exact: true }).locator('input')).fill('5')
      else if (field.type === 'textarea') await visible(page.getByLabel(field.label).locator('textarea')).fill('餐饮服务（小型餐饮）')
      else await visible(page.getByLabel(field.label, { exact: true }).locator('input')).fill('示范市振兴大道100号')
    }
    await shot(page, 'apply')

    // No contract yet: held back, the material named.
    await visible(page.getByText('提交申请', { exact: true })).click()
    await visible(page.getByText(`还需要上传：${CONTRACT}`, { exact: true })).waitFor({ timeout: 10_000 })

    // A text file called .jpg: the server decides by the bytes and says so in words.
    await uploadThrough(page, '拍照或选择照片', { name: 'contract.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a photo') })
    await visible(page.getByText('文件格式不支持，请上传照片（JPG、PNG）或 PDF 文件', { exact: true })).waitFor({ timeout: 15_000 })
    await shot(page, 'wrong-type')

    const photo = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f1e8' } }).jpeg().toBuffer()
    await uploadThrough(page, '拍照或选择照片', { name: 'contract.jpg', mimeType: 'image/jpeg', buffer: photo })
    await visible(page.getByText(/^已上传：照片（\d+ KB）$/)).waitFor({ timeout: 15_000 })
    await visible(page.getByText('重新拍照上传', { exact: true })).waitFor()
    await shot(page, 'uploaded')

    // 移除 deletes the file on the server, not only on the page; then the proof is uploaded again.
    const drafts = () => api<UploadList>(`/api/uploads?itemCode=${ITEM}`, { token }).then((list) => list.items.map((upload) => upload.id))
    expect(await drafts()).toHaveLength(1)
    await visible(page.locator('.gm-app-material').filter({ hasText: CONTRACT }).getByText('移除', { exact: true })).click()
    await visible(page.getByText('拍照或选择照片', { exact: true })).waitFor({ timeout: 10_000 })
    expect(await drafts()).toEqual([])
    await uploadThrough(page, '拍照或选择照片', { name: 'contract.jpg', mimeType: 'image/jpeg', buffer: photo })
    await visible(page.getByText(/^已上传：照片（\d+ KB）$/)).waitFor({ timeout: 15_000 })

    await visible(page.getByText('提交申请', { exact: true })).click()
    await page.waitForURL(/packages\/applications\/pages\/detail\/index\?id=/, { timeout: 15_000 })
    const id = new URL(page.url().replace('#', '')).searchParams.get('id')!
    await visible(page.getByText('已提交（当前）', { exact: true })).waitFor({ timeout: 15_000 })
    await shot(page, 'submitted')

    const submitted = await api<ApplicationDetail>(`/api/applications/${id}`, { token })
    expect(submitted.materials.map((material) => [material.name, material.provision])).toEqual([
      ['居民身份证', 'certificate'],
      [CONTRACT, 'upload'],
    ])
    const firstUpload = submitted.materials[1]!.uploadIds![0]!

    // 补正 naming the premises proof and something else: only the proof is offered again.
    const reviewer = await operatorTokenFor(e2e.backend.app, ['reviewer'])
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'accepted' } })
    await api(`/api/operator/applications/${id}/transition`, { token: reviewer, method: 'POST', payload: { to: 'supplement_requested', missingItems: [CONTRACT, '经营范围写明具体项目'] } })
    await page.reload()
    await visible(page.getByText(`需要补正：${CONTRACT}；经营范围写明具体项目`, { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText(`请重新上传：${CONTRACT}`, { exact: true })).waitFor()
    expect(await page.getByText(/^请重新上传：/).filter({ visible: true }).count()).toBe(1)
    await visible(page.getByLabel('补正说明').locator('textarea')).fill('已重新拍摄租赁合同，经营范围写明为小型餐饮。')

    // Without the new file 已补正 is held back, naming the material.
    await visible(page.getByText('已补正', { exact: true })).click()
    await visible(page.getByText(`请上传“${CONTRACT}”（照片或 PDF）`, { exact: true })).waitFor({ timeout: 10_000 })
    const newer = await sharp({ create: { width: 640, height: 860, channels: 3, background: '#e8eef4' } }).jpeg().toBuffer()
    await uploadThrough(page, '拍照或选择照片', { name: 'contract-new.jpg', mimeType: 'image/jpeg', buffer: newer })
    await visible(page.getByText(/^已上传：照片（\d+ KB）$/)).waitFor({ timeout: 15_000 })
    expect(await page.getByText(`请上传“${CONTRACT}”（照片或 PDF）`).filter({ visible: true }).count()).toBe(0)
    await shot(page, 'supplement-reupload')
    await visible(page.getByText('已补正', { exact: true })).click()
    await visible(page.getByText('已受理（当前）', { exact: true })).waitFor({ timeout: 15_000 })
    await shot(page, 'supplement-answered')

    // The reviewer sees the old version, replaced, beside the new one in force.
    const versions = await api<OperatorUploadList>(`/api/operator/applications/${id}/uploads`, { token: reviewer })
    const contract = versions.items.filter((upload) => upload.material === CONTRACT)
    expect(contract).toHaveLength(2)
    const old = contract.find((upload) => upload.id === firstUpload)!
    const current = contract.find((upload) => upload.id !== firstUpload)!
    expect(old).toMatchObject({ current: false, attached: true })
    expect(old.supersededAt).toEqual(expect.any(String))
    expect(current).toMatchObject({ current: true, attached: true, kind: 'image' })
    expect(current.link?.url).toMatch(/^\/api\/files\//)
    const answered = await api<ApplicationDetail>(`/api/applications/${id}`, { token })
    expect(answered.materials.find((material) => material.name === CONTRACT)!.uploadIds).toEqual([current.id])
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'materials-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 240_000)
