import { Text, View } from '@tarojs/components'
import type { ApplicationSummary } from '@/contract/applications/schemas'
import { countdownWords, dayWords } from '@/packages/applications/words'

/**
 * The working-day countdown against the promised time limit, in plain words, with the
 * server's sentence under it (e.g. 承诺 5 个工作日内办结). Overdue is said, not only coloured.
 */
export function Deadline({ application }: { application: ApplicationSummary }) {
  const countdown = countdownWords(application)
  const overdue = application.overdue
  return (
    <View className={overdue ? 'gm-app-countdown gm-app-countdown--overdue' : 'gm-app-countdown'} ariaRole='region' ariaLabel='办理时限'>
      {countdown && <Text className='gm-app-countdown__big'>{countdown}</Text>}
      <Text>{application.deadlineText}</Text>
      {application.dueOn && !application.finishedAt && <Text className='gm-app-meta'>{`承诺办结日期：${dayWords(application.dueOn)}`}</Text>}
      {overdue && <Text className='gm-hint'>已超过承诺时限。您可以联系办理部门询问进度，或在办结后评价时说明。</Text>}
    </View>
  )
}
