import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { COLOUR_WORDS, VERIFY_REASON_WORDS } from '@/contract/health-code/data'
import { PageState } from '@/components/page-state'
import { ReadAloud } from '@/components/read-aloud'
import { QrCanvas } from '@/components/qr-canvas'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { healthCodeStore } from '@/packages/health-code/health-code-store'
import { NextSteps } from '@/packages/health-code/next-steps'
import { formatClock, formatTime } from '@/utils/format'
import { clockWords } from '@/utils/speech-text'
import type { HealthCode } from '@/contract/health-code/schemas'
import { useBrightScreen } from '@/hooks/use-bright-screen'
import { usePageTimer } from '@/hooks/use-page-timer'

const QR_SIZE = 220

/** A live clock: shows the code is not a screenshot. Its own component so a tick re-renders only it. */
const LiveClock = observer(function LiveClock() {
  const healthCode = useFeatureStore(healthCodeStore)
  return <Text className='gm-hc__clock'>{formatTime(new Date(healthCode.now))}</Text>
})

const TimeLeft = observer(function TimeLeft() {
  const healthCode = useFeatureStore(healthCodeStore)
  if (healthCode.expired) return <Text className='gm-hc__expired'>已过期，请联网后点“刷新”</Text>
  const seconds = healthCode.secondsLeft
  return <Text className='gm-hc__left'>{`${Math.floor(seconds / 60)}分${seconds % 60}秒后自动刷新`}</Text>
})

const VerifierPanel = observer(function VerifierPanel() {
  const healthCode = useFeatureStore(healthCodeStore)
  const result = healthCode.verification.data
  if (result) {
    const colour = result.valid && result.colour ? result.colour : 'invalid'
    return (
      <View className={`gm-hc-result gm-hc-result--${colour}`} ariaRole='alert'>
        <Text className='gm-hc-result__title'>{result.valid && result.colour ? `有效 · ${COLOUR_WORDS[result.colour]}` : '无效'}</Text>
        {result.name && <Text className='gm-hc-result__text'>{result.name}</Text>}
        {result.reason && <Text className='gm-hc-result__text'>{VERIFY_REASON_WORDS[result.reason]}</Text>}
        <Button className='gm-button' onClick={() => healthCode.clearVerification()}>继续核验</Button>
      </View>
    )
  }
  return (
    <View className='gm-section gm-actions'>
      {healthCode.verification.error && <Text className='gm-error'>{healthCode.verification.error.message}</Text>}
      <Button className='gm-button gm-button--secondary' onClick={() => void healthCode.scanAndVerify()}>扫码核验（核验人员）</Button>
    </View>
  )
})

/** The code in words for 朗读: colour, masked name, how long it is valid; read at the tap so the time is current. */
function healthCodeWords(code: HealthCode, expired: boolean, secondsLeft: number): string {
  const validity = expired
    ? '已过期，请联网后点刷新。'
    : `${clockWords(new Date(code.expiresAt))}前有效，${Math.floor(secondsLeft / 60)}分${secondsLeft % 60}秒后自动刷新。`
  return `健康码：${COLOUR_WORDS[code.colour]}。姓名：${code.name}。${validity}${code.reason}。`
}

function HealthCodePage() {
  const { session, ui, platform } = useStores()
  const healthCode = useFeatureStore(healthCodeStore)
  useBrightScreen(platform)

  useDidShow(() => {
    void healthCode.load()
  })
  // One tick a second drives the clock and the refresh before expiry.
  usePageTimer(() => {
    healthCode.tick()
    if (healthCode.msUntilRefresh === 0 && healthCode.code.status !== 'loading' && !ui.offline) void healthCode.load()
  })

  const code = healthCode.code.data
  const offline = healthCode.code.offline || ui.offline
  return (
    <Screen>
      <PageState state={healthCode.code} emptyText='' onRetry={() => healthCode.load()}>
        {code && (
          <View className={`gm-hc gm-hc--${code.colour}`}>
            <Text className='gm-hc__colour'>{COLOUR_WORDS[code.colour]}</Text>
            <Text className='gm-hc__name'>{code.name}</Text>
            <ReadAloud id='health-code' subject='健康码' text={() => healthCodeWords(code, healthCode.expired, healthCode.secondsLeft)} />
            <QrCanvas
              id='health-code-qr'
              text={code.token}
              size={QR_SIZE}
              label={`健康码二维码，${COLOUR_WORDS[code.colour]}，${healthCode.expired ? '已过期' : `有效至${formatClock(new Date(code.expiresAt))}`}`}
            />
            <LiveClock />
            <TimeLeft />
            <Text className='gm-hc__reason'>{code.reason}</Text>
            {offline && <Text className='gm-hc__offline'>{`离线 · 签发于 ${formatTime(new Date(code.issuedAt))}`}</Text>}
            {code.source === 'cache' && <Text className='gm-hc__offline'>服务繁忙，显示的是最近一次记录的健康状态</Text>}
            <Button className='gm-button' loading={healthCode.code.status === 'loading'} onClick={() => void healthCode.load()}>刷新</Button>
          </View>
        )}
        {code && <NextSteps colour={code.colour} />}
      </PageState>
      {session.profile.data?.roles.includes('verifier') && <VerifierPanel />}
    </Screen>
  )
}

export default observer(HealthCodePage)
