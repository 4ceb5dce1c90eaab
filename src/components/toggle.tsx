import { Text, View } from '@tarojs/components'

interface ToggleProps {
  label: string
  /** Spoken after the label, e.g. what the setting does. */
  description?: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/**
 * An on/off setting as one large touch target with its visible label inside it, exposed as
 * role=switch with aria-checked on every platform (the native Switch's inner checkbox has
 * no label on H5, and its target is smaller than elderly mode needs). State is also said
 * in words ("已开启"), so colour is never the only signal.
 */
export function Toggle({ label, description, checked, onChange }: ToggleProps) {
  return (
    <View
      className={checked ? 'gm-toggle gm-toggle--on' : 'gm-toggle'}
      ariaRole='switch'
      aria-checked={checked ? 'true' : 'false'}
      ariaLabel={description ? `${label}，${description}` : label}
      onClick={() => onChange(!checked)}
    >
      <Text className='gm-toggle__label'>{label}</Text>
      <View className='gm-toggle__state'>
        <Text className='gm-toggle__word'>{checked ? '已开启' : '已关闭'}</Text>
        <View className='gm-toggle__track'>
          <View className='gm-toggle__thumb' />
        </View>
      </View>
    </View>
  )
}
