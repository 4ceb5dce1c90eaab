/**
 * 工作日历 (admin): a year's public holidays and 调休 working weekends, which every promised
 * time limit counts with. Edited here, saved as a whole year (the API replaces it atomically).
 */
import { Alert, App, Button, DatePicker, Input, InputNumber, Select, Space, Table } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import type { CalendarEntry, CalendarYear } from '../../../src/contract/console/schemas'
import { type ApiError, get, put } from '../api'
import { PageState, PageTitle } from '../ui/PageState'
import { useLoad } from '../ui/useLoad'

export default function Calendar() {
  const { message } = App.useApp()
  const [year, setYear] = useState(new Date().getFullYear() + 1)
  const loaded = useLoad(() => get<CalendarYear>(`/api/operator/calendar?year=${year}`), String(year))
  const [entries, setEntries] = useState<CalendarEntry[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setEntries(loaded.data?.entries ?? []), [loaded.data])
  const update = (index: number, patch: Partial<CalendarEntry>) => setEntries((list) => list.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)))
  const save = async () => {
    setError(null)
    try {
      await put<CalendarYear>(`/api/operator/calendar/${year}`, { entries: [...entries].sort((a, b) => a.date.localeCompare(b.date)) })
      message.success(`${year} 年工作日历已保存`)
      loaded.reload()
    } catch (failure) {
      setError((failure as ApiError).message)
    }
  }
  return (
    <>
      <PageTitle extra={<Space><label htmlFor="calendar-year">年份</label><InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(value) => value && setYear(value)} /></Space>}>工作日历</PageTitle>
      <PageState loaded={loaded}>
        {(data) => (
          <>
            {!data.complete && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`${year} 年的放假和调休安排尚未录入完整：承诺时限将按不完整的日历计算。国务院办公厅发布通知后请及时录入。`} />}
            {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} />}
            <Table<CalendarEntry & { index: number }>
              rowKey="index"
              size="small"
              pagination={false}
              dataSource={entries.map((entry, index) => ({ ...entry, index }))}
              locale={{ emptyText: '这一年还没有录入任何日期' }}
              columns={[
                { title: '日期', render: (_, row) => <DatePicker aria-label="日期" value={row.date ? dayjs(row.date) : null} onChange={(value) => update(row.index, { date: value ? value.format('YYYY-MM-DD') : '' })} /> },
                { title: '类型', render: (_, row) => <Select aria-label="类型" style={{ width: 140 }} value={row.kind} onChange={(kind) => update(row.index, { kind })} options={[{ value: 'holiday', label: '放假' }, { value: 'workday', label: '调休上班' }]} /> },
                { title: '名称', render: (_, row) => <Input aria-label="名称" value={row.name} onChange={(event) => update(row.index, { name: event.target.value })} /> },
                { title: '操作', render: (_, row) => <Button size="small" danger onClick={() => setEntries((list) => list.filter((_, i) => i !== row.index))}>删除</Button> },
              ]}
            />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => setEntries((list) => [...list, { date: `${year}-01-01`, kind: 'holiday', name: '' }])}>添加日期</Button>
              <Button type="primary" onClick={save}>保存整年</Button>
            </Space>
          </>
        )}
      </PageState>
    </>
  )
}
