/** 运营人员 (admin): create operators, change roles, disable / enable, unlock, reset password, action history. */
import { App, Button, Checkbox, Drawer, Form, Input, Modal, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import type { OperatorAccount, OperatorActionList, OperatorList, OperatorRole } from '../../../src/contract/operators/schemas'
import { type ApiError, get, post } from '../api'
import { roleName } from '../Shell'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

const ROLES: OperatorRole[] = ['admin', 'content_editor', 'health_officer', 'reviewer', 'verifier']
const roleOptions = ROLES.map((role) => ({ value: role, label: roleName(role) }))

export default function Operators() {
  const { message } = App.useApp()
  const loaded = useLoad(() => get<OperatorList>('/api/operator/operators'))
  const [creating, setCreating] = useState(false)
  const [roles, setRoles] = useState<OperatorAccount | null>(null)
  const [resetting, setResetting] = useState<OperatorAccount | null>(null)
  const [history, setHistory] = useState<OperatorAccount | null>(null)
  const [createForm] = Form.useForm()
  const [rolesForm] = Form.useForm()
  const [resetForm] = Form.useForm()

  const call = async (path: string, body: Record<string, unknown> | undefined, done: string) => {
    try {
      await post(path, body)
      message.success(done)
      loaded.reload()
      return true
    } catch (error) {
      message.error((error as ApiError).message)
      return false
    }
  }
  return (
    <>
      <PageTitle extra={<Button type="primary" onClick={() => (createForm.resetFields(), setCreating(true))}>新建运营人员</Button>}>运营人员</PageTitle>
      <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0}>
        {(data) => (
          <Table<OperatorAccount>
            rowKey="id"
            dataSource={data.items}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '角色', dataIndex: 'roles', render: (list: OperatorRole[]) => list.map((role) => <Tag key={role}>{roleName(role)}</Tag>) },
              { title: '状态', render: (_, row) => (row.disabled ? <Tag>已停用</Tag> : row.lockedUntil && new Date(row.lockedUntil) > new Date() ? <Tag>登录受限</Tag> : row.mustChangePassword ? <Tag>待修改初始密码</Tag> : <Tag>正常</Tag>) },
              { title: '最近登录', dataIndex: 'lastLoginAt', render: (at: string | null) => (at ? new Date(at).toLocaleString('zh-CN') : '从未') },
              {
                title: '操作',
                render: (_, row) => (
                  <Space wrap>
                    <Button size="small" onClick={() => (rolesForm.setFieldsValue({ roles: row.roles }), setRoles(row))}>角色</Button>
                    {row.disabled ? (
                      <Button size="small" onClick={() => call(`/api/operator/operators/${row.id}/enable`, undefined, '已启用')}>启用</Button>
                    ) : (
                      <Button size="small" danger onClick={() => call(`/api/operator/operators/${row.id}/disable`, undefined, '已停用')}>停用</Button>
                    )}
                    <Button size="small" onClick={() => call(`/api/operator/operators/${row.id}/unlock`, undefined, '已解除登录限制')}>解锁</Button>
                    <Button size="small" onClick={() => (resetForm.resetFields(), setResetting(row))}>重置密码</Button>
                    <Button size="small" onClick={() => setHistory(row)}>操作记录</Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </PageState>
      <Modal open={creating} title="新建运营人员" okText="创建" cancelText="取消" onCancel={() => setCreating(false)} onOk={() => createForm.submit()}>
        <Form form={createForm} layout="vertical" onFinish={async (values) => (await call('/api/operator/operators', values, '已创建，首次登录时须修改初始密码')) && setCreating(false)}>
          <Form.Item name="username" label="用户名" extra="小写字母、数字、. _ -，3–32 位" rules={[{ required: true, pattern: /^[a-z0-9._-]{3,32}$/, message: '用户名为 3–32 位小写字母、数字、. _ -' }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, max: 50, message: '请填写姓名' }]}><Input /></Form.Item>
          <Form.Item name="password" label="初始密码" extra="至少 12 位；首次登录时须修改" rules={[{ required: true, min: 12, message: '初始密码至少 12 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}><RolesPicker label="角色" /></Form.Item>
        </Form>
      </Modal>
      <Modal open={roles !== null} title={`角色：${roles?.displayName ?? ''}`} okText="保存" cancelText="取消" onCancel={() => setRoles(null)} onOk={() => rolesForm.submit()}>
        <Form form={rolesForm} onFinish={async (values) => (await call(`/api/operator/operators/${roles!.id}/roles`, values, '角色已更新')) && setRoles(null)}>
          <Form.Item name="roles" label="角色"><RolesPicker label="角色" /></Form.Item>
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`重置密码：${resetting?.displayName ?? ''}`} okText="重置" cancelText="取消" onCancel={() => setResetting(null)} onOk={() => resetForm.submit()}>
        <Form form={resetForm} layout="vertical" onFinish={async (values) => (await call(`/api/operator/operators/${resetting!.id}/password`, values, '密码已重置，对方的登录已全部退出')) && setResetting(null)}>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, min: 12, message: '至少 12 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
      <Drawer open={history !== null} onClose={() => setHistory(null)} width={720} title={`操作记录：${history?.displayName ?? ''}`} destroyOnHidden>
        {history && <History id={history.id} />}
      </Drawer>
    </>
  )
}

function History({ id }: { id: string }) {
  const loaded = useLoad(() => get<OperatorActionList>(`/api/operator/operators/${id}/actions?limit=200`), id)
  return (
    <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty="还没有操作记录">
      {(data) => (
        <Table
          size="small"
          rowKey={(row) => row.occurredAt + row.event}
          dataSource={data.items}
          columns={[
            { title: '时间', dataIndex: 'occurredAt', render: (at: string) => new Date(at).toLocaleString('zh-CN') },
            { title: '操作', dataIndex: 'event' },
            { title: '结果', dataIndex: 'outcome', render: (outcome: string) => (outcome === 'success' ? '成功' : '失败') },
            { title: '详情', dataIndex: 'detail' },
          ]}
        />
      )}
    </PageState>
  )
}

/**
 * Role checkboxes as a labelled group. Form.Item hands its control aria-required and the like,
 * which a group of checkboxes may not carry (axe aria-allowed-attr): only value and onChange pass.
 */
function RolesPicker({ value, onChange, label }: { value?: OperatorRole[]; onChange?: (roles: OperatorRole[]) => void; label: string }) {
  return (
    <div role="group" aria-label={label}>
      <Checkbox.Group options={roleOptions} value={value} onChange={(roles) => onChange?.(roles as OperatorRole[])} />
    </div>
  )
}
