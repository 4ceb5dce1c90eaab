/**
 * 健康状态: one change by ID number, or a CSV batch (idNumber,colour,reason). The batch is
 * previewed row by row here; the API applies all rows or none and lists every bad row, shown
 * beside the row it concerns.
 */
import { Alert, App, Button, Card, Form, Input, Radio, Space, Table, Upload } from 'antd'
import { useState } from 'react'
import type { BatchResult, OperatorHealthStatus } from '../../../src/contract/health-code/schemas'
import { type ApiError, type ApiFieldError, post } from '../api'
import { PageTitle } from '../ui/PageState'

const COLOURS = [
  { value: 'green', label: '绿码' },
  { value: 'yellow', label: '黄码' },
  { value: 'red', label: '红码' },
]

interface PreviewRow {
  row: number
  idNumber: string
  colour: string
  reason: string
}

/** Rows as the server numbers them: 1-based lines of the file, a header line counted if present. */
export function previewCsv(text: string): PreviewRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const rows: PreviewRow[] = []
  lines.forEach((line, index) => {
    if (!line.trim()) return
    const [idNumber = '', colour = '', ...reason] = line.split(',')
    if (index === 0 && /idNumber|身份证/i.test(idNumber)) return
    rows.push({ row: index + 1, idNumber: idNumber.trim().replace(/^(.{3}).*(.{4})$/, '$1***********$2'), colour: colour.trim(), reason: reason.join(',').trim() })
  })
  return rows
}

export default function Health() {
  const { message } = App.useApp()
  const [single, setSingle] = useState<OperatorHealthStatus | null>(null)
  const [csv, setCsv] = useState<string | null>(null)
  const [fileName, setFileName] = useState('')
  const [source, setSource] = useState('')
  const [errors, setErrors] = useState<ApiFieldError[]>([])
  const [outcome, setOutcome] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const changeOne = async (values: { idNumber: string; colour: string; reason: string; source: string }) => {
    try {
      setSingle(await post<OperatorHealthStatus>('/api/ops/health-statuses', values))
    } catch (error) {
      message.error((error as ApiError).message)
    }
  }
  const apply = async () => {
    if (!csv) return
    setBusy(true)
    setErrors([])
    setOutcome(null)
    try {
      const result = await post<BatchResult>('/api/ops/health-statuses/batch', { csv, source })
      setOutcome(`已全部应用：修改 ${result.applied} 人${result.unchanged ? `，${result.unchanged} 人原本就是该状态` : ''}`)
    } catch (error) {
      const failure = error as ApiError
      setErrors(failure.errors.length ? failure.errors : [{ row: 0, field: failure.field ?? '', message: failure.message }])
    } finally {
      setBusy(false)
    }
  }
  const rows = csv ? previewCsv(csv) : []
  const errorsOf = (row: number) => errors.filter((error) => error.row === row)
  const general = errors.filter((error) => !error.row || !rows.some((row) => row.row === error.row))

  return (
    <>
      <PageTitle>健康状态</PageTitle>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="单个调整" size="small">
          <Form layout="inline" onFinish={changeOne} style={{ rowGap: 12 }}>
            <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, len: 18, message: '请输入 18 位身份证号' }]}><Input style={{ width: 200 }} autoComplete="off" /></Form.Item>
            <Form.Item name="colour" label="状态" initialValue="green"><Radio.Group options={COLOURS} /></Form.Item>
            <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="source" label="来源" rules={[{ required: true, message: '请填写来源' }]}><Input style={{ width: 180 }} /></Form.Item>
            <Button type="primary" htmlType="submit">调整</Button>
          </Form>
          {single && <Alert style={{ marginTop: 12 }} type={single.changed ? 'success' : 'info'} showIcon message={`${single.name}（${single.idNumber}）：${COLOURS.find((c) => c.value === single.colour)?.label}${single.changed ? '，已调整' : '，原本就是该状态，未改动'}`} />}
        </Card>
        <Card title="批量调整（CSV：身份证号,状态,原因）" size="small">
          <Space wrap>
            <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={async (file) => (setCsv(await file.text()), setFileName(file.name), setErrors([]), setOutcome(null), false)}>
              <Button>选择 CSV 文件</Button>
            </Upload>
            <span>{fileName}</span>
            <Input aria-label="批次来源" placeholder="批次来源，如 市卫健委 2026-12-06 批次" value={source} onChange={(event) => setSource(event.target.value)} style={{ width: 320 }} />
            <Button type="primary" disabled={!csv || !source.trim() || rows.length === 0} loading={busy} onClick={apply}>全部应用</Button>
          </Space>
          {outcome && <Alert style={{ marginTop: 12 }} type="success" showIcon message={outcome} />}
          {errors.length > 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" message={`没有应用任何一行：${errors.length} 处错误，请改正文件后重新选择`} description={general.map((error) => <div key={error.field + error.message}>{error.message}</div>)} />}
          {csv && (
            <Table<PreviewRow>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="row"
              dataSource={rows}
              locale={{ emptyText: '文件中没有数据行' }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              rowClassName={(row) => (errorsOf(row.row).length ? 'row-error' : '')}
              columns={[
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '身份证号', dataIndex: 'idNumber' },
                { title: '状态', dataIndex: 'colour' },
                { title: '原因', dataIndex: 'reason' },
                { title: '问题', render: (_, row) => <span style={{ color: '#b00020' }}>{errorsOf(row.row).map((error) => error.message).join('；')}</span> },
              ]}
            />
          )}
        </Card>
      </Space>
    </>
  )
}
