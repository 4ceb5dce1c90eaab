import { displayWidth } from '../../../server/analytics/terminal-table'
import { parseCsv } from '../../../server/health-code/csv'
import { dialects, type TestDatabase } from '../../support/dialects'
import { startEvaluationsApp } from '../../support/evaluations'
import { COUNTER_ITEM, INSTANT_ITEM } from '../../support/service-items'
import { BAD_REASON, EXPECTED, FOLDED_QUERY, FORMULA_QUERY, NOT_FOUND_QUERY, recordActivity, SEEDED_ITEM, WINDOW } from './activity'
import { runCli, type CliRun } from './cli'

const SCRIPT = 'server/ops/report-demand.ts'
const WINDOW_ARGS = ['--from', WINDOW.from, '--to', WINDOW.to, '--dead-days', String(WINDOW.deadDays), '--top', String(WINDOW.top)]
const APPLY_FIGURES = ['2', '2', '4', '3', '1', '33.3%', '3', '20', '2', '2.5', '50.0%']

/** The lines of one `== title ==` section of the terminal output, up to the next blank line. */
function section(output: string, title: string): string[] {
  const lines = output.split('\n')
  const start = lines.findIndex((line) => line.startsWith('== ') && line.includes(title))
  if (start === -1) throw new Error(`no section ${title} in:\n${output}`)
  const end = lines.indexOf('', start)
  return lines.slice(start + 1, end === -1 ? undefined : end)
}

/** Cells of a table line (columns are two or more spaces apart), each with its first and last display column. */
function cells(line: string): { text: string; start: number; end: number }[] {
  const found: { text: string; start: number; end: number }[] = []
  for (const match of line.matchAll(/\S+(?: \S+)*/g)) {
    const start = displayWidth(line.slice(0, match.index))
    found.push({ text: match[0], start, end: start + displayWidth(match[0]) })
  }
  return found
}

/** Every cell starts where its column starts (text) or ends where it ends (numbers), counting CJK as two columns. */
function expectAligned(table: string[]): void {
  const [header, rule, ...rows] = table as [string, string, ...string[]]
  const columns = [...rule.matchAll(/-+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }))
  for (const line of [header, ...rows]) {
    const found = cells(line)
    expect(found).toHaveLength(columns.length)
    found.forEach((cell, index) => {
      const column = columns[index]!
      expect([line, cell.text, cell.start === column.start || cell.end === column.end]).toEqual([line, cell.text, true])
      expect(cell.end).toBeLessThanOrEqual(column.end)
    })
  }
}

const rowOf = (table: string[], code: string) => table.map((line) => cells(line).map((cell) => cell.text)).find((texts) => texts[0] === code)

describe.each(dialects())('npm run report:demand on $name', (dialect) => {
  let testDb: TestDatabase

  beforeAll(async () => {
    testDb = await dialect.setup()
    const app = await startEvaluationsApp(testDb)
    try {
      await recordActivity(app)
    } finally {
      await app.close()
    }
  }, 120_000)
  afterAll(() => testDb.cleanup())

  const report = (...args: string[]): Promise<CliRun> => runCli(SCRIPT, [...WINDOW_ARGS, ...args], testDb.env)

  test('prints the report as aligned tables with the recorded figures', async () => {
    const run = await report()
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(run.stdout).toContain(`需求分析  ${WINDOW.from} — ${WINDOW.to}`)
    expect(run.stdout).toContain('合计：浏览 6，搜索 3，开始申请 4，提交 3，放弃 1（放弃率 33.3%），办结 3（中位时长 20 小时），评价 2（平均 2.5 分，满意率 50.0%）')

    const services = section(run.stdout, '各事项')
    expectAligned(services)
    expect(cells(services[0]!).map((cell) => cell.text)).toEqual(['事项编码', '事项名称', '部门', '浏览', '搜索', '开始申请', '提交', '放弃', '放弃率', '办结', '办结中位时长(小时)', '评价数', '平均分', '满意率'])
    expect(rowOf(services, EXPECTED.apply.code)).toEqual([EXPECTED.apply.code, EXPECTED.apply.name, EXPECTED.apply.department, ...APPLY_FIGURES])
    expect(rowOf(services, SEEDED_ITEM.code)).toEqual([SEEDED_ITEM.code, SEEDED_ITEM.name, '市公安局', '3', '1', '0', '0', '0', '-', '0', '-', '0', '-', '-'])

    const departments = section(run.stdout, '各部门')
    expectAligned(departments)
    const police = rowOf(departments, '市公安局')!
    expect(police.slice(2)).toEqual(['5', '3', '4', '3', '1', '33.3%', '3', '20', '2', '2.5', '50.0%'])

    const wanted = section(run.stdout, '需求最多')
    expect(wanted.slice(2).map((line) => cells(line).map((cell) => cell.text)[0])).toEqual([EXPECTED.apply.code, SEEDED_ITEM.code, COUNTER_ITEM.code])
    const dead = section(run.stdout, '无人问津')
    expectAligned(dead)
    expect(rowOf(dead, COUNTER_ITEM.code)).toEqual([COUNTER_ITEM.code, COUNTER_ITEM.name, COUNTER_ITEM.department, '2026-11-03T02:00:00.000Z'])
    expect(rowOf(dead, INSTANT_ITEM.code)).toEqual([INSTANT_ITEM.code, INSTANT_ITEM.name, INSTANT_ITEM.department, '-'])
    const zero = section(run.stdout, '搜不到结果')
    expectAligned(zero)
    expect(zero.slice(2).map((line) => cells(line).map((cell) => cell.text))).toEqual([
      [NOT_FOUND_QUERY, '2', '2026-11-10T02:00:00.000Z'],
      [FORMULA_QUERY, '1', '2026-11-12T03:00:00.000Z'],
      [FOLDED_QUERY, '1', '2026-11-12T02:00:00.000Z'],
    ])
    expect(section(run.stdout, '差评标签').slice(2).map((line) => cells(line).map((cell) => cell.text))).toEqual([
      ['时限超期', '2'],
      ['指引不清', '1'],
    ])
    expect(section(run.stdout, '差评原因').slice(2).map((line) => cells(line).map((cell) => cell.text))).toEqual([[BAD_REASON, '2']])
  }, 60_000)

  test('--csv writes the services table as RFC 4180 CSV in UTF-8 with a BOM', async () => {
    const run = await report('--csv')
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(run.stdout.startsWith('\uFEFF')).toBe(true)
    expect(run.stdout.endsWith('\r\n')).toBe(true)
    expect(run.stdout.slice(1).split('\r\n').slice(0, -1).every((line) => !line.includes('\n'))).toBe(true)
    const parsed = parseCsv(run.stdout)
    if (!parsed.ok) throw new Error(parsed.message)
    const [header, ...rows] = parsed.records.map((record) => record.fields)
    expect(header).toEqual(['事项编码', '事项名称', '部门', '浏览', '搜索', '开始申请', '提交', '放弃', '放弃率', '办结', '办结中位时长(小时)', '评价数', '平均分', '满意率'])
    expect(rows.find((row) => row[0] === EXPECTED.apply.code)).toEqual([EXPECTED.apply.code, EXPECTED.apply.name, EXPECTED.apply.department, ...APPLY_FIGURES])
    // Missing figures are empty cells in CSV (not the terminal's "-").
    expect(rows.find((row) => row[0] === SEEDED_ITEM.code)).toEqual([SEEDED_ITEM.code, SEEDED_ITEM.name, '市公安局', '3', '1', '0', '0', '0', '', '0', '', '0', '', ''])
  }, 60_000)

  test('--csv --table zero-results keeps citizens’ queries from running as spreadsheet formulas', async () => {
    const run = await report('--csv', '--table', 'zero-results')
    expect(run.code).toBe(0)
    const parsed = parseCsv(run.stdout)
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.records.map((record) => record.fields)).toEqual([
      ['搜索词', '次数', '最近一次'],
      [NOT_FOUND_QUERY, '2', '2026-11-10T02:00:00.000Z'],
      [`'${FORMULA_QUERY}`, '1', '2026-11-12T03:00:00.000Z'],
      [FOLDED_QUERY, '1', '2026-11-12T02:00:00.000Z'],
    ])
  }, 60_000)

  test('--csv --table bad-reasons --no-bom: a field with a comma and quotes is quoted (quotes doubled), no byte-order mark', async () => {
    const run = await report('--csv', '--table', 'bad-reasons', '--no-bom')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`原因,次数\r\n"${BAD_REASON.replace(/"/g, '""')}",2\r\n`)
  }, 60_000)

  test.each([
    [['--days', '0'], '--days must be an integer from 1 to 366'],
    [['--days', '7', '--from', WINDOW.from], 'give --days or --from, not both'],
    [['--table', 'dead'], '--table goes with --csv'],
    [['--csv', '--table', 'everything'], '--table must be one of'],
    [['--from', '2026-12-01T00:00:00Z', '--to', '2026-11-01T00:00:00Z'], '--from: 统计开始时间应早于结束时间 (before to)'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('%j exits 1 saying what is wrong', async (args, message) => {
    const run = await runCli(SCRIPT, args, testDb.env)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(message)
    expect(run.stderr).toContain('usage: npm run report:demand')
    expect(run.stdout).toBe('')
  }, 60_000)
})
