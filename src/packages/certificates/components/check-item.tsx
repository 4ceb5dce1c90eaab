import { Text, View } from '@tarojs/components'

interface CheckItemProps {
  label: string
  /** Spoken after the label, e.g. that the value is disclosed in full. */
  description?: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/**
 * One of several choices that can each be on or off, as a large touch target: role=checkbox
 * with aria-checked on every platform, and the state also in words (已选 / 未选), so the tick
 * and its colour are never the only signal.
 */
export function CheckItem({ label, description, checked, onChange }: CheckItemProps) {
  return (
    <View
      className={checked ? 'gm-check gm-check--on' : 'gm-check'}
      ariaRole='checkbox'
      aria-checked={checked ? 'true' : 'false'}
      ariaLabel={description ? `${label}，${description}` : label}
      onClick={() => onChange(!checked)}
    >
      <View className='gm-check__box' aria-hidden='true'>
        <Text>{checked ? '✓' : ''}</Text>
      </View>
      <Text className='gm-check__label'>{label}</Text>
      <Text className='gm-check__word'>{checked ? '已选' : '未选'}</Text>
    </View>
  )
}
