/**
 * 事项: the catalogue with the content audit's findings on each item, the guide editor (every
 * section; lists one per line, materials / FAQ / form as JSON), publish / retire, aliases, and
 * JSON import where every bad field is listed and nothing is applied until all are right.
 */
import { Alert, App, Button, Drawer, Form, Input, InputNumber, List, Select, Space, Table, Tag, Upload } from 'antd'
import { useState } from 'react'
import type { EditorService, EditorServiceList } from '../../../src/contract/console/schemas'
import type { ImportResult, ServiceItemImport } from '../../../src/contract/services/schemas'
import { type ApiError, type ApiFieldError, get, post, put } from '../api'
import { describeFinding, fieldWords, sectionsOf } from '../ui/findings'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

type Summary = EditorServiceList['items'][number]
const STATUS_NAMES: Record<string, string> = { draft: '草稿', published: '已发布', retired: '已下线' }

export default function Services() {
  const { message } = App.useApp()
  const loaded = useLoad(() => get<EditorServiceList>('/api/operator/services'))
  const [editing, setEditing] = useState<string | null>(null)
  const [filter, setFilter] = useState('')
  const [importErrors, setImportErrors] = useState<ApiFieldError[] | null>(null)

  const changeStatus = async (code: string, action: 'publish' | 'retire') => {
    try {
      await post(`/api/operator/services/${encodeURIComponent(code)}/${action}`)
      message.success(action === 'publish' ? '已发布' : '已下线')
      loaded.reload()
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  const importFile = async (file: File) => {
    setImportErrors(null)
    let items: unknown
    try {
      items = JSON.parse(await file.text())
    } catch {
      setImportErrors([{ field: '文件', message: '不是有效的 JSON，请检查文件格式' }])
      return false
    }
    try {
      const result = await post<ImportResult>('/api/operator/services/import', items as unknown[])
      message.success(`导入成功：新增 ${result.inserted} 项，更新 ${result.updated} 项`)
      loaded.reload()
    } catch (error) {
      const failure = error as ApiError
      setImportErrors(failure.errors.length ? failure.errors : [{ field: failure.field ?? '文件', message: failure.message }])
    }
    return false
  }

  return (
    <>
      <PageTitle
        extra={
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={importFile}>
            <Button>导入 JSON</Button>
          </Upload>
        }
      >
        事项
      </PageTitle>
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors(null)}
          style={{ marginBottom: 16 }}
          message={`导入未执行：共 ${importErrors.length} 处错误，改正后重新导入（没有任何事项被修改）`}
          description={
            <List size="small" dataSource={importErrors} renderItem={(error) => <List.Item>{error.item ? `${error.item} · ` : ''}{fieldWords(error.field)}：{error.message}</List.Item>} />
          }
        />
      )}
      <Input.Search aria-label="按名称、编码或部门筛选" placeholder="按名称、编码或部门筛选" allowClear style={{ width: 320, marginBottom: 16 }} onChange={(event) => setFilter(event.target.value)} />
      <PageState loaded={loaded} isEmpty={(data) => data.items.length === 0} empty="目录中还没有事项，可导入 JSON">
        {(data) => (
          <Table<Summary>
            rowKey="code"
            size="middle"
            dataSource={data.items.filter((item) => !filter || `${item.name}${item.code}${item.department}`.includes(filter))}
            columns={[
              { title: '编码', dataIndex: 'code' },
              { title: '名称', dataIndex: 'name', render: (name: string, item) => <Button type="link" onClick={() => setEditing(item.code)}>{name}</Button> },
              { title: '部门', dataIndex: 'department' },
              { title: '状态', dataIndex: 'status', render: (status: string) => <Tag>{STATUS_NAMES[status] ?? status}</Tag> },
              {
                title: '内容检查',
                dataIndex: 'findings',
                render: (findings: Summary['findings']) =>
                  findings.length === 0 ? <span>无问题</span> : (
                    <ul style={{ margin: 0, paddingLeft: 16, color: '#8a4b00' }}>
                      {findings.map((finding) => <li key={finding.rule + finding.message}>{describeFinding(finding)}</li>)}
                    </ul>
                  ),
              },
              {
                title: '操作',
                render: (_, item) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(item.code)}>编辑</Button>
                    {item.status !== 'published' && <Button size="small" onClick={() => changeStatus(item.code, 'publish')}>发布</Button>}
                    {item.status === 'published' && <Button size="small" danger onClick={() => changeStatus(item.code, 'retire')}>下线</Button>}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </PageState>
      <Drawer open={editing !== null} onClose={() => setEditing(null)} width={720} title="编辑办事指南" destroyOnHidden>
        {editing && <Editor code={editing} onSaved={loaded.reload} />}
      </Drawer>
    </>
  )
}

/** Lists edited one per line; structured sections as JSON (the same shape as the import). */
const LINE_FIELDS = ['conditions'] as const
const JSON_FIELDS = ['materials', 'faq', 'formSchema'] as const

function toForm(guide: ServiceItemImport): Record<string, unknown> {
  const values: Record<string, unknown> = { ...guide }
  for (const field of LINE_FIELDS) values[field] = (guide[field] ?? []).join('\n')
  for (const field of JSON_FIELDS) values[field] = guide[field] === undefined ? '' : JSON.stringify(guide[field], null, 2)
  return values
}

function fromForm(values: Record<string, unknown>, original: ServiceItemImport): { guide?: ServiceItemImport; errors: ApiFieldError[] } {
  const guide: Record<string, unknown> = { ...original, ...values }
  const errors: ApiFieldError[] = []
  for (const field of LINE_FIELDS) guide[field] = String(values[field] ?? '').split('\n').map((line) => line.trim()).filter(Boolean)
  for (const field of JSON_FIELDS) {
    const text = String(values[field] ?? '').trim()
    if (!text) {
      delete guide[field]
      continue
    }
    try {
      guide[field] = JSON.parse(text)
    } catch {
      errors.push({ field, message: '不是有效的 JSON' })
    }
  }
  if (!guide.contactPhone) delete guide.contactPhone
  return { guide: errors.length ? undefined : (guide as unknown as ServiceItemImport), errors }
}

function Editor({ code, onSaved }: { code: string; onSaved: () => void }) {
  const { message } = App.useApp()
  const loaded = useLoad(() => get<EditorService>(`/api/operator/services/${encodeURIComponent(code)}`), code)
  const [errors, setErrors] = useState<ApiFieldError[]>([])
  const [form] = Form.useForm()
  const save = async (values: Record<string, unknown>) => {
    const original = loaded.data!.guide as unknown as ServiceItemImport
    const { guide, errors: local } = fromForm(values, original)
    setErrors(local)
    if (!guide) return
    try {
      await put<EditorService>(`/api/operator/services/${encodeURIComponent(code)}`, guide as unknown as Record<string, unknown>)
      message.success('已保存')
      loaded.reload()
      onSaved()
    } catch (error) {
      const failure = error as ApiError
      setErrors(failure.errors.length ? failure.errors : [{ field: failure.field ?? '', message: failure.message }])
    }
  }
  const errorOf = (field: string) => errors.filter((error) => error.field === field || error.field.startsWith(`${field}[`) || error.field.startsWith(`${field}.`)).map((error) => error.message).join('；') || undefined
  // The audit's findings also mark the field they concern (a warning: saving is still allowed).
  const flagged = new Set((loaded.data?.findings ?? []).flatMap(sectionsOf))
  const item = (name: string, label: string, control: React.ReactNode) => (
    <Form.Item name={name} label={label} validateStatus={errorOf(name) ? 'error' : flagged.has(name) ? 'warning' : undefined} help={errorOf(name) ?? (flagged.has(name) ? '内容检查：请补全此项' : undefined)}>
      {control}
    </Form.Item>
  )
  return (
    <PageState loaded={loaded}>
      {(data) => (
        <>
          {data.findings.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="内容检查发现的问题" description={<ul style={{ margin: 0 }}>{data.findings.map((finding) => <li key={finding.rule + finding.message}>{describeFinding(finding)}</li>)}</ul>} />
          )}
          {errors.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message="未保存，请改正以下内容" description={<ul style={{ margin: 0 }}>{errors.map((error) => <li key={error.field + error.message}>{fieldWords(error.field)}：{error.message}</li>)}</ul>} />}
          <Form form={form} layout="vertical" initialValues={toForm(data.guide as unknown as ServiceItemImport)} onFinish={save} key={data.updatedAt}>
            {item('name', '事项名称', <Input />)}
            {item('aliases', '别名（搜索同义词）', <Select mode="tags" aria-label="别名" />)}
            {item('department', '实施部门', <Input />)}
            {item('region', '行政区划', <Input />)}
            {item('legalBasis', '设定依据', <Input.TextArea rows={3} />)}
            {item('conditions', '受理条件（每行一条）', <Input.TextArea rows={4} />)}
            {item('materials', '申请材料（JSON）', <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />)}
            {item('fees', '收费标准', <Input.TextArea rows={2} />)}
            {item('timeLimitDays', '承诺时限（工作日，0 为即办）', <InputNumber min={0} max={365} />)}
            {item('counterAddress', '办理地点', <Input />)}
            {item('counterHours', '办理时间', <Input />)}
            {item('contactPhone', '咨询电话', <Input />)}
            {item('faq', '常见问题（JSON）', <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />)}
            {item('formSchema', '在线申请表单（JSON，仅全程网办事项）', <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />)}
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        </>
      )}
    </PageState>
  )
}
