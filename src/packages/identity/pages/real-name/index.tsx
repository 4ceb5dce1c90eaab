import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { normaliseIdNumber } from '@/contract/id-number'
import { AlertText } from '@/components/alert-text'
import { Screen } from '@/components/screen'
import { levelLabel, WHY_FACE } from '@/identity-levels'
import { ApiError } from '@/platform/api-error'
import { useStores } from '@/stores/context'
import { validateRealName, type RealNameErrors } from '@/packages/identity/real-name-form'

/**
 * Real-name verification: name + ID number (L3), then the platform's face verification (L4).
 * The ID number stays in this page's memory only, for the face step, and is never stored.
 */
function RealNamePage() {
  const { session } = useStores()
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [serverError, setServerError] = useState<ApiError | undefined>(undefined)
  const level = session.level
  const errors: RealNameErrors = validateRealName(name, idNumber, submitted)
  const fieldError = (field: 'name' | 'idNumber') => errors[field] ?? (serverError?.field === `body.${field}` ? serverError.message : undefined)

  const run = async (action: () => Promise<void>) => {
    setSubmitted(true)
    if (Object.keys(validateRealName(name, idNumber, true)).length > 0) return
    setBusy(true)
    setServerError(undefined)
    try {
      await action()
    } catch (error) {
      setServerError(error instanceof ApiError ? error : new ApiError('INTERNAL'))
    } finally {
      setBusy(false)
    }
  }
  const submitRealName = () => run(() => session.submitRealName(name.trim(), normaliseIdNumber(idNumber)))
  const verifyFace = () => run(() => session.verifyFace(name.trim(), normaliseIdNumber(idNumber)))

  if (level >= 4) {
    return (
      <Screen>
        <View className='gm-section gm-card' ariaRole='status'>
          <Text className='gm-card__title'>{levelLabel(level)}</Text>
          <Text className='gm-card__text'>已确认是您本人。现在可以查看健康码、社保、电子证照，办理个人事项了。</Text>
          <Button className='gm-button' onClick={() => Taro.navigateBack()}>完成</Button>
        </View>
      </Screen>
    )
  }

  return (
    <Screen>
      {level >= 3 ? (
        <View className='gm-section gm-card' ariaRole='status'>
          <Text className='gm-card__title'>身份信息核对一致，还差一步</Text>
          <Text className='gm-card__text'>{WHY_FACE}</Text>
          <Text className='gm-card__text'>请再次核对姓名和身份证号码，然后开始人脸核验。</Text>
        </View>
      ) : (
        <View className='gm-section gm-card'>
          <Text className='gm-card__text'>实名认证分两步：先核对姓名和身份证号码，再通过人脸核验确认是您本人。两步都完成后，才能查看健康码、社保、电子证照等个人信息。</Text>
        </View>
      )}
      <View className='gm-section gm-form'>
        <Text className='gm-form__label'>姓名</Text>
        <Input className='gm-input' ariaLabel='姓名' placeholder='与身份证一致' value={name} maxlength={30} onInput={(event) => setName(event.detail.value)} />
        {fieldError('name') && <AlertText>{fieldError('name') ?? ''}</AlertText>}
        <Text className='gm-form__label'>身份证号码</Text>
        <Input className='gm-input' ariaLabel='身份证号码' placeholder='18位，最后一位可以是X' type='idcard' value={idNumber} maxlength={18} onInput={(event) => setIdNumber(event.detail.value)} />
        {fieldError('idNumber') && <AlertText>{fieldError('idNumber') ?? ''}</AlertText>}
        {serverError && !serverError.field && (
          <AlertText>{serverError.message}</AlertText>
        )}
        {/*
          Busy is said in the button's words, not with Taro's \`loading\` spinner: on H5 the spinner is
          inserted by the button's own renderer, which threw NotFoundError (insertBefore) when the
          verified page replaced the button while that render was still queued.
        */}
        {level < 3 ? (
          <Button className='gm-button' disabled={busy || undefined} onClick={submitRealName}>{busy ? '正在核对…' : '提交认证'}</Button>
        ) : (
          <Button className='gm-button' disabled={busy || undefined} onClick={verifyFace}>{busy ? '正在核验…' : '开始人脸核验'}</Button>
        )}
        <Text className='gm-hint'>您的身份证号码只用于核验身份，传输加密，页面和记录中只显示部分号码。</Text>
      </View>
    </Screen>
  )
}

export default observer(RealNamePage)
