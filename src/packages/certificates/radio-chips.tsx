import { Text, View } from '@tarojs/components'

export interface RadioChoice<T> {
  value: T
  label: string
}

interface RadioChipsProps<T> {
  /** What is being chosen, e.g. 亮证用途 (spoken for the group). */
  label: string
  choices: RadioChoice<T>[]
  selected: T | undefined
  onSelect: (value: T) => void
}

/**
 * One of several, as large touch targets: a radiogroup of radios with aria-checked; the
 * chosen one is also bold and filled (colour is not the only signal).
 */
export function RadioChips<T extends string | number>({ label, choices, selected, onSelect }: RadioChipsProps<T>) {
  return (
    <View className='gm-cert-chips' ariaRole='radiogroup' ariaLabel={label}>
      {choices.map((choice) => {
        const on = choice.value === selected
        return (
          <View
            key={String(choice.value)}
            className={on ? 'gm-cert-chip gm-cert-chip--on' : 'gm-cert-chip'}
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
