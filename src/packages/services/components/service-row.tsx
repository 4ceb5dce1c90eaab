import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ServiceSummary } from '@/contract/services/schemas'
import { OnlineBadge } from './online-badge'
import { guideUrl } from '@/packages/services/words'

/** One catalogue entry; the whole row opens its guide and is named by its visible text. */
export function ServiceRow({ item, elderly }: { item: ServiceSummary; elderly: boolean }) {
  return (
    <View className='gm-svc-item' ariaRole='button' onClick={() => Taro.navigateTo({ url: guideUrl(item.code) })}>
      <Text className='gm-svc-item__name'>{item.name}</Text>
      <View className='gm-svc-item__meta'>
        <OnlineBadge level={item.onlineLevel} name={item.onlineLevelName} />
        <Text>{item.department}</Text>
        {/* Elderly mode: fewer words per row; the guide has the rest. */}
        {!elderly && <Text>{`承诺时限 ${item.timeLimitText}`}</Text>}
      </View>
    </View>
  )
}
