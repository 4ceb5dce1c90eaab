import { Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { LabelValueRow } from '@/components/label-value-row'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { PERFORMANCE_MIN_SAMPLE } from '@/contract/performance/data'
import type { DepartmentPerformance } from '@/contract/performance/schemas'
import { useFeatureStore } from '@/stores/context'
import { performanceStore } from '@/packages/services/performance-store'
import { departmentTitle, figureLines, hiddenSentences, WINDOW_WORDS } from '@/packages/services/performance-words'
import '@/packages/services/services.css'

const DepartmentCard = function DepartmentCard({ row }: { row: DepartmentPerformance }) {
  const lines = figureLines(row.figures)
  return (
    <View className='gm-section gm-svc-department' ariaRole='listitem'>
      <Text className='gm-svc-department__name'>{departmentTitle(row)}</Text>
      <Text className='gm-hint'>{`${row.items} 个事项，${WINDOW_WORDS}办结 ${row.figures.finished} 件`}</Text>
      {lines.length > 0 && (
        <View className='gm-svc-rows'>
          {lines.map((line) => (
            <LabelValueRow key={line.label} label={line.label} value={line.value} strong />
          ))}
        </View>
      )}
      {hiddenSentences(row.figures).map((sentence) => (
        <Text key={sentence} className='gm-hint gm-svc-performance__hidden'>
          {sentence}
        </Text>
      ))}
    </View>
  )
}

/**
 * 各部门办理情况: departments ranked by the figures each service's 办事公开 shows (按时办结 first,
 * then 满意度, then the median days); figures with fewer than the minimum cases are not
 * ranked on and say why. The whole set is open data (CSV / JSON, see docs/open-data.md).
 */
function DepartmentsPage() {
  const performance = useFeatureStore(performanceStore)
  const state = performance.ranking
  useLoad(() => {
    void performance.loadRanking()
  })
  usePullDownRefresh(() => {
    void performance.loadRanking().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <Screen>
      <View className='gm-section'>
        <Text className='gm-hint gm-svc-performance__intro'>{`按${WINDOW_WORDS}按时办结的比例排名，相同时看满意度和办理天数。办结、申请或评价少于 ${PERFORMANCE_MIN_SAMPLE} 件的数据不公布、不参与排名。全部数据作为开放数据发布：/api/performance/open-data.csv（或 .json）。`}</Text>
      </View>
      <PageState state={state} emptyText='还没有部门数据' onRetry={() => void performance.loadRanking()}>
        {state.data && (
          <View ariaRole='list' ariaLabel='各部门排名'>
            {state.data.departments.map((row) => (
              <DepartmentCard key={row.department} row={row} />
            ))}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(DepartmentsPage)
