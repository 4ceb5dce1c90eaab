import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { CertificateDetail, CertificateField } from '@/contract/certificates/schemas'
import { CERTIFICATE_WATERMARK, PRESENTATION_STATUS_WORDS } from '@/contract/certificates/data'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { QrCanvas } from '@/components/qr-canvas'
import { Screen } from '@/components/screen'
import { useBrightScreen } from '@/hooks/use-bright-screen'
import { usePageTimer } from '@/hooks/use-page-timer'
import { useFeatureStore, useStores } from '@/stores/context'
import { certificatesStore } from '@/packages/certificates/stores/certificates-store'
import type { ShownPresentation } from '@/packages/certificates/stores/certificates-store'
import { formatDate, formatTime } from '@/utils/format'
import { CheckItem } from '@/packages/certificates/components/check-item'
import { ChoiceChips } from '@/components/choice-chips'
import { ReverifyPanel } from '@/packages/certificates/components/reverify-panel'
import { StatusBadge } from '@/packages/certificates/components/status-badge'
import { dateWords } from '@/utils/format'
import { AUTHORISATIONS_PAGE, durationWords, fieldLabels, LEDGER_PAGE, validityWords } from '@/packages/certificates/words'
import { LabelValueRow } from '@/components/label-value-row'
import '@/packages/certificates/certificates.css'

const QR_SIZE = 220

/** Today's date and a clock that ticks every second: a screenshot shows its age. Its own component so a tick re-renders only it. */
const WatermarkTime = observer(function WatermarkTime() {
  const certificates = useFeatureStore(certificatesStore)
  const now = new Date(certificates.presenter.now)
  return (
    <View className='gm-cert-watermark__time'>
      <Text>{formatDate(now.toISOString())}</Text>
      <Text> </Text>
      <Text className='gm-cert-clock'>{formatTime(now)}</Text>
    </View>
  )
})

function CertificateFace({ detail }: { detail: CertificateDetail }) {
  return (
    <View className='gm-cert-face' ariaRole='region' ariaLabel={`${detail.typeName}，${detail.statusName}`}>
      <View className='gm-cert-card__head'>
        <Text className='gm-cert-card__type'>{detail.typeName}</Text>
        <StatusBadge status={detail.status} words={detail.statusName} />
      </View>
      <Text className='gm-cert-number'>{detail.number}</Text>
      <Text className='gm-cert-meta'>{`发证机关：${detail.issuer}`}</Text>
      <Text className='gm-cert-meta'>{`签发日期：${dateWords(detail.issuedOn)} · 有效期：${validityWords(detail)}`}</Text>
      <View className='gm-cert-watermark'>
        <Text className='gm-cert-watermark__text'>{CERTIFICATE_WATERMARK}</Text>
        <WatermarkTime />
      </View>
    </View>
  )
}

const FieldRow = observer(function FieldRow({ certificateId, field }: { certificateId: string; field: CertificateField }) {
  const certificates = useFeatureStore(certificatesStore)
  const revealed = certificates.reveals.revealedValue(certificateId, field.key)
  return (
    <LabelValueRow label={field.label} value={revealed ?? field.value}>
      {field.sensitive &&
        (revealed === undefined ? (
          <Button
            className='gm-button gm-button--secondary gm-button--small'
            ariaLabel={`查看完整${field.label}`}
            loading={certificates.reveals.isRevealing(certificateId, field.key)}
            onClick={() => void certificates.reveals.reveal(certificateId, field.key)}
          >
            查看
          </Button>
        ) : (
          <Button className='gm-button gm-button--secondary gm-button--small' ariaLabel={`隐藏${field.label}`} onClick={() => certificates.reveals.hide(certificateId, field.key)}>
            隐藏
          </Button>
        ))}
    </LabelValueRow>
  )
})

const FieldsSection = observer(function FieldsSection({ detail }: { detail: CertificateDetail }) {
  const certificates = useFeatureStore(certificatesStore)
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>证照信息</Text>
      <View className='gm-cert-rows'>
        {detail.fields.map((field) => (
          <FieldRow key={field.key} certificateId={detail.id} field={field} />
        ))}
      </View>
      {certificates.reveals.revealError && <AlertText>{certificates.reveals.revealError.message}</AlertText>}
      <ReverifyPanel action='查看完整信息' />
    </View>
  )
})

const TimeLeft = observer(function TimeLeft() {
  const certificates = useFeatureStore(certificatesStore)
  return <Text className='gm-cert-present__left'>{`${durationWords(certificates.presenter.presentationSecondsLeft)}后失效`}</Text>
})

const PresentationPanel = observer(function PresentationPanel({ detail, shown }: { detail: CertificateDetail; shown: ShownPresentation }) {
  const certificates = useFeatureStore(certificatesStore)
  const status = certificates.presenter.presentationStatus ?? 'active'
  const state = certificates.presenter.presentationState
  const labels = fieldLabels(shown.fields)
  return (
    <View className='gm-cert-present' ariaRole='region' ariaLabel='亮证码'>
      <View className='gm-cert-card__head'>
        <Text className='gm-cert-present__title'>{`${detail.typeName} · ${shown.purposeName}`}</Text>
        <StatusBadge status={status} words={PRESENTATION_STATUS_WORDS[status]} />
      </View>
      {status === 'active' && (
        <View className='gm-cert-present__qr'>
          <QrCanvas
            id='certificate-presentation-qr'
            text={shown.code}
            size={QR_SIZE}
            label={`亮证二维码，${detail.typeName}，用途${shown.purposeName}，出示${shown.fields.length}项：${labels}，有效至${formatTime(new Date(shown.expiresAt))}`}
          />
          <TimeLeft />
          <Text className='gm-hint'>请让核验方扫描二维码。每个亮证码只能核验一次，过期后需重新生成。</Text>
        </View>
      )}
      {status === 'verified' && (
        <View ariaRole='alert'>
          {/* The badge above already says 已核验: the alert says who read it and when. */}
          <Text className='gm-cert-present__verified'>{`${state?.verifier?.label ?? '核验方'}已查看您出示的信息`}</Text>
          {state?.verifiedAt && (
            <View>
              <Text className='gm-cert-meta'>{`核验时间：${formatTime(new Date(state.verifiedAt))}`}</Text>
            </View>
          )}
        </View>
      )}
      {status === 'expired' && (
        <View ariaRole='alert'>
          <Text>亮证码已过期，未被核验。如仍需出示，请刷新亮证码。</Text>
        </View>
      )}
      {status === 'withdrawn' && (
        <View ariaRole='alert'>
          <Text>亮证码已撤回，无法再被核验。</Text>
        </View>
      )}
      <Text className='gm-card__text'>{`出示内容：${labels}`}</Text>
      {certificates.presenter.presentError && <AlertText>{certificates.presenter.presentError.message}</AlertText>}
      <ReverifyPanel action='亮证' />
      {status === 'active' ? (
        // `|| undefined`: Taro's H5 Button reflects disabled={false} as disabled="false", which its stylesheet greys out.
        <Button className='gm-button gm-button--secondary' loading={certificates.presenter.withdrawing} disabled={certificates.presenter.withdrawing || undefined} onClick={() => void certificates.presenter.withdraw()}>
          撤回亮证码
        </Button>
      ) : (
        <View className='gm-actions'>
          <Button className='gm-button' loading={certificates.presenter.presenting} disabled={certificates.presenter.presenting || undefined} onClick={() => void certificates.presenter.present()}>
            {status === 'verified' ? '再次亮证' : '刷新亮证码'}
          </Button>
          <Button className='gm-button gm-button--secondary' onClick={() => certificates.presenter.clearPresentation()}>
            更改用途或出示内容
          </Button>
        </View>
      )}
    </View>
  )
})

const DraftForm = observer(function DraftForm({ detail }: { detail: CertificateDetail }) {
  const certificates = useFeatureStore(certificatesStore)
  const draft = certificates.draftForm.draft?.certificateId === detail.id ? certificates.draftForm.draft : undefined
  const purposes = certificates.draftForm.purposes.data ?? []
  const chosen = purposes.find((purpose) => purpose.purpose === draft?.purpose)
  const problem = certificates.draftForm.draftProblem
  const selected = detail.fields.filter((field) => draft?.fields.includes(field.key))
  const [attempted, setAttempted] = useState(false)
  return (
    <PageState state={certificates.draftForm.purposes} emptyText='暂无可选的亮证用途，请稍后再试' onRetry={() => void certificates.draftForm.loadPurposes()}>
      <Text className='gm-form__label gm-cert-rows'>第一步：选择用途</Text>
      <ChoiceChips
        label='亮证用途'
        choices={purposes.map((purpose) => ({ value: purpose.purpose, label: purpose.name }))}
        selected={draft?.purpose}
        onSelect={(purpose) => certificates.draftForm.choosePurpose(purpose)}
      />
      {chosen && <Text className='gm-hint gm-cert-rows'>{chosen.description}</Text>}
      {draft?.purpose && (
        <View>
          <Text className='gm-form__label gm-cert-rows'>第二步：选择要出示的信息</Text>
          <Text className='gm-hint gm-cert-rows'>已按用途勾选建议项，可增减。只出示办事需要的信息。</Text>
          <View ariaRole='group' ariaLabel='要出示的信息'>
            {detail.fields.map((field) => (
              <CheckItem
                key={field.key}
                label={field.label}
                description={field.sensitive ? '将向核验方完整出示' : undefined}
                checked={draft.fields.includes(field.key)}
                onChange={() => certificates.draftForm.toggleField(field.key)}
              />
            ))}
          </View>
        </View>
      )}
      <View className='gm-actions'>
        {/* Once 生成亮证码 was tapped too early the alert below says what is missing: the line would say it twice. */}
        {!(attempted && problem) && (
          <View ariaRole='status'>
            <Text className='gm-card__text'>{problem ?? `将向核验方出示${selected.length}项：${fieldLabels(selected)}`}</Text>
          </View>
        )}
        {certificates.presenter.presentError && <AlertText>{certificates.presenter.presentError.message}</AlertText>}
        <ReverifyPanel action='亮证' />
        {/* Never greyed out (a disabled button explains nothing): tapping it too early says what is missing. */}
        {attempted && problem && <AlertText>{problem}</AlertText>}
        <Button
          className='gm-button'
          loading={certificates.presenter.presenting}
          disabled={certificates.presenter.presenting || undefined}
          onClick={() => {
            setAttempted(true)
            void certificates.presenter.present()
          }}
        >
          生成亮证码
        </Button>
      </View>
    </PageState>
  )
})

const PresentSection = observer(function PresentSection({ detail }: { detail: CertificateDetail }) {
  const certificates = useFeatureStore(certificatesStore)
  if (!detail.presentable) {
    return (
      <View className='gm-card' ariaRole='note'>
        <Text className='gm-card__title'>{`该证照${detail.statusName}`}</Text>
        <Text className='gm-card__text'>已过期或已注销的证照不能亮证或授权，请使用有效的证照。</Text>
      </View>
    )
  }
  const shown = certificates.presenter.presentationOf(detail.id)
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>亮证</Text>
      {shown ? <PresentationPanel detail={detail} shown={shown} /> : <DraftForm detail={detail} />}
    </View>
  )
})

function DetailPage() {
  const { platform } = useStores()
  const certificates = useFeatureStore(certificatesStore)
  const id = String(useRouter().params.id ?? '')
  const state = certificates.cards.detail(id)
  const shown = certificates.presenter.presentationOf(id)
  useBrightScreen(platform, shown !== undefined && certificates.presenter.presentationStatus === 'active')

  const load = async () => {
    void certificates.draftForm.loadPurposes()
    await certificates.cards.loadDetail(id)
    const detail = certificates.cards.detail(id).data
    if (detail) certificates.presenter.openDraft(detail)
  }
  useLoad(() => {
    void load()
  })
  useDidShow(() => certificates.presenter.tick())
  // One tick a second drives the watermark clock, the countdown and the scan check.
  usePageTimer(() => {
    certificates.presenter.tick()
    if (certificates.presenter.shouldPoll()) void certificates.presenter.pollPresentation()
  })
  useUnload(() => {
    // Full values are shown only while the citizen looks at them.
    certificates.reveals.hideAll()
    certificates.recheck.cancelVerification()
  })

  const detail = state.data
  return (
    <Screen>
      <PageState state={state} emptyText='' onRetry={() => void load()}>
        {detail && (
          <View>
            <CertificateFace detail={detail} />
            <PresentSection detail={detail} />
            <FieldsSection detail={detail} />
            <View className='gm-actions'>
              <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateTo({ url: `${LEDGER_PAGE}?id=${detail.id}` })}>
                用证记录
              </Button>
              <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateTo({ url: `${AUTHORISATIONS_PAGE}?certificateId=${detail.id}` })}>
                授权管理
              </Button>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(DetailPage)
