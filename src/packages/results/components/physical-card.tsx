import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AlertText } from '@/components/alert-text'
import { LabelValueRow } from '@/components/label-value-row'
import { DELIVERY_METHODS } from '@/contract/results/data'
import type { IssuedResult } from '@/contract/results/schemas'
import { useFeatureStore } from '@/stores/context'
import { resultsStore } from '../results-store'

/** A paper result: how it reaches the citizen (EMS to an address, or the counter) and, once posted, the waybill number. */
export const PhysicalCard = observer(function PhysicalCard({ result }: { result: IssuedResult }) {
  const results = useFeatureStore(resultsStore)
  const physical = result.physical!
  const delivery = physical.delivery
  const busy = results.deliveryCall.busy
  const posted = Boolean(delivery?.trackingNumber)
  // Once chosen, the form (with what was typed, in full) is put away; 修改领取方式 brings it back until it is posted.
  const [editing, setEditing] = useState(false)
  const choosing = !posted && (!delivery || editing)
  const choose = (method: 'ems' | 'counter') => {
    void results.chooseDelivery(method).then(() => {
      if (!results.deliveryError) setEditing(false)
    })
  }
  return (
    <View className='gm-card gm-result-card' ariaRole='region' ariaLabel={result.title}>
      <Text className='gm-card__title'>{result.title}</Text>
      {delivery ? (
        <View>
          <LabelValueRow label='领取方式' value={DELIVERY_METHODS[delivery.method]} strong />
          {delivery.method === 'ems' && <LabelValueRow label='收件人' value={`${delivery.recipient ?? ''} ${delivery.phone ?? ''}`} />}
          {delivery.method === 'ems' && <LabelValueRow label='收件地址' value={delivery.address ?? ''} />}
          {delivery.method === 'ems' && <LabelValueRow label='运单号' value={delivery.trackingNumber ?? '等待办理部门寄出'} />}
          {delivery.method === 'counter' && <LabelValueRow label='领取地点' value={physical.counterAddress} />}
        </View>
      ) : (
        <Text className='gm-card__text'>证件已制作完成，请选择领取方式。</Text>
      )}
      {choosing && physical.methods.includes('ems') && (
        <View className='gm-form'>
          <Text className='gm-form__label'>收件人</Text>
          <Input className='gm-input' ariaLabel='收件人姓名' placeholder='收件人姓名' maxlength={20} onInput={(event) => results.updateEms({ recipient: event.detail.value })} />
          <Text className='gm-form__label'>手机号码</Text>
          <Input className='gm-input' ariaLabel='收件人手机号码' type='number' placeholder='11位手机号码' maxlength={11} onInput={(event) => results.updateEms({ phone: event.detail.value })} />
          <Text className='gm-form__label'>收件地址</Text>
          <Input className='gm-input' ariaLabel='收件详细地址' placeholder='省市区街道门牌号' maxlength={120} onInput={(event) => results.updateEms({ address: event.detail.value })} />
          <Button className='gm-button' onClick={() => choose('ems')}>{busy ? '正在提交…' : '邮寄到这个地址（免费）'}</Button>
        </View>
      )}
      {choosing && physical.methods.includes('counter') && (
        <Button className='gm-button gm-button--secondary' onClick={() => choose('counter')}>到窗口领取</Button>
      )}
      {!choosing && !posted && (
        <Button className='gm-button gm-button--secondary' onClick={() => setEditing(true)}>修改领取方式</Button>
      )}
      {results.deliveryError && <AlertText>{results.deliveryError.message}</AlertText>}
    </View>
  )
})
