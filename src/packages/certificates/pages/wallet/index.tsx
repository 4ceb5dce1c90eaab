import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CertificateSummary, CertificateVerifyResponse } from '@/contract/certificates/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { certificatesStore } from '@/packages/certificates/stores/certificates-store'
import { StatusBadge } from '@/packages/certificates/components/status-badge'
import { AUTHORISATIONS_PAGE, dateTimeWords, DETAIL_PAGE, validityWords } from '@/packages/certificates/words'
import { LabelValueRow } from '@/components/label-value-row'
import '@/packages/certificates/certificates.css'

function CertificateCard({ certificate }: { certificate: CertificateSummary }) {
  const validity = validityWords(certificate)
  // Named by its visible text (type, status, masked number, issuer, validity): no separate label to drift from it.
  return (
    <View
      className={`gm-cert-card gm-cert-card--${certificate.status}`}
      ariaRole='button'
      onClick={() => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${certificate.id}` })}
    >
      <View className='gm-cert-card__head'>
        <Text className='gm-cert-card__type'>{certificate.typeName}</Text>
        <StatusBadge status={certificate.status} words={certificate.statusName} />
      </View>
      <Text className='gm-cert-number'>{certificate.number}</Text>
      <Text className='gm-cert-meta'>{certificate.issuer}</Text>
      <Text className='gm-cert-meta'>{`有效期：${validity}`}</Text>
      {!certificate.presentable && <Text className='gm-cert-note'>{`${certificate.statusName}，不能亮证或授权`}</Text>}
    </View>
  )
}

/** The verifier's answer, full screen: only what the holder chose to disclose. */
const VerificationResult = observer(function VerificationResult({ result }: { result: CertificateVerifyResponse }) {
  const certificates = useFeatureStore(certificatesStore)
  const valid = result.valid && result.certificate
  return (
    <View className='gm-cert-result'>
      <View className={valid ? 'gm-cert-result__banner' : 'gm-cert-result__banner gm-cert-result__banner--invalid'} ariaRole='alert'>
        <Text className='gm-cert-result__title'>{valid ? '核验通过' : '核验未通过'}</Text>
        {valid && result.certificate && <Text>{`${result.certificate.typeName} · ${result.certificate.statusName}`}</Text>}
        {!valid && <Text>{result.reasonText ?? '无法核验该亮证码，请让对方重新生成'}</Text>}
      </View>
      {valid && result.certificate && (
        <View className='gm-cert-rows'>
          {result.holder && (
            <LabelValueRow label='持证人' value={result.holder.name} />
          )}
          {result.purposeName && (
            <LabelValueRow label='用途' value={result.purposeName} />
          )}
          {(result.fields ?? []).map((field) => (
            <LabelValueRow key={field.key} label={field.label} value={field.value} />
          ))}
          <LabelValueRow label='发证机关' value={result.certificate.issuer} />
          <LabelValueRow label='有效期' value={validityWords(result.certificate)} />
          {result.verifiedAt && (
            <LabelValueRow label='核验时间' value={dateTimeWords(result.verifiedAt)} />
          )}
        </View>
      )}
      {valid && <Text className='gm-hint'>仅显示持证人本次同意出示的信息；请勿拍照、留存。</Text>}
      <Button className='gm-button' onClick={() => void certificates.verifier.scanAndVerify()}>继续扫码核验</Button>
      <Button className='gm-button gm-button--secondary' onClick={() => certificates.verifier.clearVerification()}>返回</Button>
    </View>
  )
})

const VerifierEntry = observer(function VerifierEntry() {
  const certificates = useFeatureStore(certificatesStore)
  return (
    <View className='gm-section gm-actions'>
      {certificates.verifier.verification.error && <AlertText>{certificates.verifier.verification.error.message}</AlertText>}
      <Button className='gm-button' loading={certificates.verifier.verification.status === 'loading'} onClick={() => void certificates.verifier.scanAndVerify()}>
        扫码核验证照
      </Button>
      <Text className='gm-hint'>核验人员扫描持证人出示的亮证码，只能看到对方同意出示的信息。</Text>
    </View>
  )
})

function WalletPage() {
  const { session } = useStores()
  const certificates = useFeatureStore(certificatesStore)
  const load = () => certificates.cards.loadWallet()
  useDidShow(() => {
    void load()
    // The verifier entry depends on the account's roles.
    if (session.loggedIn && !session.profile.data) void session.loadProfile()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const result = certificates.verifier.verification.data
  if (result) {
    return (
      <Screen>
        <VerificationResult result={result} />
      </Screen>
    )
  }
  const items = certificates.cards.wallet.data
  return (
    <Screen>
      {session.profile.data?.roles.includes('verifier') && <VerifierEntry />}
      <View className='gm-section'>
        <Text className='gm-section__title'>我的证照</Text>
        <PageState state={certificates.cards.wallet} emptyText='您还没有电子证照。发证机关签发后会自动出现在这里。' onRetry={() => void load()}>
          {items && (
            <View>
              {items.map((certificate) => (
                <CertificateCard key={certificate.id} certificate={certificate} />
              ))}
              <Text className='gm-hint gm-cert-rows'>点击证照可查看详情、亮证、查看用证记录。</Text>
              <View className='gm-actions'>
                <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateTo({ url: AUTHORISATIONS_PAGE })}>
                  授权管理
                </Button>
              </View>
            </View>
          )}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(WalletPage)
