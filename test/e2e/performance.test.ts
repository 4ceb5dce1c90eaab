/**
 * 办事公开 in the H5 preview in Chromium: a 办事指南 shows how the service has actually done
 * (with enough cases: the figures; with few: the sentence saying they are not published), the
 * latest bad review with the department's reply, masked; and the department ranking page.
 * The figures' arithmetic is tested on both dialects in test/server/performance; here the
 * page must show what the public API answers.
 */
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/db/database'
import type { DepartmentRanking, ServicePerformance } from '@/contract/performance/schemas'
import { departmentTitle } from '@/packages/services/performance-words'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { sessionFor } from '../support/sessions'

const e2e = e2eSuite()
const DAY = 86_400_000
const onScreen = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first()

/** Twelve finished applications of one published item over the last weeks, a visit, ratings and one answered bad review. */
async function seedFinished(db: Kysely<Database>, code: string): Promise<void> {
  const citizen = (await db.selectFrom('citizens').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const account = (await db.selectFrom('platform_accounts').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const now = Date.now()
  for (let index = 0; index < 12; index += 1) {
    const id = `e2e-perf-${index}`
    const accepted = new Date(now - (40 - index * 2) * DAY)
    const finished = new Date(accepted.getTime() + (1 + (index % 4)) * DAY)
    await db
      .insertInto('applications')
      .values({ id, number: `E2EPERF${index}`, citizen_id: citizen, account_id: account, item_code: code, idempotency_key: id, status: 'completed', form_encrypted: '', materials: '[]', time_limit_days: 5, submitted_at: new Date(accepted.getTime() - 3_600_000).toISOString(), accepted_at: accepted.toISOString(), due_on: new Date(accepted.getTime() + (index < 9 ? 10 : 1) * DAY).toISOString().slice(0, 10), supplement_items: null, supplement_from: null, supplement_requested_at: null, finished_at: finished.toISOString(), updated_at: finished.toISOString(), request_hash: null })
      .execute()
    const bad = index === 11
    const evaluation = await db
      .insertInto('evaluations')
      .values({ application_id: id, citizen_id: citizen, account_id: account, round: 1, rating: bad ? 2 : 4 + (index % 2), tags: JSON.stringify(bad ? ['办理慢'] : []), comment: null, reason: bad ? '等了很久，打13812345678也没人接' : null, created_at: new Date(finished.getTime() + 3_600_000).toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (bad) {
      await db
        .insertInto('rectifications')
        .values({ evaluation_id: Number(evaluation.id), application_id: id, item_code: code, department: 'x', status: 'answered', answer: '已安排专人回访，热线已增加坐席。', answered_by: account, answered_at: new Date(finished.getTime() + 2 * 3_600_000).toISOString(), created_at: new Date(finished.getTime() + 3_600_000).toISOString() })
        .execute()
    }
  }
}

let rich: { code: string; name: string }
let sparse: { code: string; name: string }

beforeAll(async () => {
  const list = await e2e.api<{ items: { code: string; name: string }[] }>('/api/services?limit=2')
  ;[rich, sparse] = [list.items[0]!, list.items[1]!]
  // Before the first performance request: the figures are computed once and kept 10 minutes.
  await seedFinished((e2e.backend.app as unknown as { db: Kysely<Database> }).db, rich.code)
  await sessionFor(e2e.backend.app, 'zhang-wei')
}, 60_000)

test('a 办事指南 with enough cases shows its figures and the latest bad review with the reply, masked', async () => {
  const expected = await e2e.api<ServicePerformance>(`/api/services/${rich.code}/performance`)
  expect(expected.figures.finished).toBe(12)
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${encodeURIComponent(rich.code)}`)
  const block = page.getByRole('region', { name: '办事公开' }).filter({ visible: true }).first()
  await block.getByText('按时办结').waitFor({ timeout: 15_000 })
  const text = (await block.textContent()) ?? ''
  expect(text).toContain('近90天办结 12 件')
  expect(text).toContain(`按时办结${Math.round(expected.figures.withinLimitRate! * 1000) / 10}%`)
  expect(text).toContain(`满意及以上${Math.round(expected.figures.satisfiedRate! * 1000) / 10}%（12 人评价）`)
  expect(text).toContain('不满意')
  expect(text).toContain('等了很久，打138****5678也没人接')
  expect(text).toContain('部门答复')
  expect(text).toContain('已安排专人回访，热线已增加坐席。')
  expect(text).not.toContain('13812345678')
  // Few online starts in the demo data: that figure is replaced by the sentence.
  expect(text).toMatch(/开始网上申请只有 \d+ 件，少于 10 件，数据太少，暂不公布。/)
  await block.scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(SCREENSHOTS, 'performance-guide-block.png'), fullPage: false })
  expect(await seriousViolations(page)).toEqual([])
  await onScreen(page, '查看各部门办理情况排名').click()
  await onScreen(page, /第 1 名/).waitFor({ timeout: 15_000 })
  await page.close()
}, 60_000)

test('a 办事指南 with few cases says its figures are not published, and why', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${encodeURIComponent(sparse.code)}`)
  const block = page.getByRole('region', { name: '办事公开' }).filter({ visible: true }).first()
  await block.getByText(/近90天办结 \d+ 件、网上申请 \d+ 件、评价 \d+ 条，都少于 10，数据太少，暂不公布。/).waitFor({ timeout: 15_000 })
  expect(await block.getByText('按时办结').count()).toBe(0)
  await page.close()
}, 60_000)

test('the department ranking lists departments in the API\'s order, with figures or the reason they are hidden', async () => {
  const ranking = await e2e.api<DepartmentRanking>('/api/performance/departments')
  const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } })
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/departments/index`)
  await onScreen(page, /第 1 名/).waitFor({ timeout: 15_000 })
  const names = await page.locator('.gm-svc-department__name').filter({ visible: true }).allTextContents()
  expect(names).toEqual(ranking.departments.map(departmentTitle))
  // The department of the item with enough cases is ranked first (the only one with a published share on time).
  expect(ranking.departments[0]!.figures.withinLimitRate).not.toBeNull()
  expect(await onScreen(page, '按时办结').isVisible()).toBe(true)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'performance-departments.png'), fullPage: false })
  expect(await seriousViolations(page)).toEqual([])
  await page.close()
}, 60_000)
