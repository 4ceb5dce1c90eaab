import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores/context'
import { tabPageOf } from '@/tab-pages'
import './acting-banner.css'

const MINE_PAGE = '/pages/mine/index'

/**
 * 亲情代办: while the citizen acts for a family member, every page says so first, in large
 * words with the principal's masked name, so nobody mistakes whose health code or whose
 * application this is. Switching back happens on 我的 (为谁办理).
 */
export const ActingBanner = observer(function ActingBanner() {
  const { acting } = useStores()
  const onMine = tabPageOf(useRouter().path)?.url === MINE_PAGE
  const current = acting.current
  if (!current) return null
  return (
    <View className='gm-acting-banner' ariaRole='status'>
      <Text className='gm-acting-banner__who'>{`正在为 ${current.principalName} 办理`}</Text>
      <Text className='gm-acting-banner__note'>{`本页显示的是 ${current.principalName} 的信息，您的每一步操作都会告知对方。`}</Text>
      {!onMine && (
        <View className='gm-acting-banner__switch' ariaRole='link' onClick={() => void Taro.switchTab({ url: MINE_PAGE })}>
          <Text>回到“我的”切换为本人</Text>
        </View>
      )}
    </View>
  )
})

/**
 * Instead of the page, once the server refused the delegation in use (ended by the principal,
 * expired): nothing more of the other person is shown, and the citizen is told why in the
 * server's words.
 */
export const ActingEnded = observer(function ActingEnded() {
  const { acting } = useStores()
  const ended = acting.ended
  if (!ended) return null
  return (
    <View className='gm-section gm-card' ariaRole='alert'>
      <Text className='gm-card__title'>{`为 ${ended.principalName} 代办已停止`}</Text>
      <Text className='gm-card__text'>{ended.message}</Text>
      <Text className='gm-card__text'>{`已切换为本人，刚才显示的 ${ended.principalName} 的信息已从本机清除。`}</Text>
      <View className='gm-actions'>
        <Button
          className='gm-button'
          onClick={() => {
            acting.clearEnded()
            void Taro.switchTab({ url: MINE_PAGE })
          }}
        >
          知道了，回到“我的”
        </Button>
      </View>
    </View>
  )
})
