import { Text, View } from '@tarojs/components'

export interface Choice<T> {
  value: T
  label: string
}

interface ChoiceChipsProps<T> {
  /** What is being chosen, e.g. 选择年份 or 亮证用途 (spoken for the group). */
  label: string
  choices: Choice<T>[]
  selected: T | undefined
  onSelect: (value: T) => void
}

/**
 * One of several, as large touch targets: a radiogroup of radios with aria-checked, and the
 * chosen one also in bold and filled (colour is not the only signal).
 */
export function ChoiceChips<T extends string | number | undefined>({ label, choices, selected, onSelect }: ChoiceChipsProps<T>) {
  return (
    <View className='gm-chips' ariaRole='radiogroup' ariaLabel={label}>
      {choices.map((choice) => {
        const on = choice.value === selected
        return (
          <View
            key={String(choice.value ?? 'all')}
            className={on ? 'gm-chip gm-chip--on' : 'gm-chip'}
            ariaRole='radio'
            aria-checked={on ? 'true' : 'false'}
            ariaLabel={choice.label}
            onClick={() => {
              if (!on) onSelect(choice.value)
            }}
          >
            <Text>{choice.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
