import { Text, View } from '@tarojs/components'
import { LabelValueRow } from '@/components/label-value-row'
import type { IssuedResult } from '@/contract/results/schemas'
import { formatDate } from '@/utils/format'
import { formatYuan } from '@/utils/money'

/** Money paid: the amount and the account it went to (only its last four digits shown). */
export function MoneyCard({ result }: { result: IssuedResult }) {
  const money = result.money!
  return (
    <View className='gm-card gm-result-card' ariaRole='region' ariaLabel={result.title}>
      <Text className='gm-card__title'>{result.title}</Text>
      <Text className='gm-result-amount'>{money.amountCents === null ? '金额以到账为准' : `${formatYuan(money.amountCents)} 元`}</Text>
      <LabelValueRow label='收款账户' value={money.account ?? '申请中未填写收款账户，请联系办理部门'} />
      <LabelValueRow label='发放单位' value={result.department} />
      <LabelValueRow label='发放日期' value={formatDate(money.paidAt)} />
      <Text className='gm-hint'>到账时间以银行为准，一般为1至3个工作日。</Text>
    </View>
  )
}
