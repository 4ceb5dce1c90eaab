/**
 * The last hour per minute as lines. ECharts core with only the parts used (line chart, grid,
 * tooltip, legend, canvas), so the dashboard chunk stays small; it is loaded with the page only.
 */
import { LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/lib/core'
import type { MinuteCounts } from '../../../src/contract/console/schemas'

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

const SERIES = [
  ['views', '浏览'],
  ['searches', '搜索'],
  ['starts', '开始申请'],
  ['submissions', '提交申请'],
] as const

export function MinuteChart({ minutes }: { minutes: readonly MinuteCounts[] }) {
  const labels = minutes.map((minute) => new Date(minute.minute).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' }))
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: SERIES.map(([, name]) => name) },
    grid: { left: 40, right: 16, top: 40, bottom: 24 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: SERIES.map(([key, name]) => ({ name, type: 'line', showSymbol: false, data: minutes.map((minute) => minute[key]) })),
  }
  // The figures are also in the counters and tables beside it; the chart is a picture of them.
  return (
    <div role="img" aria-label={`最近一小时每分钟的浏览、搜索、开始申请和提交申请次数，共 ${minutes.length} 分钟`}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge />
    </div>
  )
}
