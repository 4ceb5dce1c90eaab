import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { LoadView } from '@/stores/load-state'
import type { ErrorCode } from '@/contract/errors'
import { LOGIN_PAGE, REAL_NAME_PAGE } from '@/identity-levels'
import { formatClock } from '@/utils/format'
import { ReadAloud } from './read-aloud'

/** Errors that a step of the citizen's own fixes, rather than a retry. */
function nextStep(code: ErrorCode | undefined): { title: string; action: string; url: string } | undefined {
  if (code === 'REAL_NAME_REQUIRED') return { title: '需要实名认证', action: '去认证', url: REAL_NAME_PAGE }
  if (code === 'UNAUTHENTICATED') return { title: '需要登录', action: '去登录', url: LOGIN_PAGE }
  return undefined
}

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
    const next = nextStep(state.error?.code)
    return (
      <View className='gm-state gm-state--error' ariaRole='alert'>
        <Text className='gm-state__title'>{next ? next.title : state.offline ? '网络未连接' : '加载失败'}</Text>
        <Text className='gm-state__text'>{state.error?.message}</Text>
        <ReadAloud id='page-error' subject='错误信息' text={`${next ? next.title : state.offline ? '网络未连接' : '加载失败'}。${state.error?.message ?? ''}`} />
        {next ? (
          <Button className='gm-button' onClick={() => Taro.navigateTo({ url: next.url })}>{next.action}</Button>
        ) : (
          <Button className='gm-button' onClick={onRetry} ariaLabel='重新加载'>重试</Button>
        )}
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
          <ReadAloud id='page-stale' subject='错误信息' text={`${state.offline ? '网络未连接' : '刷新失败'}，显示的是 ${formatClock(state.loadedAt)} 加载的内容。`} />
          <Button className='gm-button gm-button--small' onClick={onRetry} ariaLabel='重新加载'>重试</Button>
        </View>
      )}
      {children}
    </View>
  )
})
