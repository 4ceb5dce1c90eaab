import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useStores } from '@/stores/context'
import { TAB_PAGES, type TabPage } from '@/tab-pages'

/**
 * The host's tab bar cannot grow (WeChat, Alipay and Taro's H5 bar: 10-12 px text, 50 px
 * high), and MIIT's 适老化 rules ask for ≥ 18 px text and ≥ 60 px targets. In elderly mode the
 * host's bar is hidden and this one, drawn with the elderly tokens, takes its place.
 */
export const ElderlyTabBar = observer(function ElderlyTabBar({ current }: { current: TabPage }) {
  const { ui, platform } = useStores()
  const elderly = ui.elderlyMode
  // Fails only off a tab page or on a host without the API: the host's bar then simply stays.
  const showHostTabBar = (show: boolean) => void platform.setTabBarVisible(show).catch(() => undefined)
  useDidShow(() => showHostTabBar(!ui.elderlyMode))
  useEffect(() => void platform.setTabBarVisible(!elderly).catch(() => undefined), [platform, elderly])
  if (!elderly) return null
  return (
    <View>
      {/* Keeps the end of the page above the fixed bar. */}
      <View className='gm-tabbar-spacer' aria-hidden='true' />
      <View className='gm-tabbar' ariaRole='navigation' ariaLabel='主导航'>
        {TAB_PAGES.map((tab) => {
          const selected = tab.url === current.url
          return (
            <View
              key={tab.url}
              className={selected ? 'gm-tabbar__item gm-tabbar__item--on' : 'gm-tabbar__item'}
              ariaRole='link'
              aria-current={selected ? 'page' : undefined}
              onClick={() => (selected ? undefined : void Taro.switchTab({ url: tab.url }))}
            >
              <Text>{tab.text}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
})
