/**
 * 办理结果 in the 办件 drawer of a finished application: what 办结 delivered (the proof's code and
 * status, the money paid to a masked account, or the paper result's delivery), and for a paper
 * result the citizen chose to receive by EMS, the waybill number the department fills in; for money,
 * the amount the department paid out (the forms do not state it: the department decides it).
 */
import { App, Button, Descriptions, Form, Input, InputNumber, Space } from 'antd'
import { DELIVERY_METHODS, PROOF_STATUS_WORDS, RESULT_KINDS, TRACKING_NUMBER_PATTERN } from '../../../src/contract/results/data'
import type { OperatorResult } from '../../../src/contract/results/schemas'
import { type ApiError, get, post } from '../api'
import { useLoad } from '../ui/useLoad'

export default function ApplicationResult({ applicationId }: { applicationId: string }) {
  const { message } = App.useApp()
  const loaded = useLoad(() => get<OperatorResult>(`/api/operator/applications/${applicationId}/result`), applicationId)
  const [form] = Form.useForm<{ trackingNumber: string }>()
  const [payoutForm] = Form.useForm<{ yuan: number }>()
  const result = loaded.data?.result
  if (loaded.loading && !loaded.data) return <p>正在加载办理结果…</p>
  if (loaded.error) return <p role="alert">{loaded.error.message}</p>
  if (!result) return <p>该事项办结后没有在线交付的结果（以窗口办理为准）。</p>

  const save = async ({ trackingNumber }: { trackingNumber: string }) => {
    try {
      await post<OperatorResult>(`/api/operator/applications/${applicationId}/result/tracking`, { trackingNumber: trackingNumber.trim() })
      message.success('运单号已保存，申请人可在“我的证明”中查看')
      loaded.reload()
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  const savePayout = async ({ yuan }: { yuan: number }) => {
    try {
      await post<OperatorResult>(`/api/operator/applications/${applicationId}/result/payout`, { amountCents: Math.round(yuan * 100) })
      message.success('发放金额已保存，申请人可在“我的证明”中查看')
      loaded.reload()
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  const delivery = result.physical?.delivery
  return (
    <>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="结果">{`${result.title}（${RESULT_KINDS[result.kind]}）`}</Descriptions.Item>
        {result.proof && <Descriptions.Item label="验证码">{`${result.proof.code} · ${PROOF_STATUS_WORDS[result.proof.status]}`}</Descriptions.Item>}
        {result.money && <Descriptions.Item label="发放">{`${result.money.amountCents === null ? '金额未填写' : `${(result.money.amountCents / 100).toFixed(2)} 元`} → ${result.money.account ?? '未填写收款账户'}`}</Descriptions.Item>}
        {result.physical && <Descriptions.Item label="领取方式">{delivery ? DELIVERY_METHODS[delivery.method] : '申请人尚未选择'}</Descriptions.Item>}
        {delivery?.method === 'ems' && <Descriptions.Item label="收件">{`${delivery.recipient ?? ''} ${delivery.phone ?? ''} ${delivery.address ?? ''}`}</Descriptions.Item>}
        {delivery?.method === 'ems' && <Descriptions.Item label="运单号">{delivery.trackingNumber ?? '未填写'}</Descriptions.Item>}
      </Descriptions>
      {result.money && result.money.amountCents === null && (
        <Form form={payoutForm} layout="inline" onFinish={savePayout} style={{ marginTop: 12 }}>
          <Space align="start">
            <Form.Item name="yuan" label="已发放金额（元）" rules={[{ required: true, message: '请填写已发放的金额' }]}>
              <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">保存发放金额</Button>
          </Space>
        </Form>
      )}
      {delivery?.method === 'ems' && !delivery.trackingNumber && (
        <Form form={form} layout="inline" onFinish={save} style={{ marginTop: 12 }}>
          <Space align="start">
            <Form.Item
              name="trackingNumber"
              label="EMS运单号"
              rules={[{ required: true, message: '请填写运单号' }, { pattern: new RegExp(TRACKING_NUMBER_PATTERN), message: '13位，如 EA123456789CN' }]}
            >
              <Input placeholder="EA123456789CN" maxLength={13} />
            </Form.Item>
            <Button type="primary" htmlType="submit">保存运单号</Button>
          </Space>
        </Form>
      )}
    </>
  )
}
