import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { ApplicationPayment } from '@/contract/payments/schemas'
import { AlertText } from '@/components/alert-text'
import { useFeatureStore } from '@/stores/context'
import { paymentStore } from '@/packages/applications/stores/payment-store'
import { dateTimeWords } from '@/packages/applications/words'

/** "还剩 29 分 59 秒" until the order closes itself; the server closes it, this only counts. */
export function timeLeftWords(expiresAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000))
  if (seconds === 0) return '已超过支付时限，缴费单即将关闭'
  return `请在 ${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒内完成支付`
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return <Text className='gm-hint'>{timeLeftWords(expiresAt, now)}</Text>
}

function OrderTimeline({ payment }: { payment: ApplicationPayment }) {
  if (!payment.order) return null
  return (
    <View className='gm-pay-timeline' ariaRole='list' ariaLabel='缴费记录'>
      {payment.order.timeline.map((event, index, events) => {
        // A refund's reason is said once, on its request, not again on its completion.
        const note = event.note && event.note !== events[index - 1]?.note ? `，${event.note}` : ''
        return (
          <View key={`${event.kind}-${index}`} className='gm-list-row' ariaRole='listitem'>
            <Text className='gm-list-row__label'>{event.kindName}</Text>
            <Text className='gm-list-row__value'>{`${dateTimeWords(event.at)}${note}`}</Text>
          </View>
        )
      })}
    </View>
  )
}

/**
 * 缴费 on the application page: the fee as the server states it (amount, basis, who collects),
 * the order's state with the time left to pay, the pay button (the platform's own cashier) and
 * the order's timeline, refunds included. Nothing shows for an item that charges nothing.
 */
export const PaymentCard = observer(function PaymentCard({ applicationId, applicationStatus }: { applicationId: string; applicationStatus: string }) {
  const payments = useFeatureStore(paymentStore)
  const state = payments.payment(applicationId)
  // Again whenever the application's status changes (a withdrawal refunds the fee).
  useEffect(() => {
    void payments.load(applicationId)
  }, [applicationId, applicationStatus, payments])
  const payment = state.data
  if (!payment) {
    if (state.error && !state.offline) return <AlertText>{`缴费信息暂时无法获取：${state.error.message}`}</AlertText>
    return null
  }
  if (!payment.fee || payment.fee.amountFen === 0) return null
  const order = payment.order
  const busy = payments.payCall.busy
  return (
    <View className='gm-section gm-card' ariaRole='region' ariaLabel='缴费'>
      <Text className='gm-section__title gm-pay-title'>{`缴费：${payment.fee.amountText}`}</Text>
      <Text className='gm-hint'>{`${payment.fee.basis}；收款单位：${payment.fee.collector}`}</Text>
      {order && <Text className='gm-pay-status'>{`${order.statusName} · ${order.providerName}`}</Text>}
      {order?.status === 'unpaid' && <Countdown expiresAt={order.expiresAt} />}
      {order?.status === 'closed' && payment.canPay && <Text className='gm-hint'>上次的缴费单已关闭，未扣款或已原路退回，可以重新支付。</Text>}
      {payments.cancelled && <Text className='gm-hint'>已取消支付，没有扣款。可以再次点击支付。</Text>}
      {payments.payCall.error && <AlertText>{payments.payCall.error.message}</AlertText>}
      {payment.canPay && (
        // Busy in words, not Taro's spinner (on H5 the spinner's re-render threw when the section changed under it).
        <Button className='gm-button' disabled={busy || undefined} onClick={() => void payments.pay(applicationId)}>
          {busy ? '正在支付…' : `支付 ${payment.fee.amountText}`}
        </Button>
      )}
      <OrderTimeline payment={payment} />
    </View>
  )
})
