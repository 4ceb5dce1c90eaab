import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ElderlyOffer } from '@/components/elderly-offer'
import { FeatureGrid } from '@/components/feature-grid'
import { NoticeItem } from '@/components/notice-item'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { SearchEntry } from '@/components/search-entry'
import { Toggle } from '@/components/toggle'
import { gridEntries } from '@/features'
import { useStores } from '@/stores/context'
import { PopularServices, QuickActions, RecentFeatures, UserCard } from './sections'

function HomePage() {
  const { ui, notices, session, home } = useStores()
  const load = () => {
    const loads = [notices.loadLatest(), home.loadServices()]
    if (session.loggedIn) {
      // The card needs the level; the badge needs a proven account (the messages are personal).
      const profile = session.profile.data ? Promise.resolve() : session.loadProfile()
      loads.push(profile.then(() => (session.level >= 4 ? home.loadUnread() : undefined)))
    }
    return Promise.all(loads)
  }

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <Screen>
      <View className='gm-header'>
        <Text className='gm-header__title'>掌上政务</Text>
        <Toggle label='长辈模式' description='字更大，按钮更大，常用服务优先' checked={ui.elderlyMode} onChange={(on) => ui.setElderlyMode(on)} />
      </View>
      <UserCard />
      <SearchEntry />
      <QuickActions />
      <ElderlyOffer />
      <FeatureGrid entries={gridEntries(ui.elderlyMode)} onOpen={(key) => home.opened(key)} />
      <RecentFeatures />
      <PopularServices />
      <View className='gm-section'>
        <Text className='gm-section__title'>通知公告</Text>
        <PageState state={notices.latest} emptyText='暂无通知公告' onRetry={() => void notices.loadLatest()}>
          {notices.latest.data?.map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(HomePage)
