/**
 * The demo result declarations (server/seed-data/result-kinds.ts) pass the rules a catalogue
 * import of them would: each names an item of the demo catalogue, has a valid shape, and its
 * money fields and proof placeholders are fields of that item's form as seeded (so no proof reads 未填写).
 */
import { Value } from '@sinclair/typebox/value'
import { ResultDeclarationSchema } from '@/contract/results/schemas'
import { resultRuleErrors } from '../../server/results/declarations'
import { demoServices } from '../../server/seed-data/demo-services'
import { withMaterialProvisions } from '../../server/seed-data/material-provisions'
import { demoResultKinds } from '../../server/seed-data/result-kinds'

// As seeded: the material provisions add form fields some items lacked (the bank card money is paid to).
const seeded = withMaterialProvisions(demoServices)

test.each(Object.entries(demoResultKinds))('%s declares a valid result for a demo item', (code, declaration) => {
  const item = seeded.find((candidate) => candidate.code === code)
  expect(item?.code).toBe(code)
  expect(Value.Check(ResultDeclarationSchema, declaration)).toBe(true)
  expect(resultRuleErrors({ ...item!, result: declaration })).toEqual([])
})
