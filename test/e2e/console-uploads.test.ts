/**
 * 上传的材料 in the console's 办件 drawer, in Chromium: a citizen uploads the premises proof with
 * the application, a 补正 names it and the citizen replaces it (all through the citizen API, as the
 * mini-program does); the reviewer's drawer lists both versions (type, size, 第 n 版, 替换于) and
 * 查看 opens the file through its signed link in a new tab.
 */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import type { ApplicationDetail, ApplicationForm } from '@/contract/applications/schemas'
import type { UploadView } from '@/contract/uploads/schemas'
import { fillApplicationForm } from '../support/application-form'
import { consoleAxe, consoleLogin, consolePage } from '../support/console'
import { e2eSuite } from '../support/e2e-suite'
import { createTestOperator, tokenOf } from '../support/operators'
import { demoCitizen, sessionFor } from '../support/sessions'

const e2e = e2eSuite()
const api = <T>(url: string, options?: Parameters<typeof e2e.api>[1]) => e2e.api<T>(url, options)

const ITEM = 'SF-SJ-0001'
const CONTRACT = '经营场所使用证明'

/** POST /api/uploads as the mini-program's uploadFile sends it (multipart). */
async function upload(token: string, shade: string): Promise<UploadView> {
  const photo = await sharp({ create: { width: 600, height: 800, channels: 3, background: shade } }).jpeg().toBuffer()
  const body = new FormData()
  body.append('itemCode', ITEM)
  body.append('material', CONTRACT)
  body.append('file', new Blob([photo], { type: 'image/jpeg' }), 'contract.jpg')
  const response = await fetch(`${e2e.backend.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body })
  expect(response.status).toBe(201)
  return (await response.json()) as UploadView
}

test('reviewer: the drawer lists the uploaded material in both versions and 查看 opens it in a new tab', async () => {
  const token = await sessionFor(e2e.backend.app, demoCitizen('zhang-wei').key)
  const form = await api<ApplicationForm>(`/api/services/${ITEM}/application-form`, { token })
  const first = await upload(token, '#f4f1e8')
  const materials = form.materials.flatMap<{ name: string; certificateId?: string; uploadId?: string }>((material) =>
    material.certificate ? [{ name: material.name, certificateId: material.certificate.id }] : material.name === CONTRACT ? [{ name: CONTRACT, uploadId: first.id }] : [],
  )
  const application = await api<ApplicationDetail>('/api/applications', {
    token,
    method: 'POST',
    headers: { 'idempotency-key': randomUUID().replace(/-/g, '') },
    payload: { itemCode: ITEM, values: fillApplicationForm(form.fields), materials },
  })
  const reviewer = await createTestOperator(e2e.backend.app, ['reviewer'])
  const reviewerToken = await tokenOf(e2e.backend.app, reviewer)
  await api(`/api/operator/applications/${application.id}/transition`, { token: reviewerToken, method: 'POST', payload: { to: 'accepted' } })
  await api(`/api/operator/applications/${application.id}/transition`, { token: reviewerToken, method: 'POST', payload: { to: 'supplement_requested', missingItems: [CONTRACT] } })
  const second = await upload(token, '#e8eef4')
  await api(`/api/applications/${application.id}/supplement`, { token, method: 'POST', payload: { note: '已重新拍摄租赁合同', materials: [{ name: CONTRACT, uploadId: second.id }] } })

  const page = await consolePage(e2e.browser)
  try {
    await consoleLogin(page, e2e.backend.baseUrl, reviewer.username, reviewer.password, '/console/applications')
    // Back from 补正 it is 已受理: the queue opens on 已提交.
    await page.getByRole('combobox', { name: '状态' }).click({ force: true })
    await page.locator('.ant-select-item-option').filter({ hasText: '已受理' }).first().click()
    const row = page.getByRole('row').filter({ hasText: application.number })
    await row.waitFor({ timeout: 15_000 })
    await row.getByRole('button', { name: application.number }).click()
    const drawer = page.getByRole('dialog').filter({ hasText: '办理过程' })
    await drawer.getByText('上传的材料', { exact: true }).waitFor()
    const older = drawer.getByRole('row').filter({ hasText: '第 1 版' })
    const current = drawer.getByRole('row').filter({ hasText: '第 2 版（当前）' })
    await current.waitFor({ timeout: 10_000 })
    expect(await older.innerText()).toMatch(new RegExp(`${CONTRACT}\\s+照片\\s+\\d+ KB\\s+第 1 版\\s+\\d{4}/\\d{1,2}/\\d{1,2}`))
    expect(await current.innerText()).toMatch(new RegExp(`${CONTRACT}\\s+照片\\s+\\d+ KB\\s+第 2 版（当前）\\s+—`))
    await current.scrollIntoViewIfNeeded()
    await consoleAxe(page, 'application-uploads')

    // 查看 opens the signed link in a new tab: the photo itself, without the console's session.
    const view = current.getByRole('link', { name: `查看：${CONTRACT} 第 2 版` })
    expect(await view.getAttribute('target')).toBe('_blank')
    const [tab] = await Promise.all([page.context().waitForEvent('page'), view.click()])
    await tab.waitForLoadState()
    expect(tab.url()).toContain(`/api/files/${second.id}?`)
    const file = await fetch(tab.url())
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/jpeg')
    await tab.close()
  } finally {
    await page.close()
  }
}, 120_000)
