/**
 * How a member item's materials are met inside a package: by an e-certificate the citizen
 * actually holds (attached by reference, 免提交), else handed in at the counter when the
 * department receives the applicant, said plainly. Computed per citizen on the server.
 * Its own module (not the applications domain's material plan) so the package's promise
 * stays what this code does, whatever the item-level plan learns (uploads, shared data).
 */
import type { MaterialView } from '../../src/contract/applications/schemas'
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import type { GuideMaterial } from '../applications/items'
import type { PrefillLoader } from '../applications/prefill'
import type { StoredMaterial } from '../applications/views'
import { isCertificateType } from '../certificates/catalogue'
import { toSummary } from '../certificates/views'

export interface MemberMaterialPlan {
  material: GuideMaterial
  certificate?: { id: string; typeName: string; number: string }
}

export async function planMemberMaterials(materials: readonly GuideMaterial[], loader: PrefillLoader, now: Date): Promise<MemberMaterialPlan[]> {
  return Promise.all(
    materials.map(async (material): Promise<MemberMaterialPlan> => {
      const type = material.certificateType
      if (!type || !isCertificateType(type)) return { material }
      const found = await loader.validCertificate(type)
      if (!found) return { material }
      return { material, certificate: { id: found.record.id, typeName: CERTIFICATE_TYPES[type].name, number: toSummary(found.record, found.fields, now).number } }
    }),
  )
}

export function memberMaterialView({ material, certificate }: MemberMaterialPlan): MaterialView {
  return {
    name: material.name,
    provision: certificate ? 'certificate' : 'counter',
    instruction: certificate ? `将使用您的电子${certificate.typeName}，无需另行提交` : '请在部门受理时到窗口提交纸质材料（受理时核验）',
    ...(material.copies !== undefined ? { copies: material.copies } : {}),
    ...(material.form ? { form: material.form } : {}),
    ...(material.note ? { note: material.note } : {}),
    ...(material.certificateType ? { certificateType: material.certificateType } : {}),
    ...(certificate ? { certificate: { id: certificate.id, typeName: certificate.typeName, number: certificate.number, name: certificate.typeName } } : {}),
  }
}

export function storedMemberMaterial({ material, certificate }: MemberMaterialPlan): StoredMaterial {
  return certificate
    ? { name: material.name, provision: 'certificate', ...(material.certificateType ? { certificateType: material.certificateType } : {}), certificateId: certificate.id }
    : { name: material.name, provision: 'counter', ...(material.certificateType ? { certificateType: material.certificateType } : {}) }
}
