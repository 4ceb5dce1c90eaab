import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './label-value-row.css'

interface LabelValueRowProps {
  label: string
  value: ReactNode
  /** The value in bold (e.g. the fee or time limit a citizen looks for first). */
  strong?: boolean
  /** After the value, e.g. a small button (拨打, 查看完整). */
  children?: ReactNode
}

/**
 * One 「label — value」 line of a card: certificate fields, 办事指南 facts, social-security
 * figures. The label is muted and never squeezed; a long value wraps. One component so the
 * three features' rows look and behave alike (and elderly mode sizes them once).
 */
export function LabelValueRow({ label, value, strong, children }: LabelValueRowProps) {
  return (
    <View className='gm-row'>
      <Text className='gm-row__label'>{label}</Text>
      <Text className={strong ? 'gm-row__value gm-row__value--strong' : 'gm-row__value'}>{value}</Text>
      {children}
    </View>
  )
}
