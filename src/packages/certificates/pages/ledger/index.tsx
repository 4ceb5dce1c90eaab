import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { LedgerEntry } from '@/contract/certificates/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { certificatesStore } from '@/packages/certificates/stores/certificates-store'
import { dateTimeWords, fieldLabels } from '@/packages/certificates/words'
import '@/packages/certificates/certificates.css'

function Entry({ entry }: { entry: LedgerEntry }) {
  const refused = entry.outcome === 'refused'
  return (
    <View className='gm-cert-entry'>
      <View className='gm-cert-entry__head'>
        <Text className='gm-cert-entry__event'>{entry.eventName}</Text>
        <Text className='gm-cert-meta'>{dateTimeWords(entry.occurredAt)}</Text>
      </View>
      {refused && <Text className='gm-cert-entry__refused'>{`未通过：${entry.reasonText ?? '已拒绝'}`}</Text>}
      <Text>{`用途：${entry.purposeName}`}</Text>
      <Text>{`操作方：${entry.actor.label}`}</Text>
      <Text className='gm-cert-meta'>{`涉及信息：${entry.fields.length ? fieldLabels(entry.fields) : '无'}`}</Text>
    </View>
  )
}

function LedgerPage() {
  const certificates = useFeatureStore(certificatesStore)
  const id = String(useRouter().params.id ?? '')
  const state = certificates.ledgers.ledger(id)
  const typeName = certificates.cards.detail(id).data?.typeName
  const load = () => certificates.ledgers.loadLedger(id)
  useLoad(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void certificates.ledgers.loadMoreLedger(id)
  })

  const list = state.data
  return (
    <Screen>
      <View className='gm-section'>
        <Text className='gm-section__title'>{typeName ? `${typeName}的用证记录` : '用证记录'}</Text>
        <Text className='gm-hint gm-cert-rows'>每次亮证、核验、授权和机构调取都记录在这里，只记录信息名称，不记录内容。</Text>
        <PageState state={state} emptyText='暂无用证记录。亮证或授权后会在这里留下记录。' onRetry={() => void load()}>
          {list && (
            <View>
              {list.items.map((entry) => (
                <Entry key={entry.id} entry={entry} />
              ))}
              <View className='gm-actions'>
                {certificates.ledgers.ledgerMoreError && <AlertText>{certificates.ledgers.ledgerMoreError.message}</AlertText>}
                {list.nextBefore !== undefined ? (
                  <Button className='gm-button gm-button--secondary' loading={certificates.ledgers.ledgerLoadingMore} onClick={() => void certificates.ledgers.loadMoreLedger(id)}>
                    加载更早的记录
                  </Button>
                ) : (
                  <Text className='gm-hint'>没有更早的记录了</Text>
                )}
              </View>
            </View>
          )}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(LedgerPage)
