import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FEATURES } from '../../../src/features'
import { pageTitles, registeredPages } from '../../../server/analytics/app-pages'
import { auditCatalogue, auditGrid, auditNotices, describeFinding, FINDING_KINDS, type Finding, type GridEntry } from '../../../server/analytics/content-audit'
import { FEATURE_PROBES } from '../../../server/analytics/feature-probes'
import { guideColumns } from '../../../server/catalogue/views'
import type { ServiceItemImport } from '../../../src/contract/services/schemas'
import { sampleForm, sampleItem, startCatalogueApp, type CatalogueApp } from '../../support/catalogue'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { runCli } from './cli'

const SCRIPT = 'server/ops/audit-content.ts'
const NOW = '2026-11-20T00:00:00.000Z'

/** A grid with one entry per grid finding: unregistered page without a probe, and a feature whose API is gone. */
const BAD_GRID: GridEntry[] = [
  { key: 'ghost', url: '/packages/ghost/pages/index/index' },
  { key: 'services', url: '/packages/services/pages/catalogue/index', probe: '/api/no-such-feature' },
]
const BAD_GRID_FINDINGS: Finding[] = [
  { kind: 'grid_page_missing', subject: 'src/features.ts#ghost', detail: 'page packages/ghost/pages/index/index is not registered in src/app.config.ts' },
  { kind: 'grid_no_probe', subject: 'src/features.ts#ghost', detail: 'no probe for feature "ghost" in server/analytics/feature-probes.ts' },
  { kind: 'grid_feature_unanswered', subject: 'src/features.ts#services', detail: 'GET /api/no-such-feature answered 404' },
]

/** Items written straight into the table (as a careless import script or a hand edit would), each broken one way. */
async function insertBadItems(app: CatalogueApp): Promise<void> {
  const row = (item: ServiceItemImport, columns: Record<string, unknown>) => ({ ...guideColumns(item), created_at: NOW, updated_at: NOW, published_at: NOW, ...columns })
  const items = [
    row(sampleItem({ code: 'AUDIT-EMPTY' }), { fees: '  ', conditions: JSON.stringify(['本市居民', ' ']), faq: '[]' }),
    row(sampleItem({ code: 'AUDIT-NOFORM', onlineLevel: 'full_online' }), {}),
    row(sampleItem({ code: 'AUDIT-BADFORM', onlineLevel: 'full_online', formSchema: sampleForm }), {
      form_schema: JSON.stringify({ fields: [...sampleForm.fields, { key: 'kind', label: '类别', type: 'select', required: true }] }),
    }),
    row(sampleItem({ code: 'AUDIT-CERT' }), {
      materials: JSON.stringify([{ name: '居民身份证', copies: 1, form: '原件', certificateType: 'resident_id_card' }, { name: '飞船驾驶执照', copies: 1, form: '原件', certificateType: 'spaceship_licence' }]),
      status: 'draft',
      published_at: null,
    }),
    // 全程网办 whose materials cannot all be met online: one with nothing but its name, one the law wants as an original;
    // the ID card (shared data), the purpose (a form field) and the photo (an upload) are fine.
    row(sampleItem({ code: 'AUDIT-ORIGINAL', onlineLevel: 'full_online', formSchema: sampleForm }), {
      materials: JSON.stringify([
        { name: '居民身份证', copies: 1, form: '原件', certificateType: 'resident_id_card', dataSource: 'population.id_number' },
        { name: '房屋租赁合同', copies: 1, form: '复印件' },
        { name: '委托书', copies: 1, form: '原件', original: '须本人签字的原件' },
        { name: '用途说明', copies: 1, form: '在线填写', formField: sampleForm.fields[0]!.key },
        { name: '照片', copies: 1, form: '电子', upload: true },
      ]),
    }),
    // Retired: citizens no longer see it, so its gaps do not matter.
    row(sampleItem({ code: 'AUDIT-RETIRED', onlineLevel: 'full_online' }), { fees: '', status: 'retired' }),
  ]
  for (const item of items) await app.db.insertInto('service_items').values(item).execute()
}

/**
 * Notices as an editor writes them, sending citizens somewhere in the app: the reported one
 * (a 社保查询 page that does not exist), a feature that does not exist, an item that is not in
 * the catalogue, and paths that do lead somewhere (grid entry, its page, 我的 → a feature page,
 * a published item under 办事服务, a path spelled with another dash or an arrow).
 */
const NOTICE_PATHS = {
  dead: ['社保查询—缴费档次', '社保医保—居民医保缴费', '办事服务—飞船驾照换领'],
  live: ['社保查询', '社保查询—缴费明细', '电子证照 > 用证记录', '我的—账号绑定记录', '健康码', '办事服务-居民身份证挂失申报'],
}

const CATALOGUE_FINDINGS: Finding[] = [
  { kind: 'invalid_form', subject: 'AUDIT-BADFORM', detail: 'formSchema.fields[3].options required for select' },
  // An e-certificate alone does not make a 全程网办 material online: not everyone holds one.
  { kind: 'online_material_offline', subject: 'AUDIT-BADFORM', detail: 'materials[0] "居民身份证" has no upload, form field or shared data: not met online for everyone' },
  { kind: 'unknown_certificate_type', subject: 'AUDIT-CERT', detail: 'materials[1].certificateType "spaceship_licence" is not a known certificate type' },
  { kind: 'empty_section', subject: 'AUDIT-EMPTY', detail: 'empty: fees, conditions[1], faq' },
  { kind: 'online_without_form', subject: 'AUDIT-NOFORM', detail: '全程网办事项没有申请表单 (formSchema)' },
  { kind: 'online_material_offline', subject: 'AUDIT-NOFORM', detail: 'materials[0] "居民身份证" has no upload, form field or shared data: not met online for everyone' },
  { kind: 'online_material_offline', subject: 'AUDIT-ORIGINAL', detail: 'materials[1] "房屋租赁合同" has no upload, form field or shared data: not met online for everyone' },
  { kind: 'online_material_offline', subject: 'AUDIT-ORIGINAL', detail: 'materials[2] "委托书" needs the original (by post or at the counter): 须本人签字的原件' },
]

describe.each(dialects())('content audit on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, (testDb) => startCatalogueApp(testDb, { seed: true }))
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gov-mini-audit-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const gridOf = (features: readonly GridEntry[]) => auditGrid({ app: app.app, features, pages: registeredPages(), probes: FEATURE_PROBES })

  // Order matters: the clean checks run on the seeded demo data before anything is broken.
  test('the seeded demo data and the real home grid have no findings', async () => {
    expect(await auditCatalogue(app.db)).toEqual([])
    expect(await gridOf(FEATURES)).toEqual([])
    expect(await auditNotices(app.db, { grid: FEATURES, pages: pageTitles() })).toEqual([])
  })

  test('npm run audit:content exits 0 on the seeded demo data', async () => {
    const run = await runCli(SCRIPT, [], testDb.env)
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(run.stdout).toMatch(/content audit \((sqlite|postgres) .*\): no findings\n$/)
  }, 60_000)

  test('finds empty guide sections, 全程网办 without a form, invalid forms, unknown certificate types and 全程网办 materials that cannot all be met online', async () => {
    await insertBadItems(app)
    expect(await auditCatalogue(app.db)).toEqual(CATALOGUE_FINDINGS)
  })

  test('finds notices that send citizens to an in-app path that is not a page (or a published item under 办事服务)', async () => {
    const items = await app.db.selectFrom('service_items').select('name').where('status', '=', 'published').execute()
    expect(items.map((item) => item.name)).toContain('居民身份证挂失申报')
    const paths = [...NOTICE_PATHS.dead, ...NOTICE_PATHS.live]
    // One after the other: the findings come in id order, which must be the order of the paths.
    const inserted: { id: number }[] = []
    for (const [index, path] of paths.entries()) {
      inserted.push(
        await app.db
          .insertInto('notices')
          .values({ title: `测试公告${index}`, summary: '测试', body: `可通过“掌上政务”小程序“${path}”办理。`, department: '测试局', published_at: NOW, status: 'published' })
          .returning('id')
          .executeTakeFirstOrThrow(),
      )
    }
    // A retired notice is not read by anyone: not a finding.
    const retired = await app.db
      .insertInto('notices')
      .values({ title: '已撤回', summary: '测试', body: '请到“掌上政务”小程序“不存在—某页面”查看。', department: '测试局', published_at: NOW, status: 'retired' })
      .returning('id')
      .executeTakeFirstOrThrow()
    try {
      const findings = await auditNotices(app.db, { grid: FEATURES, pages: pageTitles() })
      expect(findings.map((finding) => [finding.kind, finding.subject])).toEqual(NOTICE_PATHS.dead.map((_path, index) => ['notice_dead_path', `notice#${inserted[index]!.id}`]))
      expect(findings[0]!.detail).toBe('“社保查询—缴费档次”: “缴费档次” is not a page of “社保查询”')
      expect(findings[1]!.detail).toContain('“社保医保” is neither a home-grid entry nor a page title')
      expect(findings[2]!.detail).toContain('nor a published item')
    } finally {
      await app.db.deleteFrom('notices').where('id', 'in', [...inserted.map((row) => row.id), retired.id]).execute()
    }
  })

  test('finds grid entries whose page is not registered, that have no probe or whose feature does not answer', async () => {
    expect(await gridOf(BAD_GRID)).toEqual(BAD_GRID_FINDINGS)
  })

  test('the notices entry needs published notices, the services entry published items', async () => {
    const notices = await app.db.selectFrom('notices').select('id').where('status', '=', 'published').execute()
    const items = await app.db.selectFrom('service_items').select('code').where('status', '=', 'published').execute()
    await app.db.updateTable('notices').set({ status: 'retired' }).execute()
    await app.db.updateTable('service_items').set({ status: 'retired' }).where('status', '=', 'published').execute()
    try {
      expect(await gridOf(FEATURES.filter((entry) => entry.key === 'notices' || entry.key === 'services'))).toEqual([
        { kind: 'grid_feature_unanswered', subject: 'src/features.ts#services', detail: 'GET /api/services?limit=1: no published service item' },
        { kind: 'grid_feature_unanswered', subject: 'src/features.ts#notices', detail: 'GET /api/notices?limit=1: no published notice' },
      ])
    } finally {
      await app.db.updateTable('notices').set({ status: 'published' }).where('id', 'in', notices.map((notice) => notice.id)).execute()
      await app.db.updateTable('service_items').set({ status: 'published' }).where('code', 'in', items.map((item) => item.code)).execute()
    }
  })

  test('npm run audit:content prints every finding and exits 1 (--features: a grid to check)', async () => {
    const file = join(dir, 'grid.json')
    writeFileSync(file, JSON.stringify(BAD_GRID))
    const run = await runCli(SCRIPT, ['--features', file], testDb.env)
    expect([run.code, run.stderr]).toEqual([1, ''])
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.slice(0, -1)).toEqual([...CATALOGUE_FINDINGS, ...BAD_GRID_FINDINGS].map(describeFinding))
    expect(lines.at(-1)).toMatch(new RegExp(`: ${CATALOGUE_FINDINGS.length + BAD_GRID_FINDINGS.length} finding\\(s\\)$`))
    // Every kind of finding is covered by this suite (notice_dead_path by the test above).
    expect(new Set([...CATALOGUE_FINDINGS, ...BAD_GRID_FINDINGS].map((finding) => finding.kind))).toEqual(new Set(FINDING_KINDS.filter((kind) => kind !== 'notice_dead_path')))
  }, 60_000)

  test('a features file that is not a list of entries exits 1 with the usage', async () => {
    const file = join(dir, 'not-a-grid.json')
    writeFileSync(file, JSON.stringify({ key: 'x' }))
    const run = await runCli(SCRIPT, ['--features', file], testDb.env)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('must hold a JSON array')
    expect(run.stderr).toContain('usage: npm run audit:content')
  }, 60_000)
})
