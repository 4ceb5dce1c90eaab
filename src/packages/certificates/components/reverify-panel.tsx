import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '@/contract/id-number'
import { useFeatureStore } from '@/stores/context'
import { certificatesStore } from '@/packages/certificates/stores/certificates-store'

/**
 * Shown in place when the server asked for a fresh verification before 查看 / 亮证 / 授权:
 * the citizen types their ID number again (checked against their record by the server),
 * and the action they asked for then runs by itself. Inline, never a pop-up. The number
 * lives only in this component's state and is dropped once sent.
 */
export const ReverifyPanel = observer(function ReverifyPanel({ action }: { action: string }) {
  const certificates = useFeatureStore(certificatesStore)
  const [idNumber, setIdNumber] = useState('')
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const needed = certificates.recheck.verificationNeeded
  if (!needed || needed.action !== action) return null

  const submit = async () => {
    const value = normaliseIdNumber(idNumber)
    const found = value ? idNumberProblem(value) : 'length'
    if (found) {
      setProblem(value ? ID_NUMBER_MESSAGES[found] : '请输入身份证号码')
      return
    }
    setProblem(undefined)
    if (await certificates.recheck.reverify(value)) setIdNumber('')
  }

  return (
    <View className='gm-cert-reverify' ariaRole='region' ariaLabel='验证身份'>
      <View ariaRole='alert'>
        <Text className='gm-card__title'>{`${needed.action}前需要验证身份`}</Text>
      </View>
      <Text className='gm-card__text'>为保护您的证照信息，请输入您本人的身份证号码。验证通过后5分钟内可继续操作。</Text>
      <Text className='gm-form__label'>身份证号码</Text>
      <Input
        className='gm-input'
        ariaLabel='身份证号码'
        placeholder='18位，最后一位可以是X'
        type='idcard'
        value={idNumber}
        maxlength={18}
        onInput={(event) => setIdNumber(event.detail.value)}
      />
      {problem && <AlertText>{problem}</AlertText>}
      {certificates.recheck.reverifyError && <AlertText>{certificates.recheck.reverifyError.message}</AlertText>}
      <Button className='gm-button' loading={certificates.recheck.reverifying} disabled={certificates.recheck.reverifying || undefined} onClick={() => void submit()}>
        验证并继续
      </Button>
      <Button className='gm-button gm-button--secondary' onClick={() => certificates.recheck.cancelVerification()}>
        取消
      </Button>
    </View>
  )
})
