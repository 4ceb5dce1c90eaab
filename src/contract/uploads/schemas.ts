/**
 * Uploaded materials (申请材料上传): a photo or PDF for one material of one item.
 *
 * Routes (L4 = proven by face, see identity.ts; reviewer = role 'reviewer'):
 *   POST   /api/uploads                      L4  multipart/form-data: itemCode, material (the material's name), file
 *                                                → 201 UploadView. The type is decided by the bytes (JPEG/PNG/WebP/HEIC
 *                                                photos are re-encoded as JPEG without EXIF/GPS; PDFs kept); 400 UPLOAD_EMPTY,
 *                                                413 UPLOAD_TOO_LARGE, 415 UPLOAD_WRONG_TYPE, 422 UPLOAD_UNREADABLE,
 *                                                400 VALIDATION_FAILED naming body.itemCode / body.material
 *   GET    /api/uploads?itemCode=            L4  UploadList: my uploads for the item not yet attached to an application
 *   DELETE /api/uploads/:id                  L4  removes one not yet attached (409 once attached); another's: 404
 *   GET    /api/uploads/:id/link             L4  UploadLink: a signed link of a few minutes; another's: 404
 *   GET    /api/files/:id?exp=&by=&sig=      —   the bytes, through a signed link only (410 UPLOAD_LINK_EXPIRED,
 *                                                403 UPLOAD_LINK_INVALID); every read audited (upload.read)
 *   GET    /api/operator/applications/:id/uploads  reviewer  OperatorUploadList: every version with a signed link; audited
 *
 * An upload is attached to an application by its id in SubmitApplicationRequest.materials
 * ({ name, uploadId }) or in a 补正 answer. Client: import types only.
 */
import { Type, type Static } from '@sinclair/typebox'

export const UploadIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' })

export const UploadParamsSchema = Type.Object({ id: UploadIdSchema })
export type UploadParams = Static<typeof UploadParamsSchema>

export const UploadKindSchema = Type.Union([Type.Literal('image'), Type.Literal('pdf')])
export type UploadKind = Static<typeof UploadKindSchema>

export const UploadViewSchema = Type.Object({
  id: Type.String(),
  itemCode: Type.String(),
  /** The material's name, as in the guide. */
  material: Type.String(),
  kind: UploadKindSchema,
  contentType: Type.String(),
  /** Bytes as stored (a photo after re-encoding). */
  size: Type.Integer(),
  createdAt: Type.String(),
  /** Attached to an application (then it can no longer be removed, only replaced in a 补正). */
  attached: Type.Boolean(),
})
export type UploadView = Static<typeof UploadViewSchema>

export const UploadListQuerySchema = Type.Object({ itemCode: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false })
export type UploadListQuery = Static<typeof UploadListQuerySchema>

export const UploadListSchema = Type.Object({ items: Type.Array(UploadViewSchema) })
export type UploadList = Static<typeof UploadListSchema>

export const UploadLinkSchema = Type.Object({
  /** A path on the API (prefix the API base); works without a session until expiresAt. */
  url: Type.String(),
  expiresAt: Type.String(),
})
export type UploadLink = Static<typeof UploadLinkSchema>

export const FileQuerySchema = Type.Object(
  {
    exp: Type.String({ pattern: '^[0-9]{1,12}$' }),
    by: Type.String({ minLength: 3, maxLength: 70, pattern: '^[ao]\\.[A-Za-z0-9_-]+$' }),
    sig: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  },
  { additionalProperties: false },
)
export type FileQuery = Static<typeof FileQuerySchema>

export const OperatorUploadSchema = Type.Intersect([
  UploadViewSchema,
  Type.Object({
    /** The version in force; false for one a 补正 replaced (kept so the reviewer sees both). */
    current: Type.Boolean(),
    supersededAt: Type.Optional(Type.String()),
    /** Removed by the retention purge: no link. */
    purged: Type.Boolean(),
    link: Type.Optional(UploadLinkSchema),
  }),
])
export type OperatorUpload = Static<typeof OperatorUploadSchema>

export const OperatorUploadListSchema = Type.Object({ items: Type.Array(OperatorUploadSchema) })
export type OperatorUploadList = Static<typeof OperatorUploadListSchema>
