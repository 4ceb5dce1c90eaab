import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { RESULT_KINDS } from '@/contract/results/data'
import { useFeatureStore } from '@/stores/context'
import { formatDate } from '@/utils/format'
import { resultsStore } from '../../results-store'
import { resultPage, resultSummary } from '../../words'
import '../../results.css'

/** 我的证明: every result delivered to the citizen, newest first; each opens to reopen, re-share or download. */
function ResultListPage() {
  const results = useFeatureStore(resultsStore)
  const load = () => results.loadList()
  // Back from a result (a delivery chosen): the list says so.
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <Screen>
      <PageState state={results.list} emptyText='还没有办理结果。事项办结后，电子证明、款项和证件领取信息会放在这里。' onRetry={() => void load()}>
        <View>
          {(results.list.data ?? []).map((result) => (
            <View
              key={result.id}
              className='gm-result-item'
              ariaRole='link'
              // Everything the row shows, in its order: a screen reader's name contains the visible text (WCAG 2.5.3).
              ariaLabel={[result.title, resultSummary(result), `${RESULT_KINDS[result.kind]} · ${result.department} · ${formatDate(result.issuedAt)}`].join('，')}
              onClick={() => void Taro.navigateTo({ url: resultPage(result.id) })}
            >
              <Text className='gm-result-item__title'>{result.title}</Text>
              <Text>{resultSummary(result)}</Text>
              <Text className='gm-result-meta'>{`${RESULT_KINDS[result.kind]} · ${result.department} · ${formatDate(result.issuedAt)}`}</Text>
            </View>
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(ResultListPage)
