/**
 * The payment store: 支付 makes the order on the server, opens the platform's cashier with
 * what the server answered, and then asks the server (with the cashier's evidence) — the
 * page shows what the server says, never what the cashier said. A closed cashier is no error.
 */
import type { ApplicationPayment, PayArgs } from '@/contract/payments/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { RootStore } from '@/stores/root-store'
import { paymentStore } from '@/packages/applications/stores/payment-store'
import { fakePlatform } from './fake-platform'

const ID = 'AAAAAAAAAAAAAAAAAAAAAA'
const FEE = { itemCode: 'SF-JJ-0001', amountFen: 1000, amountText: '10.00 元', basis: '工本费', collector: '交管部门' }
const order = (status: 'unpaid' | 'paid') => ({
  orderNo: 'GM20261206AAAAAAAAAAAAAAAA', amountFen: 1000, amountText: '10.00 元', description: '换证', provider: 'weapp' as const, providerName: '微信支付',
  status, statusName: status === 'paid' ? '已支付' : '待支付', createdAt: '2026-12-06T00:00:00.000Z', expiresAt: '2026-12-06T00:30:00.000Z', paidAt: null, refundedAt: null, timeline: [],
})
const payment = (status: 'unpaid' | 'paid'): ApplicationPayment => ({ applicationId: ID, fee: FEE, order: order(status), canPay: status === 'unpaid' })
const PAY: PayArgs = { platform: 'weapp', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' }

function setUp(cashier: (pay: PayArgs) => Promise<{ devResult?: 'sandbox-paid' }>, paidOnServer: boolean) {
  const { platform, requests } = fakePlatform(async (options: RequestOptions) => {
    const key = `${options.method ?? 'GET'} ${options.path}`
    if (key === `POST /api/applications/${ID}/payment`) return { payment: payment('unpaid'), pay: PAY }
    if (key === `POST /api/applications/${ID}/payment/confirm`) return payment(paidOnServer ? 'paid' : 'unpaid')
    if (key === `GET /api/applications/${ID}/payment`) return payment('unpaid')
    throw new ApiError('NOT_FOUND')
  })
  const cashierCalls: PayArgs[] = []
  platform.requestPayment = async (pay) => {
    cashierCalls.push(pay)
    return cashier(pay)
  }
  return { store: paymentStore(new RootStore(platform)), requests, cashierCalls }
}

test('支付: the server\'s order, the cashier with the server\'s arguments, then the server\'s word', async () => {
  const { store, requests, cashierCalls } = setUp(async () => ({}), true)
  await store.pay(ID)
  expect(cashierCalls).toEqual([PAY])
  expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([`POST /api/applications/${ID}/payment`, `POST /api/applications/${ID}/payment/confirm`])
  expect(requests[0].body).toEqual({})
  expect(store.payment(ID).data?.order?.statusName).toBe('已支付')
  expect(store.payCall.error).toBeUndefined()
})

test('the cashier said paid but the platform did not: the page says 待支付', async () => {
  const { store } = setUp(async () => ({}), false)
  await store.pay(ID)
  expect(store.payment(ID).data?.order?.status).toBe('unpaid')
})

test('the development cashier\'s answer is passed to the confirm', async () => {
  const { store, requests } = setUp(async () => ({ devResult: 'sandbox-paid' }), true)
  await store.pay(ID)
  expect(requests.find((request) => request.path.endsWith('/confirm'))?.body).toEqual({ devResult: 'sandbox-paid' })
})

test('a closed cashier is not an error: cancelled, and the order read again', async () => {
  const { store, requests } = setUp(async () => {
    throw new ApiError('CANCELLED')
  }, false)
  await store.pay(ID)
  expect(store.cancelled).toBe(true)
  expect(store.payCall.error).toBeUndefined()
  expect(requests.some((request) => request.method === 'GET' && request.path === `/api/applications/${ID}/payment`)).toBe(true)
})

test('forget() drops what was loaded', async () => {
  const { store } = setUp(async () => ({}), true)
  await store.load(ID)
  expect(store.payment(ID).data).toBeDefined()
  store.forget()
  expect(store.payment(ID).data).toBeUndefined()
})
