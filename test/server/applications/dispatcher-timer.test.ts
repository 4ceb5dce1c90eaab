import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { startApplicationsApp } from './harness'

/** The app sweeps the outbox on its own timer (NOTIFICATION_DISPATCH_SECONDS) and stops it on close. */
describe.each(dialects())('notification dispatcher timer on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startApplicationsApp(testDb, { NOTIFICATION_DISPATCH_SECONDS: '1' }))

  test('a message is sent without anyone calling dispatchDue()', async () => {
    const token = await app.citizen('weapp', 'o6_timer_openid_000000000001')
    await app.subscribe(token)
    const submitted = await app.submit(token)
    expect(submitted.status).toBe(201)
    const deadline = Date.now() + 5000
    while (app.wechat.subscribeMessages.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(app.wechat.subscribeMessages.map((message) => message.touser)).toEqual(['o6_timer_openid_000000000001'])
    const row = await app.db.selectFrom('notification_outbox').select('status').where('application_id', '=', submitted.body.id).where('platform', '=', 'weapp').executeTakeFirstOrThrow()
    expect(row.status).toBe('sent')
  })
})
