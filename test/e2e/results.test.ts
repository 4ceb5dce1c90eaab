/**
 * Results delivered on H5 (Chromium): a reviewer finishes 户籍证明开具 through the API; the
 * citizen opens 查看办理结果 on the application's page, sees the proof with its QR, downloads
 * the PDF (a real PDF whose QR links to the verification page) and finds it in 我的证明. The
 * public verification page, opened as a phone camera would (no login), is read for a valid, an
 * expired and a tampered proof: words, not JSON; elderly-readable; axe clean. The 参保证明's
 * QR opens the same kind of page.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { resultsDb } from '../../server/results/tables'
import { signedFieldsOf } from '../../server/results/issue'
import { signProof } from '../../server/social-security/proof-codes'
import { seriousViolations } from '../support/axe'
import { testConfig } from '../support/dialects'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { finishedApplication } from '../support/results'
import { sessionFor } from '../support/sessions'

const visible = (locator: Locator) => locator.filter({ visible: true }).first()
const e2e = e2eSuite()
const shots = path.join(SCREENSHOTS, 'results')
const CITIZEN = 'zhang-wei'
/** SOCIAL_PROOF_KEY as the e2e backend has it (test/support/dialects.ts testConfig). */
const proofKey = () => testConfig({}).socialProofKey

beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true })
})

/** What the page says, through the page's own origin (the verify URL is on PUBLIC_ORIGIN, the test default). */
const onBackend = (url: string) => `${e2e.backend.baseUrl}${new URL(url).pathname}${new URL(url).search}`

/** The smallest computed font size of any visible text on the page. */
async function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let smallest = Infinity
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || !node.parentElement) continue
      smallest = Math.min(smallest, parseFloat(getComputedStyle(node.parentElement).fontSize))
    }
    return smallest
  })
}

test('the reviewer finishes 户籍证明开具 → the citizen opens the proof, downloads the PDF, finds it in 我的证明', async () => {
  const { applicationId, result } = await finishedApplication(e2e.backend, CITIZEN)
  expect(result.proof?.status).toBe('valid')
  const token = await sessionFor(e2e.backend.app, CITIZEN, 4)
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, acceptDownloads: true })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/packages/applications/pages/detail/index?id=${applicationId}`)
    await visible(page.getByText('查看办理结果', { exact: true })).click({ timeout: 20_000 })
    await visible(page.getByText('下载证明文件（PDF）', { exact: true })).waitFor({ timeout: 20_000 })
    await visible(page.getByText('状态：有效')).waitFor()
    await visible(page.getByText(result.proof!.code, { exact: true })).waitFor()
    // Taro's H5 slides the new page in: wait until the card has arrived at the left edge.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.gm-result-card')).some((card) => Math.abs(card.getBoundingClientRect().left) < 40))
    await page.screenshot({ path: path.join(shots, 'result-proof.png'), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])

    // 下载: the platform follows the signed link; the server answers the PDF as an attachment.
    const [download] = await Promise.all([page.waitForEvent('download'), visible(page.getByText('下载证明文件（PDF）', { exact: true })).click()])
    const file = path.join(shots, 'downloaded-proof.pdf')
    await download.saveAs(file)
    const bytes = fs.readFileSync(file)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.toString('latin1')).toContain(`/URI (${result.proof!.verifyUrl})`)
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    await visible(page.getByText(/已打开证明文件/)).waitFor({ timeout: 10_000 })

    await page.goto(`${e2e.backend.baseUrl}/#/packages/results/pages/list/index`)
    await page.reload()
    await visible(page.locator('.gm-result-item').filter({ hasText: '户籍证明' })).waitFor({ timeout: 20_000 })
    await page.screenshot({ path: path.join(shots, 'my-proofs.png'), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])
  } catch (error) {
    await page.screenshot({ path: path.join(shots, 'journey-failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await page.close()
  }
}, 120_000)

test('the public page, as a phone camera opens it: valid, expired and tampered in words, readable, axe clean', async () => {
  const valid = (await finishedApplication(e2e.backend, CITIZEN)).result
  const old = (await finishedApplication(e2e.backend, CITIZEN)).result
  // The second proof as if issued 200 days ago (90 days valid): signed as it would have been, now expired.
  const results = resultsDb(e2e.backend.app.db)
  const row = await results.selectFrom('issued_results').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow()
  const issuedAt = new Date(Date.now() - 200 * 86_400_000).toISOString()
  const expiresAt = new Date(Date.now() - 110 * 86_400_000).toISOString()
  const token = signProof(proofKey(), signedFieldsOf({ code: row.code!, issued_at: issuedAt, expires_at: expiresAt, content: row.content }))
  await results.updateTable('issued_results').set({ issued_at: issuedAt, expires_at: expiresAt, token }).where('id', '=', old.id).execute()

  // No session, no app: a fresh browser context, as the camera's browser is.
  const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  const page = await context.newPage()
  const read = async (url: string, name: string, word: string) => {
    const response = await page.goto(onBackend(url))
    expect(response?.headers()['content-type']).toContain('text/html')
    await page.getByText(word, { exact: true }).waitFor()
    await page.screenshot({ path: path.join(shots, `verify-${name}.png`), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])
    expect(await smallestText(page)).toBeGreaterThanOrEqual(18)
    return (await page.locator('main').innerText()).replace(/\s+/g, ' ')
  }
  try {
    const shown = await read(valid.proof!.verifyUrl, 'valid', '有效')
    expect(shown).toContain('户籍证明')
    expect(shown).toContain(valid.department)
    expect(shown).toContain('张*')
    expect(shown).toContain(valid.proof!.code)
    expect(shown).not.toMatch(/[{}"]/)

    expect(await read(old.proof!.verifyUrl, 'expired', '已过期')).toContain('请联系证明持有人重新开具')

    const current = await results.selectFrom('issued_results').select('content').where('id', '=', valid.id).executeTakeFirstOrThrow()
    await results.updateTable('issued_results').set({ content: current.content.replace('常住户口居民', '户籍干部') }).where('id', '=', valid.id).execute()
    const tampered = await read(valid.proof!.verifyUrl, 'tampered', '已被篡改或不存在')
    expect(tampered).toContain('请勿采信')
    expect(tampered).not.toContain('户籍干部')

    // The 参保证明's QR (its verify URL) opens the same kind of page in a browser.
    const holder = await sessionFor(e2e.backend.app, CITIZEN, 4)
    const social = (await e2e.backend.request('/api/social-security/proofs', { method: 'POST', headers: { authorization: `Bearer ${holder}` }, payload: { from: '2025-01', to: '2025-06' } })).body as { verifyUrl: string }
    expect(await read(social.verifyUrl, 'social-valid', '有效')).toContain('社会保险参保缴费证明')
  } finally {
    await context.close()
  }
}, 120_000)
