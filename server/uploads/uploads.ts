/**
 * Taking in one uploaded file: the item and material it is for checked against the
 * published catalogue, the bytes checked and cleaned (./content.ts), stored under a key the
 * server makes, then the row written. A row is written only once the bytes are stored, and
 * the bytes are removed again when the row cannot be written: no half-written upload.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { UploadView } from '../../src/contract/uploads/schemas'
import { AppError } from '../errors'
import { checkUpload } from './content'
import type { UploadsContext } from './context'
import type { UploadRow } from './store'

export function newUploadId(): string {
  return randomBytes(16).toString('base64url')
}

export function toUploadView(row: UploadRow): UploadView {
  return {
    id: row.id,
    itemCode: row.item_code,
    material: row.material,
    kind: row.kind,
    contentType: row.content_type,
    size: Number(row.size),
    createdAt: row.created_at,
    attached: row.application_id !== null,
  }
}

export function uploadNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到这份上传的材料，请刷新后重试' })
}

interface MaterialEntry {
  name: string
  upload?: boolean
  formField?: string
}

/** The published item's material of that name, which must accept an upload (else 400 naming the field). */
async function checkMaterial(context: UploadsContext, itemCode: string, material: string): Promise<void> {
  const item = await context.db.selectFrom('service_items').select(['materials', 'status']).where('code', '=', itemCode).executeTakeFirst()
  if (!item || item.status !== 'published') {
    throw new AppError('VALIDATION_FAILED', { field: 'body.itemCode', rule: 'a published item', message: '没有找到该事项，它可能已下线，请返回事项列表查看' })
  }
  const entry = (JSON.parse(item.materials) as MaterialEntry[]).find((candidate) => candidate.name === material)
  if (!entry) throw new AppError('VALIDATION_FAILED', { field: 'body.material', rule: 'a material of the item', message: `“${material.slice(0, 40)}”不是本事项的申请材料` })
  if (!entry.upload) {
    throw new AppError('VALIDATION_FAILED', { field: 'body.material', rule: 'a material that can be uploaded', message: `“${entry.name}”需要提交原件，不能上传照片代替，请按办事指南邮寄或到窗口提交` })
  }
}

export interface NewUpload {
  citizenId: string
  accountId: string
  itemCode: string
  material: string
  bytes: Buffer
}

export async function takeUpload(context: UploadsContext, input: NewUpload): Promise<UploadRow> {
  await checkMaterial(context, input.itemCode, input.material)
  const file = await checkUpload(input.bytes, context.maxBytes)
  const id = newUploadId()
  const now = context.clock()
  // Sharded by month so no directory (or listing) grows without bound; nothing personal in the key.
  const key = `uploads/${now.toISOString().slice(0, 7).replace('-', '')}/${id}`
  await context.storage.put(key, file.bytes, file.contentType)
  const row: UploadRow = {
    id,
    citizen_id: input.citizenId,
    account_id: input.accountId,
    item_code: input.itemCode,
    material: input.material,
    application_id: null,
    kind: file.kind,
    content_type: file.contentType,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storage_key: key,
    created_at: now.toISOString(),
    superseded_at: null,
    replaced_by: null,
    purged_at: null,
  }
  try {
    await context.store.insert(row)
  } catch (error) {
    await context.storage.delete(key).catch(() => undefined)
    throw error
  }
  return row
}

/** Removes a draft upload (not yet attached): the bytes, then the row. */
export async function removeDraft(context: UploadsContext, row: UploadRow): Promise<void> {
  if (row.application_id !== null) {
    throw new AppError('CONFLICT', { message: '该材料已随申请提交，不能删除；如需更换，请在审核人员要求补正时重新上传' })
  }
  await context.storage.delete(row.storage_key)
  await context.store.remove(row.id)
}
