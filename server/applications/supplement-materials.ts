/**
 * 补正 naming exact materials: a reviewer's missing items that are material names of the
 * item are materials to replace. The citizen's 已补正 carries new uploads for those and only
 * those (another material is refused, naming it); each named material that can be uploaded
 * needs at least one. The new files replace the ones in force; the old stay, marked
 * superseded, so the reviewer sees old and new (GET /api/operator/applications/:id/uploads).
 */
import type { SupplementAnswer } from '../../src/contract/applications/schemas'
import { AppError } from '../errors'
import { findDraftUpload, replaceMaterialUploads } from '../uploads/attach'
import type { ApplicationsContext } from './context'
import type { GuideMaterial } from './items'
import type { ApplicationRow } from './store'
import type { StoredMaterial } from './views'

const invalid = (field: string, rule: string, message: string) => new AppError('VALIDATION_FAILED', { field, rule, message })

/** The item's materials the 补正 names (by exact name). */
export async function namedMaterials(context: ApplicationsContext, row: ApplicationRow): Promise<GuideMaterial[]> {
  const items = row.supplement_items ? (JSON.parse(row.supplement_items) as string[]) : []
  const item = await context.db.selectFrom('service_items').select('materials').where('code', '=', row.item_code).executeTakeFirst()
  const materials = item ? (JSON.parse(item.materials) as GuideMaterial[]) : []
  return materials.filter((material) => items.includes(material.name))
}

/** Checks the answer's uploads; answers them grouped by material, ready to replace. */
export async function checkReplacements(context: ApplicationsContext, row: ApplicationRow, answer: SupplementAnswer): Promise<Map<string, string[]>> {
  const named = await namedMaterials(context, row)
  const byMaterial = new Map<string, string[]>()
  for (const [index, choice] of (answer.materials ?? []).entries()) {
    const material = named.find((candidate) => candidate.name === choice.name)
    if (!material) {
      throw invalid(`body.materials.${index}.name`, 'a material the 补正 names', `本次补正没有要求更换“${choice.name}”，只需补正：${named.map((entry) => entry.name).join('、') || '见审核意见'}`)
    }
    const upload = await findDraftUpload(context.db, row.citizen_id, choice.uploadId)
    if (!upload || upload.item_code !== row.item_code || upload.material !== choice.name) {
      throw invalid(`body.materials.${index}.uploadId`, 'your own upload for this material', `“${choice.name}”上传的文件已失效，请重新上传`)
    }
    byMaterial.set(choice.name, [...(byMaterial.get(choice.name) ?? []), upload.id])
  }
  for (const material of named) {
    if (material.upload && !byMaterial.has(material.name)) {
      throw invalid('body.materials', `an upload for ${material.name}`, `请重新上传“${material.name}”（照片或 PDF）后再提交补正`)
    }
  }
  return byMaterial
}

/** Attaches the replacements, marks the replaced superseded and records the files in force on the application. */
export async function applyReplacements(context: ApplicationsContext, row: ApplicationRow, byMaterial: ReadonlyMap<string, string[]>): Promise<void> {
  if (byMaterial.size === 0) return
  const at = context.clock().toISOString()
  await context.db.transaction().execute(async (trx) => {
    await replaceMaterialUploads(trx, row.id, byMaterial, at)
    const materials = (JSON.parse(row.materials) as StoredMaterial[]).map((material): StoredMaterial => {
      const ids = byMaterial.get(material.name)
      return ids ? { name: material.name, provision: 'upload', ...(material.certificateType ? { certificateType: material.certificateType } : {}), uploadIds: ids } : material
    })
    await trx.updateTable('applications').set({ materials: JSON.stringify(materials), updated_at: at }).where('id', '=', row.id).execute()
  })
}
