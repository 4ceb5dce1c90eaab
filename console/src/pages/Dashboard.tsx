/**
 * 需求看板: what citizens want right now. A snapshot then every citizen action arrives over
 * SSE (ui/liveFeed.ts) — no polling. Zero-result searches can become a service's alias
 * (content editors), closing the loop from citizens' words to the catalogue.
 */
import { Alert, App, Badge, Card, Col, List, Modal, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd'
import { lazy, Suspense, useState } from 'react'
import type { Dashboard as DashboardData, EditorServiceList, LiveActivity } from '../../../src/contract/console/schemas'
import { type ApiError, get, post } from '../api'
import { mayOpen } from '../routes'
import { session } from '../session'
import { PageTitle } from '../ui/PageState'
import { useLiveDashboard } from '../ui/liveFeed'

// ECharts is most of the page's weight: counters and tables show while it loads.
const MinuteChart = lazy(() => import('../ui/MinuteChart').then((module) => ({ default: module.MinuteChart })))

const KIND_NAMES: Record<LiveActivity['kind'], string> = {
  view: '浏览',
  search: '搜索',
  search_zero: '搜索无结果',
  application_start: '开始申请',
  application_submit: '提交申请',
  evaluation: '评价',
}
const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`)
const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN')

export default function Dashboard() {
  const { dashboard, recent, state } = useLiveDashboard()
  return (
    <>
      <PageTitle extra={<Badge status={state === 'live' ? 'success' : 'warning'} text={state === 'live' ? '实时' : state === 'connecting' ? '连接中…' : '连接中断，正在重连…'} />}>
        需求看板
      </PageTitle>
      {!dashboard ? (
        state === 'reconnecting' ? (
          <Alert type="error" showIcon role="alert" message="实时数据暂时无法连接" description="正在自动重连；如持续出现，请检查网络或重新登录。" />
        ) : (
          <Spin tip="加载中…" style={{ display: 'block', margin: '64px auto' }}><div style={{ height: 80 }} /></Spin>
        )
      ) : (
        <Board dashboard={dashboard} recent={recent} />
      )}
    </>
  )
}

function Board({ dashboard, recent }: { dashboard: DashboardData; recent: LiveActivity[] }) {
  const [aliasFor, setAliasFor] = useState<string | null>(null)
  const canEdit = mayOpen({ roles: ['content_editor'] }, session.roles())
  const lastHour = dashboard.perMinute.reduce((sum, minute) => ({ views: sum.views + minute.views, searches: sum.searches + minute.searches, starts: sum.starts + minute.starts, submissions: sum.submissions + minute.submissions }), { views: 0, searches: 0, starts: 0, submissions: 0 })
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {dashboard.calendarWarnings.map((warning) => (
        <Alert key={warning.year} type="warning" showIcon message={`工作日历 ${warning.year} 年`} description={warning.message} />
      ))}
      <Row gutter={16}>
        {(
          [
            ['views', '浏览'],
            ['searches', '搜索'],
            ['starts', '开始申请'],
            ['submissions', '提交申请'],
          ] as const
        ).map(([key, label]) => (
          <Col span={6} key={key}>
            <Card size="small">
              <Statistic title={`今日${label}`} value={dashboard.totals[key]} />
              <Typography.Text type="secondary">最近一小时 {lastHour[key]}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col span={16}>
          <Card size="small" title="最近一小时（每分钟）">
            <Suspense fallback={<Spin tip="图表加载中…"><div style={{ height: 280 }} /></Spin>}>
              <MinuteChart minutes={dashboard.perMinute} />
            </Suspense>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="实时动态" styles={{ body: { height: 280, overflow: 'auto' } }}>
            <List
              size="small"
              locale={{ emptyText: '打开看板后还没有新的市民操作' }}
              dataSource={recent}
              renderItem={(activity) => (
                <List.Item>
                  {time(activity.at)} {KIND_NAMES[activity.kind]} {activity.serviceName ?? ''} {activity.query ? `「${activity.query}」` : ''}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="最受关注的事项">
            <Table size="small" rowKey="code" pagination={false} dataSource={dashboard.topServices} locale={{ emptyText: '暂无浏览' }}
              columns={[{ title: '事项', dataIndex: 'name' }, { title: '浏览', dataIndex: 'views', align: 'right' }]} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="搜索无结果">
            <Table size="small" rowKey="query" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={dashboard.zeroResultSearches} locale={{ emptyText: '没有搜索无结果的词' }}
              columns={[
                { title: '搜索词', dataIndex: 'query' },
                { title: '次数', dataIndex: 'count', align: 'right' },
                { title: '最近', dataIndex: 'lastAt', render: time },
                ...(canEdit ? [{ title: '操作', render: (_: unknown, row: { query: string }) => <a role="button" tabIndex={0} onClick={() => setAliasFor(row.query)} onKeyDown={(event) => event.key === 'Enter' && setAliasFor(row.query)}>添加为事项别名</a> }] : []),
              ]} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="放弃申请（开始后未提交）">
            <Table size="small" rowKey="code" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={dashboard.abandonment} locale={{ emptyText: '暂无申请' }}
              columns={[{ title: '事项', dataIndex: 'name' }, { title: '开始', dataIndex: 'starts', align: 'right' }, { title: '提交', dataIndex: 'submissions', align: 'right' }, { title: '放弃率', dataIndex: 'rate', align: 'right', render: percent }]} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="办结用时与承诺时限（工作日）">
            <Table size="small" rowKey="code" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={dashboard.timeToFinish} locale={{ emptyText: '暂无办结' }}
              columns={[
                { title: '事项', dataIndex: 'name' },
                { title: '中位用时', dataIndex: 'medianWorkingDays', align: 'right', render: (value: number | null) => (value === null ? '—' : value) },
                { title: '承诺', dataIndex: 'promisedWorkingDays', align: 'right' },
              ]} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="各部门满意度">
            <Table size="small" rowKey="department" pagination={false} dataSource={dashboard.satisfaction} locale={{ emptyText: '暂无评价' }}
              columns={[
                { title: '部门', dataIndex: 'department' },
                { title: '评价数', dataIndex: 'count', align: 'right' },
                { title: '平均分', dataIndex: 'average', align: 'right', render: (value: number | null) => (value === null ? '—' : value.toFixed(2)) },
                { title: '差评占比', dataIndex: 'badShare', align: 'right', render: percent },
              ]} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="无人问津的事项（30 天无浏览）">
            <Table size="small" rowKey="code" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={dashboard.deadServices} locale={{ emptyText: '没有' }}
              columns={[{ title: '事项', dataIndex: 'name' }, { title: '最后浏览', dataIndex: 'lastViewAt', render: (value: string | null) => (value ? new Date(value).toLocaleDateString('zh-CN') : '从未') }]} />
          </Card>
        </Col>
      </Row>
      <AliasModal query={aliasFor} onClose={() => setAliasFor(null)} />
    </Space>
  )
}

function AliasModal({ query, onClose }: { query: string | null; onClose: () => void }) {
  const { message } = App.useApp()
  const [code, setCode] = useState<string>()
  const [services, setServices] = useState<EditorServiceList['items'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (query !== null && services === null && error === null) {
    get<EditorServiceList>('/api/operator/services').then((list) => setServices(list.items), (failure: ApiError) => setError(failure.message))
  }
  const submit = async () => {
    if (!code || query === null) return
    try {
      await post(`/api/operator/services/${encodeURIComponent(code)}/aliases`, { alias: query })
      message.success(`已把「${query}」添加为别名，市民现在能搜到该事项`)
      setCode(undefined)
      onClose()
    } catch (failure) {
      setError((failure as ApiError).message)
    }
  }
  return (
    <Modal open={query !== null} title={`把「${query ?? ''}」添加为事项别名`} okText="添加" cancelText="取消" okButtonProps={{ disabled: !code }} onOk={submit} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <label htmlFor="alias-service" style={{ display: 'block', marginBottom: 8 }}>
        选择事项
      </label>
      <Select
        id="alias-service"
        showSearch
        optionFilterProp="label"
        loading={services === null && !error}
        style={{ width: '100%' }}
        value={code}
        onChange={setCode}
        options={(services ?? []).filter((item) => item.status === 'published').map((item) => ({ value: item.code, label: `${item.name}（${item.department}）` }))}
      />
    </Modal>
  )
}
