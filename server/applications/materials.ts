/**
 * How each material of an item is met, for one citizen, in this order (免提交 first, upload
 * second): an e-certificate they hold (将使用您的电子驾驶证); data the government holds that
 * resolves for them (a prefill source); the answer to a field of the form; an upload (photo
 * or PDF, server/uploads); and only where the item's data says the law needs the original, by
 * post or at the counter. Computed on the server, per citizen: nobody is told a certificate
 * will be used that they do not hold.
 */
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import type { CertificateType } from '../../src/contract/certificates/schemas'
import type { MaterialView, SubmitApplicationRequest } from '../../src/contract/applications/schemas'
import { PREFILL_SOURCES, type MaterialProvision } from '../../src/contract/services/data'
import { isCertificateType } from '../certificates/catalogue'
import { certificateStatus } from '../certificates/status'
import { toSummary } from '../certificates/views'
import { AppError } from '../errors'
import { findDraftUpload } from '../uploads/attach'
import type { ApplicationsContext } from './context'
import type { GuideMaterial, OnlineItem } from './items'
import { resolverFor, type PrefillLoader } from './prefill'
import type { FormValues } from './validation'
import type { StoredMaterial } from './views'

export interface MaterialPlan {
  material: GuideMaterial
  /** How it is met for this citizen before anything is chosen: certificate, data, form, upload or counter. */
  provision: MaterialProvision
  certificate?: { id: string; type: CertificateType; typeName: string; number: string }
  data?: { label: string; field: string }
}

export async function planMaterials(item: OnlineItem, loader: PrefillLoader, now: Date): Promise<MaterialPlan[]> {
  return Promise.all(
    item.materials.map(async (material): Promise<MaterialPlan> => {
      const type = material.certificateType
      if (type && isCertificateType(type)) {
        const found = await loader.validCertificate(type)
        if (found) {
          const summary = toSummary(found.record, found.fields, now)
          return { material, provision: 'certificate', certificate: { id: found.record.id, type, typeName: CERTIFICATE_TYPES[type].name, number: summary.number } }
        }
      }
      if (material.dataSource && material.dataSource in PREFILL_SOURCES && (await resolverFor(material.dataSource).resolve(loader)) !== undefined) {
        const source = PREFILL_SOURCES[material.dataSource]
        return { material, provision: 'data', data: { label: source.label, field: source.field } }
      }
      if (material.formField && item.form.fields.some((field) => field.key === material.formField)) return { material, provision: 'form' }
      if (material.upload) return { material, provision: 'upload' }
      return { material, provision: 'counter' }
    }),
  )
}

function instruction(plan: MaterialPlan, item: OnlineItem): string {
  const { material } = plan
  switch (plan.provision) {
    case 'certificate':
      return `将使用您的电子${plan.certificate!.typeName}，无需另行提交`
    case 'data':
      return `已有数据：${plan.data!.label}（${plan.data!.field}），无需提交`
    case 'form': {
      const label = item.form.fields.find((field) => field.key === material.formField)?.label ?? ''
      return material.upload ? `在下方表单“${label}”中填写即可，也可以上传照片或 PDF` : `在下方表单“${label}”中填写即可，无需另行提交`
    }
    case 'upload':
      return '请上传照片或 PDF（用手机拍清楚即可）'
    case 'counter':
      return material.original ? `需要原件（${material.original}），请邮寄或带到窗口，受理时核验` : '请到窗口提交纸质材料（受理时核验）'
  }
}

export function materialView(plan: MaterialPlan, item: OnlineItem): MaterialView {
  const { material, certificate } = plan
  const view: MaterialView = {
    name: material.name,
    provision: plan.provision,
    instruction: instruction(plan, item),
    upload: material.upload === true,
  }
  if (material.copies !== undefined) view.copies = material.copies
  if (material.form) view.form = material.form
  if (material.note) view.note = material.note
  if (material.certificateType) view.certificateType = material.certificateType
  if (material.formField) view.formField = material.formField
  if (material.original) view.original = material.original
  if (certificate) view.certificate = { id: certificate.id, typeName: certificate.typeName, number: certificate.number, name: certificate.typeName }
  if (plan.data) view.data = plan.data
  return view
}

const invalid = (field: string, rule: string, message: string) => new AppError('VALIDATION_FAILED', { field, rule, message })

const isBlank = (value: FormValues[string] | undefined) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)

/**
 * What is stored for each material on submit. A chosen certificate must be the citizen's own
 * and valid; a chosen upload the citizen's own draft for this item and material. A material
 * met only by an upload and left without one is refused (400 naming it): 全程网办 means
 * nothing goes to the counter afterwards.
 */
export async function attachMaterials(
  context: ApplicationsContext,
  citizenId: string,
  item: OnlineItem,
  plans: readonly MaterialPlan[],
  values: FormValues,
  chosen: SubmitApplicationRequest['materials'],
  now: Date,
): Promise<{ materials: StoredMaterial[]; uploadIds: string[] }> {
  const certificates = new Map<string, string>()
  const uploads = new Map<string, string[]>()
  for (const [index, choice] of (chosen ?? []).entries()) {
    const plan = plans.find((candidate) => candidate.material.name === choice.name)
    if (!plan) throw invalid(`body.materials.${index}.name`, 'a material of the item', `“${choice.name}”不是本事项的申请材料`)
    if (choice.certificateId !== undefined && choice.uploadId === undefined) {
      if (!plan.material.certificateType) throw invalid(`body.materials.${index}.name`, 'certificate material of the item', `“${choice.name}”不是本事项可用电子证照提供的材料`)
      const found = await context.certificates.findForCitizen(citizenId, choice.certificateId)
      if (!found || found.record.type !== plan.material.certificateType || certificateStatus(found.record, now) !== 'valid') {
        throw invalid(`body.materials.${index}.certificateId`, `valid ${plan.material.certificateType}`, `“${choice.name}”需要您本人有效的电子证照，请重新选择`)
      }
      certificates.set(choice.name, found.record.id)
    } else if (choice.uploadId !== undefined && choice.certificateId === undefined) {
      if (!plan.material.upload) throw invalid(`body.materials.${index}.uploadId`, 'a material that can be uploaded', `“${choice.name}”不能用上传的照片代替`)
      const upload = await findDraftUpload(context.db, citizenId, choice.uploadId)
      if (!upload || upload.item_code !== item.code || upload.material !== choice.name) {
        throw invalid(`body.materials.${index}.uploadId`, 'your own upload for this material', `“${choice.name}”上传的文件已失效，请重新上传`)
      }
      uploads.set(choice.name, [...(uploads.get(choice.name) ?? []), upload.id])
    } else {
      throw invalid(`body.materials.${index}`, 'exactly one of certificateId or uploadId', `“${choice.name}”请选择电子证照或上传文件`)
    }
  }

  const materials = plans.map(({ material, provision, certificate }): StoredMaterial => {
    const base = { name: material.name, ...(material.certificateType ? { certificateType: material.certificateType } : {}) }
    const certificateId = certificates.get(material.name) ?? certificate?.id
    if (certificateId) return { ...base, provision: 'certificate', certificateId }
    const uploaded = uploads.get(material.name)
    if (uploaded) return { ...base, provision: 'upload', uploadIds: uploaded }
    if (provision === 'data') return { ...base, provision: 'data' }
    if (provision === 'form' && !isBlank(values[material.formField!])) return { ...base, provision: 'form', formField: material.formField }
    if (material.upload) {
      throw invalid('body.materials', `an upload for ${material.name}`, `还需要上传“${material.name}”（照片或 PDF），上传后再提交`)
    }
    return { ...base, provision: 'counter' }
  })
  return { materials, uploadIds: [...uploads.values()].flat() }
}
