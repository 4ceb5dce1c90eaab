/**
 * 办事公开 in words: each figure as a citizen reads it, or the sentence saying why it is not
 * shown (fewer than the minimum sample). Plain functions, shared by the guide block and the
 * ranking page.
 */
import { PERFORMANCE_MIN_SAMPLE, PERFORMANCE_WINDOW_DAYS, tooFewWords } from '@/contract/performance/data'
import type { DepartmentPerformance, PerformanceFigures } from '@/contract/performance/schemas'

export const DEPARTMENTS_PAGE = '/packages/services/pages/departments/index'

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`
const days = (value: number) => (value === 0 ? '当天' : `${value} 个工作日`)

export interface FigureLine {
  label: string
  value: string
}

/** The figures that are published, as label and value; empty when none is. */
export function figureLines(figures: PerformanceFigures, timeLimitDays?: number): FigureLine[] {
  const lines: FigureLine[] = []
  if (figures.medianWorkingDays !== null) {
    const limit = timeLimitDays === undefined ? '' : `（承诺 ${timeLimitDays === 0 ? '即办' : `${timeLimitDays} 个工作日`}）`
    lines.push({ label: '一般多久办完', value: `${days(figures.medianWorkingDays)}${limit}` })
  }
  if (figures.p90WorkingDays !== null) lines.push({ label: '九成在此之内', value: days(figures.p90WorkingDays) })
  if (figures.withinLimitRate !== null) lines.push({ label: '按时办结', value: percent(figures.withinLimitRate) })
  if (figures.completionRate !== null) lines.push({ label: '开始填写后提交了申请', value: percent(figures.completionRate) })
  if (figures.digitalTakeUp !== null) lines.push({ label: '不用去窗口就办完', value: percent(figures.digitalTakeUp) })
  if (figures.satisfiedRate !== null) lines.push({ label: '满意及以上', value: `${percent(figures.satisfiedRate)}（${figures.ratings} 人评价）` })
  return lines
}

/** Why some figures are missing, one sentence per kind of sample that is too small. */
export function hiddenSentences(figures: PerformanceFigures): string[] {
  const few = (count: number) => count < PERFORMANCE_MIN_SAMPLE
  // Nothing published at all: one sentence, not three.
  if (few(figures.finished) && few(figures.started) && few(figures.ratings)) {
    return [`${WINDOW_WORDS}办结 ${figures.finished} 件、网上申请 ${figures.started} 件、评价 ${figures.ratings} 条，都少于 ${PERFORMANCE_MIN_SAMPLE}，数据太少，暂不公布。`]
  }
  const sentences: string[] = []
  if (few(figures.finished)) sentences.push(tooFewWords('办结', figures.finished))
  if (few(figures.started)) sentences.push(tooFewWords('开始网上申请', figures.started))
  if (few(figures.ratings)) sentences.push(tooFewWords('评价', figures.ratings, '条'))
  return sentences
}

export const WINDOW_WORDS = `近${PERFORMANCE_WINDOW_DAYS}天`

/** 第 1 名 · 市不动产登记中心, or 未排名 for a department with too few finished cases to rank. */
export function departmentTitle(row: Pick<DepartmentPerformance, 'rank' | 'department'>): string {
  return `${row.rank === null ? '未排名' : `第 ${row.rank} 名`} · ${row.department}`
}
