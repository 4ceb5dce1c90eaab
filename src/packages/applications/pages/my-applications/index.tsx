import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ApplicationSummary } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { StatusBadge } from '@/packages/applications/components/status-badge'
import { countdownWords, dateTimeWords, DETAIL_PAGE, MY_FEEDBACK_PAGE } from '@/packages/applications/words'
import '@/packages/applications/applications.css'

function ApplicationCard({ application }: { application: ApplicationSummary }) {
  const countdown = countdownWords(application)
  return (
    <View
      className='gm-app-card'
      ariaRole='link'
      // Everything the card shows, in its order: a screen reader's name must contain the visible text (WCAG 2.5.3).
      ariaLabel={[application.itemName, application.statusName, countdown, application.deadlineText, `受理编号 ${application.number} · ${dateTimeWords(application.submittedAt)} 提交`].filter(Boolean).join('，')}
      onClick={() => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${application.id}` })}
    >
      <View className='gm-app-card__head'>
        <Text className='gm-app-card__name'>{application.itemName}</Text>
        <StatusBadge status={application.status} words={application.statusName} />
      </View>
      {countdown && <Text className={application.overdue ? 'gm-app-overdue' : undefined}>{countdown}</Text>}
      <Text className='gm-card__text'>{application.deadlineText}</Text>
      <Text className='gm-app-meta'>{`受理编号 ${application.number} · ${dateTimeWords(application.submittedAt)} 提交`}</Text>
    </View>
  )
}

function MyApplicationsPage() {
  const applications = useFeatureStore(applicationsStore)
  const load = () => applications.mine.loadList()
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const list = applications.mine.list.data
  return (
    <Screen>
      <PageState state={applications.mine.list} emptyText='您还没有网上申请的事项。可在首页“办事服务”里找到事项，查看办事指南后在线申请。' onRetry={() => void load()}>
        {list && (
          <View className='gm-section'>
            <Text className='gm-section__title'>{`共${list.total}件`}</Text>
            {list.items.map((application) => (
              <ApplicationCard key={application.id} application={application} />
            ))}
            {applications.mine.listMoreError && <AlertText>{applications.mine.listMoreError.message}</AlertText>}
            {applications.mine.hasMore && (
              <View className='gm-actions'>
                <Button className='gm-button gm-button--secondary' loading={applications.mine.listLoadingMore} disabled={applications.mine.listLoadingMore || undefined} onClick={() => void applications.mine.loadMore()}>
                  查看更早的办件
                </Button>
              </View>
            )}
          </View>
        )}
      </PageState>
      <View className='gm-actions'>
        <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateTo({ url: MY_FEEDBACK_PAGE })}>
          我的投诉建议
        </Button>
      </View>
    </Screen>
  )
}

export default observer(MyApplicationsPage)
