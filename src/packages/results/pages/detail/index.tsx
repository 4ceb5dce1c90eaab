import { Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { RESULT_KINDS } from '@/contract/results/data'
import { useFeatureStore } from '@/stores/context'
import { CertificateCard } from '../../components/certificate-card'
import { MoneyCard } from '../../components/money-card'
import { PhysicalCard } from '../../components/physical-card'
import { ProofCard } from '../../components/proof-card'
import { resultsStore } from '../../results-store'
import '../../results.css'

/** One delivered result, opened from 我的证明 (?id=) or from a finished application (?applicationId=). */
function ResultDetailPage() {
  const results = useFeatureStore(resultsStore)
  const { params } = useRouter()
  const load = () => results.load({ id: params.id, applicationId: params.applicationId })
  useLoad(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const result = results.current.data
  return (
    <Screen>
      <PageState state={results.current} emptyText='该申请还没有办理结果：办结后，证明、款项、电子证照或证件的领取方式会显示在这里。' onRetry={() => void load()}>
        {result && (
          <View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{`${result.itemName} · ${RESULT_KINDS[result.kind]}`}</Text>
            </View>
            {result.proof && <ProofCard result={result} />}
            {result.money && <MoneyCard result={result} />}
            {result.physical && <PhysicalCard result={result} />}
            {result.certificate && <CertificateCard result={result} />}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ResultDetailPage)
