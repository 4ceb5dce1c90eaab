/**
 * H5 in Chromium: log in, open 健康码, read the QR off the canvas, decode it (jsQR) and have
 * a verifier account check the decoded token with the server.
 */
import path from 'node:path'
import jsQR from 'jsqr'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { qrDrawn } from '../support/qr-drawn'
import { sessionFor } from '../support/sessions'

const e2e = e2eSuite()


test('the QR on screen decodes to a code the server verifies', async () => {
  const token = await sessionFor(e2e.backend.app, 'zhang-wei')
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
  await page.goto(`${e2e.backend.baseUrl}/#/packages/health-code/pages/code/index`)
  await page.getByText(/绿码|黄码|红码/).first().waitFor({ timeout: 15_000 })
  await qrDrawn(page)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'health-code.png'), fullPage: true })

  const image = await page.evaluate(() => {
    const canvas = document.querySelector('canvas')!
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    return { width: data.width, height: data.height, pixels: Array.from(data.data) }
  })
  const decoded = jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height)
  expect(decoded?.data).toMatch(/^HC1\./)

  const verifier = await sessionFor(e2e.backend.app, 'ouyang-mingyue')
  const verification = await e2e.backend.app.inject({ method: 'POST', url: '/api/health-code/verify', headers: { authorization: `Bearer ${verifier}` }, payload: { token: decoded!.data } })
  expect(verification.statusCode).toBe(200)
  expect(verification.json()).toMatchObject({ valid: true })
  await page.close()
}, 60_000)

test('a red code says what to do next in words, with the hotlines one tap away; a green code has no such panel', async () => {
  const token = await sessionFor(e2e.backend.app, 'wang-xiaoming')
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })
  await page.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), token)
  await page.goto(`${e2e.backend.baseUrl}/#/packages/health-code/pages/code/index`)
  await page.getByText('红码').first().waitFor({ timeout: 15_000 })
  const steps = page.getByRole('region', { name: '下一步怎么办' })
  await steps.waitFor({ timeout: 5_000 })
  await expect(steps.textContent()).resolves.toMatch(/暂不前往公共场所[\s\S]*转码[\s\S]*申诉/)
  const healthLine = page.getByRole('button', { name: '拨打 12320 卫生健康热线' })
  const appealLine = page.getByRole('button', { name: '拨打 12345 政务服务热线（申诉）' })
  expect(await healthLine.count()).toBe(1)
  expect(await appealLine.count()).toBe(1)
  // A target an elderly thumb can hit.
  expect((await healthLine.boundingBox())!.height).toBeGreaterThanOrEqual(44)
  await steps.scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(SCREENSHOTS, 'health-code-red-next-steps.png'), fullPage: true })
  await page.close()

  const green = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await green.addInitScript((sessionToken) => localStorage.setItem('session.token', JSON.stringify(sessionToken)), await sessionFor(e2e.backend.app, 'zhang-wei'))
  await green.goto(`${e2e.backend.baseUrl}/#/packages/health-code/pages/code/index`)
  await green.getByText('绿码').first().waitFor({ timeout: 15_000 })
  expect(await green.getByRole('region', { name: '下一步怎么办' }).count()).toBe(0)
  await green.close()
}, 60_000)
