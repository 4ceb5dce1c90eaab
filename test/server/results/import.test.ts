/**
 * An item's result kind through the catalogue import: a valid `result` is stored (and what 办结
 * issues from then on); a bad one is refused with the field named (shape: result.validDays;
 * rules: a money field or a proof placeholder that is not a field of the form), nothing written;
 * an import without `result` keeps the declaration there is.
 */
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { operatorTokenFor } from '../../support/operators'
import { demoServices } from '../../../server/seed-data/demo-services'
import { findDeclaration } from '../../../server/results/declarations'
import { startApplicationsApp } from '../applications/harness'

const item = demoServices.find((candidate) => candidate.code === 'SF-GJJ-0004')!

describe.each(dialects())('results: declared through the catalogue import on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  const importItems = async (items: unknown[]) =>
    app.request('/api/operator/services/import', { method: 'POST', token: await operatorTokenFor(app.server.app, ['content_editor']), payload: items })

  test('a valid result is stored; a bad one is refused naming the field; an import without one keeps it', async () => {
    const proof = { kind: 'proof', title: '住房公积金缴存证明', statement: '兹证明{name}（{idNumber}）缴存住房公积金，类型：{certificateKind}。', validDays: 30 }
    const stored = await importItems([{ ...item, result: proof }])
    expect(stored.status).toBe(200)
    expect(await findDeclaration(app.db, item.code)).toEqual(proof)

    const badShape = await importItems([{ ...item, result: { ...proof, validDays: 0 } }])
    expect(badShape.status).toBe(422)
    expect(badShape.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ item: item.code, field: 'result.validDays' })]))
    const badRule = await importItems([{ ...item, result: { kind: 'money', title: '提取款', amountField: 'amount', accountField: 'certificateKind' } }])
    expect(badRule.status).toBe(422)
    expect(badRule.body.errors).toEqual([expect.objectContaining({ field: 'result.amountField', message: '款项的“金额”必须是申请表中的字段' })])
    const badPlaceholder = await importItems([{ ...item, result: { ...proof, statement: '兹证明{name}用于{purpose}。' } }])
    expect(badPlaceholder.body.errors).toEqual([expect.objectContaining({ field: 'result.statement', rule: '{purpose} a field of formSchema' })])
    expect(await findDeclaration(app.db, item.code)).toEqual(proof)

    expect((await importItems([item])).status).toBe(200)
    expect(await findDeclaration(app.db, item.code)).toEqual(proof)
  })
})
