import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { AliasRequestSchema, EditorServiceListSchema, EditorServiceSchema, type EditorFinding, type EditorService } from '../../src/contract/console/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import { ImportRejectedSchema, ServiceParamsSchema, type ServiceItemImport } from '../../src/contract/services/schemas'
import { auditCatalogue } from '../analytics/content-audit'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { requireRole } from '../plugins/require-role'
import { checkImport } from './import-rules'
import { findItem, upsertItems } from './repository'
import { searchEngineFor } from './search-engine'
import type { CatalogueItem } from './views'

/**
 * The console's 事项 editor (content_editor): every item whatever its status with the content
 * audit's findings on it, one item's whole guide, replacing a guide (the import's rules, every
 * bad field listed, nothing written), and adding a search alias — how a zero-result query on
 * the dashboard becomes a word that finds the item. Changes are audited and searchable at
 * once on this node (the index is dropped), on the others within a second (search-engine.ts).
 */
export interface EditorRoutesOptions {
  clock: Clock
}

export const EDITOR_AUDIT_EVENTS = { edit: 'catalogue.edit', alias: 'catalogue.alias' } as const
const EDITOR_ONLY = '仅内容编辑（content_editor）可以维护事项目录'
const NOT_FOUND = '没有这个事项编码，请核对后重试'

// A guide is tens of KB at most; the import's own limit is for thousands of them.
const GUIDE_BODY_LIMIT = 512 * 1024

export const operatorEditorRoutes: FastifyPluginAsyncTypebox<EditorRoutesOptions> = async (app, { clock }) => {
  noStore(app)
  const editor = requireRole(app, CONSOLE_ACCESS['GET /api/operator/services'], EDITOR_ONLY)

  const findingsOf = async (): Promise<Map<string, EditorFinding[]>> => {
    const byCode = new Map<string, EditorFinding[]>()
    for (const finding of await auditCatalogue(app.db)) byCode.set(finding.subject, [...(byCode.get(finding.subject) ?? []), { rule: finding.kind, message: finding.detail }])
    return byCode
  }
  const editorView = async (item: CatalogueItem): Promise<EditorService> => {
    const { popularity: _popularity, createdAt: _createdAt, updatedAt, publishedAt: _publishedAt, ...guide } = item
    return { guide, updatedAt, findings: (await findingsOf()).get(item.code) ?? [] }
  }
  const write = async (request: FastifyRequest, item: ServiceItemImport, event: string, detail: Record<string, string | number>) => {
    await app.db.transaction().execute((trx) => upsertItems(trx, [item], clock()))
    searchEngineFor(app.db).invalidate()
    await app.audit({ event, ...auditSource(request), detail: { code: item.code, ...detail } })
  }

  app.get(
    '/api/operator/services',
    {
      preHandler: editor,
      schema: {
        summary: 'Every catalogue item, draft, published or retired (content_editor), with the content audit findings on each',
        tags: ['operator'],
        response: withErrors(EditorServiceListSchema, [401, 403]),
      },
    },
    async () => {
      const [rows, findings] = await Promise.all([
        app.db.selectFrom('service_items').select(['code', 'name', 'department', 'status', 'updated_at']).orderBy('code').execute(),
        findingsOf(),
      ])
      return { items: rows.map((row) => ({ code: row.code, name: row.name, department: row.department, status: row.status, updatedAt: row.updated_at, findings: findings.get(row.code) ?? [] })) }
    },
  )

  app.get(
    '/api/operator/services/:code',
    {
      preHandler: editor,
      schema: {
        summary: "One item's whole guide as the import takes it (content_editor), any status, with its content audit findings",
        tags: ['operator'],
        params: ServiceParamsSchema,
        response: withErrors(EditorServiceSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const item = await findItem(app.db, request.params.code)
      if (!item) throw new AppError('NOT_FOUND', { message: NOT_FOUND })
      return editorView(item)
    },
  )

  app.put(
    '/api/operator/services/:code',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['PUT /api/operator/services/:code'], EDITOR_ONLY),
      bodyLimit: GUIDE_BODY_LIMIT,
      schema: {
        summary:
          "Replaces an existing item's guide (content_editor): checked by the import's rules, 422 lists every bad field and nothing is written; the code is the path's. Audited",
        tags: ['operator'],
        params: ServiceParamsSchema,
        // Loose on purpose, like the import: the rules list every bad field instead of the first.
        body: Type.Record(Type.String(), Type.Unknown(), { description: 'a ServiceItemImport' }),
        response: { ...withErrors(EditorServiceSchema, [400, 401, 403, 404, 413]), 422: ImportRejectedSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params
      if (request.body.code !== undefined && request.body.code !== code) {
        throw new AppError('VALIDATION_FAILED', { field: 'body.code', rule: 'equal to the path', message: '事项编码不能在这里修改' })
      }
      if (!(await findItem(app.db, code))) throw new AppError('NOT_FOUND', { message: NOT_FOUND })
      const checked = checkImport([{ ...request.body, code }])
      if (!checked.ok) {
        return reply.code(422).send({
          error: { code: 'VALIDATION_FAILED', message: `有 ${checked.errors.length} 处不符合要求，未作任何修改；请按列出的字段修改后重新保存`, field: 'body' },
          inserted: 0,
          updated: 0,
          errors: checked.errors,
        })
      }
      await write(request, checked.items[0]!, EDITOR_AUDIT_EVENTS.edit, { status: checked.items[0]!.status })
      return editorView((await findItem(app.db, code))!)
    },
  )

  app.post(
    '/api/operator/services/:code/aliases',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['POST /api/operator/services/:code/aliases'], EDITOR_ONLY),
      schema: {
        summary:
          "Adds a search alias (同义词) to an item (content_editor), e.g. a citizen's zero-result query: the same search finds the item at once. An alias it already has changes nothing. Audited",
        tags: ['operator'],
        params: ServiceParamsSchema,
        body: AliasRequestSchema,
        response: { ...withErrors(EditorServiceSchema, [400, 401, 403, 404]), 422: ImportRejectedSchema },
      },
    },
    async (request, reply) => {
      const item = await findItem(app.db, request.params.code)
      if (!item) throw new AppError('NOT_FOUND', { message: NOT_FOUND })
      const alias = request.body.alias.trim()
      if (!alias) throw new AppError('VALIDATION_FAILED', { field: 'body.alias', rule: 'not blank', message: '请填写同义词' })
      if (item.aliases.includes(alias) || item.name === alias) return editorView(item)
      const { popularity: _p, createdAt: _c, updatedAt: _u, publishedAt: _pa, ...guide } = item
      const checked = checkImport([{ ...guide, aliases: [...item.aliases, alias] }])
      if (!checked.ok) {
        const errors = checked.errors.map((error) => (error.field.startsWith('aliases') ? { ...error, field: 'alias' } : error))
        return reply.code(422).send({ error: { code: 'VALIDATION_FAILED', message: errors[0]!.message, field: 'body.alias' }, inserted: 0, updated: 0, errors })
      }
      await write(request, checked.items[0]!, EDITOR_AUDIT_EVENTS.alias, { alias })
      return editorView((await findItem(app.db, item.code))!)
    },
  )
}
