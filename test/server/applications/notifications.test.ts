import { enqueueNotifications, SKIP_REASONS } from '../../../server/notifications/outbox'
import { MAX_ATTEMPTS } from '../../../server/notifications/dispatcher'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, zhangWei } from '../../support/identity'
import { verifyAlipaySignature } from '../../support/protocol-servers/alipay-server'
import { APPLY_ITEM } from '../../support/service-items'
import { ALIPAY_TEMPLATE, startApplicationsApp, WECHAT_TEMPLATE } from './harness'

const OPENID = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'
const ALIPAY_OPEN_ID = '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5'
const SECOND = 1000

describe.each(dialects())('application notifications on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  let weapp: string
  let alipayToken: string

  beforeAll(async () => {
    weapp = await app.citizen('weapp', OPENID)
    alipayToken = await app.citizen('alipay', ALIPAY_OPEN_ID)
    await app.citizen('h5dev', zhangWei.key)
  })
  beforeEach(async () => {
    // Each test starts with an empty outbox, no subscriptions and servers that answer normally.
    await app.db.deleteFrom('notification_outbox').execute()
    await app.db.deleteFrom('notification_subscriptions').execute()
    app.wechat.scenario.sendFailures.length = 0
    app.wechat.scenario.refusedOpenids.clear()
    app.wechat.scenario.httpStatus = undefined
    app.alipay.scenario.templateMessageFailures.length = 0
    app.wechat.subscribeMessages.length = 0
    app.alipay.templateMessages.length = 0
    app.clock.set(new Date())
    // Sessions end after 30 idle minutes of the (moved) clock: log in again.
    weapp = await app.citizen('weapp', OPENID)
    alipayToken = await app.citizen('alipay', ALIPAY_OPEN_ID)
  })

  const dispatch = () => app.server.app.notifications.dispatchDue()
  const outbox = (applicationId?: string) => {
    let query = app.db.selectFrom('notification_outbox').selectAll().orderBy('id')
    if (applicationId) query = query.where('application_id', '=', applicationId)
    return query.execute()
  }
  const submitOn = async (token: string) => {
    const response = await app.submit(token)
    if (response.status !== 201) throw new Error(response.text)
    return response.body as { id: string; number: string }
  }
  const accept = async (id: string) => app.transition(await app.reviewerToken(), id, 'accepted')
  const byPlatform = async (id: string, platform: string) => (await outbox(id)).find((row) => row.platform === platform)!

  describe('subscriptions', () => {
    test('each accept adds a message, a reject keeps them, a ban clears them', async () => {
      expect((await app.subscribe(weapp)).body).toEqual({ templateKey: 'application_status', lastResult: 'accept', remaining: 1 })
      expect((await app.subscribe(weapp)).body).toMatchObject({ remaining: 2 })
      expect((await app.subscribe(weapp, 'reject')).body).toEqual({ templateKey: 'application_status', lastResult: 'reject', remaining: 2 })
      expect((await app.subscribe(weapp, 'ban')).body).toMatchObject({ lastResult: 'ban', remaining: 0 })
      expect((await app.subscribe(weapp)).body).toMatchObject({ lastResult: 'accept', remaining: 1 })
    })

    test('are per account and validated; anonymous is 401', async () => {
      await app.subscribe(weapp)
      expect((await app.subscribe(alipayToken)).body).toMatchObject({ remaining: 1 })
      expect((await app.request('/api/notifications/subscriptions', { method: 'POST', token: weapp, payload: { templateKey: 'other', result: 'accept' } })).body.error).toMatchObject({
        field: 'body.templateKey',
      })
      expect((await app.request('/api/notifications/subscriptions', { method: 'POST', payload: { templateKey: 'application_status', result: 'accept' } })).status).toBe(401)
    })

    test("the templates route gives the caller's platform template id (null where there is none)", async () => {
      expect((await app.request('/api/notifications/templates', { token: weapp })).body).toEqual({ platform: 'weapp', items: [{ templateKey: 'application_status', templateId: WECHAT_TEMPLATE }] })
      expect((await app.request('/api/notifications/templates', { token: alipayToken })).body.items[0].templateId).toBe(ALIPAY_TEMPLATE)
      const h5 = await app.login('h5dev', liNa.key)
      expect((await app.request('/api/notifications/templates', { token: h5 })).body.items[0].templateId).toBeNull()
    })
  })

  describe('the outbox', () => {
    test('is written with the status change, one row per account of the citizen; h5dev and unsubscribed ones are skipped', async () => {
      await app.subscribe(weapp)
      const application = await submitOn(weapp)
      // Written by the submit itself, before any dispatch.
      const rows = await outbox(application.id)
      expect(rows.map((row) => [row.platform, row.status, row.last_error]).sort()).toEqual([
        ['alipay', 'skipped', SKIP_REASONS.notSubscribed],
        ['h5dev', 'skipped', SKIP_REASONS.h5dev],
        ['weapp', 'pending', null],
      ])
      expect(JSON.parse(rows.find((row) => row.platform === 'weapp')!.payload)).toMatchObject({ itemName: APPLY_ITEM.name, statusName: '已提交', note: `受理编号 ${application.number}` })
      // The one-time subscription was used by that message: the next change has none left.
      await accept(application.id)
      expect((await outbox(application.id)).filter((row) => row.platform === 'weapp').map((row) => row.status)).toEqual(['pending', 'skipped'])
    })

    test('without a template id or credentials for a platform, messages are recorded as skipped "not configured"', async () => {
      await app.subscribe(weapp)
      const application = await submitOn(weapp)
      const citizen = await app.db.selectFrom('applications').select('citizen_id').where('id', '=', application.id).executeTakeFirstOrThrow()
      await enqueueNotifications(app.db, {
        applicationId: application.id,
        citizenId: citizen.citizen_id,
        templateKey: 'application_status',
        templateIds: {},
        now: new Date(),
        payload: { applicationNumber: application.number, itemName: 'x', statusName: '已受理', at: new Date().toISOString(), note: '', page: 'p' },
      })
      const latest = (await outbox(application.id)).slice(-3)
      expect(latest.filter((row) => row.platform !== 'h5dev').map((row) => [row.status, row.last_error])).toEqual([
        ['skipped', SKIP_REASONS.notConfigured],
        ['skipped', SKIP_REASONS.notConfigured],
      ])
    })

    test('a refused withdrawal writes no message; a rolled-back change writes none either', async () => {
      await app.subscribe(weapp)
      await app.subscribe(weapp)
      const application = await submitOn(weapp)
      await accept(application.id)
      const before = (await outbox(application.id)).length
      expect((await app.request(`/api/applications/${application.id}/withdraw`, { method: 'POST', token: weapp })).status).toBe(409)
      expect((await app.transition(await app.reviewerToken(), application.id, 'completed')).status).toBe(409)
      expect(await outbox(application.id)).toHaveLength(before)
    })
  })

  describe('sending', () => {
    test('WeChat: subscribeMessage.send with the openid, template, page and data', async () => {
      await app.subscribe(weapp)
      const application = await submitOn(weapp)
      expect(await dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 })
      expect(app.wechat.subscribeMessages).toEqual([
        {
          touser: OPENID,
          template_id: WECHAT_TEMPLATE,
          page: `packages/applications/pages/detail/index?id=${application.id}`,
          lang: 'zh_CN',
          data: {
            thing1: { value: APPLY_ITEM.name },
            phrase2: { value: '已提交' },
            time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
            thing4: { value: `受理编号 ${application.number}` },
          },
        },
      ])
      const sent = await byPlatform(application.id, 'weapp')
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null, sent_at: expect.any(String) })
      // Nothing more to send.
      expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    })

    test('Alipay: alipay.open.app.mini.templatemessage.send, signed, with to_open_id / to_user_id and data as a JSON string', async () => {
      await app.subscribe(alipayToken)
      const application = await submitOn(alipayToken)
      await dispatch()
      expect(app.alipay.templateMessages).toEqual([
        {
          to_open_id: ALIPAY_OPEN_ID,
          user_template_id: ALIPAY_TEMPLATE,
          page: `packages/applications/pages/detail/index?id=${application.id}`,
          data: {
            keyword1: { value: APPLY_ITEM.name },
            keyword2: { value: '已提交' },
            keyword3: { value: expect.stringMatching(/^\d{4}年/) },
            keyword4: { value: `受理编号 ${application.number}` },
          },
        },
      ])
      const request = app.alipay.requests.filter((entry) => entry.method === 'alipay.open.app.mini.templatemessage.send').at(-1)!
      expect(request.signatureValid).toBe(true)
      expect(verifyAlipaySignature(request.params, app.alipay.scenario.appPublicKey)).toBe(true)
      expect(typeof JSON.parse(request.params.biz_content!).data).toBe('string')
      expect((await byPlatform(application.id, 'alipay')).status).toBe('sent')

      // A 2088… user id goes as to_user_id.
      const userIdToken = await app.citizen('alipay', '2088102122458832', liNa)
      await app.subscribe(userIdToken)
      await submitOn(userIdToken)
      await dispatch()
      expect(app.alipay.templateMessages.at(-1)).toMatchObject({ to_user_id: '2088102122458832' })
    })

    test('each reviewer change is announced with its status and, for refusals, the reason', async () => {
      for (let count = 0; count < 3; count++) await app.subscribe(weapp)
      const application = await submitOn(weapp)
      await app.transition(await app.reviewerToken(), application.id, 'rejected', '材料不齐全，请补充后重新申请')
      await dispatch()
      expect(app.wechat.subscribeMessages.map((message) => [message.data.phrase2!.value, message.data.thing4!.value])).toEqual([
        ['已提交', `受理编号 ${application.number}`],
        ['不予受理', '材料不齐全，请补充后重新申请'],
      ])
    })

    test('a transient failure (errcode -1, HTTP 500, 45009, a timeout) is retried with backoff until it is sent', async () => {
      await app.subscribe(weapp)
      app.wechat.scenario.sendFailures.push({ errcode: -1 }, { httpStatus: 500 }, { errcode: 45009 }, { delayMs: 1500 })
      const application = await submitOn(weapp)
      const expectations: [number, RegExp][] = [
        [30, /errcode -1/],
        [60, /HTTP 500/],
        [120, /errcode 45009/],
        [240, /timeout/],
      ]
      for (const [index, [delaySeconds, error]] of expectations.entries()) {
        expect(await dispatch()).toEqual({ sent: 0, retrying: 1, failed: 0 })
        const row = await byPlatform(application.id, 'weapp')
        expect(row).toMatchObject({ status: 'pending', attempts: index + 1, last_error: expect.stringMatching(error) })
        expect(Date.parse(row.next_attempt_at) - app.clock().getTime()).toBe(delaySeconds * SECOND)
        // Not due yet: nothing is sent.
        expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 })
        app.clock.advance(delaySeconds * SECOND)
      }
      expect(await dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 })
      expect(await byPlatform(application.id, 'weapp')).toMatchObject({ status: 'sent', attempts: 5 })
      expect(app.wechat.subscribeMessages).toHaveLength(1)
    })

    test(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
      await app.subscribe(weapp)
      app.wechat.scenario.sendFailures.push(...Array.from({ length: MAX_ATTEMPTS }, () => ({ errcode: -1 })))
      const application = await submitOn(weapp)
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        expect((await dispatch()).retrying).toBe(1)
        app.clock.advance(60 * 60 * SECOND)
      }
      expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 1 })
      expect(await byPlatform(application.id, 'weapp')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
      app.clock.advance(60 * 60 * SECOND)
      expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    })

    test('a permanent failure (43101 user refused) is not retried', async () => {
      await app.subscribe(weapp)
      app.wechat.scenario.refusedOpenids.add(OPENID)
      const application = await submitOn(weapp)
      expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 1 })
      expect(await byPlatform(application.id, 'weapp')).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('43101') })
      const calls = app.wechat.requests.length
      app.clock.advance(24 * 60 * 60 * SECOND)
      expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 })
      expect(app.wechat.requests).toHaveLength(calls)
    })

    test('Alipay: 20000 isp.unknow-error is retried, a 40004 business failure is not', async () => {
      await app.subscribe(alipayToken)
      await app.subscribe(alipayToken)
      app.alipay.scenario.templateMessageFailures.push({ code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error' })
      const first = await submitOn(alipayToken)
      expect(await dispatch()).toEqual({ sent: 0, retrying: 1, failed: 0 })
      app.clock.advance(30 * SECOND)
      expect(await dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 })
      expect(await byPlatform(first.id, 'alipay')).toMatchObject({ status: 'sent', attempts: 2 })

      app.alipay.scenario.templateMessageFailures.push({ code: '40004', subCode: 'USER_TEMPLATE_ILLEGAL', subMsg: '模板非法' })
      const second = await submitOn(alipayToken)
      expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 1 })
      expect(await byPlatform(second.id, 'alipay')).toMatchObject({ status: 'failed', last_error: expect.stringContaining('USER_TEMPLATE_ILLEGAL') })
    })

    test('an access token WeChat no longer accepts is replaced and the message still goes out', async () => {
      await app.subscribe(weapp)
      await app.subscribe(weapp)
      await submitOn(weapp)
      await dispatch()
      app.wechat.revokeTokens()
      const application = await submitOn(weapp)
      expect(await dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 })
      expect((await byPlatform(application.id, 'weapp')).attempts).toBe(1)
      expect(app.wechat.subscribeMessages).toHaveLength(2)
    })
  })

  describe('a failing notification never blocks the status change', () => {
    test('WeChat down: the reviewer still moves the application on, and the message goes out later', async () => {
      await app.subscribe(weapp)
      await app.subscribe(weapp)
      app.wechat.scenario.httpStatus = 503
      const application = await submitOn(weapp)
      const accepted = await accept(application.id)
      expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted'])
      expect(await dispatch()).toEqual({ sent: 0, retrying: 2, failed: 0 })
      const detail = await app.request(`/api/applications/${application.id}`, { token: weapp })
      expect(detail.body.status).toBe('accepted')

      app.wechat.scenario.httpStatus = undefined
      app.clock.advance(30 * SECOND)
      expect(await dispatch()).toEqual({ sent: 2, retrying: 0, failed: 0 })
      expect(app.wechat.subscribeMessages.map((message) => message.data.phrase2!.value)).toEqual(['已提交', '已受理'])
      expect(app.wechat.subscribeMessages[1]!.data.thing4!.value).toMatch(/^承诺 5 个工作日内办结/)
    })
  })
})
