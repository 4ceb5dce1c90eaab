import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { QrCanvas } from '@/components/qr-canvas'
import { Screen } from '@/components/screen'
import { monthsInclusive, monthWords } from '@/contract/months'
import type { Proof } from '@/contract/social-security/schemas'
import { INSURANCE_TYPE_WORDS } from '@/contract/social-security/data'
import { useFeatureStore } from '@/stores/context'
import { socialSecurityStore } from '@/packages/social-security/social-security-store'
import type { PeriodPreset } from '@/packages/social-security/social-security-store'
import { formatYuan } from '@/utils/money'
import { formatDate } from '@/utils/format'
import '@/packages/social-security/social-security.css'
import { copyText } from '@/utils/copy-text'
import { LabelValueRow } from '@/components/label-value-row'

const QR_SIZE = 200
const PRESETS: { preset: PeriodPreset; label: string }[] = [
  { preset: 6, label: '近6个月' },
  { preset: 12, label: '近1年' },
  { preset: 36, label: '近3年' },
  { preset: 'all', label: '全部记录' },
]

/** One end of the period: the month in words between 上一月 / 下一月. */
const MonthStepper = observer(function MonthStepper({ end, title }: { end: 'from' | 'to'; title: string }) {
  const socialSecurity = useFeatureStore(socialSecurityStore)
  const month = socialSecurity.period?.[end]
  if (!month) return null
  return (
    <View className='gm-form'>
      <Text className='gm-form__label'>{title}</Text>
      <View className='gm-ss-stepper'>
        <Button className='gm-button gm-button--secondary gm-button--small' ariaLabel={`${title}提前一个月`} onClick={() => socialSecurity.shiftPeriod(end, -1)}>上一月</Button>
        <Text className='gm-ss-stepper__value'>{monthWords(month)}</Text>
        <Button className='gm-button gm-button--secondary gm-button--small' ariaLabel={`${title}推后一个月`} onClick={() => socialSecurity.shiftPeriod(end, 1)}>下一月</Button>
      </View>
    </View>
  )
})

function IssuedProof({ proof }: { proof: Proof }) {
  const [copied, setCopied] = useState(false)
  const copy = () => {
    void copyText(proof.code).then(setCopied)
  }
  return (
    <View className='gm-card gm-ss-proof' ariaRole='region' ariaLabel='已开具的缴费证明'>
      <Text className='gm-card__title'>参保缴费证明已开具</Text>
      <Text className='gm-ss-meta'>验证码</Text>
      <Text className='gm-ss-code'>{proof.code}</Text>
      <QrCanvas id='social-proof-qr' text={proof.verifyUrl} size={QR_SIZE} label={`缴费证明核验二维码，验证码${proof.code.split('').join(' ')}`} />
      <Text className='gm-card__text'>{`${monthWords(proof.content.from)}至${monthWords(proof.content.to)} · 有效期至${formatDate(proof.expiresAt)}`}</Text>
      <View className='gm-ss-totals'>
        {proof.content.types.map((type) => (
          <View key={type.type} className='gm-ss-total'>
            <Text className='gm-ss-type__name'>{INSURANCE_TYPE_WORDS[type.type]}</Text>
            <Text>{`已缴 ${type.monthsPaid} 个月${type.monthsInArrears ? `，欠缴 ${type.monthsInArrears} 个月` : ''}`}</Text>
            <Text className='gm-ss-meta'>{`个人 ${formatYuan(type.personalCents)}元 · 单位 ${formatYuan(type.employerCents)}元`}</Text>
          </View>
        ))}
      </View>
      <Text className='gm-hint'>需要核验的单位可扫描二维码，或凭验证码在线查验证明真伪；证明中的姓名和证件号已部分隐藏。</Text>
      <Button className='gm-button' onClick={copy}>{copied ? '验证码已复制' : '复制验证码'}</Button>
    </View>
  )
}

function ProofPage() {
  const socialSecurity = useFeatureStore(socialSecurityStore)
  const load = async () => {
    await socialSecurity.loadOverview()
    if (!socialSecurity.period) socialSecurity.choosePreset(12)
    void socialSecurity.loadProofs()
  }
  useLoad(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const range = socialSecurity.proofRange
  const period = socialSecurity.period
  const problem = socialSecurity.periodProblem

  return (
    <Screen>
      <PageState state={socialSecurity.overview} emptyText='未查询到您的参保记录，暂时无法开具缴费证明。' onRetry={() => void load()}>
        {range && period && (
          <View>
            <View className='gm-section'>
              <Text className='gm-section__title'>选择证明时间段</Text>
              <Text className='gm-hint gm-ss-month'>{`可选 ${monthWords(range.from)} 至 ${monthWords(range.to)}，一份最长10年`}</Text>
              <View className='gm-chips' ariaRole='group' ariaLabel='常用时间段'>
                {PRESETS.map(({ preset, label }) => (
                  <Button key={String(preset)} className='gm-chip' onClick={() => socialSecurity.choosePreset(preset)}>{label}</Button>
                ))}
              </View>
              <MonthStepper end='from' title='起始月份' />
              <MonthStepper end='to' title='截止月份' />
              <View className='gm-actions'>
                <View ariaRole='status'>
                  <Text className='gm-card__text'>
                    {problem ?? `共 ${monthsInclusive(period.from, period.to)} 个月：${monthWords(period.from)}至${monthWords(period.to)}`}
                  </Text>
                </View>
                {socialSecurity.issueError && <AlertText>{socialSecurity.issueError.message}</AlertText>}
                {/* `disabled` only when it is: Taro's H5 button greys out on the attribute's mere presence. */}
                <Button className='gm-button' loading={socialSecurity.issuing} {...(problem || socialSecurity.issuing ? { disabled: true } : {})} onClick={() => void socialSecurity.issueProof()}>
                  开具证明
                </Button>
              </View>
            </View>
            {socialSecurity.issued && <IssuedProof proof={socialSecurity.issued} />}
            {socialSecurity.proofs.data && socialSecurity.proofs.data.length > 0 && (
              <View className='gm-card'>
                <Text className='gm-card__title'>开具记录</Text>
                <View className='gm-ss-rows'>
                  {socialSecurity.proofs.data.map((item) => (
                    <LabelValueRow key={item.code} label={`${monthWords(item.from)}至${monthWords(item.to)}`} value={`${item.code} · ${item.expired ? '已过期' : `有效至${formatDate(item.expiresAt)}`}`} />
                  ))}
                </View>
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ProofPage)
