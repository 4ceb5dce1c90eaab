/**
 * A package application as the citizen sees it: its members' applications read together,
 * one timeline over all of them, and the package's status computed from theirs (never
 * stored, so it cannot drift from what the departments decided): finished when every
 * member is, 已全部办结 when every member was completed.
 */
import { APPLICATION_STATUSES, FINAL_APPLICATION_STATUSES } from '../../src/contract/applications/data'
import { PACKAGE_STATUSES, lifeEventPackage, type PackageStatus } from '../../src/contract/life-events/data'
import type { LifeEventApplication, LifeEventApplicationSummary } from '../../src/contract/life-events/schemas'
import type { ApplicationsContext } from '../applications/context'
import { itemNames } from '../applications/items'
import type { ApplicationRow } from '../applications/store'
import { maskStoredValue, toSummary, type StoredForm } from '../applications/views'
import { PREFILL_SOURCES } from '../../src/contract/services/data'
import { resultsDb } from '../results/tables'
import { lifeEventDb, type LifeEventApplicationsTable } from './tables'

type PackageRow = LifeEventApplicationsTable

export function packageStatusOf(statuses: readonly ApplicationRow['status'][]): PackageStatus {
  if (statuses.length === 0 || !statuses.every((status) => FINAL_APPLICATION_STATUSES.includes(status))) return 'in_progress'
  return statuses.every((status) => status === 'completed') ? 'completed' : 'ended'
}

interface Loaded {
  members: Map<string, ApplicationRow[]>
}

/** Each package's member applications, in the package's order. */
async function loadMembers(context: ApplicationsContext, packageIds: readonly string[]): Promise<Loaded> {
  const members = new Map<string, ApplicationRow[]>(packageIds.map((id) => [id, []]))
  if (packageIds.length === 0) return { members }
  const rows = await lifeEventDb(context.db)
    .selectFrom('life_event_members as member')
    .innerJoin('applications', 'applications.id', 'member.application_id')
    .selectAll('applications')
    .select(['member.package_application_id', 'member.position'])
    .where('member.package_application_id', 'in', [...packageIds])
    .orderBy('member.package_application_id')
    .orderBy('member.position')
    .execute()
  for (const { package_application_id, position: _position, ...application } of rows) members.get(package_application_id)?.push(application as ApplicationRow)
  return { members }
}

function summaryOf(row: PackageRow, applications: readonly ApplicationRow[]): LifeEventApplicationSummary {
  const definition = lifeEventPackage(row.package_key)
  const status = packageStatusOf(applications.map((application) => application.status))
  const finished = applications.filter((application) => application.finished_at !== null)
  return {
    id: row.id,
    key: (definition?.key ?? row.package_key) as LifeEventApplicationSummary['key'],
    name: definition?.name ?? row.package_key,
    status,
    statusName: PACKAGE_STATUSES[status],
    submittedAt: row.submitted_at,
    finishedAt: status === 'in_progress' ? null : finished.map((application) => application.finished_at!).sort().at(-1) ?? null,
    finishedCount: finished.length,
    memberCount: applications.length,
  }
}

export async function packageSummaries(context: ApplicationsContext, rows: readonly PackageRow[]): Promise<LifeEventApplicationSummary[]> {
  const { members } = await loadMembers(context, rows.map((row) => row.id))
  return rows.map((row) => summaryOf(row, members.get(row.id) ?? []))
}

export async function packageDetail(context: ApplicationsContext, row: PackageRow): Promise<LifeEventApplication> {
  const applications = (await loadMembers(context, [row.id])).members.get(row.id) ?? []
  const ids = applications.map((application) => application.id)
  const [names, events, results] = await Promise.all([
    itemNames(context.db, applications.map((application) => application.item_code)),
    context.store.events(ids),
    // What 办结 delivered for each member (server/results/issue.ts writes it in the completing transaction).
    ids.length === 0 ? [] : resultsDb(context.db).selectFrom('issued_results').select(['id', 'application_id', 'title', 'kind', 'issued_at']).where('application_id', 'in', ids).execute(),
  ])
  const resultOf = new Map(results.map((result) => [result.application_id, { id: result.id, title: result.title, kind: result.kind, issuedAt: result.issued_at }]))
  const definition = lifeEventPackage(row.package_key)
  const now = context.clock()
  const nameOf = (code: string) => names.get(code) ?? { name: code, department: '' }
  const shared = JSON.parse(context.crypto.decrypt(row.shared_encrypted)) as StoredForm
  const timeline = applications
    .flatMap((application) =>
      (events.get(application.id) ?? []).map((event) => ({
        at: event.at,
        order: event.id,
        itemCode: application.item_code,
        itemName: nameOf(application.item_code).name,
        department: nameOf(application.item_code).department,
        status: event.status,
        statusName: APPLICATION_STATUSES[event.status],
        reason: event.reason,
      })),
    )
    .sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1))
    .map(({ order: _order, ...event }) => event)
  return {
    ...summaryOf(row, applications),
    shared: shared.fields.map((field) => ({
      key: field.key,
      label: field.label,
      value: maskStoredValue(field),
      ...(field.source ? { sourceLabel: PREFILL_SOURCES[field.source].label } : {}),
    })),
    members: applications.map((application) => {
      const summary = toSummary(application, nameOf(application.item_code).name, now)
      return {
        itemCode: application.item_code,
        itemName: summary.itemName,
        department: nameOf(application.item_code).department,
        timeLimitDays: Number(application.time_limit_days),
        result: definition?.members.find((member) => member.itemCode === application.item_code)?.result ?? '',
        applicationId: application.id,
        number: application.number,
        status: application.status,
        statusName: summary.statusName,
        finishedAt: application.finished_at,
        deadlineText: summary.deadlineText,
        ...(summary.supplementItems ? { supplementItems: summary.supplementItems } : {}),
        ...(resultOf.has(application.id) ? { issuedResult: resultOf.get(application.id)! } : {}),
      }
    }),
    timeline,
  }
}
