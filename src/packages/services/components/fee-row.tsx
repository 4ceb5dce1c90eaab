import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ServiceFee, ServiceFeeAnswer } from '@/contract/payments/schemas'
import { LabelValueRow } from '@/components/label-value-row'
import { useStores } from '@/stores/context'

/**
 * The fee as the server charges it (issue 21: fees are data on the item, amounts in fen), under
 * the guide's 收费 words; for 全程网办 items, where it is paid. Nothing when the item charges
 * nothing, or when the fee could not be fetched (the 收费 words above still say it).
 */
export function FeeRow({ code, online }: { code: string; online: boolean }) {
  const { api } = useStores()
  const [fee, setFee] = useState<ServiceFee | null>(null)
  useEffect(() => {
    let current = true
    api
      .get<ServiceFeeAnswer>(`/api/services/${encodeURIComponent(code)}/fee`)
      .then((answer) => current && setFee(answer.fee))
      .catch(() => current && setFee(null))
    return () => {
      current = false
    }
  }, [api, code])
  if (!fee || fee.amountFen === 0) return null
  return (
    <View>
      <LabelValueRow label='应缴金额' value={fee.amountText} strong />
      <Text className='gm-hint' style={{ display: 'block', paddingBottom: '12px' }}>{`收款单位：${fee.collector}${online ? '。网上申请后，可在“我的办件”里用微信或支付宝支付，不用到窗口缴费。' : ''}`}</Text>
    </View>
  )
}
