import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { LifeEventApplication } from '@/contract/life-events/schemas'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { lifeEventsStore } from '@/packages/life-events/stores/life-events-store'
import { APPLICATION_DETAIL_PAGE, MY_RESULTS_PAGE, RESULT_PAGE, dateTimeWords, progressWords } from '@/packages/life-events/words'
import '@/packages/life-events/life-events.css'

type Member = LifeEventApplication['members'][number]

/** One member item: its department, status, countdown and the result it delivered (or will). */
function MemberCard({ member }: { member: Member }) {
  const done = member.status === 'completed'
  return (
    <View className='gm-le-card'>
      <View className='gm-le-card__head'>
        <Text className='gm-le-card__name'>{member.itemName}</Text>
        <Text className={done ? 'gm-le-status gm-le-status--done' : 'gm-le-status'}>{member.statusName}</Text>
      </View>
      <Text className='gm-le-meta'>{member.department}</Text>
      <Text className='gm-le-meta gm-le-nowrap'>{`受理编号 ${member.number}`}</Text>
      <Text className='gm-le-meta'>{member.deadlineText}</Text>
      {member.supplementItems && <Text>{`需要补正：${member.supplementItems.join('；')}`}</Text>}
      {member.issuedResult ? <Text className='gm-le-result'>{`已出具：${member.issuedResult.title}`}</Text> : <Text className='gm-le-meta'>{`办结后出具：${member.result}`}</Text>}
      {member.issuedResult && (
        <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `${RESULT_PAGE}?applicationId=${member.applicationId}` })}>
          {`查看${member.issuedResult.title}`}
        </Button>
      )}
      <Button
        className='gm-button gm-button--secondary'
        ariaLabel={`查看${member.itemName}的办理详情`}
        onClick={() => Taro.navigateTo({ url: `${APPLICATION_DETAIL_PAGE}?id=${member.applicationId}` })}
      >
        查看办理详情
      </Button>
    </View>
  )
}

function Timeline({ application }: { application: LifeEventApplication }) {
  // Newest first: what changed last is what the citizen came to see.
  const events = [...application.timeline].reverse()
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>办理记录</Text>
      {events.map((event, index) => (
        <View key={`${event.itemCode}-${event.at}-${index}`} className='gm-le-event'>
          <Text>{`${event.itemName}：${event.statusName}`}</Text>
          <Text className='gm-le-meta'>{`${dateTimeWords(event.at)} · ${event.department}`}</Text>
          {event.reason && <Text className='gm-le-meta'>{event.reason}</Text>}
        </View>
      ))}
    </View>
  )
}

function ProgressPage() {
  const { ui } = useStores()
  const store = useFeatureStore(lifeEventsStore)
  const id = String(useRouter().params.id ?? '')
  const state = store.detail(id)
  const load = () => store.loadDetail(id)
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const application = state.data
  return (
    <Screen>
      <PageState state={state} emptyText='' onRetry={() => void load()}>
        {application && (
          <View>
            <View className='gm-card' ariaRole='region' ariaLabel={`${application.name}，${application.statusName}`}>
              <View className='gm-le-card__head'>
                <Text className='gm-card__title'>{application.name}</Text>
                <Text className={application.status === 'in_progress' ? 'gm-le-status' : 'gm-le-status gm-le-status--done'}>{application.statusName}</Text>
              </View>
              <Text>{progressWords(application.finishedCount, application.memberCount)}</Text>
              <Text className='gm-card__text'>
                {application.finishedAt ? `${dateTimeWords(application.finishedAt)} 全部事项办理完毕` : `${dateTimeWords(application.submittedAt)} 一次提交，各部门分别办理`}
              </Text>
              {application.status === 'completed' && (
                <Button className='gm-button' onClick={() => Taro.navigateTo({ url: MY_RESULTS_PAGE })}>
                  在“我的证明”中查看全部结果
                </Button>
              )}
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>各事项进度</Text>
              {application.members.map((member) => (
                <MemberCard key={member.applicationId} member={member} />
              ))}
            </View>
            {/* Elderly mode: fewer items; the members' own pages keep the full record. */}
            {!ui.elderlyMode && <Timeline application={application} />}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ProgressPage)
