import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { FormFieldView } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips } from '@/components/choice-chips'
import { useFeatureStore } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { isMaskedOnRecord } from '@/packages/applications/stores/application-draft'
import { TextBox } from './text-box'
import { dayWords, sourceWords } from '@/packages/applications/words'

const INPUT_TYPES = { number: 'digit', phone: 'number', id_number: 'idcard' } as const

/** The keyboard for a field (masked held values never reach an input: see HeldField). */
function inputType(field: FormFieldView): 'text' | (typeof INPUT_TYPES)[keyof typeof INPUT_TYPES] {
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

/**
 * A held value shown masked on an editable field: read-only, with 修改. Editing around the
 * asterisks would send them as data (the server refuses that, naming the field).
 */
const HeldField = observer(function HeldField({ field }: { field: FormFieldView }) {
  const applications = useFeatureStore(applicationsStore)
  const problem = applications.apply.serverFieldError?.key === field.key ? applications.apply.serverFieldError.message : undefined
  const value = String(field.value)
  return (
    <View className='gm-app-field'>
      <View ariaRole='group' ariaLabel={`${field.label}：${value}${field.source ? `，${sourceWords(field.source.label)}` : ''}`}>
        <Text className='gm-app-field__label'>{field.label}</Text>
        <Text className='gm-app-field__value'>{value}</Text>
        {field.source && <Text className='gm-app-source__label'>{sourceWords(field.source.label)}</Text>}
      </View>
      <Button className='gm-button gm-button--secondary gm-app-field__change' ariaLabel={`修改${field.label}`} onClick={() => applications.apply.replaceHeld(field.key)}>
        修改
      </Button>
      {problem && <AlertText>{problem}</AlertText>}
    </View>
  )
})

/** How long a new input waits before it is given a value (see FieldInput). */
const INPUT_VALUE_DELAY_MS = 100

/**
 * The text input of a field. A prefilled value the citizen may edit (原工作单位, 配偶姓名) is
 * given only once the input has rendered: Taro's H5 input created with a value threw in its
 * watchValue (TypeError reading 'value') before its inner <input> existed.
 */
function FieldInput({ field, replacing, value, onInput }: { field: FormFieldView; replacing: boolean; value: string; onInput: (value: string) => void }) {
  const [rendered, setRendered] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setRendered(true), INPUT_VALUE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [])
  return (
    <Input
      className='gm-input'
      ariaLabel={field.label}
      // Also the input's name on H5: Taro puts ariaLabel on its wrapper, and screen readers read the placeholder.
      placeholder={replacing ? `请填写新的${field.label}` : `请填写${field.label}`}
      type={inputType(field)}
      value={rendered ? value : ''}
      maxlength={field.type === 'text' ? (field.maxLength ?? 200) + 50 : 40}
      onInput={(event) => onInput(event.detail.value)}
    />
  )
}

/** One field of the apply form, its problem (if any) right under it. */
export const FormField = observer(function FormField({ field }: { field: FormFieldView }) {
  const applications = useFeatureStore(applicationsStore)
  if (field.locked) return <LockedField field={field} />
  const replacing = applications.apply.isReplacing(field.key)
  if (isMaskedOnRecord(field) && !replacing) return <HeldField field={field} />
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
        <FieldInput field={field} replacing={replacing} value={value} onInput={set} />
      )}
      {replacing ? (
        <View className='gm-app-source'>
          <Text>{field.required ? '将使用您新填写的信息' : '将使用您新填写的信息；留空则仍使用记录中的信息'}</Text>
          <View className='gm-app-field__link' ariaRole='button' onClick={() => applications.apply.keepHeld(field.key)}>
            <Text>使用记录中的信息</Text>
          </View>
        </View>
      ) : (
        <SourceLine field={field} />
      )}
      {problem && <AlertText>{problem}</AlertText>}
    </View>
  )
})
