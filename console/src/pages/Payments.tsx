/**
 * 缴费 (issue 21): orders by service and state (with the counts), refunds and how often the
 * platform was asked, and — for admins — each reconciliation run with every difference.
 * Amounts and order numbers only: no payer is shown.
 */
import { Select, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { PAYMENT_ORDER_STATUSES, PAYMENT_ORDER_STATUS_KEYS, type PaymentOrderStatus } from '../../../src/contract/payments/data'
import type { OperatorPaymentOrder, PaymentOrderPage, ReconciliationPage, ReconciliationView, RefundPage, RefundView } from '../../../src/contract/payments/schemas'
import { get, query } from '../api'
import { mayOpen } from '../routes'
import { session } from '../session'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

const when = (at: string | null) => (at ? new Date(at).toLocaleString('zh-CN') : '—')

function Orders() {
  const [itemCode, setItemCode] = useState<string | undefined>()
  const [status, setStatus] = useState<PaymentOrderStatus | undefined>()
  const loaded = useLoad(() => get<PaymentOrderPage>(`/api/operator/payments/orders${query({ itemCode, status, pageSize: 50 })}`), `${itemCode}|${status}`)
  const services = new Map((loaded.data?.counts ?? []).map((count) => [count.itemCode, count.itemName]))
  return (
    <>
      <div style={{ display: 'flex', gap: 12, marginBottom: 16 }}>
        <Select aria-label="事项" allowClear placeholder="全部事项" value={itemCode} onChange={setItemCode} style={{ width: 280 }} options={[...services].map(([value, label]) => ({ value, label }))} />
        <Select aria-label="状态" allowClear placeholder="全部状态" value={status} onChange={setStatus} style={{ width: 140 }} options={PAYMENT_ORDER_STATUS_KEYS.map((key) => ({ value: key, label: PAYMENT_ORDER_STATUSES[key] }))} />
      </div>
      <PageState loaded={loaded} isEmpty={(data) => data.counts.length === 0} empty="还没有缴费单">
        {(data) => (
          <>
            <Table
              size="small"
              rowKey={(row) => `${row.itemCode}-${row.status}`}
              pagination={false}
              style={{ marginBottom: 24 }}
              dataSource={data.counts}
              columns={[
                { title: '事项', dataIndex: 'itemName' },
                { title: '状态', dataIndex: 'status', render: (value: PaymentOrderStatus) => <Tag>{PAYMENT_ORDER_STATUSES[value]}</Tag> },
                { title: '笔数', dataIndex: 'count' },
              ]}
            />
            <Table<OperatorPaymentOrder>
              rowKey="orderNo"
              scroll={{ x: 'max-content' }}
              dataSource={data.items}
              pagination={false}
              columns={[
                { title: '缴费单号', dataIndex: 'orderNo' },
                { title: '受理编号', dataIndex: 'applicationNumber' },
                { title: '事项', dataIndex: 'itemName' },
                { title: '金额', dataIndex: 'amountText' },
                { title: '渠道', dataIndex: 'providerName' },
                { title: '状态', render: (_, row) => <Tag>{row.statusName}</Tag> },
                { title: '平台交易号', render: (_, row) => row.platformTradeNo ?? '—' },
                { title: '生成', render: (_, row) => when(row.createdAt) },
                { title: '支付', render: (_, row) => when(row.paidAt) },
              ]}
            />
          </>
        )}
      </PageState>
    </>
  )
}

function Refunds() {
  const loaded = useLoad(() => get<RefundPage>(`/api/operator/payments/refunds${query({ pageSize: 50 })}`), 'refunds')
  return (
    <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty="没有退款">
      {(data) => (
        <Table<RefundView>
          rowKey="refundNo"
          scroll={{ x: 'max-content' }}
          dataSource={data.items}
          pagination={false}
          columns={[
            { title: '退款单号', dataIndex: 'refundNo' },
            { title: '缴费单号', dataIndex: 'orderNo' },
            { title: '金额', dataIndex: 'amountText' },
            { title: '原因', dataIndex: 'reason' },
            { title: '状态', render: (_, row) => <Tag>{row.statusName}</Tag> },
            { title: '向平台申请次数', dataIndex: 'attempts' },
            { title: '申请', render: (_, row) => when(row.createdAt) },
            { title: '完成', render: (_, row) => when(row.finishedAt) },
          ]}
        />
      )}
    </PageState>
  )
}

function Reconciliations() {
  const loaded = useLoad(() => get<ReconciliationPage>(`/api/operator/payments/reconciliations${query({ pageSize: 50 })}`), 'reconciliations')
  return (
    <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty="还没有对账记录（每天运行 npm run payments:reconcile -- --date 日期）">
      {(data) => (
        <Table<ReconciliationView>
          rowKey="id"
          dataSource={data.items}
          pagination={false}
          expandable={{
            rowExpandable: (row) => row.differences.length > 0,
            expandedRowRender: (row) => (
              <ul style={{ margin: 0 }}>
                {row.differences.map((difference, index) => (
                  <li key={index}>{`${difference.kindName}：${difference.orderNo}，${difference.detail}`}</li>
                ))}
              </ul>
            ),
          }}
          columns={[
            { title: '账单日', dataIndex: 'billDate' },
            { title: '渠道', dataIndex: 'providerName' },
            { title: '一致', dataIndex: 'matched' },
            { title: '差异', render: (_, row) => (row.differences.length === 0 ? <Tag>无差异</Tag> : <Tag color="error">{`${row.differences.length} 处差异`}</Tag>) },
            { title: '对账时间', render: (_, row) => when(row.ranAt) },
          ]}
        />
      )}
    </PageState>
  )
}

export default function Payments() {
  const admin = mayOpen({ roles: ['admin'] }, session.roles())
  return (
    <>
      <PageTitle>缴费</PageTitle>
      <Tabs
        items={[
          { key: 'orders', label: '缴费单', children: <Orders /> },
          { key: 'refunds', label: '退款', children: <Refunds /> },
          ...(admin ? [{ key: 'reconciliations', label: '对账结果', children: <Reconciliations /> }] : []),
        ]}
      />
    </>
  )
}
