import { Button, Layout, Menu, Space, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { post } from './api'
import type { ConsoleRoute } from './routes'
import { session } from './session'
import { useSession } from './useSession'

const ROLE_NAMES: Record<string, string> = { admin: '管理员', content_editor: '内容编辑', health_officer: '卫健操作员', reviewer: '审核员', verifier: '核验员' }
export const roleName = (role: string) => ROLE_NAMES[role] ?? role

export function Shell({ routes, children }: { routes: readonly ConsoleRoute[]; children: ReactNode }) {
  const current = useSession()!
  const location = useLocation()
  const navigate = useNavigate()
  const logout = async () => {
    await post('/api/operator/logout').catch(() => undefined)
    session.end()
    navigate('/login')
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={180} theme="light" breakpoint="lg" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>政务运营后台</div>
        <nav aria-label="主菜单">
          <Menu
            mode="inline"
            selectedKeys={[location.pathname]}
            items={routes.map((route) => ({ key: route.path, label: <Link to={route.path}>{route.label}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', borderBottom: '1px solid #eee' }}>
          <Space>
            <Typography.Text>
              {current.operator.displayName}（{current.operator.roles.map(roleName).join('、')}）
            </Typography.Text>
            <Link to="/password">修改密码</Link>
            <Button onClick={logout}>退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
