/**
 * The package's one form for a citizen: the shared fields (prefilled from the citizen's own
 * records, masked, with sources) and, per member item, the shared fields it receives, its
 * own fields and how each of its materials is provided. Built with the applications
 * domain's form helpers over a synthetic item, so a package field behaves exactly like the
 * same field in an item's own form.
 */
import type { LifeEventForm } from '../../src/contract/life-events/schemas'
import type { LifeEventPackage, PackageField } from '../../src/contract/life-events/data'
import type { ApplicationsContext } from '../applications/context'
import { buildForm } from '../applications/form'
import { createPrefillLoader } from '../applications/prefill'
import type { OnlineItem } from '../applications/items'
import { memberMaterialView, planMemberMaterials } from './materials'
import { producersOf, type MemberItem } from './members'

/** An OnlineItem carrying only what the form helpers read: the fields, and the materials. */
export function syntheticItem(code: string, name: string, fields: readonly PackageField[], materials: OnlineItem['materials'] = []): OnlineItem {
  return { code, name, department: '', timeLimitDays: 0, form: { fields: [...fields] }, materials }
}

export function sharedField(definition: LifeEventPackage, key: string): PackageField {
  const field = definition.sharedFields.find((candidate) => candidate.key === key)
  // The definitions are checked by a unit test; this is a programming error, not input.
  if (!field) throw new Error(`life event ${definition.key}: no shared field ${key}`)
  return field
}

export async function buildPackageForm(context: ApplicationsContext, definition: LifeEventPackage, members: readonly MemberItem[], citizenId: string): Promise<LifeEventForm> {
  const shared = await buildForm(context, syntheticItem(definition.key, definition.name, definition.sharedFields), citizenId)
  const loader = createPrefillLoader(context, citizenId, context.clock())
  const memberForms = await Promise.all(
    definition.members.map(async (member, index) => {
      const item = members[index]!
      // Fields through the item form's helpers; materials by the package's own rule (./materials.ts).
      const form = await buildForm(context, syntheticItem(item.code, item.name, member.fields), citizenId)
      const materials = await planMemberMaterials(item.materials, loader, context.clock(), producersOf(definition, index, members))
      return {
        itemCode: item.code,
        itemName: item.name,
        department: item.department,
        timeLimitDays: item.timeLimitDays,
        result: member.result,
        receives: Object.values(member.shared).map((key) => sharedField(definition, key).label),
        fields: form.fields,
        materials: materials.map(memberMaterialView),
      }
    }),
  )
  return { key: definition.key, name: definition.name, sharedFields: shared.fields, members: memberForms }
}
