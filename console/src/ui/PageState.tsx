import { Alert, Button, Empty, Spin } from 'antd'
import type { ReactNode } from 'react'
import type { Loaded } from './useLoad'

/**
 * The loading, error (with 重试) and empty states every page shows the same way; `children`
 * renders once there is data. Offline is an error whose message says so (see api.ts).
 */
export function PageState<T>({ loaded, isEmpty, empty, children }: { loaded: Loaded<T>; isEmpty?: (data: T) => boolean; empty?: string; children: (data: T) => ReactNode }) {
  if (loaded.error && loaded.data === undefined) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        message="加载失败"
        description={loaded.error.message}
        action={
          <Button onClick={loaded.reload} size="small">
            重试
          </Button>
        }
      />
    )
  }
  if (loaded.data === undefined) return <Spin tip="加载中…" style={{ display: 'block', margin: '64px auto' }}><div style={{ height: 80 }} /></Spin>
  if (isEmpty?.(loaded.data)) return <Empty description={empty ?? '暂无数据'} />
  return <>{children(loaded.data)}</>
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
      <h1 style={{ fontSize: 20, margin: 0 }}>{children}</h1>
      <div>{extra}</div>
    </div>
  )
}
