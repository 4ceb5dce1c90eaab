import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { monthWords } from '@/contract/months'
import type { ContributionRecord, InsuranceType, YearTotal } from '@/contract/social-security/schemas'
import { INSURANCE_TYPE_WORDS, INSURANCE_TYPES } from '@/contract/social-security/data'
import { useFeatureStore } from '@/stores/context'
import { socialSecurityStore } from '@/packages/social-security/social-security-store'
import { formatYuan } from '@/utils/money'
import { ChoiceChips, type Choice } from '@/components/choice-chips'
import '@/packages/social-security/social-security.css'

const TYPE_CHOICES: Choice<InsuranceType | undefined>[] = [
  { value: undefined, label: '全部险种' },
  ...INSURANCE_TYPES.map((type) => ({ value: type, label: INSURANCE_TYPE_WORDS[type] })),
]

function TotalRow({ total }: { total: YearTotal }) {
  return (
    <View className='gm-ss-total'>
      <Text className='gm-ss-type__name'>{INSURANCE_TYPE_WORDS[total.type]}</Text>
      <Text>{`个人 ${formatYuan(total.personalCents)}元 · 单位 ${formatYuan(total.employerCents)}元`}</Text>
      <Text className='gm-ss-meta'>{`已缴 ${total.monthsPaid} 个月${total.monthsInArrears ? `，欠缴 ${total.monthsInArrears} 个月` : ''}`}</Text>
    </View>
  )
}

/** One month of one type; small on purpose: each page of the list crosses into the render layer as one short update. */
function RecordRow({ record }: { record: ContributionRecord }) {
  const paid = record.status === 'paid'
  return (
    <View className='gm-ss-record'>
      <View className='gm-ss-record__head'>
        <Text className='gm-ss-type__name'>{INSURANCE_TYPE_WORDS[record.type]}</Text>
        <Text className={paid ? 'gm-ss-meta' : 'gm-ss-arrears'}>{paid ? '已缴' : '欠缴'}</Text>
      </View>
      <Text className='gm-ss-record__amounts'>{`个人 ${formatYuan(record.personalCents)}元 · 单位 ${formatYuan(record.employerCents)}元`}</Text>
      <Text className='gm-ss-meta'>{`缴费基数 ${formatYuan(record.baseCents)}元 · ${record.employerName}`}</Text>
    </View>
  )
}

function ContributionsPage() {
  const socialSecurity = useFeatureStore(socialSecurityStore)
  const state = socialSecurity.contributions
  const list = state.data
  const load = () => socialSecurity.loadContributions()
  useLoad(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void socialSecurity.loadMore()
  })
  const year = socialSecurity.selectedYear
  const switching = state.status === 'loading' && list !== undefined && (list.year !== year || list.type !== socialSecurity.type)

  return (
    <Screen>
      <ChoiceChips
        label='选择年份'
        choices={socialSecurity.years.map((value) => ({ value, label: `${value}年` }))}
        selected={year}
        onSelect={(value) => void socialSecurity.selectYear(value)}
      />
      <ChoiceChips label='选择险种' choices={TYPE_CHOICES} selected={socialSecurity.type} onSelect={(value) => void socialSecurity.selectType(value)} />
      {switching && (
        <View className='gm-state' ariaRole='status'>
          <Text>{`正在加载${year}年的记录…`}</Text>
        </View>
      )}
      <PageState state={state} emptyText={`${list?.year ?? year}年没有${list?.type ? INSURANCE_TYPE_WORDS[list.type] : ''}缴费记录，请选择其他年份。`} onRetry={load}>
        {list && !switching && (
          <View>
            <View className='gm-card'>
              <Text className='gm-card__title'>{`${list.year}年合计`}</Text>
              <View className='gm-ss-totals'>
                {list.totals.map((total) => (
                  <TotalRow key={total.type} total={total} />
                ))}
              </View>
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{`${list.year}年缴费明细（共 ${list.total} 条）`}</Text>
              {list.items.map((record, index) => (
                <View key={`${record.month}-${record.type}`}>
                  {(index === 0 || list.items[index - 1]!.month !== record.month) && <Text className='gm-ss-month'>{monthWords(record.month)}</Text>}
                  <RecordRow record={record} />
                </View>
              ))}
            </View>
            {socialSecurity.moreError && <AlertText>{socialSecurity.moreError.message}</AlertText>}
            {list.hasMore ? (
              <View className='gm-actions'>
                <Button className='gm-button gm-button--secondary' loading={socialSecurity.loadingMore} onClick={() => void socialSecurity.loadMore()}>
                  {`加载更多（已显示 ${list.items.length}/${list.total} 条）`}
                </Button>
              </View>
            ) : (
              list.items.length > 0 && <Text className='gm-hint gm-ss-month'>已显示全部记录</Text>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ContributionsPage)
