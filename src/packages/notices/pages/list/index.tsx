import { View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { NoticeItem } from '@/components/notice-item'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useStores } from '@/stores/context'

function NoticeListPage() {
  const { notices } = useStores()
  const load = () => notices.loadAll()
  useLoad(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <Screen>
      <View className='gm-section'>
        <PageState state={notices.all} emptyText='暂无通知公告' onRetry={load}>
          {notices.all.data?.map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(NoticeListPage)
