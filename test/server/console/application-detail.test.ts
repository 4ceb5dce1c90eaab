import type { LiveActivity } from '../../../src/contract/console/schemas'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { zhangWei } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'
import { APPLY_ITEM } from '../../support/service-items'
import { openSse } from '../../support/sse'
import { startApplicationsApp } from '../applications/harness'

describe.each(dialects())('console: application detail and application activity ($name)', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)

  test('a submitted application reaches the live feed; the reviewer opens it masked with its timeline and reveals one value; all audited', async () => {
    const citizen = await app.citizen('h5dev', zhangWei.key)
    const reviewer = await app.reviewerToken()
    const live = await openSse(`${app.server.baseUrl}/api/operator/live`, { authorization: `Bearer ${reviewer}` })
    try {
      await live.next((event) => event.event === 'snapshot')
      const form = await app.request(`/api/services/${APPLY_ITEM.code}/application-form`, { token: citizen })
      expect(form.status).toBe(200)
      await live.next((event) => event.event === 'activity' && (event.data as LiveActivity).kind === 'application_start', 2000)
      const submitted = await app.submit(citizen)
      expect(submitted.status).toBe(201)
      const submit = await live.next((event) => event.event === 'activity' && (event.data as LiveActivity).kind === 'application_submit', 2000)
      expect(submit.data).toMatchObject({ serviceCode: APPLY_ITEM.code, serviceName: APPLY_ITEM.name })
      expect(JSON.stringify(live.events)).not.toContain(zhangWei.idNumber)

      const id = submitted.body.id as string
      const detail = await app.request(`/api/operator/applications/${id}`, { token: reviewer })
      expect(detail.status).toBe(200)
      expect(detail.body).toMatchObject({
        id,
        itemCode: APPLY_ITEM.code,
        applicant: { name: '张*', idNumber: expect.stringMatching(/^110\*+\d{3}[\dX]$/) },
        timeline: [expect.objectContaining({ status: 'submitted' })],
        materials: expect.any(Array),
      })
      expect(detail.text).not.toContain(zhangWei.idNumber)
      expect(detail.body.values).toEqual(expect.arrayContaining([expect.objectContaining({ key: expect.any(String), value: expect.anything() })]))
      const audit = await app.db.selectFrom('audit_log').select(['operator_id', 'citizen_id', 'detail']).where('event', '=', 'application.operator_view').execute()
      expect(audit).toHaveLength(1)
      expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ applicationId: id })

      // One value in full: audited before it is answered; an unknown key is a 404 naming it, audited as a failure.
      const idField = (detail.body.values as { key: string; value: string }[]).find((value) => value.key === 'idNumber')!
      expect(idField.value).not.toBe(zhangWei.idNumber)
      const revealed = await app.request(`/api/operator/applications/${id}/reveal`, { method: 'POST', token: reviewer, payload: { key: 'idNumber' } })
      expect(revealed.status).toBe(200)
      expect(revealed.body).toEqual({ key: 'idNumber', label: '公民身份号码', value: zhangWei.idNumber })
      const unknown = await app.request(`/api/operator/applications/${id}/reveal`, { method: 'POST', token: reviewer, payload: { key: 'noSuchField' } })
      expect([unknown.status, unknown.body.error.field]).toEqual([404, 'body.key'])
      const reveals = await app.db.selectFrom('audit_log').select(['outcome', 'operator_id', 'detail']).where('event', '=', 'application.operator_reveal').orderBy('id').execute()
      expect(reveals.map((row) => [row.outcome, JSON.parse(row.detail!).field])).toEqual([
        ['success', 'idNumber'],
        ['failure', 'noSuchField'],
      ])
      expect(reveals.every((row) => row.operator_id !== null)).toBe(true)
      expect(JSON.stringify(reveals)).not.toContain(zhangWei.idNumber)

      expect((await app.request(`/api/operator/applications/${id}`, { token: await operatorTokenFor(app.server.app, ['content_editor']) })).status).toBe(403)
      expect((await app.request('/api/operator/applications/AAAAAAAAAAAAAAAAAAAAAA', { token: reviewer })).status).toBe(404)
    } finally {
      live.close()
    }
  })
})
