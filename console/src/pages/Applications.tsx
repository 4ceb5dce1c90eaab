/**
 * 办件: the reviewer's queue. Status, service, department and deadline filter on the server
 * (over every page). Detail drawer with the masked values (one shown in full only after an
 * explicit, audited 查看完整信息, hidden again when the drawer closes), materials and
 * timeline; the transitions the API allows from each status; bulk 受理.
 */
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../src/contract/applications/data'
import type { OperatorApplication, OperatorApplicationPage, OperatorDueFilter } from '../../../src/contract/applications/schemas'
import type { ApplicationReveal } from '../../../src/contract/console/schemas'
import type { ServiceFacets, ServiceList } from '../../../src/contract/services/schemas'
import { type ApiError, get, post, query } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'
import ApplicationResult from './ApplicationResult'
import ApplicationUploads from './ApplicationUploads'

/** The status words of the contract (src/contract/applications/data.ts): one table for citizen and console. */
const STATUS_NAMES = APPLICATION_STATUSES
/** What a reviewer may do from each status (server/applications/transitions.ts decides). */
type Action = { to: ApplicationStatus; label: string; needsReason?: boolean; needsItems?: boolean; danger?: boolean }
/** 补正 names what is missing (the API requires it); the time limit waits until the citizen answers. */
const SUPPLEMENT: Action = { to: 'supplement_requested', label: '补正', needsItems: true }
const ACTIONS: Partial<Record<ApplicationStatus, Action[]>> = {
  submitted: [
    { to: 'accepted', label: '受理' },
    SUPPLEMENT,
    { to: 'rejected', label: '不予受理', needsReason: true, danger: true },
  ],
  accepted: [{ to: 'reviewing', label: '开始审核' }, SUPPLEMENT],
  reviewing: [
    { to: 'completed', label: '办结' },
    SUPPLEMENT,
    { to: 'denied', label: '不予许可', needsReason: true, danger: true },
  ],
}

type Due = '' | OperatorDueFilter

/** Items and departments to filter by: the published catalogue, plus any item seen in the queue (retired since). */
function useFilterOptions(items: readonly OperatorApplication[]) {
  const [services, setServices] = useState<Map<string, string>>(new Map())
  const [departments, setDepartments] = useState<string[]>([])
  useEffect(() => {
    // Public catalogue reads: options only, so a failure leaves the filters to what the queue shows.
    void get<ServiceList>(`/api/services${query({ onlineLevel: 'full_online', limit: 50 })}`)
      .then((list) => setServices((known) => new Map([...list.items.map((item) => [item.code, item.name] as const), ...known])))
      .catch(() => undefined)
    void get<ServiceFacets>('/api/services/facets')
      .then((facets) => setDepartments((known) => [...new Set([...facets.departments.map((facet) => facet.name), ...known])]))
      .catch(() => undefined)
  }, [])
  useEffect(() => {
    if (items.some((item) => !services.has(item.itemCode))) setServices((known) => new Map([...known, ...items.map((item) => [item.itemCode, item.itemName] as const)]))
    if (items.some((item) => !departments.includes(item.department))) setDepartments((known) => [...new Set([...known, ...items.map((item) => item.department)])])
  }, [items, services, departments])
  return { services: [...services.entries()], departments }
}

export default function Applications() {
  const { message } = App.useApp()
  const [status, setStatus] = useState<ApplicationStatus | ''>('submitted')
  const [page, setPage] = useState(1)
  const [service, setService] = useState<string>('')
  const [department, setDepartment] = useState<string>('')
  const [due, setDue] = useState<Due>('')
  const [selected, setSelected] = useState<string[]>([])
  const [open, setOpen] = useState<OperatorApplication | null>(null)
  const [reasonFor, setReasonFor] = useState<{ application: OperatorApplication; to: ApplicationStatus; label: string } | null>(null)
  const [supplementFor, setSupplementFor] = useState<OperatorApplication | null>(null)
  const loaded = useLoad(
    () => get<OperatorApplicationPage>(`/api/operator/applications${query({ status, service, department, due, page, pageSize: 50 })}`),
    `${status}|${service}|${department}|${due}|${page}`,
  )

  const shown = loaded.data?.items ?? []
  const { services, departments } = useFilterOptions(shown)
  /** A filter changed: back to its first page, nothing selected. */
  const refilter = <T,>(set: (value: T) => void) => (value: T) => (set(value), setPage(1), setSelected([]))

  const transition = async (application: OperatorApplication, to: ApplicationStatus, reason?: string, missingItems?: string[]) => {
    try {
      const updated = await post<OperatorApplication>(`/api/operator/applications/${application.id}/transition`, { to, ...(reason ? { reason } : {}), ...(missingItems ? { missingItems } : {}) })
      message.success(`${application.number}：${updated.statusName}`)
      if (open?.id === application.id) setOpen(updated)
      loaded.reload()
      return true
    } catch (error) {
      message.error((error as ApiError).message)
      return false
    }
  }
  const act = (application: OperatorApplication, action: Action) =>
    action.needsItems ? setSupplementFor(application) : action.needsReason ? setReasonFor({ application, to: action.to, label: action.label }) : void transition(application, action.to)

  const bulkAccept = async () => {
    const chosen = shown.filter((item) => selected.includes(item.id) && item.status === 'submitted')
    let done = 0
    for (const application of chosen) if (await post(`/api/operator/applications/${application.id}/transition`, { to: 'accepted' }).then(() => true, () => false)) done++
    message.info(`批量受理：成功 ${done} 件${chosen.length - done ? `，失败 ${chosen.length - done} 件（可能已被他人处理）` : ''}`)
    setSelected([])
    loaded.reload()
  }

  return (
    <>
      <PageTitle>办件</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label="状态" style={{ width: 140 }} value={status} onChange={refilter(setStatus)}
          options={[{ value: '', label: '全部状态' }, ...Object.entries(STATUS_NAMES).map(([value, label]) => ({ value, label }))]} />
        <Select aria-label="事项" style={{ width: 220 }} value={service} onChange={refilter(setService)} showSearch optionFilterProp="label" options={[{ value: '', label: '全部事项' }, ...services.map(([value, label]) => ({ value, label }))]} />
        <Select aria-label="部门" style={{ width: 180 }} value={department} onChange={refilter(setDepartment)} options={[{ value: '', label: '全部部门' }, ...departments.map((value) => ({ value, label: value }))]} />
        <Select aria-label="时限" style={{ width: 180 }} value={due} onChange={refilter(setDue)}
          options={[{ value: '', label: '全部时限' }, { value: 'overdue', label: '已超期' }, { value: 'within1', label: '1 个工作日内到期' }]} />
        <Button type="primary" disabled={!selected.length || status !== 'submitted'} onClick={bulkAccept}>
          批量受理（{selected.length}）
        </Button>
      </Space>
      <PageState loaded={loaded}>
        {(data) => (
          <Table<OperatorApplication>
            rowKey="id"
            size="middle"
            dataSource={shown}
            loading={loaded.loading}
            locale={{ emptyText: '没有符合条件的申请' }}
            rowSelection={status === 'submitted' ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), // Spread onto the <input> by antd; its props type does not list aria attributes.
              getCheckboxProps: (record) => ({ 'aria-label': `选择 ${record.number}` }) as object } : undefined}
            pagination={{ current: page, pageSize: 50, total: data.total, onChange: setPage, showSizeChanger: false }}
            onRow={(record) => ({ onKeyDown: (event) => event.key === 'Enter' && event.target === event.currentTarget && setOpen(record), tabIndex: 0 })}
            columns={[
              { title: '受理编号', dataIndex: 'number', render: (number: string, record) => <Button type="link" onClick={() => setOpen(record)}>{number}</Button> },
              { title: '事项', dataIndex: 'itemName' },
              { title: '部门', dataIndex: 'department' },
              { title: '申请人', render: (_, record) => record.applicant.name },
              { title: '状态', dataIndex: 'statusName', render: (name: string) => <Tag>{name}</Tag> },
              { title: '提交时间', dataIndex: 'submittedAt', render: (at: string) => new Date(at).toLocaleString('zh-CN') },
              { title: '时限', render: (_, record) => <Countdown application={record} /> },
              {
                title: '操作',
                render: (_, record) => (
                  <Space>
                    {(ACTIONS[record.status] ?? []).map((action) => (
                      <Button key={action.to} size="small" danger={action.danger} onClick={() => act(record, action)}>
                        {action.label}
                      </Button>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </PageState>
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={560} title={open ? `办件 ${open.number}` : ''}>
        {/* Keyed by id: a revealed value never carries over to another application, and closing forgets it. */}
        {open && <Detail key={open.id} application={open} onAct={(action) => act(open, action)} />}
      </Drawer>
      <SupplementModal
        application={supplementFor}
        onClose={() => setSupplementFor(null)}
        onSubmit={async (items) => supplementFor && (await transition(supplementFor, 'supplement_requested', undefined, items)) && setSupplementFor(null)}
      />
      <ReasonModal target={reasonFor} onClose={() => setReasonFor(null)} onSubmit={async (reason) => reasonFor && (await transition(reasonFor.application, reasonFor.to, reason)) && setReasonFor(null)} />
    </>
  )
}

function Countdown({ application }: { application: OperatorApplication }) {
  const colour = application.overdue ? 'red' : application.workingDaysLeft !== null && application.workingDaysLeft <= 1 ? 'orange' : undefined
  return <Typography.Text style={colour ? { color: colour === 'red' ? '#b00020' : '#8a4b00' } : undefined}>{application.deadlineText}</Typography.Text>
}

/** A masked value (张*伟, 110***…) shown in full only after this click; the server audits it before answering. */
function Revealable({ applicationId, field }: { applicationId: string; field: OperatorApplication['values'][number] }) {
  const { message } = App.useApp()
  const [full, setFull] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Focus moves to the button that replaces the one pressed, so the keyboard (Escape closes the drawer) never loses its place.
  const [moved, setMoved] = useState(false)
  const masked = typeof field.value === 'string' && field.value.includes('*')
  const reveal = async () => {
    setBusy(true)
    try {
      const answer = await post<ApplicationReveal>(`/api/operator/applications/${applicationId}/reveal`, { key: field.key })
      setFull(String(answer.value))
      setMoved(true)
    } catch (error) {
      message.error((error as ApiError).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Space wrap>
      <span>{full ?? field.value}</span>
      {masked && full === null && (
        <Button size="small" loading={busy} onClick={reveal} autoFocus={moved} aria-label={`查看完整信息：${field.label}`}>
          查看完整信息
        </Button>
      )}
      {full !== null && (
        <Button size="small" onClick={() => setFull(null)} autoFocus aria-label={`隐藏：${field.label}`}>
          隐藏
        </Button>
      )}
    </Space>
  )
}

function Detail({ application, onAct }: { application: OperatorApplication; onAct: (action: Action) => void }) {
  return (
    <>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="事项">{application.itemName}</Descriptions.Item>
        <Descriptions.Item label="部门">{application.department}</Descriptions.Item>
        <Descriptions.Item label="申请人">{application.applicant.name}（{application.applicant.idNumber}）</Descriptions.Item>
        <Descriptions.Item label="状态">{application.statusName}</Descriptions.Item>
        <Descriptions.Item label="时限">{application.deadlineText}</Descriptions.Item>
        {application.supplementItems && <Descriptions.Item label="待补正">{application.supplementItems.join('；')}</Descriptions.Item>}
        {application.values.map((value) => (
          <Descriptions.Item key={value.key} label={value.label}>
            <Revealable applicationId={application.id} field={value} />
            {value.sourceLabel ? `（${value.sourceLabel}）` : ''}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {application.status === 'completed' && (
        <>
          <h2 style={{ fontSize: 16, marginTop: 24 }}>办理结果</h2>
          <ApplicationResult applicationId={application.id} />
        </>
      )}
      <h2 style={{ fontSize: 16, marginTop: 24 }}>材料</h2>
      {application.materials.length === 0 ? <p>无</p> : (
        <ul>
          {application.materials.map((material) => (
            <li key={material.name}>
              {material.name}（{material.provision === 'certificate' ? '电子证照' : material.provision === 'upload' ? '在线上传' : '窗口提交'}）
            </li>
          ))}
        </ul>
      )}
      <h2 style={{ fontSize: 16, marginTop: 24 }}>上传的材料</h2>
      <ApplicationUploads applicationId={application.id} />
      <h2 style={{ fontSize: 16, marginTop: 24 }}>办理过程</h2>
      <Timeline
        items={application.timeline.map((event) => ({
          children: (
            <>
              {event.statusName} · {new Date(event.at).toLocaleString('zh-CN')}
              {event.reason && <div>{event.reason}</div>}
            </>
          ),
        }))}
      />
      <Space>
        {(ACTIONS[application.status] ?? []).map((action) => (
          <Button key={action.to} type={action.danger ? 'default' : 'primary'} danger={action.danger} onClick={() => onAct(action)}>
            {action.label}
          </Button>
        ))}
      </Space>
    </>
  )
}

function ReasonModal({ target, onClose, onSubmit }: { target: { label: string } | null; onClose: () => void; onSubmit: (reason: string) => Promise<unknown> }) {
  const [form] = Form.useForm<{ reason: string }>()
  return (
    <Modal open={target !== null} title={target ? `${target.label}：填写理由` : ''} okText="确定" cancelText="取消" onCancel={onClose} onOk={() => form.validateFields().then(({ reason }) => onSubmit(reason))} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="理由会通知申请人，请写清原因和可以怎么做。" />
      <Form form={form} layout="vertical">
        <Form.Item label="理由" name="reason" rules={[{ required: true, min: 2, max: 500, message: '请填写 2–500 字的理由' }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 补正: what is missing, one item a line (a material of this application or anything else); each line is one item the citizen reads. */
function SupplementModal({ application, onClose, onSubmit }: { application: OperatorApplication | null; onClose: () => void; onSubmit: (items: string[]) => Promise<unknown> }) {
  const [form] = Form.useForm<{ items: string }>()
  const lines = (text: string | undefined) => (text ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '')
  const materials = (application?.materials ?? []).map((material) => material.name)
  return (
    <Modal open={application !== null} title="补正：写明缺少的材料或信息" okText="发送补正通知" cancelText="取消" onCancel={onClose} onOk={() => form.validateFields().then(({ items }) => onSubmit(lines(items)))} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="申请人会收到通知并看到这些内容；补正期间不计算办理时限。" />
      <Form form={form} layout="vertical">
        <Form.Item
          label="缺少的材料或信息"
          name="items"
          extra={`每行一项，每项不超过 100 字，最多 20 项${materials.length ? `。本件材料：${materials.join('、')}` : ''}`}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const items = lines(value)
                if (items.length === 0 || items.length > 20) return Promise.reject(new Error('请至少写明一项（最多 20 项）'))
                if (items.some((item) => item.length > 100)) return Promise.reject(new Error('每项不超过 100 字'))
                return Promise.resolve()
              },
            },
          ]}
        >
          <Input.TextArea rows={5} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
