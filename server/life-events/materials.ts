/**
 * How a member item's materials are met inside a package: by another member of the package
 * that produces it (shared between the departments once that member is 办结: `data`), by an
 * e-certificate the citizen actually holds (attached by reference, 免提交), else handed in at
 * the counter when the department receives the applicant, said plainly. Computed per citizen on the server.
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
  /** The name of the package's member item that produces it. */
  fromMember?: string
}

/** `fromMembers`: material name → the producing member's item name (see PackageMember.fromMembers). */
export async function planMemberMaterials(materials: readonly GuideMaterial[], loader: PrefillLoader, now: Date, fromMembers: Readonly<Record<string, string>> = {}): Promise<MemberMaterialPlan[]> {
  return Promise.all(
    materials.map(async (material): Promise<MemberMaterialPlan> => {
      // First: what this package itself produces, never an older document of the citizen's in its place.
      const producer = fromMembers[material.name]
      if (producer) return { material, fromMember: producer }
      const type = material.certificateType
      if (!type || !isCertificateType(type)) return { material }
      const found = await loader.validCertificate(type)
      if (!found) return { material }
      return { material, certificate: { id: found.record.id, typeName: CERTIFICATE_TYPES[type].name, number: toSummary(found.record, found.fields, now).number } }
    }),
  )
}

export const sharedFromWords = (itemName: string) => `由本件事中的“${itemName}”办结后部门间共享，无需提交`

export function memberMaterialView({ material, certificate, fromMember }: MemberMaterialPlan): MaterialView {
  return {
    name: material.name,
    provision: fromMember ? 'data' : certificate ? 'certificate' : 'counter',
    instruction: fromMember ? sharedFromWords(fromMember) : certificate ? `将使用您的电子${certificate.typeName}，无需另行提交` : '请在部门受理时到窗口提交纸质材料（受理时核验）',
    ...(fromMember ? { data: { label: '本件事', field: fromMember } } : {}),
    ...(material.copies !== undefined ? { copies: material.copies } : {}),
    ...(material.form ? { form: material.form } : {}),
    ...(material.note ? { note: material.note } : {}),
    ...(material.certificateType ? { certificateType: material.certificateType } : {}),
    ...(certificate ? { certificate: { id: certificate.id, typeName: certificate.typeName, number: certificate.number, name: certificate.typeName } } : {}),
  }
}

export function storedMemberMaterial({ material, certificate, fromMember }: MemberMaterialPlan): StoredMaterial {
  if (fromMember) return { name: material.name, provision: 'data', ...(material.certificateType ? { certificateType: material.certificateType } : {}) }
  return certificate
    ? { name: material.name, provision: 'certificate', ...(material.certificateType ? { certificateType: material.certificateType } : {}), certificateId: certificate.id }
    : { name: material.name, provision: 'counter', ...(material.certificateType ? { certificateType: material.certificateType } : {}) }
}
