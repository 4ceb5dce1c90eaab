import { Text, Textarea, View } from '@tarojs/components'
import { characterCount } from '@/contract/evaluations/data'
import { AlertText } from '@/components/alert-text'
import { counterWords } from '@/packages/applications/words'

interface TextBoxProps {
  label: string
  value: string
  max: number
  placeholder?: string
  hint?: string
  problem?: string
  onInput: (value: string) => void
}

/**
 * A multi-line text with its visible label, a live character counter (as the server counts:
 * a Chinese character is one) and its problem right under it. Typing past the limit is
 * allowed and said in red, so nothing the citizen wrote is cut off silently.
 */
export function TextBox({ label, value, max, placeholder, hint, problem, onInput }: TextBoxProps) {
  const count = characterCount(value.trim())
  return (
    <View className='gm-app-field'>
      <Text className='gm-app-field__label'>{label}</Text>
      {hint && <Text className='gm-hint'>{hint}</Text>}
      <Textarea
        className='gm-app-textarea'
        ariaLabel={label}
        // Also the box's name on H5: Taro puts ariaLabel on its wrapper, and screen readers read the placeholder.
        placeholder={placeholder ?? `请填写${label.replace(/（(必填|选填)）$/, '')}`}
        value={value}
        // A little beyond the limit so a paste is not cut off without a word; the counter says it is too long.
        maxlength={max + 100}
        autoHeight
        onInput={(event) => onInput(event.detail.value)}
      />
      <View className={count > max ? 'gm-app-counter gm-app-counter--over' : 'gm-app-counter'} ariaLabel={`已输入${count}个字，最多${max}个字`}>
        <Text>{counterWords(count, max)}</Text>
      </View>
      {problem && <AlertText>{problem}</AlertText>}
    </View>
  )
}
