import { Text, View } from '@tarojs/components'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import { APPLICATION_STATUSES, FINAL_APPLICATION_STATUSES, type ApplicationStatus } from '@/contract/applications/data'
import { dateTimeWords } from '@/packages/applications/words'
import { ReadAloud } from '@/components/read-aloud'

/** The regular path; 不予受理 / 不予许可 / 已撤回 end it early. */
const REGULAR_PATH: readonly ApplicationStatus[] = ['submitted', 'accepted', 'reviewing', 'completed']
/** 在线预审 once pre-checked: the visit to the hall is the acceptance. */
const PRE_REVIEW_PATH: readonly ApplicationStatus[] = ['submitted', 'pre_review_passed', 'visited', 'completed']

/**
 * Each step that happened, with its time and reason, then (while the application is still
 * open) the steps still to come, so the citizen sees where it stands on the whole path.
 */
export function Timeline({ application }: { application: ApplicationDetail }) {
  const reached = new Set(application.timeline.map((event) => event.status))
  const finished = FINAL_APPLICATION_STATUSES.includes(application.status)
  const path = reached.has('pre_review_passed') || reached.has('visited') ? PRE_REVIEW_PATH : REGULAR_PATH
  const upcoming = finished ? [] : path.filter((status) => !reached.has(status))
  const last = application.timeline.length - 1
  // 朗读 reads the same words the steps are named by (the list's aria labels).
  const words = [
    ...application.timeline.map((event, index) => `${event.statusName}，${dateTimeWords(event.at)}${event.reason ? `，${event.reason}` : ''}${index === last ? '，当前进度' : ''}`),
    ...upcoming.map((status) => `${APPLICATION_STATUSES[status]}，尚未进行`),
  ]
  return (
    <View>
      <ReadAloud id='timeline' subject='办理进度' text={`办理进度。${words.join('。')}。`} />
      <View className='gm-app-timeline' ariaRole='list' ariaLabel='办理进度'>
        {application.timeline.map((event, index) => (
          <View
            key={`${event.status}-${event.at}`}
            className={index === last ? 'gm-app-step gm-app-step--current' : 'gm-app-step'}
            ariaRole='listitem'
            ariaLabel={`${event.statusName}，${dateTimeWords(event.at)}${event.reason ? `，${event.reason}` : ''}${index === last ? '，当前进度' : ''}`}
          >
            <View className='gm-app-step__dot' />
            <View className='gm-app-step__body'>
              <Text className='gm-app-step__name'>{index === last ? `${event.statusName}（当前）` : event.statusName}</Text>
              <Text className='gm-app-meta'>{dateTimeWords(event.at)}</Text>
              {event.reason && <Text className='gm-app-step__reason'>{`${event.status === 'rejected' || event.status === 'denied' ? '原因' : '说明'}：${event.reason}`}</Text>}
            </View>
          </View>
        ))}
        {upcoming.map((status) => (
          <View key={status} className='gm-app-step' ariaRole='listitem' ariaLabel={`${APPLICATION_STATUSES[status]}，尚未进行`}>
            <View className='gm-app-step__dot' />
            <View className='gm-app-step__body'>
              <Text className='gm-app-meta'>{APPLICATION_STATUSES[status]}</Text>
              <Text className='gm-app-meta'>尚未进行</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
