import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { monthWords } from '@/contract/months'
import type { Enrolment } from '@/contract/social-security/schemas'
import { ACCOUNT_WORDS, ENROLMENT_STATUS_WORDS, INSURANCE_TYPE_WORDS, PERSON_STATUS_WORDS } from '@/contract/social-security/data'
import { useFeatureStore, useStores } from '@/stores/context'
import { socialSecurityStore } from '@/packages/social-security/social-security-store'
import { yuanWords } from '@/utils/money'
import { arrearsSentence, CONTRIBUTIONS_PAGE, PROOF_PAGE } from '@/packages/social-security/words'
import { dateWords } from '@/utils/format'
import { LabelValueRow } from '@/components/label-value-row'
import '@/packages/social-security/social-security.css'

function EnrolmentRow({ enrolment }: { enrolment: Enrolment }) {
  const name = INSURANCE_TYPE_WORDS[enrolment.type]
  // The status is said in words; its colour only repeats them.
  const status = ENROLMENT_STATUS_WORDS[enrolment.status]
  return (
    <View className='gm-ss-type'>
      <View className='gm-ss-type__head'>
        <Text className='gm-ss-type__name'>{name}</Text>
        <Text className={`gm-ss-status gm-ss-status--${enrolment.status}`}>{status}</Text>
      </View>
      <Text className='gm-ss-meta'>{`参保日期 ${dateWords(enrolment.startedOn)} · 已缴 ${enrolment.monthsPaid} 个月`}</Text>
      {enrolment.lastPaidMonth && <Text className='gm-ss-meta'>{`最近缴至 ${monthWords(enrolment.lastPaidMonth)}`}</Text>}
      {enrolment.endedOn && <Text className='gm-ss-meta'>{`${dateWords(enrolment.endedOn)}起${status}`}</Text>}
    </View>
  )
}

function OverviewPage() {
  const { ui } = useStores()
  const socialSecurity = useFeatureStore(socialSecurityStore)
  const load = () => socialSecurity.loadOverview()
  useLoad(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const overview = socialSecurity.overview.data
  const arrears = socialSecurity.arrearsByMonth

  return (
    <Screen>
      <PageState state={socialSecurity.overview} emptyText='未查询到您的参保记录。如您已参加社会保险，请联系参保地社保经办机构核实。' onRetry={load}>
        {overview?.person && (
          <View>
            <View className='gm-card'>
              <Text className='gm-card__title'>账户余额</Text>
              <View className='gm-ss-balances'>
                {overview.balances.map((balance) => (
                  <View key={balance.account} className='gm-ss-balance'>
                    <Text className='gm-ss-meta'>{ACCOUNT_WORDS[balance.account]}</Text>
                    <Text className='gm-ss-amount'>{yuanWords(balance.balanceCents)}</Text>
                    <Text className='gm-ss-meta'>{`截至 ${dateWords(balance.computedOn)}`}</Text>
                  </View>
                ))}
              </View>
            </View>

            <View className='gm-card'>
              <Text className='gm-card__title'>缴费情况</Text>
              <View className='gm-ss-rows'>
                <LabelValueRow label='最近缴费月份' value={overview.lastPaidMonth ? monthWords(overview.lastPaidMonth) : '暂无'} />
                <LabelValueRow label='累计缴费' value={`${overview.totalMonthsPaid} 个月`} />
                <LabelValueRow label='欠缴' value={arrears.length ? `${arrears.length} 个月` : '无欠缴'} />
              </View>
            </View>

            {arrears.length > 0 && (
              <View className='gm-ss-warning' ariaRole='alert'>
                <Text className='gm-ss-warning__title'>{`您有 ${arrears.length} 个月存在欠缴`}</Text>
                {arrears.map((month) => (
                  <Text key={`${month.month}-${month.employerName}`}>{arrearsSentence(month)}</Text>
                ))}
                <Text>欠缴月份暂不计入缴费年限，可能影响医保待遇和退休待遇，请尽快联系单位补缴。</Text>
              </View>
            )}

            <View className='gm-card'>
              <Text className='gm-card__title'>参保状态</Text>
              <View>
                {overview.enrolments.map((enrolment) => (
                  <EnrolmentRow key={enrolment.type} enrolment={enrolment} />
                ))}
              </View>
            </View>

            {!ui.elderlyMode && (
              <View className='gm-card'>
                <Text className='gm-card__title'>参保信息</Text>
                <View className='gm-ss-rows'>
                  <LabelValueRow label='社保卡号' value={overview.person.cardNumber} />
                  <LabelValueRow label='参保地' value={overview.person.insuredCity} />
                  <LabelValueRow label='经办机构' value={overview.person.agency} />
                  <LabelValueRow label='参保状态' value={PERSON_STATUS_WORDS[overview.person.status]} />
                </View>
              </View>
            )}

            <View className='gm-actions'>
              <Button className='gm-button' onClick={() => Taro.navigateTo({ url: CONTRIBUTIONS_PAGE })}>缴费明细</Button>
              <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateTo({ url: PROOF_PAGE })}>开具缴费证明</Button>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(OverviewPage)
