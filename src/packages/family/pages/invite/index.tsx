import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips } from '@/components/choice-chips'
import { Screen } from '@/components/screen'
import { DELEGATION_SCOPES, DELEGATION_SCOPE_WORDS, type DelegationScope } from '@/contract/delegations/data'
import { idNumberProblem, normaliseIdNumber } from '@/contract/id-number'
import { useFeatureStore } from '@/stores/context'
import { familyStore } from '@/packages/family/family-store'
import { chinaDayAfter, dayWords, DURATIONS, scopeNames } from '@/packages/family/words'
import '@/packages/family/family.css'

type Field = 'name' | 'idNumber' | 'scopes'

function problems(name: string, idNumber: string, scopes: DelegationScope[]): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {}
  if (!/^[\u4e00-\u9fa5·]{2,30}$/.test(name.trim())) found.name = '请填写亲属身份证上的姓名（2-30个汉字）'
  if (idNumberProblem(normaliseIdNumber(idNumber))) found.idNumber = '请填写亲属的18位身份证号码，最后一位可以是X'
  if (scopes.length === 0) found.scopes = '请至少选一项可以帮对方做的事'
  return found
}

/**
 * 邀请亲属: the helper names the family member (name + ID number, checked against the
 * registry by the server), what they may do, and for how long. Then either the family member
 * consents on their own phone, or — for someone without a phone, present here — the helper
 * runs the face verification OF THE FAMILY MEMBER on this phone. The typed ID number stays in
 * this page only, for that face step.
 */
function InvitePage() {
  const family = useFeatureStore(familyStore)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [scopes, setScopes] = useState<DelegationScope[]>(['health_code'])
  const [days, setDays] = useState<number>(DURATIONS[1].value)
  const [submitted, setSubmitted] = useState(false)
  const found = submitted ? problems(name, idNumber, scopes) : {}
  const serverField = family.inviting.error?.field
  const fieldError = (field: Field) => found[field] ?? (serverField === `body.${field}` ? family.inviting.error?.message : undefined)
  const toggle = (scope: DelegationScope) => setScopes((now) => (now.includes(scope) ? now.filter((each) => each !== scope) : [...now, scope]))

  const send = () => {
    setSubmitted(true)
    if (Object.keys(problems(name, idNumber, scopes)).length > 0) return
    void family.invite({ name: name.trim(), idNumber: normaliseIdNumber(idNumber), scopes, endsOn: chinaDayAfter(days) })
  }

  const invited = family.invited
  if (invited) {
    const active = invited.state === 'active'
    return (
      <Screen>
        <View className='gm-section gm-card' ariaRole='status'>
          <Text className='gm-card__title'>{active ? `已生效：您可以帮 ${invited.otherName} 办事了` : `已邀请 ${invited.otherName}`}</Text>
          <Text className='gm-card__text'>{`可以：${scopeNames(invited.scopes)}。到 ${dayWords(invited.endsOn)} 为止。`}</Text>
          {active ? (
            <Text className='gm-card__text'>{`到“我的”页面顶部的“为谁办理”选择 ${invited.otherName}，就可以帮对方办事了。`}</Text>
          ) : (
            <Text className='gm-card__text'>{`请 ${invited.otherName} 用自己的手机登录本小程序并完成人脸核验，在“我的 → 亲情代办”里点“去确认”。对方同意之前，您看不到对方的任何信息。`}</Text>
          )}
        </View>
        {!active && (
          <View className='gm-section gm-card'>
            <Text className='gm-card__title'>对方没有手机？</Text>
            <Text className='gm-card__text'>{`请 ${invited.otherName} 本人在您身边，用这部手机对准对方的脸完成人脸核验，就算对方同意。会记录为“在代办人手机上为本人刷脸核验”。`}</Text>
            {family.verifying.error && <AlertText>{family.verifying.error.message}</AlertText>}
            <Button className='gm-button' disabled={family.verifying.busy || undefined} onClick={() => void family.verifyFaceOfPrincipal(name.trim(), normaliseIdNumber(idNumber))}>
              {family.verifying.busy ? '正在核验…' : `为 ${invited.otherName} 刷脸确认`}
            </Button>
          </View>
        )}
        <View className='gm-actions'>
          <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateBack()}>
            返回亲情代办
          </Button>
        </View>
      </Screen>
    )
  }

  return (
    <Screen>
      <View className='gm-section gm-form'>
        <Text className='gm-form__label'>亲属姓名</Text>
        <Input className='gm-input' ariaLabel='亲属姓名' placeholder='与对方身份证一致' value={name} maxlength={30} onInput={(event) => setName(event.detail.value)} />
        {fieldError('name') && <AlertText>{fieldError('name') ?? ''}</AlertText>}
        <Text className='gm-form__label'>亲属身份证号码</Text>
        <Input className='gm-input' ariaLabel='亲属身份证号码' placeholder='18位，最后一位可以是X' type='idcard' value={idNumber} maxlength={18} onInput={(event) => setIdNumber(event.detail.value)} />
        {fieldError('idNumber') && <AlertText>{fieldError('idNumber') ?? ''}</AlertText>}

        <Text className='gm-form__label'>请对方允许您帮忙做的事</Text>
        <View ariaRole='group' ariaLabel='可以帮对方做的事'>
          {DELEGATION_SCOPES.map((scope) => {
            const on = scopes.includes(scope)
            return (
              <View key={scope} className={on ? 'gm-scope-option gm-scope-option--on' : 'gm-scope-option'} ariaRole='checkbox' aria-checked={on ? 'true' : 'false'} ariaLabel={DELEGATION_SCOPE_WORDS[scope].name} onClick={() => toggle(scope)}>
                <View className='gm-scope-option__box'>
                  <Text>{on ? '✓' : ''}</Text>
                </View>
                <View className='gm-scope-option__text'>
                  <Text className='gm-scope-option__name'>{DELEGATION_SCOPE_WORDS[scope].name}</Text>
                  <Text className='gm-scope-option__plain'>{DELEGATION_SCOPE_WORDS[scope].plain}</Text>
                </View>
              </View>
            )
          })}
        </View>
        {fieldError('scopes') && <AlertText>{fieldError('scopes') ?? ''}</AlertText>}

        <Text className='gm-form__label'>代办多久</Text>
        <ChoiceChips label='代办多久' choices={DURATIONS.map((each) => ({ value: each.value as number, label: each.label }))} selected={days} onSelect={setDays} />
        <Text className='gm-hint'>{`到 ${dayWords(chinaDayAfter(days))} 自动结束，双方都可以随时提前结束。`}</Text>

        {family.inviting.error && !family.inviting.error.field?.startsWith('body.') && <AlertText>{family.inviting.error.message}</AlertText>}
        {family.inviting.error?.field && !['body.name', 'body.idNumber', 'body.scopes'].includes(family.inviting.error.field) && <AlertText>{family.inviting.error.message}</AlertText>}
        <Button className='gm-button' disabled={family.inviting.busy || undefined} onClick={send}>
          {family.inviting.busy ? '正在发送…' : '发送邀请'}
        </Button>
        <Text className='gm-hint'>看不到完整证件号码，不能出示证照、授权机构，也不能修改对方的身份信息：这些只能由本人办理。</Text>
      </View>
    </Screen>
  )
}

export default observer(InvitePage)
