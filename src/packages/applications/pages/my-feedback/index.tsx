import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Feedback } from '@/contract/evaluations/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { feedbackStore } from '@/packages/applications/stores/feedback-store'
import { StatusBadge } from '@/packages/applications/components/status-badge'
import { dateTimeWords, FEEDBACK_NEW_PAGE } from '@/packages/applications/words'
import '@/packages/applications/applications.css'

const FeedbackCard = observer(function FeedbackCard({ item }: { item: Feedback }) {
  const feedback = useFeatureStore(feedbackStore)
  return (
    <View className='gm-app-card' ariaRole='region' ariaLabel={`${item.kindName}，${item.categoryName}，${item.statusName}`}>
      <View className='gm-app-card__head'>
        <Text className='gm-app-card__name'>{`${item.kindName} · ${item.categoryName}`}</Text>
        <StatusBadge status={item.status === 'open' ? 'submitted' : 'completed'} words={item.statusName} />
      </View>
      {item.itemName && <Text className='gm-app-meta'>{`事项：${item.itemName}`}</Text>}
      {item.searchQuery && <Text className='gm-app-meta'>{`搜索：${item.searchQuery}`}</Text>}
      <Text className='gm-app-text'>{item.text}</Text>
      <Text className='gm-app-meta'>{`${dateTimeWords(item.createdAt)} 提交`}</Text>
      {item.reply ? (
        <View className='gm-app-reply'>
          <Text className='gm-app-step__name'>部门答复</Text>
          <Text className='gm-app-text'>{item.reply}</Text>
          {item.repliedAt && <Text className='gm-app-meta'>{dateTimeWords(item.repliedAt)}</Text>}
          {item.status === 'answered' && (
            <Button className='gm-button gm-button--secondary' loading={feedback.closing === item.id} disabled={feedback.closing === item.id || undefined} onClick={() => void feedback.close(item.id)}>
              问题已解决
            </Button>
          )}
        </View>
      ) : item.status !== 'closed' ? (
        <Text className='gm-card__text'>部门尚未答复，答复后会显示在这里。</Text>
      ) : null}
      {item.closingNote && (
        // The department closed it itself: what it did, in its words.
        <View className='gm-app-reply'>
          <Text className='gm-app-step__name'>部门办结说明</Text>
          <Text className='gm-app-text'>{item.closingNote}</Text>
          {item.closedAt && <Text className='gm-app-meta'>{`${dateTimeWords(item.closedAt)} 办结`}</Text>}
        </View>
      )}
    </View>
  )
})

function MyFeedbackPage() {
  const feedback = useFeatureStore(feedbackStore)
  const load = () => feedback.loadList()
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <Screen>
      <PageState state={feedback.list} emptyText='您还没有提交过投诉、建议或咨询。' onRetry={() => void load()}>
        {feedback.closeError && <AlertText>{feedback.closeError.message}</AlertText>}
        {feedback.list.data?.map((item) => (
          <FeedbackCard key={item.id} item={item} />
        ))}
      </PageState>
      <View className='gm-actions'>
        <Button className='gm-button' onClick={() => Taro.navigateTo({ url: FEEDBACK_NEW_PAGE })}>
          写投诉建议
        </Button>
      </View>
    </Screen>
  )
}

export default observer(MyFeedbackPage)
