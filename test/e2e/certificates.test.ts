/**
 * H5 in Chromium: a face-verified citizen opens 电子证照 from the home grid, presents the
 * driving licence for one purpose with exactly two fields, the QR read off the canvas
 * (jsQR) verifies to exactly those two fields, the 亮证 view turns 已核验, and the ledger
 * page shows the verification.
 */
import path from 'node:path'
import jsQR from 'jsqr'
import type { Locator } from 'playwright-core'
import type { CertificateVerifyResponse } from '@/contract/certificates/schemas'
import { CERTIFICATE_WATERMARK } from '@/contract/certificates/data'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { sessionFor } from '../support/sessions'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()


test('present a driving licence with two fields: the QR verifies to exactly those, and the ledger records it', async () => {
  const token = await sessionFor(e2e.backend.app, 'zhang-wei', 4)
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
    await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
    await visible(page.getByText('电子证照', { exact: true })).click()
    await visible(page.getByText('我的证照')).waitFor({ timeout: 15_000 })
    // Valid cards first: the first driving licence is the valid one; the revoked one says so.
    await visible(page.getByText('已注销，不能亮证或授权')).waitFor()
    await page.screenshot({ path: path.join(SCREENSHOTS, 'certificates-wallet.png'), fullPage: true })
    await visible(page.getByRole('button', { name: /^机动车驾驶证\s*有效\s/ })).click()

    await visible(page.getByText(CERTIFICATE_WATERMARK)).waitFor({ timeout: 15_000 })
    await visible(page.getByText(/^\d{2}:\d{2}:\d{2}$/)).waitFor()
    // 交通执法 suggests 姓名、证号、准驾车型、档案编号; keep only 证号 and 准驾车型.
    await visible(page.getByRole('radio', { name: '交通执法' })).click()
    expect(await visible(page.getByRole('checkbox', { name: '姓名，将向核验方完整出示' })).getAttribute('aria-checked')).toBe('true')
    await visible(page.getByRole('checkbox', { name: '姓名，将向核验方完整出示' })).click()
    await visible(page.getByRole('checkbox', { name: '档案编号，将向核验方完整出示' })).click()
    await visible(page.getByText('将向核验方出示2项：证号、准驾车型')).waitFor()
    await visible(page.getByText('生成亮证码', { exact: true })).click()

    await visible(page.getByText('出示内容：证号、准驾车型')).waitFor({ timeout: 15_000 })
    await visible(page.getByText(/秒后失效$/)).waitFor()
    await page.waitForFunction(() => {
      const canvas = Array.from(document.querySelectorAll('canvas')).find((candidate) => candidate.width > 0 && candidate.getClientRects().length > 0)
      if (!canvas) return false
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      return pixels.some((value, index) => index % 4 === 0 && value < 50)
    }, undefined, { timeout: 15_000 })
    // Read the code as a scanner would, a few times: a canvas caught while it is still being drawn (a loaded
    // machine) has dark pixels but no whole code yet.
    const readCode = async () => {
      const image = await page.evaluate(() => {
        const canvas = Array.from(document.querySelectorAll('canvas')).find((candidate) => candidate.width > 0 && candidate.getClientRects().length > 0)!
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
        return { width: data.width, height: data.height, pixels: Array.from(data.data) }
      })
      return jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height)
    }
    let decoded = await readCode()
    for (let attempt = 0; !decoded && attempt < 20; attempt++) {
      await page.waitForTimeout(250)
      decoded = await readCode()
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'certificates-presentation.png'), fullPage: true })
    expect(decoded?.data).toMatch(/^EC1\./)

    const verifier = await sessionFor(e2e.backend.app, 'ouyang-mingyue')
    const response = await e2e.backend.app.inject({ method: 'POST', url: '/api/certificates/verify', headers: { authorization: `Bearer ${verifier}` }, payload: { code: decoded!.data } })
    expect(response.statusCode).toBe(200)
    const verification = response.json() as CertificateVerifyResponse
    expect(verification).toMatchObject({ valid: true, purpose: 'traffic_enforcement', certificate: { type: 'driving_licence', status: 'valid' } })
    expect(verification.fields!.map((field) => field.label)).toEqual(['证号', '准驾车型'])
    expect(verification.fields!.find((field) => field.key === 'vehicleClass')!.value).toBe('C1')

    // The holder's view sees the scan (it polls) and says by whom.
    await visible(page.getByText('已核验', { exact: true })).waitFor({ timeout: 15_000 })
    await visible(page.getByText(/^核验员 .+已查看您出示的信息$/)).waitFor()
    expect(await page.getByText('已核验', { exact: true }).count()).toBe(1)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'certificates-verified.png'), fullPage: true })

    await visible(page.getByText('用证记录', { exact: true })).click()
    const verifiedEntry = visible(page.locator('.gm-cert-entry').filter({ hasText: '亮证核验' }))
    await verifiedEntry.waitFor({ timeout: 15_000 })
    expect(await verifiedEntry.innerText()).toMatch(/用途：交通执法[\s\S]*操作方：核验员 [\s\S]*涉及信息：证号、准驾车型/)
    await visible(page.locator('.gm-cert-entry').filter({ hasText: '生成亮证码' })).waitFor()
    await page.screenshot({ path: path.join(SCREENSHOTS, 'certificates-ledger.png'), fullPage: true })
  } finally {
    await page.close()
  }
}, 90_000)
