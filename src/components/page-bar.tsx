import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { TAB_PAGES } from '@/tab-pages'

/** A page's own title (its index.config.ts navigationBarTitleText), read once it shows. */
function currentTitle(): string {
  return Taro.getCurrentInstance().page?.config?.navigationBarTitleText ?? ''
}

function goBack(): void {
  // Opened directly (a shared link, a reload): nothing to go back to, so go home.
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: TAB_PAGES[0]!.url })
}

/**
 * The title and back control a sub-page needs where the host draws none (the H5 preview:
 * platform.features.navigationBar === 'page'); the mini-programs' hosts draw their own.
 */
export function PageBar() {
  const [title, setTitle] = useState(currentTitle)
  useDidShow(() => setTitle(currentTitle()))
  return (
    <View className='gm-page-bar'>
      <View className='gm-page-bar__back' ariaRole='button' ariaLabel='返回' onClick={goBack}>
        <Text aria-hidden='true'>‹</Text>
        <Text className='gm-page-bar__back-word'>返回</Text>
      </View>
      <View className='gm-page-bar__title'>
        <Text>{title}</Text>
      </View>
    </View>
  )
}
