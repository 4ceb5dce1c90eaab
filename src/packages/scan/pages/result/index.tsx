import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { Screen } from '@/components/screen'
import type { CheckInResponse } from '@/contract/appointments/schemas'
import type { CertificateVerifyResponse } from '@/contract/certificates/schemas'
import type { VerifyResponse } from '@/contract/health-code/schemas'
import { COLOUR_WORDS, VERIFY_REASON_WORDS } from '@/contract/health-code/data'
import type { ProofVerification } from '@/contract/social-security/schemas'
import { ApiError } from '@/platform/api-error'
import { useStores } from '@/stores/context'
import { classifyScan, type Scanned } from '@/packages/scan/classify'

type Outcome =
  | { kind: 'health-code'; result: VerifyResponse }
  | { kind: 'certificate'; result: CertificateVerifyResponse }
  | { kind: 'appointment'; result: CheckInResponse }
  | { kind: 'proof'; result: ProofVerification }
  | { kind: 'not-verifier'; what: string }
  | { kind: 'unknown' }

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='gm-list-row'>
      <Text className='gm-list-row__label'>{label}</Text>
      <Text className='gm-list-row__value'>{value}</Text>
    </View>
  )
}

function Verdict({ ok, title }: { ok: boolean; title: string }) {
  return (
    <View className={ok ? 'gm-verdict gm-verdict--ok' : 'gm-verdict gm-verdict--bad'} ariaRole='alert'>
      <Text className='gm-verdict__title'>{title}</Text>
    </View>
  )
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'health-code': {
      const { result } = outcome
      const ok = result.valid && result.colour !== undefined
      return (
        <View>
          <Verdict ok={ok && result.colour === 'green'} title={ok ? `健康码有效 · ${COLOUR_WORDS[result.colour!]}` : '健康码无效'} />
          {result.name && <Row label='姓名' value={result.name} />}
          {result.reason && <Row label='原因' value={VERIFY_REASON_WORDS[result.reason]} />}
        </View>
      )
    }
    case 'certificate': {
      const { result } = outcome
      return (
        <View>
          <Verdict ok={result.valid} title={result.valid ? `${result.certificate?.typeName ?? '电子证照'} · 核验通过` : '证照核验未通过'} />
          {result.reasonText && <Row label='原因' value={result.reasonText} />}
          {result.holder && <Row label='持证人' value={result.holder.name} />}
          {(result.fields ?? []).map((field) => (
            <Row key={field.key} label={field.label} value={field.value} />
          ))}
          {result.valid && <Text className='gm-hint gm-scan__hint'>仅显示持证人本次同意出示的信息；请勿拍照、留存。</Text>}
        </View>
      )
    }
    case 'proof': {
      const { result } = outcome
      return (
        <View>
          <Verdict ok title='社保参保缴费证明 · 真实有效' />
          <Row label='验证码' value={result.code} />
          <Row label='姓名' value={result.content.name} />
          <Row label='参保地' value={result.content.insuredCity} />
          <Row label='证明期间' value={`${result.content.from} 至 ${result.content.to}`} />
        </View>
      )
    }
    case 'appointment': {
      const { result } = outcome
      if (!result.valid) return <Verdict ok={false} title={result.reasonText} />
      return (
        <View>
          <Verdict ok title='预约有效 · 已登记到场' />
          <Row label='预约人' value={result.appointment.name} />
          <Row label='事项' value={result.appointment.itemName} />
          <Row label='时间' value={result.appointment.when} />
          <Row label='大厅' value={result.appointment.hallName} />
          {result.preReview && <Row label='在线预审' value={result.preReview.note} />}
        </View>
      )
    }
    case 'not-verifier':
      return <AlertText>{outcome.what === 'appointment' ? '这是一个预约码。登记到场需要大厅工作人员账号；查看自己的预约请在“我的”里点“我的预约”。' : '这是一个健康码。核验健康码需要核验人员账号；出示自己的健康码请在首页点“健康码”。'}</AlertText>
    case 'unknown':
      return <AlertText>无法识别这个二维码：它不是掌上政务的健康码、亮证码、预约码或社保证明。为了您的安全，不会打开其中的链接。</AlertText>
  }
}

/** Verifies what the home page's 扫一扫 read, with the route that fits it. */
async function verify(scanned: Scanned, roles: readonly string[], api: ReturnType<typeof useStores>['api']): Promise<Outcome> {
  switch (scanned.kind) {
    case 'health-code':
      if (!roles.includes('verifier')) return { kind: 'not-verifier', what: 'health-code' }
      return { kind: 'health-code', result: await api.post<VerifyResponse>('/api/health-code/verify', { token: scanned.token }) }
    case 'certificate':
      return { kind: 'certificate', result: await api.post<CertificateVerifyResponse>('/api/certificates/verify', { code: scanned.code }) }
    case 'appointment':
      // Hall staff (the verifier role) record the arrival; anyone else is told what the code is.
      if (!roles.includes('verifier')) return { kind: 'not-verifier', what: 'appointment' }
      return { kind: 'appointment', result: await api.post<CheckInResponse>('/api/operator/appointments/check-in', { code: scanned.code }) }
    case 'proof':
      return {
        kind: 'proof',
        result: await api.get<ProofVerification>(`/api/social-security/proofs/${encodeURIComponent(scanned.code)}`, scanned.token ? { token: scanned.token } : undefined),
      }
    case 'unknown':
      return { kind: 'unknown' }
  }
}

function ScanResultPage() {
  const { api, session } = useStores()
  const text = decodeURIComponent(useRouter().params.text ?? '')
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  useLoad(() => {
    void (async () => {
      try {
        const scanned = classifyScan(text)
        // The verifier role decides what a health code or a 预约码 leads to.
        if ((scanned.kind === 'health-code' || scanned.kind === 'appointment') && session.loggedIn && !session.profile.data) await session.loadProfile()
        setOutcome(await verify(scanned, session.profile.data?.roles ?? [], api))
      } catch (failure) {
        setError(failure instanceof ApiError ? failure.message : '核验没有完成，请重新扫码')
      }
    })()
  })
  return (
    <Screen>
      <View className='gm-section'>
        {!outcome && !error && (
          <View className='gm-state' ariaRole='status'>
            <Text>正在核验…</Text>
          </View>
        )}
        {error && <Verdict ok={false} title={error} />}
        {outcome && <OutcomeView outcome={outcome} />}
      </View>
      <View className='gm-actions'>
        <Button className='gm-button gm-button--secondary' onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/home/index' }))}>
          返回
        </Button>
      </View>
    </Screen>
  )
}

export default observer(ScanResultPage)
