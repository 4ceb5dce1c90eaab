/**
 * The console's 缴费 in Chromium against the real backend: a citizen pays a fee on the H5
 * preview's development provider and withdraws (refunded); the admin finds the order by
 * service and state, the refund, and a reconciliation run with its difference. A reviewer
 * sees orders and refunds but no reconciliation tab. Screenshots and axe on the way.
 */
import { randomUUID } from 'node:crypto'
import type { ApplicationDetail, ApplicationForm } from '../../src/contract/applications/schemas'
import { reconcile } from '../../server/payments/reconcile'
import { dayOf } from '../../server/payments/days'
import { fillApplicationForm } from '../support/application-form'
import { consoleAxe, consoleLogin, consolePage } from '../support/console'
import { e2eSuite } from '../support/e2e-suite'
import { createTestOperator } from '../support/operators'
import { demoCitizen, sessionFor } from '../support/sessions'

const e2e = e2eSuite()
const FEE_ITEM = 'SF-JJ-0001'

async function paidThenWithdrawn(): Promise<{ application: ApplicationDetail; orderNo: string }> {
  const token = await sessionFor(e2e.backend.app, demoCitizen('zhang-wei').key)
  const form = await e2e.api<ApplicationForm>(`/api/services/${FEE_ITEM}/application-form`, { token })
  const application = await e2e.api<ApplicationDetail>('/api/applications', {
    token,
    method: 'POST',
    headers: { 'idempotency-key': randomUUID().replace(/-/g, '') },
    payload: { itemCode: FEE_ITEM, values: fillApplicationForm(form.fields) },
  })
  const started = await e2e.api<{ payment: { order: { orderNo: string } } }>(`/api/applications/${application.id}/payment`, { token, method: 'POST', payload: {} })
  await e2e.api(`/api/applications/${application.id}/payment/confirm`, { token, method: 'POST', payload: { devResult: 'sandbox-paid' } })
  await e2e.api(`/api/applications/${application.id}/withdraw`, { token, method: 'POST', payload: {} })
  return { application, orderNo: started.payment.order.orderNo }
}

test('admin: orders by service and state, the refund, and a reconciliation run with its difference; a reviewer has no 对账结果', async () => {
  const { application, orderNo } = await paidThenWithdrawn()
  // A run as `npm run payments:reconcile` records it, against a bill that lacks this payment.
  await reconcile(e2e.backend.app.db, { key: 'h5dev', bill: async () => [] } as never, dayOf(new Date()), new Date())
  const admin = await createTestOperator(e2e.backend.app, ['admin'])
  const page = await consolePage(e2e.browser)
  try {
    await consoleLogin(page, e2e.backend.baseUrl, admin.username, admin.password, '/console/payments')
    const row = page.getByRole('row').filter({ hasText: orderNo })
    await row.waitFor({ timeout: 15_000 })
    expect(await row.innerText()).toEqual(expect.stringContaining(application.number))
    expect(await row.innerText()).toEqual(expect.stringContaining('已退款'))
    await consoleAxe(page, 'payments-orders')

    await page.getByRole('tab', { name: '退款' }).click()
    const refund = page.getByRole('row').filter({ hasText: orderNo })
    await refund.waitFor({ timeout: 10_000 })
    expect(await refund.innerText()).toEqual(expect.stringContaining('申请已在受理前撤回，费用原路退回'))
    await consoleAxe(page, 'payments-refunds')

    await page.getByRole('tab', { name: '对账结果' }).click()
    await page.getByText(/\d+ 处差异/).first().waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: /展开行|Expand row/ }).first().click()
    // Both the payment and its refund are missing from that bill: two lines.
    await page.getByText(`平台账单中没有：${orderNo}，本系统记为已支付 10.00 元`).waitFor({ timeout: 10_000 })
    await page.getByText(`平台账单中没有：${orderNo}，本系统记为已退款 10.00 元`).waitFor()
    await consoleAxe(page, 'payments-reconciliations')
  } finally {
    await page.close()
  }

  const reviewer = await createTestOperator(e2e.backend.app, ['reviewer'])
  const reviewerPage = await consolePage(e2e.browser)
  try {
    await consoleLogin(reviewerPage, e2e.backend.baseUrl, reviewer.username, reviewer.password, '/console/payments')
    await reviewerPage.getByRole('row').filter({ hasText: orderNo }).waitFor({ timeout: 15_000 })
    expect(await reviewerPage.getByRole('tab', { name: '对账结果' }).count()).toBe(0)
  } finally {
    await reviewerPage.close()
  }
}, 120_000)
