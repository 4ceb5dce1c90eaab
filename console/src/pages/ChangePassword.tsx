import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import type { OperatorSession } from '../../../src/contract/operators/schemas'
import { type ApiError, post } from '../api'
import { session } from '../session'

/** The API's rule (src/contract/operators PASSWORD_MIN_LENGTH); a value, so not imported (types only from the contract). */
const PASSWORD_MIN_LENGTH = 12

/** Own password change; `forced` after a first login with an initial password (nothing else is reachable). */
export default function ChangePassword({ forced }: { forced: boolean }) {
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const navigate = useNavigate()
  const logout = async () => {
    await post('/api/operator/logout').catch(() => undefined)
    session.end()
    navigate('/login')
  }
  const submit = async (values: { currentPassword: string; newPassword: string; confirm: string }) => {
    setError(null)
    try {
      // Every session ends on a change; the reply is the new one.
      const reply = await post<OperatorSession>('/api/operator/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword })
      session.start(reply, false)
      setDone(true)
      // Forced: the login already went to the page asked for (or a 403 kept it): stay, or return there.
      const back = forced ? session.takeReturnTo() : null
      if (back) navigate(back, { replace: true })
    } catch (failure) {
      setError((failure as ApiError).message)
    }
  }
  return (
    <div style={forced ? { minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' } : undefined}>
      <Card style={{ width: 440 }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          修改密码
        </Typography.Title>
        {forced && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="您的密码由管理员设置，请先修改为只有您知道的密码，修改后才能使用后台。" />}
        {done && <Alert type="success" showIcon style={{ marginBottom: 16 }} message="密码已修改，其他设备上的登录已退出。" />}
        {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} />}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`至少 ${PASSWORD_MIN_LENGTH} 位，不能与用户名相同`}
            rules={[{ required: true, min: PASSWORD_MIN_LENGTH, message: `新密码至少 ${PASSWORD_MIN_LENGTH} 位` }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            修改密码
          </Button>
        </Form>
        {forced && (
          // Nothing else is reachable before the change: the way out must be here.
          <Button block style={{ marginTop: 12 }} onClick={logout}>
            退出登录
          </Button>
        )}
      </Card>
    </div>
  )
}
