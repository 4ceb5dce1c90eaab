import type { FastifyInstance } from 'fastify'
import type { Kysely, Selectable } from 'kysely'
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import { ONLINE_LEVELS } from '../../src/contract/services/data'
import type { FeatureEntry } from '../../src/features'
import { checkImport } from '../catalogue/import-rules'
import { itemOf } from '../catalogue/views'
import type { Database, ServiceItemsTable } from '../db/database'
import type { PageTitle } from './app-pages'
import type { FeatureProbe } from './feature-probes'

/**
 * The content audit (`npm run audit:content`): what a citizen would run into.
 * Catalogue items that are not retired (published ones, and drafts about to be):
 * - empty_section: legal basis, fees, counter address or hours blank; conditions,
 *   materials or FAQ empty, or one entry in them blank;
 * - online_without_form: 全程网办 (full_online) without an application form;
 * - invalid_form: a form the import rules refuse (or one on an item that is not full_online);
 * - unknown_certificate_type: a material taken from a certificate type the wallet does not
 *   know (not in CERTIFICATE_TYPES);
 * - online_material_offline: a 全程网办 item with a material not every citizen can provide
 *   online — neither an upload, nor a field of its form, nor data the government holds for
 *   every proven citizen — or one the law wants as an original (by post or at the counter).
 *   An e-certificate alone does not count: not everyone holds one.
 * Published notices:
 * - notice_dead_path: a notice sends citizens to “掌上政务”小程序“A—B” and A or B is not
 *   something they can reach: each step must be a home-grid title or a page title (a later
 *   step a page of the same feature), or, under 办事服务, a published item's name.
 * Home grid (src/features.ts), every entry:
 * - grid_page_missing: its page is not registered in src/app.config.ts;
 * - grid_no_probe: no way to ask whether its feature answers (./feature-probes.ts);
 * - grid_feature_unanswered: its API answers 404 / 5xx, or without the content it needs.
 */

export const FINDING_KINDS = [
  'empty_section',
  'online_without_form',
  'invalid_form',
  'unknown_certificate_type',
  'online_material_offline',
  'notice_dead_path',
  'grid_page_missing',
  'grid_no_probe',
  'grid_feature_unanswered',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

export interface Finding {
  kind: FindingKind
  /** The item code, `notice#<id>` for a notice, or `src/features.ts#<key>` for a grid entry. */
  subject: string
  detail: string
}

type ItemRow = Selectable<ServiceItemsTable>

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === ''

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Names of the empty sections of one guide. */
function emptySections(row: ItemRow): string[] {
  const empty: string[] = []
  const text = { legalBasis: row.legal_basis, fees: row.fees, counterAddress: row.counter_address, counterHours: row.counter_hours }
  for (const [name, value] of Object.entries(text)) if (blank(value)) empty.push(name)
  const list = (name: string, json: string, entryBlank: (entry: unknown) => boolean) => {
    const value = parsed(json)
    if (!Array.isArray(value) || value.length === 0) empty.push(name)
    else value.forEach((entry, index) => entryBlank(entry) && empty.push(`${name}[${index}]`))
  }
  list('conditions', row.conditions, blank)
  list('materials', row.materials, (entry) => blank((entry as { name?: unknown } | null)?.name))
  list('faq', row.faq, (entry) => blank((entry as { question?: unknown } | null)?.question) || blank((entry as { answer?: unknown } | null)?.answer))
  return empty
}

function formFindings(row: ItemRow): Finding[] {
  if (row.form_schema === null) {
    return row.online_level === 'full_online'
      ? [{ kind: 'online_without_form', subject: row.code, detail: `${ONLINE_LEVELS.full_online}事项没有申请表单 (formSchema)` }]
      : []
  }
  if (parsed(row.form_schema) === undefined) return [{ kind: 'invalid_form', subject: row.code, detail: 'formSchema is not valid JSON' }]
  let item
  try {
    item = itemOf(row)
  } catch {
    // Another column is unreadable JSON: empty_section says which.
    return []
  }
  const outcome = checkImport([item])
  if (outcome.ok) return []
  return outcome.errors
    .filter((error) => error.field === 'formSchema' || error.field.startsWith('formSchema.'))
    .map((error) => ({ kind: 'invalid_form' as const, subject: row.code, detail: `${error.field} ${error.rule}` }))
}

function certificateFindings(row: ItemRow): Finding[] {
  const materials = parsed(row.materials)
  if (!Array.isArray(materials)) return []
  return materials.flatMap((material: unknown, index) => {
    const type = (material as { certificateType?: unknown } | null)?.certificateType
    if (type === undefined || (typeof type === 'string' && Object.hasOwn(CERTIFICATE_TYPES, type))) return []
    return [{ kind: 'unknown_certificate_type' as const, subject: row.code, detail: `materials[${index}].certificateType ${JSON.stringify(type)} is not a known certificate type` }]
  })
}

/** Shared data every proven citizen has: their own identity (the population registry record they proved). */
const HELD_FOR_EVERYONE: readonly string[] = ['population.name', 'population.id_number', 'population.sex', 'population.birth_date']

function offlineMaterialFindings(row: ItemRow): Finding[] {
  if (row.online_level !== 'full_online') return []
  const materials = parsed(row.materials)
  if (!Array.isArray(materials)) return []
  const form = row.form_schema ? (parsed(row.form_schema) as { fields?: { key?: unknown }[] } | undefined) : undefined
  const fieldKeys = new Set((Array.isArray(form?.fields) ? form.fields : []).map((field) => field?.key))
  return materials.flatMap((entry: unknown, index) => {
    const material = (entry ?? {}) as { name?: unknown; upload?: unknown; formField?: unknown; dataSource?: unknown; original?: unknown }
    const name = JSON.stringify(material.name)
    if (typeof material.original === 'string') {
      return [{ kind: 'online_material_offline' as const, subject: row.code, detail: `materials[${index}] ${name} needs the original (by post or at the counter): ${material.original}` }]
    }
    const online = material.upload === true || fieldKeys.has(material.formField) || HELD_FOR_EVERYONE.includes(String(material.dataSource))
    return online ? [] : [{ kind: 'online_material_offline' as const, subject: row.code, detail: `materials[${index}] ${name} has no upload, form field or shared data: not met online for everyone` }]
  })
}

/** Findings in every item that is not retired, by item code. */
export async function auditCatalogue(db: Kysely<Database>): Promise<Finding[]> {
  const rows = await db.selectFrom('service_items').selectAll().where('status', '!=', 'retired').orderBy('code').execute()
  return rows.flatMap((row) => {
    const empty = emptySections(row)
    return [
      ...(empty.length > 0 ? [{ kind: 'empty_section' as const, subject: row.code, detail: `empty: ${empty.join(', ')}` }] : []),
      ...formFindings(row),
      ...certificateFindings(row),
      ...offlineMaterialFindings(row),
    ]
  })
}

/** What a notice may send citizens to: grid entries (title → page) and every page's title. */
export interface AppDestinations {
  grid: readonly Pick<FeatureEntry, 'title' | 'url'>[]
  pages: readonly PageTitle[]
}

/** “掌上政务”小程序“社保查询—缴费明细”: the quoted in-app path right after the app's name. */
const IN_APP_PATH = /“掌上政务”(?:小程序|APP|App)?(?:中的|的|中)?“([^”]{1,60})”/g
const PATH_STEP = /\s*[—–－\->＞/／]+\s*/

/** The package a page belongs to (`packages/social-security`), or '' for the main package. */
const packageOf = (page: string) => (page.startsWith('packages/') ? page.split('/').slice(0, 2).join('/') : '')

/** Why a path does not lead anywhere, or undefined when every step does. */
function deadStep(path: string, destinations: AppDestinations, itemNames: ReadonlySet<string>): string | undefined {
  const steps = path.split(PATH_STEP).filter((step) => step !== '')
  const pagesTitled = (title: string) => [
    ...destinations.grid.filter((entry) => entry.title === title).map((entry) => entry.url.replace(/^\//, '').replace(/\?.*$/, '')),
    ...destinations.pages.filter((page) => page.title === title).map((page) => page.page),
  ]
  const first = pagesTitled(steps[0] ?? '')
  if (first.length === 0) return `“${steps[0]}” is neither a home-grid entry nor a page title`
  let packages = new Set(first.map(packageOf))
  for (const step of steps.slice(1)) {
    if (packages.has('packages/services') && itemNames.has(step)) {
      packages = new Set(['packages/services'])
      continue
    }
    // A main-package page (我的, 首页) links to pages of every feature; a feature page to its own.
    const within = pagesTitled(step).filter((page) => packages.has('') || packages.has(packageOf(page)))
    if (within.length === 0) return `“${step}” is not a page of “${steps[0]}”${packages.has('packages/services') ? ' nor a published item' : ''}`
    packages = new Set(within.map(packageOf))
  }
  return undefined
}

/** Published notices naming an in-app path that is not a page (or a published item under 办事服务). */
export async function auditNotices(db: Kysely<Database>, destinations: AppDestinations): Promise<Finding[]> {
  const [notices, items] = await Promise.all([
    db.selectFrom('notices').select(['id', 'title', 'body']).where('status', '=', 'published').orderBy('id').execute(),
    db.selectFrom('service_items').select('name').where('status', '=', 'published').execute(),
  ])
  const itemNames = new Set(items.map((item) => item.name))
  return notices.flatMap((notice) =>
    [...`${notice.title}\n${notice.body}`.matchAll(IN_APP_PATH)].flatMap(([, path]) => {
      const problem = deadStep(path!, destinations, itemNames)
      return problem ? [{ kind: 'notice_dead_path' as const, subject: `notice#${notice.id}`, detail: `“${path}”: ${problem}` }] : []
    }),
  )
}

/** A grid entry; `probe` (an API path) replaces the key's probe, for grids given on the command line. */
export type GridEntry = Pick<FeatureEntry, 'key' | 'url'> & { probe?: string }

export interface GridAuditInput {
  app: FastifyInstance
  features: readonly GridEntry[]
  pages: readonly string[]
  probes: Readonly<Record<string, FeatureProbe>>
}

export async function auditGrid({ app, features, pages, probes }: GridAuditInput): Promise<Finding[]> {
  const registered = new Set(pages)
  const findings: Finding[] = []
  for (const entry of features) {
    const subject = `src/features.ts#${entry.key}`
    const page = entry.url.replace(/^\//, '').replace(/\?.*$/, '')
    if (!registered.has(page)) findings.push({ kind: 'grid_page_missing', subject, detail: `page ${page} is not registered in src/app.config.ts` })
    const probe = entry.probe ? { url: entry.probe } : probes[entry.key]
    if (!probe) {
      findings.push({ kind: 'grid_no_probe', subject, detail: `no probe for feature "${entry.key}" in server/analytics/feature-probes.ts` })
      continue
    }
    const response = await app.inject({ method: 'GET', url: probe.url })
    if (response.statusCode === 404 || response.statusCode >= 500) {
      findings.push({ kind: 'grid_feature_unanswered', subject, detail: `GET ${probe.url} answered ${response.statusCode}` })
      continue
    }
    const body = parsed(response.body)
    const problem = probe.check?.(response.statusCode, body)
    if (problem) findings.push({ kind: 'grid_feature_unanswered', subject, detail: `GET ${probe.url}: ${problem}` })
  }
  return findings
}

export function describeFinding(finding: Finding): string {
  return `${finding.kind}  ${finding.subject}  ${finding.detail}`
}
