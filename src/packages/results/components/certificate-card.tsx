import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LabelValueRow } from '@/components/label-value-row'
import { CERTIFICATE_RESULT_WORDS } from '@/contract/results/data'
import type { IssuedResult } from '@/contract/results/schemas'
import { formatDate } from '@/utils/format'
import { certificatePage } from '../words'

/** A certificate result: the e-certificate now in the wallet (已放入您的证照夹), with the way to it. */
export function CertificateCard({ result }: { result: IssuedResult }) {
  const certificate = result.certificate!
  return (
    <View className='gm-card gm-result-card' ariaRole='region' ariaLabel={result.title}>
      <Text className='gm-card__title'>{`电子${certificate.typeName}`}</Text>
      <Text className='gm-hint'>{`${CERTIFICATE_RESULT_WORDS}，可在“电子证照”中出示和查看用证记录。`}</Text>
      <LabelValueRow label='证照号码' value={certificate.number} />
      <LabelValueRow label='发证机关' value={result.department} />
      <LabelValueRow label='发证日期' value={formatDate(result.issuedAt)} />
      <Button className='gm-button' onClick={() => void Taro.navigateTo({ url: certificatePage(certificate.certificateId) })}>
        查看电子证照
      </Button>
    </View>
  )
}
