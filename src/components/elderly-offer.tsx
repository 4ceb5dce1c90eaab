import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores/context'

/**
 * Shown once, inline on the home page, when the system font is large: an offer, not a
 * pop-up, so nothing covers the page and nothing disappears on a timer.
 */
export const ElderlyOffer = observer(function ElderlyOffer() {
  const { ui } = useStores()
  if (!ui.shouldOfferElderlyMode) return null
  return (
    <View className='gm-card gm-offer' ariaRole='region' ariaLabel='开启长辈模式的建议'>
      <Text className='gm-card__title'>要开启长辈模式吗？</Text>
      <Text className='gm-card__text'>您的手机字体较大。长辈模式字更大、按钮更大，常用服务排在最前面。以后也可以在“我的—设置”里切换。</Text>
      <View className='gm-offer__actions'>
        <Button className='gm-button' onClick={() => ui.answerElderlyOffer(true)}>开启长辈模式</Button>
        <Button className='gm-button gm-button--secondary' onClick={() => ui.answerElderlyOffer(false)}>不用了</Button>
      </View>
    </View>
  )
})
