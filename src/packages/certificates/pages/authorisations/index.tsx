import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Authorisation } from '@/contract/certificates/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { certificatesStore } from '@/packages/certificates/stores/certificates-store'
import { StatusBadge } from '@/packages/certificates/components/status-badge'
import { AUTHORISE_PAGE, dateTimeWords, fieldLabels } from '@/packages/certificates/words'
import { LabelValueRow } from '@/components/label-value-row'
import '@/packages/certificates/certificates.css'


/** Revoking asks once more, inline (no pop-up, so it also suits elderly mode). */
const RevokeControl = observer(function RevokeControl({ grant }: { grant: Authorisation }) {
  const certificates = useFeatureStore(certificatesStore)
  if (grant.status !== 'active') return null
  if (certificates.grants.confirmingRevoke !== grant.id) {
    return (
      <Button className='gm-button gm-button--secondary' ariaLabel={`撤销对${grant.organisation.name}的授权`} onClick={() => certificates.grants.askRevoke(grant.id)}>
        撤销授权
      </Button>
    )
  }
  return (
    <View className='gm-cert-confirm' ariaRole='group' ariaLabel='确认撤销授权'>
      <Text>{`确定撤销对“${grant.organisation.name}”的授权吗？撤销后该机构立即无法再调取您的${grant.certificateTypeName}信息。`}</Text>
      {certificates.grants.revokeError && <AlertText>{certificates.grants.revokeError.message}</AlertText>}
      <Button className='gm-button' loading={certificates.grants.revoking === grant.id} disabled={certificates.grants.revoking === grant.id || undefined} onClick={() => void certificates.grants.revoke(grant.id)}>
        确认撤销
      </Button>
      <Button className='gm-button gm-button--secondary' onClick={() => certificates.grants.cancelRevoke()}>
        暂不撤销
      </Button>
    </View>
  )
})

const GrantCard = observer(function GrantCard({ grant }: { grant: Authorisation }) {
  return (
    <View className='gm-card'>
      <View className='gm-cert-card__head'>
        <Text className='gm-card__title'>{grant.organisation.name}</Text>
        <StatusBadge status={grant.status} words={grant.statusName} />
      </View>
      <View className='gm-cert-rows'>
        {grant.organisation.creditCode && <LabelValueRow label='统一社会信用代码' value={grant.organisation.creditCode} />}
        <LabelValueRow label='证照' value={grant.certificateTypeName} />
        <LabelValueRow label='用途' value={grant.purpose} />
        <LabelValueRow label='授权信息' value={fieldLabels(grant.fields)} />
        <LabelValueRow label='有效期至' value={dateTimeWords(grant.validUntil)} />
        <LabelValueRow label='调取次数' value={`${grant.accessCount}次${grant.lastAccessedAt ? `，最近一次 ${dateTimeWords(grant.lastAccessedAt)}` : ''}`} />
        {grant.revokedAt && <LabelValueRow label='撤销时间' value={dateTimeWords(grant.revokedAt)} />}
      </View>
      <RevokeControl grant={grant} />
    </View>
  )
})

function AuthorisationsPage() {
  const certificates = useFeatureStore(certificatesStore)
  const certificateId = useRouter().params.certificateId || undefined
  const load = () => certificates.grants.loadAuthorisations(certificateId)
  // On every show: coming back from a new grant lists it.
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const items = certificates.grants.authorisations.data
  const detail = certificateId ? certificates.cards.detail(certificateId).data : undefined
  return (
    <Screen>
      <View className='gm-section'>
        <Text className='gm-section__title'>{detail ? `${detail.typeName}的授权` : '我的授权'}</Text>
        <Text className='gm-hint gm-cert-rows'>授权后，机构凭授权编号和访问密钥在有效期内调取您选定的信息；您可以随时撤销。</Text>
        {certificateId && (
          <View className='gm-actions'>
            <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `${AUTHORISE_PAGE}?id=${certificateId}` })}>
              新增授权
            </Button>
          </View>
        )}
        <PageState
          state={certificates.grants.authorisations}
          emptyText={certificateId ? '该证照还没有授权记录。' : '您还没有授权任何机构调取证照。可在证照详情页点“授权管理”新增授权。'}
          onRetry={() => void load()}
        >
          {items?.map((grant) => (
            <GrantCard key={grant.id} grant={grant} />
          ))}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(AuthorisationsPage)
