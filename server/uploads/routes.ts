import multipart from '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { FileQuerySchema, UploadLinkSchema, UploadListQuerySchema, UploadListSchema, UploadParamsSchema, UploadViewSchema } from '../../src/contract/uploads/schemas'
import { citizenIdOf } from '../certificates/access'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import { tooLarge } from './content'
import { UPLOAD_AUDIT_EVENTS, type UploadsContext } from './context'
import { removeDraft, takeUpload, toUploadView, uploadNotFound } from './uploads'

export interface UploadRoutesOptions {
  uploads: UploadsContext
}

interface Parts {
  fields: Record<string, string>
  file?: Buffer
}

// A material name is plain text: any character but controls (checked by code point, not a regex of control characters).
const plainText = (max: number) => ({ test: (value: string) => value.length >= 1 && value.length <= max && ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) })
const FIELD_RULES: Record<string, { test(value: string): boolean }> = { itemCode: /^[A-Za-z0-9_-]{1,64}$/, material: plainText(100) }

/** The multipart body: one file part named `file`, and the text fields itemCode and material. */
async function readParts(request: FastifyRequest, maxBytes: number): Promise<Parts> {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', { field: 'body', rule: 'multipart/form-data with itemCode, material and file', message: '请选择要上传的文件' })
  }
  const parts: Parts = { fields: {} }
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 400, parts: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { field: `body.${part.fieldname.slice(0, 20)}`, rule: 'the file part is named file' })
        parts.file = await part.toBuffer()
      } else if (typeof part.value === 'string' && part.fieldname in FIELD_RULES) {
        parts.fields[part.fieldname] = part.value
      } else {
        throw new AppError('VALIDATION_FAILED', { field: `body.${part.fieldname.slice(0, 20)}`, rule: 'only itemCode, material and file' })
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    const code = (error as { code?: string }).code ?? ''
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes)
    if (code.startsWith('FST_')) throw new AppError('VALIDATION_FAILED', { field: 'body', rule: 'one file with itemCode and material', message: '上传的内容不完整，请重新选择文件' })
    throw error
  }
  for (const [name, rule] of Object.entries(FIELD_RULES)) {
    if (!rule.test(parts.fields[name] ?? '')) throw new AppError('VALIDATION_FAILED', { field: `body.${name}`, rule: name === 'itemCode' ? 'an item code' : '1-100 characters of plain text' })
  }
  if (!parts.file) throw new AppError('VALIDATION_FAILED', { field: 'body.file', rule: 'one file', message: '请选择要上传的文件' })
  return parts
}

/** Citizens' uploads (L4, their own only) and the signed file links anyone holding one may follow until it expires. */
export const uploadRoutes: FastifyPluginAsyncTypebox<UploadRoutesOptions> = async (app, { uploads }) => {
  noStore(app)
  await app.register(multipart, { limits: { fileSize: uploads.maxBytes, files: 1 } })

  app.post(
    '/api/uploads',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          'Uploads a photo or PDF for one material of an item (multipart: itemCode, material, file). The type is decided by the bytes; photos are re-encoded as JPEG without EXIF/GPS. Audited',
        tags: ['uploads'],
        consumes: ['multipart/form-data'],
        response: withErrors(UploadViewSchema, [400, 401, 403, 404, 413, 422], 201),
      },
    },
    async (request, reply) => {
      const identity = identityOf(request)
      const parts = await readParts(request, uploads.maxBytes)
      const row = await takeUpload(uploads, {
        citizenId: citizenIdOf(identity),
        accountId: identity.account.id,
        itemCode: parts.fields.itemCode!,
        material: parts.fields.material!,
        bytes: parts.file!,
      })
      await app.audit({ event: UPLOAD_AUDIT_EVENTS.create, ...auditSource(request), detail: { uploadId: row.id, itemCode: row.item_code, material: row.material, kind: row.kind, size: row.size } })
      return reply.code(201).send(toUploadView(row))
    },
  )

  app.get(
    '/api/uploads',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The citizen's uploads for an item not yet attached to an application, newest first",
        tags: ['uploads'],
        querystring: UploadListQuerySchema,
        response: withErrors(UploadListSchema, [400, 401, 403]),
      },
    },
    async (request) => ({ items: (await uploads.store.drafts(citizenIdOf(identityOf(request)), request.query.itemCode)).map(toUploadView) }),
  )

  app.delete(
    '/api/uploads/:id',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Removes an upload not yet attached to an application (409 CONFLICT once attached); another citizen\'s: 404. Audited',
        tags: ['uploads'],
        params: UploadParamsSchema,
        response: withErrors(UploadViewSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const row = await uploads.store.findForCitizen(citizenIdOf(identityOf(request)), request.params.id)
      if (!row) throw uploadNotFound()
      await removeDraft(uploads, row)
      await app.audit({ event: UPLOAD_AUDIT_EVENTS.remove, ...auditSource(request), detail: { uploadId: row.id, itemCode: row.item_code, material: row.material } })
      return toUploadView(row)
    },
  )

  app.get(
    '/api/uploads/:id/link',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "A signed link to one of the citizen's own uploads, valid for UPLOAD_LINK_TTL_SECONDS; another citizen's: 404",
        tags: ['uploads'],
        params: UploadParamsSchema,
        response: withErrors(UploadLinkSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const identity = identityOf(request)
      const row = await uploads.store.findForCitizen(citizenIdOf(identity), request.params.id)
      if (!row) throw uploadNotFound()
      const link = uploads.links.create(row.id, { kind: 'account', id: identity.account.id }, uploads.clock())
      await app.audit({ event: UPLOAD_AUDIT_EVENTS.link, ...auditSource(request), detail: { uploadId: row.id } })
      return link
    },
  )

  app.get(
    '/api/files/:id',
    {
      // A file / PDF / the HTML proof page a browser renders: the document security headers.
      config: { securityHeaders: 'document' },
      schema: {
        summary: 'The bytes of an upload through a signed link (no session: the signature names the reader). 410 UPLOAD_LINK_EXPIRED, 403 UPLOAD_LINK_INVALID; every read audited',
        tags: ['uploads'],
        params: UploadParamsSchema,
        querystring: FileQuerySchema,
        response: withErrors(Type.Unknown({ description: 'The file: image/jpeg or application/pdf' }), [400, 403, 404, 410]),
      },
    },
    async (request, reply) => {
      const reader = uploads.links.verify(request.params.id, request.query, uploads.clock())
      const row = await uploads.store.findById(request.params.id)
      const bytes = row && row.purged_at === null ? await uploads.storage.get(row.storage_key) : undefined
      await app.audit({
        event: UPLOAD_AUDIT_EVENTS.read,
        outcome: bytes ? 'success' : 'failure',
        accountId: reader.kind === 'account' ? reader.id : null,
        operatorId: reader.kind === 'operator' ? reader.id : null,
        citizenId: row?.citizen_id ?? null,
        ip: request.ip,
        detail: { uploadId: request.params.id, applicationId: row?.application_id ?? null },
      })
      if (!row || !bytes) throw uploadNotFound()
      return reply
        .header('content-type', row.content_type)
        .header('content-disposition', `inline; filename="${row.id}.${row.kind === 'pdf' ? 'pdf' : 'jpg'}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes)
    },
  )
}
