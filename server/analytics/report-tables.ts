import type { DemandFigures, DemandReport } from '../../src/contract/analytics/schemas'
import type { Align, Cell } from './terminal-table'

/**
 * The demand report as tables, one per section, with the column titles operators read;
 * `npm run report:demand` prints them in the terminal or writes one of them as CSV.
 */

export const TABLE_KEYS = ['services', 'departments', 'wanted', 'dead', 'zero-results', 'bad-tags', 'bad-reasons'] as const
export type TableKey = (typeof TABLE_KEYS)[number]

export interface ReportTable {
  /** What `--table` names. */
  key: TableKey
  title: string
  header: string[]
  aligns: (Align | undefined)[]
  rows: Cell[][]
}

interface Column<Row> {
  title: string
  value(row: Row): Cell
  align?: Align
}

/** 0.3333 → 33.3%; Excel reads it as a percentage. */
export function percent(rate: number | null): string | null {
  return rate === null ? null : `${(rate * 100).toFixed(1)}%`
}

function figureColumns<Row extends DemandFigures>(): Column<Row>[] {
  return [
    { title: '浏览', value: (row) => row.views },
    { title: '搜索', value: (row) => row.searches },
    { title: '开始申请', value: (row) => row.applicationsStarted },
    { title: '提交', value: (row) => row.applicationsSubmitted },
    { title: '放弃', value: (row) => row.applicationsAbandoned },
    { title: '放弃率', value: (row) => percent(row.abandonmentRate), align: 'right' },
    { title: '办结', value: (row) => row.finished },
    { title: '办结中位时长(小时)', value: (row) => row.medianHoursToFinish, align: 'right' },
    { title: '评价数', value: (row) => row.ratings },
    { title: '平均分', value: (row) => row.meanRating, align: 'right' },
    { title: '满意率', value: (row) => percent(row.satisfiedRate), align: 'right' },
  ]
}

function table<Row>(key: TableKey, title: string, columns: Column<Row>[], rows: readonly Row[]): ReportTable {
  return {
    key,
    title,
    header: columns.map((column) => column.title),
    aligns: columns.map((column) => column.align),
    rows: rows.map((row) => columns.map((column) => column.value(row))),
  }
}

type ServiceRow = DemandReport['services'][number]
type DepartmentRow = DemandReport['departments'][number]

export function reportTables(report: DemandReport): ReportTable[] {
  const { top, deadDays } = report.window
  return [
    table<ServiceRow>(
      'services',
      '各事项',
      [{ title: '事项编码', value: (row) => row.code }, { title: '事项名称', value: (row) => row.name }, { title: '部门', value: (row) => row.department }, ...figureColumns<ServiceRow>()],
      report.services,
    ),
    table<DepartmentRow>('departments', '各部门', [{ title: '部门', value: (row) => row.department }, { title: '事项数', value: (row) => row.items }, ...figureColumns<DepartmentRow>()], report.departments),
    table(
      'wanted',
      `需求最多的事项（浏览 + 搜索 + 提交，前 ${top} 个）`,
      [
        { title: '事项编码', value: (row) => row.code },
        { title: '事项名称', value: (row) => row.name },
        { title: '部门', value: (row) => row.department },
        { title: '需求', value: (row) => row.demand },
        { title: '浏览', value: (row) => row.views },
        { title: '搜索', value: (row) => row.searches },
        { title: '提交', value: (row) => row.applicationsSubmitted },
      ],
      report.mostWanted,
    ),
    table(
      'dead',
      `无人问津的事项（已发布，${deadDays} 天内无人浏览）`,
      [
        { title: '事项编码', value: (row) => row.code },
        { title: '事项名称', value: (row) => row.name },
        { title: '部门', value: (row) => row.department },
        { title: '最近浏览', value: (row) => row.lastViewedAt },
      ],
      report.dead,
    ),
    table(
      'zero-results',
      `搜不到结果的搜索词（前 ${top} 个）`,
      [
        { title: '搜索词', value: (row) => row.query },
        { title: '次数', value: (row) => row.count },
        { title: '最近一次', value: (row) => row.lastSeen },
      ],
      report.zeroResultSearches,
    ),
    table('bad-tags', `差评标签（评分 ≤ 2，前 ${top} 个）`, [{ title: '标签', value: (row) => row.text }, { title: '次数', value: (row) => row.count }], report.badRatingTags),
    table('bad-reasons', `差评原因（评分 ≤ 2，前 ${top} 个）`, [{ title: '原因', value: (row) => row.text }, { title: '次数', value: (row) => row.count }], report.badRatingReasons),
  ]
}
