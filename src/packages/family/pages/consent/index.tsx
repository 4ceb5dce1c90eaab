import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { DELEGATION_SCOPE_WORDS } from '@/contract/delegations/data'
import { useFeatureStore } from '@/stores/context'
import { familyStore } from '@/packages/family/family-store'
import { dayWords } from '@/packages/family/words'
import '@/packages/family/family.css'

/**
 * The principal's consent, on their own account: the screen most often read by an elderly
 * person, so large type in every mode and one decision per screen — first "do you know this
 * person", then "may they do these things (in plain words) until this day". No pop-ups.
 */
function ConsentPage() {
  const family = useFeatureStore(familyStore)
  const id = useRouter().params.id ?? ''
  const [step, setStep] = useState<'who' | 'what'>('who')
  useDidShow(() => void family.load())
  const delegation = family.find(id)
  const answered = family.answered?.id === id ? family.answered : undefined

  if (answered) {
    const yes = answered.state === 'active'
    return (
      <Screen>
        <View className='gm-consent' ariaRole='status'>
          <Text className='gm-consent__question'>{yes ? '您已同意' : '您已拒绝'}</Text>
          <Text className='gm-consent__text'>
            {yes
              ? `${answered.otherName} 现在可以帮您办事，到 ${dayWords(answered.endsOn)} 为止。他每做一件事，都会记在“亲情代办”里给您看。您随时可以在那里点“结束代办”。`
              : `${answered.otherName} 看不到您的任何信息。`}
          </Text>
          <Button className='gm-button' onClick={() => Taro.navigateBack()}>
            返回
          </Button>
        </View>
      </Screen>
    )
  }

  return (
    <Screen>
      <PageState state={family.list} emptyText='没有找到这个代办请求。' onRetry={() => void family.load()}>
        {!delegation || delegation.role !== 'principal' || delegation.state !== 'invited' ? (
          <View className='gm-consent'>
            <Text className='gm-consent__text'>{delegation ? `这个代办请求${delegation.stateName}，不需要再确认。` : '没有找到这个代办请求，可能已被撤回。'}</Text>
            <Button className='gm-button' onClick={() => Taro.navigateBack()}>
              返回
            </Button>
          </View>
        ) : step === 'who' ? (
          <View className='gm-consent'>
            <Text className='gm-consent__step'>第 1 步，共 2 步</Text>
            <Text className='gm-consent__question'>{`${delegation.otherName} 想帮您办事`}</Text>
            <Text className='gm-consent__text'>{`您认识 ${delegation.otherName}，并且愿意让他用他的手机帮您办事吗？如果不认识，请点“不认识，拒绝”。`}</Text>
            {family.answering.error && <AlertText>{family.answering.error.message}</AlertText>}
            <Button className='gm-button' onClick={() => setStep('what')}>
              认识，继续
            </Button>
            <Button className='gm-button gm-button--secondary' disabled={family.answering.busy || undefined} onClick={() => void family.answer(id, false)}>
              不认识，拒绝
            </Button>
          </View>
        ) : (
          <View className='gm-consent'>
            <Text className='gm-consent__step'>第 2 步，共 2 步</Text>
            <Text className='gm-consent__question'>{`同意 ${delegation.otherName} 帮您做这些事吗？`}</Text>
            {delegation.scopes.map((scope) => (
              <Text key={scope} className='gm-consent__scope'>{`· ${DELEGATION_SCOPE_WORDS[scope].plain}`}</Text>
            ))}
            <Text className='gm-consent__text'>{`到 ${dayWords(delegation.endsOn)} 自动结束，您随时可以提前结束。他看不到您完整的证件号码，也不能替您出示证照、授权机构或修改您的身份信息。`}</Text>
            {family.answering.error && <AlertText>{family.answering.error.message}</AlertText>}
            <Button className='gm-button' disabled={family.answering.busy || undefined} onClick={() => void family.answer(id, true)}>
              {family.answering.busy ? '正在提交…' : '同意'}
            </Button>
            <Button className='gm-button gm-button--secondary' disabled={family.answering.busy || undefined} onClick={() => void family.answer(id, false)}>
              不同意
            </Button>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ConsentPage)
