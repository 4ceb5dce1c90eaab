import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import { useStores } from '../stores/context'

/**
 * The root of every page: applies the theme tokens (normal or elderly) as CSS custom
 * properties and shows an offline banner whenever the platform reports no network.
 */
const MAIN_FOCUSABLE = { tabIndex: 0 }

export const Screen = observer(function Screen({ children }: { children: ReactNode }) {
  const { ui } = useStores()
  return (
    // role=main + tabIndex: a keyboard user can reach (and scroll) the page content on H5.
    <View className={ui.themeClass} style={ui.themeStyle} ariaRole='main' {...MAIN_FOCUSABLE}>
      {ui.offline && (
        <View className='gm-offline-banner' ariaRole='alert'>
          <Text>网络未连接，显示的是最近一次加载的内容。联网后可下拉或点“重试”刷新。</Text>
        </View>
      )}
      {children}
    </View>
  )
})
