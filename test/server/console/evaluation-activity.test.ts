import type { LiveActivity } from '../../../src/contract/console/schemas'
import { citizenIdFor, FIXTURE_ITEM, insertApplication } from '../../support/applications-fixture'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { post, startEvaluationsApp } from '../../support/evaluations'
import { operatorTokenFor } from '../../support/operators'
import { sessionFor } from '../../support/sessions'
import { openSse } from '../../support/sse'

describe.each(dialects())('console: a rating reaches the live feed ($name)', (dialect) => {
  const { app } = useDialectApp(dialect, startEvaluationsApp)

  test('a citizen rates a completed application: one evaluation event with the item, nothing personal; the dashboard counts it per department', async () => {
    const zhang = await sessionFor(app.app, 'zhang-wei')
    const { id } = await insertApplication(app.app, app.config, await citizenIdFor(app.app, 'zhang-wei'))
    const token = await operatorTokenFor(app.app, ['reviewer'])
    const live = await openSse(`${app.server.baseUrl}/api/operator/live`, { authorization: `Bearer ${token}` })
    try {
      await live.next((event) => event.event === 'snapshot')
      const rated = await app.request(`/api/applications/${id}/evaluation`, post({ rating: 1, reason: '等了很久，电话 13812345678 也打不通' }, zhang))
      expect(rated.status).toBe(201)
      const event = await live.next((candidate) => candidate.event === 'activity' && (candidate.data as LiveActivity).kind === 'evaluation', 2000)
      expect(event.data).toEqual({ kind: 'evaluation', at: '2026-11-27T02:00:00.000Z', serviceCode: FIXTURE_ITEM.code, serviceName: FIXTURE_ITEM.name })
      expect(JSON.stringify(live.events)).not.toContain('13812345678')

      // A minute later (the window ends before "now", like the demand report's).
      app.clock.advance(60_000)
      const dashboard = await app.request('/api/operator/dashboard', { token })
      expect(dashboard.body.satisfaction).toContainEqual({ department: FIXTURE_ITEM.department, count: 1, average: 1, badShare: 1 })
    } finally {
      live.close()
    }
  })
})
