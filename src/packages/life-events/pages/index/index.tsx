import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { LifeEventApplicationSummary, LifeEventSummary } from '@/contract/life-events/schemas'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { lifeEventsStore } from '@/packages/life-events/stores/life-events-store'
import { GUIDE_PAGE, PROGRESS_PAGE, dateTimeWords, progressWords } from '@/packages/life-events/words'
import '@/packages/life-events/life-events.css'

/** Personal data needs a proven identity (level 4): below it, 我的一件事 is not asked for. */
const PROVEN_LEVEL = 4

function PackageCard({ item }: { item: LifeEventSummary }) {
  const departments = [...new Set(item.members.map((member) => member.department))]
  return (
    <View className='gm-le-card'>
      <Text className='gm-le-card__name'>{item.name}</Text>
      <Text>{item.summary}</Text>
      <Text className='gm-le-meta'>{`包含 ${item.members.length} 个事项：${item.members.map((member) => member.itemName).join('、')}`}</Text>
      <Text className='gm-le-meta'>{`涉及 ${departments.length} 个部门，一次提交，分别办理`}</Text>
      <Button className='gm-button' ariaLabel={`查看${item.name}的办事指南`} onClick={() => Taro.navigateTo({ url: `${GUIDE_PAGE}?key=${item.key}` })}>
        查看办事指南
      </Button>
    </View>
  )
}

function MinePackage({ item }: { item: LifeEventApplicationSummary }) {
  return (
    <View className='gm-le-card' ariaRole='button' ariaLabel={`${item.name}，${item.statusName}，${progressWords(item.finishedCount, item.memberCount)}`} onClick={() => Taro.navigateTo({ url: `${PROGRESS_PAGE}?id=${item.id}` })}>
      <View className='gm-le-card__head'>
        <Text className='gm-le-card__name'>{item.name}</Text>
        <Text className={item.status === 'in_progress' ? 'gm-le-status' : 'gm-le-status gm-le-status--done'}>{item.statusName}</Text>
      </View>
      <Text className='gm-le-meta'>{`${progressWords(item.finishedCount, item.memberCount)} · ${dateTimeWords(item.submittedAt)} 提交`}</Text>
    </View>
  )
}

const Mine = observer(function Mine() {
  const { session } = useStores()
  const store = useFeatureStore(lifeEventsStore)
  if (session.level < PROVEN_LEVEL) {
    return (
      <View className='gm-section'>
        <Text className='gm-section__title'>我的一件事</Text>
        <Text className='gm-hint gm-le-steps'>登录并完成实名认证后，这里显示您申请过的“一件事”和办理进度。</Text>
      </View>
    )
  }
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>我的一件事</Text>
      <PageState state={store.mine} emptyText='您还没有申请过“一件事”。' onRetry={() => void store.loadMine()}>
        {store.mine.data?.items.map((item) => <MinePackage key={item.id} item={item} />)}
      </PageState>
    </View>
  )
})

function LifeEventsPage() {
  const { session } = useStores()
  const store = useFeatureStore(lifeEventsStore)
  const load = async () => {
    await Promise.all([store.loadPackages(), session.level >= PROVEN_LEVEL ? store.loadMine() : Promise.resolve()])
  }
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <Screen>
      <View className='gm-section'>
        <Text className='gm-hint gm-le-steps'>人生中的一件大事，往往要跑好几个部门。在这里只需填写一次、提交一次，各部门分别办理，进度在一处查看。</Text>
      </View>
      <PageState state={store.packages} emptyText='暂时没有可办理的“一件事”。' onRetry={() => void store.loadPackages()}>
        <View className='gm-section'>{store.packages.data?.items.map((item) => <PackageCard key={item.key} item={item} />)}</View>
      </PageState>
      <Mine />
    </Screen>
  )
}

export default observer(LifeEventsPage)
