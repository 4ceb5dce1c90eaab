import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { AuthorisationCreated, CertificateDetail } from '@/contract/certificates/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { certificatesStore } from '@/packages/certificates/stores/certificates-store'
import { CheckItem } from '@/packages/certificates/components/check-item'
import { ChoiceChips } from '@/components/choice-chips'
import { ReverifyPanel } from '@/packages/certificates/components/reverify-panel'
import { AUTHORISATION_DURATIONS, authorisationEnd, CREDIT_CODE_PATTERN, dateTimeWords } from '@/packages/certificates/words'
import '@/packages/certificates/certificates.css'
import { copyText } from '@/utils/copy-text'

type FormField = 'name' | 'creditCode' | 'purpose' | 'fields' | 'days'

interface Form {
  name: string
  creditCode: string
  purpose: string
  fields: string[]
  days: number | undefined
}

/** Inline validation with the server's rules; `complete`: the citizen pressed 确认授权, so empty fields count. */
function problems(form: Form, complete: boolean): Partial<Record<FormField, string>> {
  const found: Partial<Record<FormField, string>> = {}
  const name = form.name.trim()
  if (name ? name.length < 2 || name.length > 100 : complete) found.name = '请输入机构全称（2至100个字）'
  const code = form.creditCode.trim().toUpperCase()
  if (code && (code.length === 18 || complete) && !CREDIT_CODE_PATTERN.test(code)) found.creditCode = '统一社会信用代码为18位数字或大写字母，可不填'
  const purpose = form.purpose.trim()
  if (purpose ? purpose.length < 2 || purpose.length > 100 : complete) found.purpose = '请写明机构调取的用途（2至100个字），如：办理住房贷款审批'
  if (complete && form.fields.length === 0) found.fields = '请至少选择一项授权调取的信息'
  if (complete && form.days === undefined) found.days = '请选择授权期限'
  return found
}

/** Which form field a server-side validation error belongs to. */
const SERVER_FIELDS: Record<string, FormField> = {
  'body.organisation.name': 'name',
  'body.organisation.creditCode': 'creditCode',
  'body.organisation': 'name',
  'body.purpose': 'purpose',
  'body.fields': 'fields',
  'body.validUntil': 'days',
}

/** The grant just made: the access key is shown this once, never again. */
function CreatedPanel({ created }: { created: AuthorisationCreated }) {
  const { platform } = useStores()
  const [copied, setCopied] = useState<boolean | undefined>(undefined)
  const url = `${platform.apiBase}${created.accessPath}`
  const copy = () => {
    const text = `授权编号：${created.authorisation.id}\n访问密钥：${created.accessKey}\n调取地址：${url}`
    void copyText(text).then(setCopied)
  }
  return (
    <View className='gm-card' ariaRole='region' ariaLabel='授权成功'>
      <View ariaRole='alert'>
        <Text className='gm-card__title'>授权成功</Text>
      </View>
      <Text>{`请把授权编号和访问密钥交给“${created.authorisation.organisation.name}”，有效期至${dateTimeWords(created.authorisation.validUntil)}。`}</Text>
      <Text className='gm-form__label'>授权编号</Text>
      <Text className='gm-cert-key' selectable>{created.authorisation.id}</Text>
      <Text className='gm-form__label'>访问密钥</Text>
      <Text className='gm-cert-key' selectable>{created.accessKey}</Text>
      <Text className='gm-form__label'>调取地址</Text>
      <Text className='gm-cert-key' selectable>{url}</Text>
      <View className='gm-cert-confirm'>
        <Text>访问密钥只显示这一次，离开本页后无法再查看。如遗失，请撤销本授权后重新授权。</Text>
      </View>
      {copied === false && <AlertText>复制失败，请长按上面的授权编号和访问密钥手动复制。</AlertText>}
      <Button className='gm-button' onClick={copy}>{copied ? '已复制，可粘贴发送给机构' : '复制授权编号和访问密钥'}</Button>
      <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateBack()}>完成</Button>
    </View>
  )
}

const AuthoriseForm = observer(function AuthoriseForm({ detail }: { detail: CertificateDetail }) {
  const certificates = useFeatureStore(certificatesStore)
  const [form, setForm] = useState<Form>({ name: '', creditCode: '', purpose: '', fields: [], days: undefined })
  const [submitted, setSubmitted] = useState(false)
  const update = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }))
  const serverError = certificates.grants.authoriseError
  const serverField = serverError?.field ? SERVER_FIELDS[serverError.field] : undefined
  const local = problems(form, submitted)
  const errorOf = (field: FormField) => local[field] ?? (serverField === field ? serverError?.message : undefined)
  const until = form.days === undefined ? undefined : authorisationEnd(form.days)

  const submit = () => {
    setSubmitted(true)
    if (Object.keys(problems(form, true)).length > 0 || form.days === undefined) return
    const creditCode = form.creditCode.trim().toUpperCase()
    void certificates.grants.authorise(detail.id, {
      organisation: { name: form.name.trim(), ...(creditCode ? { creditCode } : {}) },
      purpose: form.purpose.trim(),
      fields: detail.fields.map((field) => field.key).filter((key) => form.fields.includes(key)),
      validUntil: authorisationEnd(form.days).toISOString(),
    })
  }
  const toggle = (key: string) => update({ fields: form.fields.includes(key) ? form.fields.filter((candidate) => candidate !== key) : [...form.fields, key] })

  return (
    <View>
      <View className='gm-section gm-form'>
        <Text className='gm-form__label'>被授权机构名称</Text>
        <Input className='gm-input' ariaLabel='被授权机构名称' placeholder='如：某某银行北京分行' value={form.name} maxlength={100} onInput={(event) => update({ name: event.detail.value })} />
        {errorOf('name') && <AlertText>{errorOf('name') ?? ''}</AlertText>}
        <Text className='gm-form__label'>统一社会信用代码（选填）</Text>
        <Input className='gm-input' ariaLabel='统一社会信用代码，选填' placeholder='18位，可不填' value={form.creditCode} maxlength={18} onInput={(event) => update({ creditCode: event.detail.value })} />
        {errorOf('creditCode') && <AlertText>{errorOf('creditCode') ?? ''}</AlertText>}
        <Text className='gm-form__label'>授权用途</Text>
        <Input className='gm-input' ariaLabel='授权用途' placeholder='如：办理住房贷款审批' value={form.purpose} maxlength={100} onInput={(event) => update({ purpose: event.detail.value })} />
        {errorOf('purpose') && <AlertText>{errorOf('purpose') ?? ''}</AlertText>}
      </View>
      <View className='gm-section'>
        <Text className='gm-section__title'>授权调取的信息</Text>
        <View ariaRole='group' ariaLabel='授权调取的信息'>
          {detail.fields.map((field) => (
            <CheckItem
              key={field.key}
              label={field.label}
              description={field.sensitive ? '机构将获得完整内容' : undefined}
              checked={form.fields.includes(field.key)}
              onChange={() => toggle(field.key)}
            />
          ))}
        </View>
        {errorOf('fields') && <AlertText>{errorOf('fields') ?? ''}</AlertText>}
      </View>
      <View className='gm-section'>
        <Text className='gm-section__title'>授权期限</Text>
        <ChoiceChips
          label='授权期限'
          choices={AUTHORISATION_DURATIONS.map((duration) => ({ value: duration.days, label: duration.label }))}
          selected={form.days}
          onSelect={(days) => update({ days })}
        />
        <View ariaRole='status'>
          <Text className='gm-hint gm-cert-rows'>{until ? `有效期至${dateTimeWords(until.toISOString())}，最长1年，到期自动失效` : '最长1年，到期自动失效'}</Text>
        </View>
        {errorOf('days') && <AlertText>{errorOf('days') ?? ''}</AlertText>}
      </View>
      <View className='gm-actions'>
        {serverError && !serverField && <AlertText>{serverError.message}</AlertText>}
        <ReverifyPanel action='授权' />
        <Button className='gm-button' loading={certificates.grants.authorising} disabled={certificates.grants.authorising || undefined} onClick={submit}>
          确认授权
        </Button>
        <Text className='gm-hint'>授权后该机构可在有效期内调取以上信息的完整内容，每次调取都会记入用证记录；您可以随时撤销。</Text>
      </View>
    </View>
  )
})

function AuthorisePage() {
  const certificates = useFeatureStore(certificatesStore)
  const id = String(useRouter().params.id ?? '')
  const state = certificates.cards.detail(id)
  const load = () => certificates.cards.loadDetail(id)
  useLoad(() => {
    certificates.grants.forgetCreated()
    void load()
  })
  useUnload(() => {
    // The access key is shown once: gone for good once the citizen leaves.
    certificates.grants.forgetCreated()
    certificates.recheck.cancelVerification()
  })
  const detail = state.data
  const created = certificates.grants.created?.authorisation.certificateId === id ? certificates.grants.created : undefined
  return (
    <Screen>
      <PageState state={state} emptyText='' onRetry={() => void load()}>
        {detail && (
          <View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{`授权机构调取${detail.typeName}`}</Text>
            </View>
            {created ? (
              <CreatedPanel created={created} />
            ) : detail.presentable ? (
              <AuthoriseForm detail={detail} />
            ) : (
              <View className='gm-card' ariaRole='note'>
                <Text className='gm-card__title'>{`该证照${detail.statusName}`}</Text>
                <Text className='gm-card__text'>已过期或已注销的证照不能授权，请使用有效的证照。</Text>
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(AuthorisePage)
