/** 发布记录 (admin): both mini-programs' releases (releases/log.json) and the current build's preflight. */
import { Alert, Card, Space, Table } from 'antd'
import type { ReleaseLog } from '../../../src/contract/console/schemas'
import { get } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

const PLATFORMS: Record<string, string> = { weapp: '微信小程序', alipay: '支付宝小程序' }

export default function Releases() {
  const loaded = useLoad(() => get<ReleaseLog>('/api/operator/releases'))
  return (
    <>
      <PageTitle>发布记录</PageTitle>
      <PageState loaded={loaded}>
        {(data) => (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="当前构建的发布前检查">
              {data.preflight ? <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(data.preflight, null, 2)}</pre> : <Alert type="info" showIcon message="当前构建还没有发布前检查结果" />}
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
