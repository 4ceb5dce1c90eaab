import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import type { OperatorSession } from '../../../src/contract/operators/schemas'
import { type ApiError, post } from '../api'
import { session } from '../session'

/**
 * The API marks a session whose password someone else chose (an admin, the command line):
 * the console then shows only the change form (every other route is 403 until it is changed).
 */
export function mustChange(reply: OperatorSession): boolean {
  return reply.operator.mustChangePassword === true
}

export default function Login({ from, expired, onDone }: { from: string | null; expired: boolean; onDone: (to: string) => void }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true)
    setError(null)
    try {
      const reply = await post<OperatorSession>('/api/operator/login', values)
      const back = session.takeReturnTo() ?? from ?? '/'
      session.start(reply, mustChange(reply))
      onDone(back)
    } catch (failure) {
      const apiError = failure as ApiError
      // The API words lockout and throttling itself; the wait is added when it says how long.
      const wait = apiError.status === 429 && apiError.retryAfter ? `（请 ${apiError.retryAfter} 秒后再试）` : ''
      setError(`${apiError.message}${wait}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          政务运营后台
        </Typography.Title>
        {expired && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="长时间未操作，已自动退出。请重新登录，将回到刚才的页面。" />}
        {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  )
}
