import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { LoadView } from '../stores/load-state'
import { formatClock } from '../utils/format'

interface PageStateProps {
  state: LoadView
  /** Shown when the data loaded but holds nothing. */
  emptyText: string
  onRetry: () => void
  children: ReactNode
}

/**
 * The four states of remote data in one place: loading, empty, error and offline.
 * Data already loaded stays visible when a refresh fails, labelled with its time.
 */
export const PageState = observer(function PageState({ state, emptyText, onRetry, children }: PageStateProps) {
  const hasData = state.data !== undefined
  if (!hasData && (state.status === 'idle' || state.status === 'loading')) {
    return (
      <View className='gm-state gm-state--loading' ariaRole='status'>
        <Text>正在加载…</Text>
      </View>
    )
  }
  if (!hasData && state.status === 'error') {
    return (
      <View className='gm-state gm-state--error' ariaRole='alert'>
        <Text className='gm-state__title'>{state.offline ? '网络未连接' : '加载失败'}</Text>
        <Text className='gm-state__text'>{state.error?.message}</Text>
        <Button className='gm-button' onClick={onRetry} ariaLabel='重新加载'>重试</Button>
      </View>
    )
  }
  if (state.empty) {
    return (
      <View className='gm-state gm-state--empty'>
        <Text className='gm-state__text'>{emptyText}</Text>
      </View>
    )
  }
  return (
    <View>
      {state.status === 'error' && state.loadedAt && (
        <View className='gm-stale' ariaRole='alert'>
          <Text>
            {state.offline ? '网络未连接' : '刷新失败'}，显示的是 {formatClock(state.loadedAt)} 加载的内容。
          </Text>
          <Button className='gm-button gm-button--small' onClick={onRetry} ariaLabel='重新加载'>重试</Button>
        </View>
      )}
      {children}
    </View>
  )
})
