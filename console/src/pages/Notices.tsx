/** 公告: publish a notice now, retire a published one; the list shows retired ones too (filter by status). */
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import type { OperatorNotice, OperatorNoticeList } from '../../../src/contract/operators/schemas'
import { type ApiError, get, post, query } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

export default function Notices() {
  const { message } = App.useApp()
  const [creating, setCreating] = useState(false)
  const [form] = Form.useForm()
  const [status, setStatus] = useState<'' | OperatorNotice['status']>('')
  const loaded = useLoad(() => get<OperatorNoticeList>(`/api/operator/notices${query({ status: status || undefined, limit: 100 })}`), status)
  const publish = async (values: Record<string, string>) => {
    try {
      await post('/api/operator/notices', values)
      message.success('公告已发布')
      setCreating(false)
      form.resetFields()
      loaded.reload()
    } catch (error) {
      const failure = error as ApiError
      message.error(failure.message)
    }
  }
  const retire = async (id: number) => {
    try {
      await post(`/api/operator/notices/${id}/retire`)
      message.success('公告已撤下')
      loaded.reload()
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Select
              aria-label="状态"
              value={status}
              onChange={setStatus}
              style={{ width: 140 }}
              options={[{ value: '', label: '全部' }, { value: 'published', label: '展示中' }, { value: 'retired', label: '已撤下' }]}
            />
            <Button type="primary" onClick={() => setCreating(true)}>发布公告</Button>
          </Space>
        }
      >
        公告
      </PageTitle>
      <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty="没有这个状态的公告">
        {(data) => (
          <Table<OperatorNotice>
            rowKey="id"
            dataSource={data.items}
            columns={[
              { title: '标题', dataIndex: 'title' },
              { title: '摘要', dataIndex: 'summary' },
              { title: '发布部门', dataIndex: 'department' },
              { title: '发布时间', dataIndex: 'publishedAt', render: (at: string) => new Date(at).toLocaleString('zh-CN') },
              { title: '状态', dataIndex: 'status', render: (value: OperatorNotice['status']) => (value === 'published' ? <Tag>展示中</Tag> : <Tag>已撤下</Tag>) },
              {
                title: '操作',
                render: (_, notice) => notice.status === 'retired' ? '—' : (
                  <Popconfirm title="撤下后市民将看不到这条公告，确定吗？" okText="撤下" cancelText="取消" onConfirm={() => retire(notice.id)}>
                    <Button size="small" danger>撤下</Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </PageState>
      <Modal open={creating} title="发布公告" okText="发布" cancelText="取消" onCancel={() => setCreating(false)} onOk={() => form.submit()} width={640}>
        <Form form={form} layout="vertical" onFinish={publish}>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, max: 100, message: '请填写标题（100 字以内）' }]}><Input /></Form.Item>
          <Form.Item name="summary" label="摘要" rules={[{ required: true, whitespace: true, max: 200, message: '请填写摘要（200 字以内）' }]}><Input /></Form.Item>
          <Form.Item name="department" label="发布部门" rules={[{ required: true, whitespace: true, max: 50, message: '请填写发布部门' }]}><Input /></Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}><Input.TextArea rows={8} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}
