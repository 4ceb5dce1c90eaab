/** 发布记录 (admin): both mini-programs' releases (releases/log.json) and the current build's preflight. */
import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd'
import type { ReleaseLog } from '../../../src/contract/console/schemas'
import { get } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

const PLATFORMS: Record<string, string> = { weapp: '微信小程序', alipay: '支付宝小程序' }

/** One platform's last preflight as scripts/release records it (releases/preflight.json). */
interface Preflight {
  version?: string
  mode?: string
  time?: string
  commit?: string
  passed?: boolean
  failures?: string[]
  sizes?: { main?: number; total?: number }
}

const kb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`)

/** Each platform's check in words: passed or not, for which version and build, and every failure. */
function PreflightResults({ recorded }: { recorded: Record<string, unknown> }) {
  const platforms = Object.entries(recorded).filter(([, value]) => value && typeof value === 'object') as [string, Preflight][]
  if (platforms.length === 0) return <Alert type="info" showIcon message="当前构建还没有发布前检查结果" />
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {platforms.map(([platform, check]) => (
        <Descriptions key={platform} size="small" bordered column={2} title={<Space>{PLATFORMS[platform] ?? platform}{check.passed ? <Tag>通过</Tag> : <Tag color="error">未通过</Tag>}</Space>}>
          <Descriptions.Item label="版本">{check.version ?? '—'}（{check.mode ?? '—'}）</Descriptions.Item>
          <Descriptions.Item label="检查时间">{check.time ? new Date(check.time).toLocaleString('zh-CN') : '—'}</Descriptions.Item>
          <Descriptions.Item label="主包 / 总大小">{`${kb(check.sizes?.main)} / ${kb(check.sizes?.total)}`}</Descriptions.Item>
          <Descriptions.Item label="提交">{check.commit ?? '—'}</Descriptions.Item>
          {(check.failures ?? []).length > 0 && (
            <Descriptions.Item label="未通过的项目" span={2}>
              <ul style={{ margin: 0, paddingLeft: 20 }}>{check.failures!.map((failure) => <li key={failure}>{failure}</li>)}</ul>
            </Descriptions.Item>
          )}
        </Descriptions>
      ))}
    </Space>
  )
}

export default function Releases() {
  const loaded = useLoad(() => get<ReleaseLog>('/api/operator/releases'))
  return (
    <>
      <PageTitle>发布记录</PageTitle>
      <PageState loaded={loaded}>
        {(data) => (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="当前构建的发布前检查">
              {data.preflight ? <PreflightResults recorded={data.preflight} /> : <Alert type="info" showIcon message="当前构建还没有发布前检查结果" />}
            </Card>
            <Table
              rowKey={(row) => row.platform + row.version + row.time}
              dataSource={data.items}
              locale={{ emptyText: '还没有发布记录' }}
              columns={[
                { title: '平台', dataIndex: 'platform', render: (platform: string) => PLATFORMS[platform] ?? platform },
                { title: '版本', dataIndex: 'version' },
                { title: '时间', dataIndex: 'time', render: (time: string) => new Date(time).toLocaleString('zh-CN') },
                { title: '说明', dataIndex: 'description' },
                { title: '方式', dataIndex: 'mode' },
                { title: '操作人', dataIndex: 'who' },
              ]}
            />
          </Space>
        )}
      </PageState>
    </>
  )
}
