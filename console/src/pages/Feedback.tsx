/** 诉求: complaints, suggestions and questions, replied to once and closed with a note the citizen reads (numbers in the text are masked by the API). */
import { App, Button, Form, Input, Modal, Select, Space, Table } from 'antd'
import { useState } from 'react'
import type { OperatorFeedback, OperatorFeedbackList } from '../../../src/contract/evaluations/schemas'
import { type ApiError, get, post, query } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

export default function Feedback() {
  const { message } = App.useApp()
  const [status, setStatus] = useState('open')
  const [replying, setReplying] = useState<OperatorFeedback | null>(null)
  const [closing, setClosing] = useState<OperatorFeedback | null>(null)
  const [form] = Form.useForm<{ reply: string }>()
  const [closeForm] = Form.useForm<{ note: string }>()
  const loaded = useLoad(() => get<OperatorFeedbackList>(`/api/operator/feedback${query({ status, limit: 100 })}`), status)
  const reply = async ({ reply: text }: { reply: string }) => {
    try {
      await post(`/api/operator/feedback/${replying!.id}/reply`, { reply: text })
      message.success('已回复')
      setReplying(null)
      loaded.reload()
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  const close = async ({ note }: { note: string }) => {
    try {
      await post(`/api/operator/feedback/${closing!.id}/close`, { note })
      message.success('已办结')
      setClosing(null)
      loaded.reload()
    } catch (error) {
      const failure = error as ApiError
      if (failure.field === 'body.note') closeForm.setFields([{ name: 'note', errors: [failure.message] }])
      else message.error(failure.message)
    }
  }
  return (
    <>
      <PageTitle
        extra={<Select aria-label="状态" value={status} onChange={setStatus} style={{ width: 140 }} options={[{ value: 'open', label: '待回复' }, { value: 'answered', label: '已回复' }, { value: 'closed', label: '已办结' }]} />}
      >
        诉求
      </PageTitle>
      <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty="没有这个状态的诉求">
        {(data) => (
          <Table<OperatorFeedback>
            rowKey="id"
            dataSource={data.items}
            columns={[
              { title: '类型', dataIndex: 'kindName' },
              { title: '分类', dataIndex: 'categoryName' },
              { title: '内容', dataIndex: 'text' },
              { title: '事项', dataIndex: 'itemName', render: (name: string | null) => name ?? '—' },
              { title: '市民', dataIndex: 'citizenName', render: (name: string | null) => name ?? '未实名' },
              { title: '时间', dataIndex: 'createdAt', render: (at: string) => new Date(at).toLocaleString('zh-CN') },
              { title: '回复', render: (_, row) => row.reply ?? (row.status === 'open' ? <Button size="small" type="primary" onClick={() => (form.resetFields(), setReplying(row))}>回复</Button> : '—') },
              {
                title: '办结',
                render: (_, row) =>
                  row.status === 'closed' ? (
                    (row.closingNote ?? '市民已确认')
                  ) : (
                    <Space>
                      <Button size="small" onClick={() => (closeForm.resetFields(), setClosing(row))}>
                        办结
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </PageState>
      <Modal open={replying !== null} title="回复诉求" okText="发送回复" cancelText="取消" onCancel={() => setReplying(null)} onOk={() => form.submit()}>
        <p>{replying?.text}</p>
        <Form form={form} layout="vertical" onFinish={reply}>
          <Form.Item name="reply" label="回复（市民可见）" rules={[{ required: true, message: '请填写回复' }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={closing !== null} title="办结诉求" okText="办结" cancelText="取消" onCancel={() => setClosing(null)} onOk={() => closeForm.submit()}>
        <p>{closing?.text}</p>
        <Form form={closeForm} layout="vertical" onFinish={close}>
          <Form.Item
            name="note"
            label="办结说明（市民可见）"
            extra="2–1000 字，写明如何处理的，例如已电话联系、已转交承办部门"
            rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: '请填写办结说明（2–1000 字）' }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
