import { Input, Picker, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { FormFieldView } from '@/contract/applications'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips } from '@/components/choice-chips'
import { useFeatureStore } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { TextBox } from './text-box'
import { dayWords, sourceWords } from '@/packages/applications/words'

const INPUT_TYPES = { number: 'digit', phone: 'number', id_number: 'idcard' } as const

/**
 * The keyboard for a field. A prefilled value the citizen has not changed is shown masked
 * (139****0001): a numeric input cannot display the asterisks (H5 showed an empty box that
 * looked unfilled), so it stays a text input until the citizen types their own value.
 */
function inputType(field: FormFieldView, value: string): 'text' | (typeof INPUT_TYPES)[keyof typeof INPUT_TYPES] {
  if (value.includes('*')) return 'text'
  return field.type in INPUT_TYPES ? INPUT_TYPES[field.type as keyof typeof INPUT_TYPES] : 'text'
}

/** 「来自 公安人口库」 and, for a locked field, that it cannot be changed here. */
function SourceLine({ field }: { field: FormFieldView }) {
  if (!field.source) return null
  return (
    <View className='gm-app-source'>
      <Text className='gm-app-source__label'>{sourceWords(field.source.label)}</Text>
      {field.locked ? <Text className='gm-app-lock'>已锁定，不可修改</Text> : <Text>可修改</Text>}
    </View>
  )
}

/** A value the government holds and the form does not let the citizen change: shown masked, never an input. */
function LockedField({ field }: { field: FormFieldView }) {
  const value = field.value === undefined ? '未查到记录，请到窗口办理时出示原件' : String(field.value)
  const spoken = `${field.label}：${value}${field.source ? `，${sourceWords(field.source.label)}` : ''}，已锁定，不可修改`
  return (
    <View className='gm-app-field' ariaRole='group' ariaLabel={spoken}>
      <Text className='gm-app-field__label'>{field.label}</Text>
      <Text className='gm-app-field__value'>{value}</Text>
      <SourceLine field={field} />
    </View>
  )
}

/** One field of the apply form, its problem (if any) right under it. */
export const FormField = observer(function FormField({ field }: { field: FormFieldView }) {
  const applications = useFeatureStore(applicationsStore)
  if (field.locked) return <LockedField field={field} />
  const value = applications.apply.draft[field.key] ?? ''
  const problem = applications.apply.problems[field.key] ?? (applications.apply.serverFieldError?.key === field.key ? applications.apply.serverFieldError.message : undefined)
  const label = field.required ? field.label : `${field.label}（选填）`
  const set = (next: string) => applications.apply.setValue(field.key, next)

  if (field.type === 'textarea') {
    return <TextBox label={label} value={value} max={field.maxLength ?? 2000} hint={field.hint} problem={problem} onInput={set} />
  }
  return (
    <View className='gm-app-field'>
      <Text className='gm-app-field__label'>{label}</Text>
      {field.hint && <Text className='gm-hint'>{field.hint}</Text>}
      {field.type === 'select' ? (
        <ChoiceChips label={field.label} choices={(field.options ?? []).map((option) => ({ value: option, label: option }))} selected={value || undefined} onSelect={set} />
      ) : field.type === 'date' ? (
        <Picker mode='date' value={value} onChange={(event) => set(String(event.detail.value))}>
          <View className='gm-app-picker' ariaRole='button' ariaLabel={`${field.label}，${value ? dayWords(value) : '请选择日期'}`}>
            <Text>{value ? dayWords(value) : '请选择日期'}</Text>
          </View>
        </Picker>
      ) : (
        <Input
          className='gm-input'
          ariaLabel={field.label}
          // Also the input's name on H5: Taro puts ariaLabel on its wrapper, and screen readers read the placeholder.
          placeholder={`请填写${field.label}`}
          type={inputType(field, value)}
          value={value}
          maxlength={field.type === 'text' ? (field.maxLength ?? 200) + 50 : 40}
          onInput={(event) => set(event.detail.value)}
        />
      )}
      <SourceLine field={field} />
      {problem && <AlertText>{problem}</AlertText>}
    </View>
  )
})
