import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FeatureEntry } from '@/features'

/** `onOpen` records the feature for 最近使用 before its page opens. */
export function FeatureGrid({ entries, onOpen }: { entries: FeatureEntry[]; onOpen?: (key: string) => void }) {
  return (
    <View className='gm-grid'>
      {entries.map((entry) => (
        <View
          key={entry.key}
          className='gm-grid__item'
          ariaRole='button'
          onClick={() => {
            onOpen?.(entry.key)
            void Taro.navigateTo({ url: entry.url })
          }}
        >
          <View className='gm-grid__glyph' aria-hidden='true'>
            <Text>{entry.glyph}</Text>
          </View>
          <Text className='gm-grid__title'>{entry.title}</Text>
        </View>
      ))}
    </View>
  )
}
