/**
 * A result that is a certificate goes into the wallet: 办结 of an item declaring
 * `kind: 'certificate'` issues one e-certificate of the declared type to the citizen, in the
 * transaction that completes the application, with its fields from the declared sources and
 * the department as issuer; the result links to it (已放入您的证照夹); the wallet lists it as
 * valid with an "issued" ledger entry; another citizen sees neither; a second 办结 issues
 * nothing more; the catalogue import refuses an unknown certificate type naming the field.
 */
import { useDialectApp } from '../../support/dialect-app'
import { dialects } from '../../support/dialects'
import { liNa, zhangWei } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'
import { APPLY_ITEM } from '../../support/service-items'
import { setDeclaration } from '../../../server/results/declarations'
import { resultsDb } from '../../../server/results/tables'
import { demoServices } from '../../../server/seed-data/demo-services'
import type { ResultDeclaration } from '../../../src/contract/results/schemas'
import { startApplicationsApp, submitBody } from '../applications/harness'

const MONDAY = new Date('2026-11-23T01:00:00Z')
const DRIVING_LICENCE: ResultDeclaration = {
  kind: 'certificate',
  title: '机动车驾驶证',
  certificateType: 'driving_licence',
  fields: { name: '$name', licenceNumber: '$idNumber', vehicleClass: 'reason', firstIssueDate: '$issuedOn', archiveNumber: '$serial' },
  validYears: 6,
}

describe.each(dialects())('results: a certificate result goes into the wallet on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)

  beforeEach(() => app.clock.set(MONDAY))

  const completed = async (token: string) => {
    const submitted = await app.submit(token, submitBody({ itemCode: APPLY_ITEM.code, values: { reason: 'C1', copies: 1, category: '户籍证明' } }))
    if (submitted.status !== 201) throw new Error(submitted.text)
    const id = submitted.body.id as string
    for (const to of ['accepted', 'reviewing', 'completed']) {
      const moved = await app.transition(await app.reviewerToken(), id, to)
      if (moved.status !== 200) throw new Error(`${to}: ${moved.text}`)
    }
    return id
  }
  const certificatesOf = (token: string) => app.request('/api/certificates', { token })

  test('办结 issues one certificate into the wallet, linked from the result; a second 办结 issues none; another citizen sees nothing', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, DRIVING_LICENCE, MONDAY)
    const token = await app.citizen('h5dev', zhangWei.key)
    const before = await certificatesOf(token)
    expect(before.status).toBe(200)
    const beforeIds = new Set((before.body.items as { id: string }[]).map((item) => item.id))

    const applicationId = await completed(token)

    // The wallet: exactly one new certificate, valid, issued by the item's department today, the number masked.
    const after = await certificatesOf(token)
    const added = (after.body.items as Record<string, unknown>[]).filter((item) => !beforeIds.has(item.id as string))
    expect(added).toEqual([
      expect.objectContaining({
        type: 'driving_licence',
        typeName: '机动车驾驶证',
        issuer: APPLY_ITEM.department,
        issuedOn: '2026-11-23',
        validUntil: '2032-11-23',
        status: 'valid',
        number: expect.stringMatching(/^110\*+\d{3}[\dX]$/),
      }),
    ])
    const certificateId = added[0]!.id as string
    expect(JSON.stringify(after.body)).not.toContain(zhangWei.idNumber)

    // Its fields come from the declared sources: the form's C1 (its reason field here) in plain, the name masked.
    const detail = await app.request(`/api/certificates/${certificateId}`, { token })
    expect(detail.status).toBe(200)
    const fields = detail.body.fields as { key: string; value: string }[]
    expect(fields.find((field) => field.key === 'vehicleClass')?.value).toBe('C1')
    expect(fields.find((field) => field.key === 'name')?.value).toBe('张*')
    expect(fields.find((field) => field.key === 'firstIssueDate')?.value).toBe('2026-11-23')

    // The ledger says it was issued, by the department.
    const ledger = await app.request(`/api/certificates/${certificateId}/ledger`, { token })
    expect(ledger.status).toBe(200)
    expect(ledger.body.items).toEqual([expect.objectContaining({ event: 'issued', eventName: '签发', outcome: 'success', actor: expect.objectContaining({ kind: 'organisation', label: APPLY_ITEM.department }) })])

    // The result links to it: on the application and in 我的证明.
    const result = await app.request(`/api/applications/${applicationId}/result`, { token })
    expect(result.status).toBe(200)
    expect(result.body.result).toMatchObject({ kind: 'certificate', title: '机动车驾驶证', certificate: { certificateId, typeName: '机动车驾驶证', number: added[0]!.number } })
    const list = await app.request('/api/results', { token })
    expect(list.body.items).toEqual([expect.objectContaining({ applicationId, certificate: expect.objectContaining({ certificateId }) })])

    // A second 办结 is refused and issues nothing.
    expect((await app.transition(await app.reviewerToken(), applicationId, 'completed')).status).toBe(409)
    expect(((await certificatesOf(token)).body.items as unknown[]).length).toBe(after.body.items.length)
    const rows = await resultsDb(app.db).selectFrom('issued_results').selectAll().where('application_id', '=', applicationId).execute()
    expect(rows).toHaveLength(1)
    expect(await app.db.selectFrom('certificates').select('id').where('issuer_name', '=', APPLY_ITEM.department).where('type', '=', 'driving_licence').execute()).toHaveLength(1)

    // Another citizen: not in their wallet, not found by id, no ledger, no result.
    const other = await app.citizen('h5dev', liNa.key, liNa)
    expect(((await certificatesOf(other)).body.items as { id: string }[]).map((item) => item.id)).not.toContain(certificateId)
    expect((await app.request(`/api/certificates/${certificateId}`, { token: other })).status).toBe(404)
    expect((await app.request(`/api/certificates/${certificateId}/ledger`, { token: other })).status).toBe(404)
    expect((await app.request(`/api/results/${rows[0]!.id}`, { token: other })).status).toBe(404)
  })

  test('the catalogue import refuses an unknown certificate type, and a field without a source, naming the field', async () => {
    const item = demoServices.find((candidate) => candidate.code === 'SF-GJJ-0004')!
    const importItems = async (items: unknown[]) =>
      app.request('/api/operator/services/import', { method: 'POST', token: await operatorTokenFor(app.server.app, ['content_editor']), payload: items })
    const unknownType = await importItems([{ ...item, result: { ...DRIVING_LICENCE, certificateType: 'fishing_licence' } }])
    expect(unknownType.status).toBe(422)
    expect(unknownType.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ item: item.code, field: 'result.certificateType' })]))
    const missingSource = await importItems([{ ...item, result: { ...DRIVING_LICENCE, fields: { name: '$name', licenceNumber: '$idNumber', vehicleClass: 'notAField', firstIssueDate: '$issuedOn' } } }])
    expect(missingSource.status).toBe(422)
    expect(missingSource.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'result.fields.vehicleClass', rule: 'a field of formSchema' }),
        expect.objectContaining({ field: 'result.fields.archiveNumber', rule: 'required' }),
      ]),
    )
  })
})
