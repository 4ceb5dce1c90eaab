import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { FormFieldView } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips } from '@/components/choice-chips'
import { useFeatureStore } from '@/stores/context'
import { isMaskedOnRecord, type Scope } from '../stores/package-draft'
import { lifeEventsStore } from '../stores/life-events-store'
import { dayWords } from '../words'

const INPUT_TYPES = { number: 'digit', phone: 'number', id_number: 'idcard' } as const

function inputType(field: FormFieldView): 'text' | (typeof INPUT_TYPES)[keyof typeof INPUT_TYPES] {
  return field.type in INPUT_TYPES ? INPUT_TYPES[field.type as keyof typeof INPUT_TYPES] : 'text'
}

const sourceWords = (field: FormFieldView) => (field.source ? `来自 ${field.source.label}` : '')

/**
 * One question of the package form, its problem right under it. A value the government holds
 * is shown masked and never edited in place (typing around the asterisks would send them as
 * data): locked ones read-only, editable ones with 修改, which starts a fresh, empty entry.
 */
export const PackageField = observer(function PackageField({ scope, field, problem }: { scope: Scope; field: FormFieldView; problem?: string }) {
  const store = useFeatureStore(lifeEventsStore)
  const shown = problem ?? store.serverProblem(scope, field.key)
  if (field.locked) {
    const value = field.value === undefined ? '未查到记录，请到窗口办理时出示原件' : String(field.value)
    return (
      <View className='gm-le-field' ariaRole='group' ariaLabel={`${field.label}：${value}，${sourceWords(field)}，已锁定，不可修改`}>
        <Text className='gm-le-field__label'>{field.label}</Text>
        <Text className='gm-le-field__value'>{value}</Text>
        <Text className='gm-hint'>{`${sourceWords(field)} · 已锁定，不可修改`}</Text>
      </View>
    )
  }
  const replacing = store.isReplacing(scope, field.key)
  if (isMaskedOnRecord(field) && !replacing) {
    return (
      <View className='gm-le-field'>
        <Text className='gm-le-field__label'>{field.label}</Text>
        <Text className='gm-le-field__value'>{String(field.value)}</Text>
        <Text className='gm-hint'>{sourceWords(field)}</Text>
        <Button className='gm-button gm-button--secondary' ariaLabel={`修改${field.label}`} onClick={() => store.replaceHeld(scope, field.key)}>
          修改
        </Button>
        {shown && <AlertText>{shown}</AlertText>}
      </View>
    )
  }
  const value = store.value(scope, field.key)
  const set = (next: string) => store.setValue(scope, field.key, next)
  const label = field.required ? field.label : `${field.label}（选填）`
  return (
    <View className='gm-le-field'>
      <Text className='gm-le-field__label'>{label}</Text>
      {field.hint && <Text className='gm-hint'>{field.hint}</Text>}
      {field.type === 'select' ? (
        <ChoiceChips label={field.label} choices={(field.options ?? []).map((option) => ({ value: option, label: option }))} selected={value || undefined} onSelect={set} />
      ) : field.type === 'date' ? (
        <Picker mode='date' value={value} onChange={(event) => set(String(event.detail.value))}>
          <View className='gm-le-picker' ariaRole='button' ariaLabel={`${field.label}，${value ? dayWords(value) : '请选择日期'}`}>
            <Text>{value ? dayWords(value) : '请选择日期'}</Text>
          </View>
        </Picker>
      ) : field.type === 'textarea' ? (
        <Textarea className='gm-input gm-le-textarea' ariaLabel={field.label} placeholder={`请填写${field.label}`} value={value} maxlength={(field.maxLength ?? 2000) + 50} onInput={(event) => set(event.detail.value)} />
      ) : (
        <Input
          className='gm-input'
          ariaLabel={field.label}
          placeholder={replacing ? `请填写新的${field.label}` : `请填写${field.label}`}
          type={inputType(field)}
          value={value}
          maxlength={field.type === 'text' ? (field.maxLength ?? 200) + 50 : 40}
          onInput={(event) => set(event.detail.value)}
        />
      )}
      {replacing && (
        <View className='gm-le-link' ariaRole='button' onClick={() => store.keepHeld(scope, field.key, String(field.value))}>
          <Text>使用记录中的信息</Text>
        </View>
      )}
      {!replacing && field.source && <Text className='gm-hint'>{`${sourceWords(field)} · 可修改`}</Text>}
      {shown && <AlertText>{shown}</AlertText>}
    </View>
  )
})
