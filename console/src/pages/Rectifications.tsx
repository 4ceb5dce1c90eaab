/** 好差评: bad ratings awaiting an answer (rectification), answered once; the citizen may then re-rate. */
import { App, Button, Form, Input, Modal, Select, Table, Tag } from 'antd'
import { useState } from 'react'
import type { OperatorRectification, OperatorRectificationList } from '../../../src/contract/evaluations/schemas'
import { type ApiError, get, post, query } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

export default function Rectifications() {
  const { message } = App.useApp()
  const [status, setStatus] = useState('open')
  const [answering, setAnswering] = useState<OperatorRectification | null>(null)
  const [form] = Form.useForm<{ answer: string }>()
  const loaded = useLoad(() => get<OperatorRectificationList>(`/api/operator/rectifications${query({ status, limit: 100 })}`), status)
  const answer = async ({ answer: text }: { answer: string }) => {
    try {
      await post(`/api/operator/rectifications/${answering!.id}/answer`, { answer: text })
      message.success('已答复，市民可以重新评价')
      setAnswering(null)
      loaded.reload()
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  return (
    <>
      <PageTitle
        extra={<Select aria-label="状态" value={status} onChange={setStatus} style={{ width: 140 }} options={[{ value: 'open', label: '待整改' }, { value: 'answered', label: '已答复' }]} />}
      >
        好差评
      </PageTitle>
      <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty={status === 'open' ? '没有待答复的差评' : '暂无记录'}>
        {(data) => (
          <Table<OperatorRectification>
            rowKey="id"
            dataSource={data.items}
            columns={[
              { title: '受理编号', dataIndex: 'applicationNumber' },
              { title: '事项', dataIndex: 'itemName' },
              { title: '部门', dataIndex: 'department' },
              { title: '评价', render: (_, row) => <>{row.ratingName}{row.repeat && <Tag style={{ marginLeft: 8 }}>再次差评</Tag>}</> },
              { title: '问题', render: (_, row) => [...row.tags, row.reason, row.comment].filter(Boolean).join('；') },
              { title: '市民', dataIndex: 'citizenName' },
              { title: '收到', dataIndex: 'openedAt', render: (at: string) => new Date(at).toLocaleString('zh-CN') },
              { title: '答复', render: (_, row) => row.answer ?? <Button size="small" type="primary" onClick={() => (form.resetFields(), setAnswering(row))}>答复整改</Button> },
            ]}
          />
        )}
      </PageState>
      <Modal open={answering !== null} title="答复整改情况" okText="提交答复" cancelText="取消" onCancel={() => setAnswering(null)} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" onFinish={answer}>
          <Form.Item name="answer" label="答复（市民可见）" rules={[{ required: true, message: '请填写整改情况' }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
