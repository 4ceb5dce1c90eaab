import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { ChoiceChips } from '@/components/choice-chips'
import { actingFor } from '@/stores/acting-store'
import { useStores } from '@/stores/context'

// The family subpackage's route as a plain string (importing it would pull the subpackage into the main package).
const FAMILY_PAGE = '/packages/family/pages/index/index'
const SELF = ''

/**
 * 为谁办理, at the top of 我的: 本人 or a family member who consented (亲情代办). Only for a
 * proven identity (level 4): nobody acts for another before proving who they are themselves.
 */
export const ActingSwitch = observer(function ActingSwitch() {
  const root = useStores()
  const { session, acting } = root
  const proven = session.loggedIn && session.level >= 4
  useDidShow(() => {
    if (proven) void acting.load(root.api)
  })
  // On the first show the profile (hence the level) may still be loading: load once it says proven.
  useEffect(() => {
    if (proven) void acting.load(root.api)
  }, [proven, acting, root])
  if (!proven) return null
  const choices = acting.choices
  const waiting = acting.waitingForMe
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>为谁办理</Text>
      {choices.length > 0 && (
        <ChoiceChips
          label='为谁办理'
          choices={[{ value: SELF, label: '本人' }, ...choices.map((choice) => ({ value: choice.id, label: choice.otherName }))]}
          selected={acting.current?.delegationId ?? SELF}
          onSelect={(id) => {
            const chosen = choices.find((choice) => choice.id === id)
            root.switchPerson(chosen ? actingFor(chosen) : undefined)
          }}
        />
      )}
      {acting.delegations.status === 'error' && <Text className='gm-hint'>{`亲情代办列表没有加载成功：${acting.delegations.error?.message ?? ''}`}</Text>}
      <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => Taro.navigateTo({ url: FAMILY_PAGE })}>
        <Text className='gm-list-row__label'>亲情代办</Text>
        <Text className='gm-list-row__value'>{waiting > 0 ? `有 ${waiting} 个代办请求等您确认` : '帮家人办事、管理授权'}</Text>
      </View>
    </View>
  )
})
