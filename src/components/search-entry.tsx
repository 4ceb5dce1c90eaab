import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { SERVICE_SEARCH_URL } from '@/features'

/**
 * A search box that is really a button: tapping it opens the search page (in the services
 * subpackage), so the main package carries no search code at all.
 */
export function SearchEntry({ hint = '搜索办事服务，如：身份证、社保' }: { hint?: string }) {
  return (
    // Named by its visible text (the hint starts with 搜索办事服务); the glyph is decoration.
    <View className='gm-search-entry' ariaRole='button' onClick={() => Taro.navigateTo({ url: SERVICE_SEARCH_URL })}>
      <Text className='gm-search-entry__icon' aria-hidden='true'>
        搜
      </Text>
      <Text className='gm-search-entry__hint'>{hint}</Text>
    </View>
  )
}
