/**
 * 上传的材料 in the 办件 drawer: every version of the application's uploaded files (a 补正's
 * replacement beside the file it replaced), each opened through its own signed link. The link
 * lives a few minutes; one found expired at the click is fetched again instead of opened.
 */
import { App, Button, Table, type TableColumnsType } from 'antd'
import type { OperatorUpload, OperatorUploadList } from '../../../src/contract/uploads/schemas'
import { get } from '../api'
import { useLoad } from '../ui/useLoad'

const KIND_WORDS: Record<OperatorUpload['kind'], string> = { image: '照片', pdf: 'PDF' }

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)
/** Short cells kept on one line (3 KB broken after the number reads as two values). */
const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } })
const when = (at: string) => new Date(at).toLocaleString('zh-CN')

/** 第 n 版 per material, oldest first, as the server keeps them. */
function versions(items: readonly OperatorUpload[]): Map<string, number> {
  const numbers = new Map<string, number>()
  const seen = new Map<string, number>()
  for (const upload of [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const next = (seen.get(upload.material) ?? 0) + 1
    seen.set(upload.material, next)
    numbers.set(upload.id, next)
  }
  return numbers
}

export default function ApplicationUploads({ applicationId }: { applicationId: string }) {
  const { message } = App.useApp()
  const loaded = useLoad(() => get<OperatorUploadList>(`/api/operator/applications/${applicationId}/uploads`), applicationId)
  if (loaded.loading && !loaded.data) return <p>正在加载上传的材料…</p>
  if (loaded.error) return <p role="alert">{loaded.error.message}</p>
  const items = loaded.data?.items ?? []
  if (items.length === 0) return <p>申请人没有在线上传材料。</p>
  const number = versions(items)
  const columns: TableColumnsType<OperatorUpload> = [
    { title: '材料', dataIndex: 'material' },
    { title: '类型', onCell: oneLine, render: (_, upload) => KIND_WORDS[upload.kind] },
    { title: '大小', onCell: oneLine, render: (_, upload) => size(upload.size) },
    { title: '版本', onCell: oneLine, render: (_, upload) => `第 ${number.get(upload.id)} 版${upload.current ? '（当前）' : ''}` },
    { title: '替换于', render: (_, upload) => (upload.supersededAt ? when(upload.supersededAt) : '—') },
    {
      title: '文件',
      render: (_, upload) =>
        upload.purged || !upload.link ? (
          '已按保存期限删除'
        ) : (
          <Button
            size="small"
            href={upload.link.url}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={`查看：${upload.material} 第 ${number.get(upload.id)} 版`}
            onClick={(event) => {
              if (Date.parse(upload.link!.expiresAt) > Date.now()) return
              event.preventDefault()
              message.info('查看链接已过期，已重新获取，请再点一次“查看”')
              loaded.reload()
            }}
          >
            查看
          </Button>
        ),
    },
  ]
  return (
    <Table<OperatorUpload>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      // Headers on one line: the drawer is narrow, and 类型 broken over two lines reads as two words.
      columns={columns.map((column) => ({ ...column, onHeaderCell: oneLine }))}
    />
  )
}
