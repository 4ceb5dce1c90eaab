import { e2eSuite } from '../support/e2e-suite'
const e2e = e2eSuite()
test('focus debug', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  await page.getByRole('button', { name: /^搜索办事服务/ }).filter({ visible: true }).first().click()
  for (let i = 0; i < 10; i++) { await page.waitForTimeout(300); console.log('t', i, await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.className + ' ' + document.hasFocus() + ' ' + location.hash)) }
  await page.close()
}, 60000)
