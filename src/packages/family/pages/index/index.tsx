import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import type { Delegation } from '@/contract/delegations/schemas'
import { useFeatureStore } from '@/stores/context'
import { formatClock, formatDate } from '@/utils/format'
import { familyStore } from '@/packages/family/family-store'
import { consentWords, dayWords, scopeNames } from '@/packages/family/words'
import '@/packages/family/family.css'

const INVITE_PAGE = '/packages/family/pages/invite/index'
const CONSENT_PAGE = '/packages/family/pages/consent/index'
const open = (state: Delegation['state']) => state === 'invited' || state === 'active'

const DelegationRow = observer(function DelegationRow({ delegation }: { delegation: Delegation }) {
  const family = useFeatureStore(familyStore)
  const helper = delegation.role === 'helper'
  const who = helper ? `我帮 ${delegation.otherName} 办` : `${delegation.otherName} 帮我办`
  const consent = consentWords(delegation)
  return (
    <View className='gm-family-row'>
      <Text className='gm-family-row__who'>{who}</Text>
      <Text className='gm-family-row__state'>{`${delegation.stateName} · 到 ${dayWords(delegation.endsOn)}`}</Text>
      <Text className='gm-family-row__meta'>{`可以：${scopeNames(delegation.scopes)}`}</Text>
      {consent && <Text className='gm-family-row__meta'>{consent}</Text>}
      {!helper && delegation.state === 'invited' && (
        <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `${CONSENT_PAGE}?id=${delegation.id}` })}>
          去确认
        </Button>
      )}
      {open(delegation.state) && (
        <Button className='gm-button gm-button--secondary' disabled={family.ending.busy || undefined} onClick={() => void family.end(delegation.id)}>
          {delegation.state === 'invited' && helper ? '撤回邀请' : delegation.state === 'invited' ? '不同意' : '结束代办'}
        </Button>
      )}
    </View>
  )
})

function FamilyPage() {
  const family = useFeatureStore(familyStore)
  const load = () => family.load()
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  const data = family.list.data
  return (
    <Screen>
      <Text className='gm-hint gm-family-intro'>家人同意后，您可以帮家人看健康码、查社保、办事；家人也可以请您帮忙。每一步都会告诉对方，任何一方都可以随时结束。</Text>
      {family.ending.error && <AlertText>{family.ending.error.message}</AlertText>}
      <PageState state={family.list} emptyText='还没有亲情代办。点下面的“邀请亲属”，对方同意后就可以帮对方办事。' onRetry={() => void load()}>
        {data && data.asPrincipal.length > 0 && (
          <View className='gm-section'>
            <Text className='gm-section__title'>谁在帮我办</Text>
            {data.asPrincipal.map((delegation) => <DelegationRow key={delegation.id} delegation={delegation} />)}
          </View>
        )}
        {data && data.asHelper.length > 0 && (
          <View className='gm-section'>
            <Text className='gm-section__title'>我在帮谁办</Text>
            {data.asHelper.map((delegation) => <DelegationRow key={delegation.id} delegation={delegation} />)}
          </View>
        )}
        {data && data.actsForMe.length > 0 && (
          <View className='gm-section'>
            <Text className='gm-section__title'>别人帮我办了什么</Text>
            {data.actsForMe.map((act) => (
              <View key={act.id} className='gm-family-act'>
                <Text className='gm-family-act__words'>{act.words}</Text>
                <Text className='gm-family-act__when'>{`${formatDate(act.at)} ${formatClock(new Date(act.at))}`}</Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
      <View className='gm-actions'>
        <Button
          className='gm-button'
          onClick={() => {
            family.startOver()
            void Taro.navigateTo({ url: INVITE_PAGE })
          }}
        >
          邀请亲属
        </Button>
      </View>
    </Screen>
  )
}

export default observer(FamilyPage)
