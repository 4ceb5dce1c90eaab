import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { Toggle } from '@/components/toggle'
import { useStores } from '@/stores/context'

/**
 * 退出登录 at the foot of 我的, confirmed in the page (no pop-up: elderly mode forbids them).
 * On a shared phone the next person should not inherit large text unasked, nor lose it
 * unasked: when elderly mode is on, the confirmation asks whether to keep it.
 */
export const LogoutSection = observer(function LogoutSection() {
  const root = useStores()
  const { session, ui } = root
  const [confirming, setConfirming] = useState(false)
  const [keepElderly, setKeepElderly] = useState(true)
  if (!session.loggedIn) return null
  if (!confirming) {
    return (
      <View className='gm-section gm-actions'>
        <Button className='gm-button gm-button--secondary' onClick={() => setConfirming(true)}>
          退出登录
        </Button>
      </View>
    )
  }
  const logout = async () => {
    const elderly = ui.elderlyMode && keepElderly
    await root.logout()
    if (!elderly) ui.setElderlyMode(false)
    setConfirming(false)
  }
  return (
    <View className='gm-section gm-card' ariaRole='region' ariaLabel='确认退出登录'>
      <Text className='gm-card__title'>确定退出登录吗？</Text>
      <Text className='gm-card__text'>退出后，本机不再保存您的登录状态和个人信息，再次使用需要重新登录。</Text>
      {ui.elderlyMode && <Toggle label='退出后保留长辈模式' description='关闭后恢复标准字号' checked={keepElderly} onChange={setKeepElderly} />}
      <View className='gm-actions'>
        <Button className='gm-button' onClick={() => void logout()}>
          确定退出
        </Button>
        <Button className='gm-button gm-button--secondary' onClick={() => setConfirming(false)}>
          取消
        </Button>
      </View>
    </View>
  )
})
