import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { LabelValueRow } from '@/components/label-value-row'
import { QrCanvas } from '@/components/qr-canvas'
import { PROOF_STATUS_WORDS } from '@/contract/results/data'
import type { IssuedResult } from '@/contract/results/schemas'
import { useFeatureStore } from '@/stores/context'
import { copyText } from '@/utils/copy-text'
import { formatDate } from '@/utils/format'
import { resultsStore } from '../results-store'

const QR_SIZE = 200

/** An issued proof: its status in words, what it states, the QR others scan, the PDF and the link to share. */
export const ProofCard = observer(function ProofCard({ result }: { result: IssuedResult }) {
  const results = useFeatureStore(resultsStore)
  const [copied, setCopied] = useState<boolean | undefined>(undefined)
  const proof = result.proof!
  const busy = results.downloadCall.busy
  return (
    <View className='gm-card gm-result-card' ariaRole='region' ariaLabel={result.title}>
      <Text className='gm-card__title'>{result.title}</Text>
      <Text className={`gm-result-status gm-result-status--${proof.status}`}>{`状态：${PROOF_STATUS_WORDS[proof.status]}`}</Text>
      <Text className='gm-result-statement'>{proof.statement}</Text>
      <LabelValueRow label='持证人' value={`${proof.holderName}（${proof.holderIdNumber}）`} />
      <LabelValueRow label='出具单位' value={result.department} />
      <LabelValueRow label='出具日期' value={formatDate(result.issuedAt)} />
      <LabelValueRow label='有效期至' value={formatDate(proof.expiresAt)} />
      <View className='gm-result-qr'>
        <Text className='gm-result-meta'>验证码</Text>
        <Text className='gm-result-code'>{proof.code}</Text>
        <QrCanvas id='result-proof-qr' text={proof.verifyUrl} size={QR_SIZE} label={`${result.title}核验二维码，验证码${proof.code.split('').join(' ')}`} />
        <Text className='gm-hint'>需要核验的单位用手机扫描二维码，即可看到证明是否有效，无需登录。</Text>
        <Text className='gm-result-link' userSelect>{proof.verifyUrl}</Text>
      </View>
      {results.downloadError && <AlertText>{results.downloadError.message}</AlertText>}
      {results.opened && !busy && <View ariaRole='status'><Text className='gm-hint'>已打开证明文件，可转发或保存；如未看到，请查看手机的下载内容。</Text></View>}
      {/* Busy said in words: Taro's H5 Button `loading` throws when the page unmounts during it. */}
      <Button className='gm-button' onClick={() => void results.openPdf()}>{busy ? '正在准备证明文件…' : '下载证明文件（PDF）'}</Button>
      <Button className='gm-button gm-button--secondary' onClick={() => void copyText(proof.verifyUrl).then(setCopied)}>
        {copied === undefined ? '复制核验链接' : copied ? '核验链接已复制' : '无法复制，请长按上方链接'}
      </Button>
    </View>
  )
})
