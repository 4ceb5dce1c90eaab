import { View, Text } from '@tarojs/components'
import { useDidHide, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, type ReactNode } from 'react'
import { useStores } from '@/stores/context'
import { voiceStore } from '@/stores/voice-store'
import { tabPageOf } from '@/tab-pages'
import { ActingBanner, ActingEnded } from './acting-banner'
import { ElderlyTabBar } from './elderly-tab-bar'
import { PageBar } from './page-bar'
import { pageText, type NodeLike } from './page-text'
import { ReadAloud } from './read-aloud'

/**
 * The root of every page: applies the theme tokens (normal or elderly) as CSS custom
 * properties and shows an offline banner whenever the platform reports no network. Where the
 * host draws no title bar (H5), a sub-page gets its own title and back control; on the tab
 * pages, elderly mode swaps the host's small tab bar for a large one.
 */
const MAIN_FOCUSABLE = { tabIndex: 0 }

export const Screen = observer(function Screen({ children }: { children: ReactNode }) {
  const stores = useStores()
  const { ui, platform } = stores
  const tab = tabPageOf(useRouter().path)
  // 朗读 stops when the citizen leaves the page (another page opens, or this one closes).
  const voice = voiceStore(stores)
  useDidHide(() => voice.leavePage())
  useEffect(() => () => voice.leavePage(), [voice])
  const root = useRef<NodeLike>(null)
  return (
    // role=main + tabIndex: a keyboard user can reach (and scroll) the page content on H5.
    <View ref={root as never} className={ui.themeClass} style={ui.themeStyle} ariaRole='main' {...MAIN_FOCUSABLE}>
      {!tab && platform.features.navigationBar === 'page' && <PageBar />}
      {/* 亲情代办: whose data this is, before anything else on the page. */}
      <ActingBanner />
      {/* Elderly mode: every page can be read aloud, whatever it shows (read at the tap); the pace choices show while it reads. */}
      {ui.elderlyMode && <ReadAloud id='page' subject='本页' text={() => pageText(root.current)} className='gm-read-aloud--page' />}
      {ui.offline && (
        <View className='gm-offline-banner' ariaRole='alert'>
          <Text>网络未连接，显示的是最近一次加载的内容。联网后可下拉或点“重试”刷新。</Text>
        </View>
      )}
      {/* 亲情代办 refused (ended, expired): the reason instead of the other person's page. */}
      {stores.acting.ended ? <ActingEnded /> : children}
      {tab && <ElderlyTabBar current={tab} />}
    </View>
  )
})
