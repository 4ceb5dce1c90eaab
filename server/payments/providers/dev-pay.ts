/**
 * DEV ONLY. The development payment provider behind the H5 preview, where neither
 * wx.requestPayment nor my.tradePay exists. Created only when PAYMENT_DEV=1, which the config
 * refuses together with NODE_ENV=production (as AUTH_SANDBOX is).
 *
 * It plays the platform's part in this process: "paying" (POST /api/payments/dev/pay) records
 * the order as paid here, and the server then asks it (query on return) exactly as it asks
 * WeChat Pay or Alipay, so the same crediting path is walked. Its bill is what it recorded.
 * Nothing here can credit an order the dev provider did not create.
 */
import { randomBytes } from 'node:crypto'
import { NotificationRefused, type BillLine, type PaymentProvider, type PlatformTrade } from './types'

interface DevTrade {
  amountFen: number
  state: PlatformTrade['state']
  tradeNo: string
  paidOn?: string
  refundedOn?: string
}

export interface DevPaymentProvider extends PaymentProvider {
  /** The preview's "pay": the dev platform takes the money. */
  pay(orderNo: string, on: string): PlatformTrade
}

export function createDevPay(): DevPaymentProvider {
  const trades = new Map<string, DevTrade>()

  return {
    key: 'h5dev',
    async prepare(order) {
      if (!trades.has(order.orderNo)) trades.set(order.orderNo, { amountFen: order.amountFen, state: 'unpaid', tradeNo: `DEV${randomBytes(8).toString('hex')}` })
      return { pay: { platform: 'h5dev', orderNo: order.orderNo }, prepayRef: order.orderNo }
    },
    payArgsFor: (order) => ({ platform: 'h5dev', orderNo: order.orderNo }),
    pay(orderNo, on) {
      const trade = trades.get(orderNo)
      if (!trade) return { orderNo, state: 'unknown' }
      if (trade.state === 'unpaid') Object.assign(trade, { state: 'paid', paidOn: on })
      return { orderNo, state: trade.state, tradeNo: trade.tradeNo, amountFen: trade.amountFen }
    },
    async query(orderNo) {
      const trade = trades.get(orderNo)
      return trade ? { orderNo, state: trade.state, tradeNo: trade.tradeNo, amountFen: trade.amountFen } : { orderNo, state: 'unknown' }
    },
    async close(orderNo) {
      const trade = trades.get(orderNo)
      if (trade?.state === 'unpaid') trade.state = 'closed'
    },
    async refund(request) {
      const trade = trades.get(request.orderNo)
      if (trade && trade.state === 'paid') Object.assign(trade, { state: 'refunded', refundedOn: new Date().toISOString().slice(0, 10) })
      return { state: 'succeeded', platformRefundNo: request.refundNo }
    },
    verifyNotification() {
      throw new NotificationRefused('the development provider sends no notifications')
    },
    async bill(date) {
      const lines: BillLine[] = []
      for (const [orderNo, trade] of trades) {
        if (trade.paidOn === date) lines.push({ orderNo, tradeNo: trade.tradeNo, kind: 'paid', amountFen: trade.amountFen })
        if (trade.refundedOn === date) lines.push({ orderNo, tradeNo: trade.tradeNo, kind: 'refunded', amountFen: trade.amountFen })
      }
      return lines
    },
  }
}
