import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SubmitHeadersSchema } from '../../src/contract/applications/schemas'
import { LIFE_EVENT_PACKAGES, lifeEventPackage, type LifeEventPackage } from '../../src/contract/life-events/data'
import {
  LifeEventApplicationPageQuerySchema,
  LifeEventApplicationPageSchema,
  LifeEventApplicationParamsSchema,
  LifeEventApplicationSchema,
  LifeEventFormSchema,
  LifeEventGuideSchema,
  LifeEventPackageListSchema,
  LifeEventParamsSchema,
  LifeEventSubmitRequestSchema,
  type LifeEventGuide,
  type LifeEventSummary,
} from '../../src/contract/life-events/schemas'
import type { ApplicationsContext } from '../applications/context'
import { citizenIdOf } from '../certificates/access'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { emitActivity } from '../live/activity'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import { buildPackageForm, sharedField } from './form'
import { loadMembers, packageNotFound, producersOf, requirePublished, type MemberItem } from './members'
import { LIFE_EVENT_AUDIT_EVENTS, submitPackage } from './submit'
import { lifeEventDb } from './tables'
import { packageDetail, packageSummaries } from './views'

export interface LifeEventRoutesOptions {
  applications: ApplicationsContext
}

function definitionOf(key: string): LifeEventPackage {
  const definition = lifeEventPackage(key)
  if (!definition) throw packageNotFound()
  return definition
}

function summaryOf(definition: LifeEventPackage, members: readonly MemberItem[]): LifeEventSummary {
  return {
    key: definition.key,
    name: definition.name,
    summary: definition.summary,
    members: definition.members.map((member, index) => ({
      itemCode: member.itemCode,
      itemName: members[index]!.name,
      department: members[index]!.department,
      timeLimitDays: members[index]!.timeLimitDays,
      result: member.result,
    })),
  }
}

function applicationNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到该“一件事”申请，请返回“我的一件事”刷新后重试' })
}

/** 一件事一次办: the packages' guides, the one form, one submit, and the package's progress. */
export const lifeEventRoutes: FastifyPluginAsyncTypebox<LifeEventRoutesOptions> = async (app, { applications }) => {
  noStore(app)
  const db = lifeEventDb(applications.db)

  app.get(
    '/api/life-events',
    { schema: { summary: '一件事一次办: every package with its member items and their departments', tags: ['life-events'], response: withErrors(LifeEventPackageListSchema, []) } },
    async () => ({
      items: await Promise.all(LIFE_EVENT_PACKAGES.map(async (definition) => summaryOf(definition, await loadMembers(applications.db, definition)))),
    }),
  )

  app.get(
    '/api/life-events/:key',
    {
      schema: {
        summary: "A package's guide: what is included, which departments, what you need (each member's materials and what only it asks); 404 unknown",
        tags: ['life-events'],
        params: LifeEventParamsSchema,
        response: withErrors(LifeEventGuideSchema, [400, 404]),
      },
    },
    async (request): Promise<LifeEventGuide> => {
      const definition = definitionOf(request.params.key)
      const members = await loadMembers(applications.db, definition)
      const summary = summaryOf(definition, members)
      return {
        ...summary,
        conditions: definition.conditions,
        sharedFields: definition.sharedFields.map((field) => field.label),
        members: summary.members.map((member, index) => ({
          ...member,
          materials: members[index]!.materials.map((material) => ({
            ...(producersOf(definition, index, members)[material.name] ? { fromMember: producersOf(definition, index, members)[material.name] } : {}),
            name: material.name,
            ...(material.form ? { form: material.form } : {}),
            ...(material.note ? { note: material.note } : {}),
            ...(material.certificateType ? { certificateType: material.certificateType } : {}),
          })),
          asks: [...Object.values(definition.members[index]!.shared).map((key) => sharedField(definition, key).label), ...definition.members[index]!.fields.map((field) => field.label)],
        })),
      }
    },
  )

  app.get(
    '/api/life-events/:key/form',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The package's one form for this citizen: shared fields prefilled (masked, with sources), each member's own fields and how its materials are provided",
        tags: ['life-events'],
        params: LifeEventParamsSchema,
        response: withErrors(LifeEventFormSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const identity = identityOf(request)
      const definition = definitionOf(request.params.key)
      const members = await loadMembers(applications.db, definition)
      requirePublished(definition, members)
      const form = await buildPackageForm(applications, definition, members, citizenIdOf(identity))
      await app.audit({
        event: LIFE_EVENT_AUDIT_EVENTS.form,
        ...auditSource(request),
        detail: { package: definition.key, prefilled: form.sharedFields.filter((field) => field.value !== undefined).map((field) => field.key).join(',') },
      })
      return form
    },
  )

  app.post(
    '/api/life-events/:key/applications',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          'Submits a package once: each member item becomes its own application in its own department\'s queue, linked to the package. Idempotency-Key: 201 created, 200 the same package for a replay, 422 IDEMPOTENCY_KEY_REUSED for another body; 400 names body.shared.<field> or body.members.<itemCode>.<field>',
        tags: ['life-events'],
        params: LifeEventParamsSchema,
        headers: SubmitHeadersSchema,
        body: LifeEventSubmitRequestSchema,
        response: { ...withErrors(LifeEventApplicationSchema, [400, 401, 403, 404, 409, 422], 201), 200: LifeEventApplicationSchema },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request)
      const definition = definitionOf(request.params.key)
      const result = await submitPackage(applications, definition, identity, request.headers['idempotency-key'], request.body, request.ip)
      const row = await db.selectFrom('life_event_applications').selectAll().where('id', '=', result.packageId).executeTakeFirstOrThrow()
      if (!result.created) void reply.header('idempotent-replayed', 'true')
      else for (const member of definition.members) emitActivity(applications.db, { kind: 'application_submit', serviceCode: member.itemCode, at: applications.clock() })
      return reply.code(result.created ? 201 : 200).send(await packageDetail(applications, row))
    },
  )

  app.get(
    '/api/life-event-applications',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The citizen's package applications, newest first, each with its status computed from its members",
        tags: ['life-events'],
        querystring: LifeEventApplicationPageQuerySchema,
        response: withErrors(LifeEventApplicationPageSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query
      const citizenId = citizenIdOf(identityOf(request))
      const rows = await db
        .selectFrom('life_event_applications')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .orderBy('submitted_at', 'desc')
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      const count = await db.selectFrom('life_event_applications').select((eb) => eb.fn.countAll().as('total')).where('citizen_id', '=', citizenId).executeTakeFirst()
      return { items: await packageSummaries(applications, rows), page, pageSize, total: Number(count?.total ?? 0) }
    },
  )

  app.get(
    '/api/life-event-applications/:id',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "One of the citizen's package applications: every member's status on one timeline, finished when every member is; another citizen's is 404",
        tags: ['life-events'],
        params: LifeEventApplicationParamsSchema,
        response: withErrors(LifeEventApplicationSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const citizenId = citizenIdOf(identityOf(request))
      const row = await db.selectFrom('life_event_applications').selectAll().where('id', '=', request.params.id).where('citizen_id', '=', citizenId).executeTakeFirst()
      if (!row) throw applicationNotFound()
      return packageDetail(applications, row)
    },
  )
}
