import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, zhangWei } from '../../support/identity'
import { APPLY_ITEM } from '../../support/service-items'
import { startApplicationsApp } from './harness'

/** 消息中心: the application-status messages of notification_outbox, per account, with read state. */
describe.each(dialects())('GET /api/me/messages on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  let weapp: string
  let alipay: string
  let other: string

  beforeEach(async () => {
    await app.db.deleteFrom('notification_outbox').execute()
    weapp = await app.citizen('weapp', 'o-messages-weapp', zhangWei)
    alipay = await app.citizen('alipay', '2088messagesalipay', zhangWei)
    other = await app.citizen('h5dev', liNa.key, liNa)
  })

  const messages = (token: string, query = '') => app.request(`/api/me/messages${query}`, { token })
  const markRead = (token: string, payload: unknown) => app.request('/api/me/messages/read', { method: 'POST', token, payload })
  const submitAndAccept = async () => {
    const submitted = await app.submit(weapp)
    if (submitted.status !== 201) throw new Error(submitted.text)
    await app.transition(await app.reviewerToken(), submitted.body.id, 'accepted')
    return submitted.body as { id: string; number: string }
  }

  test('lists each status change of my applications, newest first, unread, with the page it opens', async () => {
    const application = await submitAndAccept()
    const response = await messages(weapp)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body.unreadCount).toBe(2)
    expect(response.body.items.map((item: { statusName: string }) => item.statusName)).toEqual(['已受理', '已提交'])
    expect(response.body.items[1]).toMatchObject({
      applicationId: application.id,
      applicationNumber: application.number,
      itemName: APPLY_ITEM.name,
      note: `受理编号 ${application.number}`,
      page: `packages/applications/pages/detail/index?id=${application.id}`,
      read: false,
    })
    // Messages that were never sent (no subscription) are still in the inbox: the change happened.
    expect((await messages(alipay)).body.unreadCount).toBe(2)
  })

  test('marking read is per message and per account; {} marks all of mine', async () => {
    await submitAndAccept()
    const [newest, older] = (await messages(weapp)).body.items as { id: number }[]
    expect((await markRead(weapp, { ids: [newest!.id] })).body).toEqual({ unreadCount: 1 })
    const after = (await messages(weapp)).body
    expect(after.items.map((item: { read: boolean }) => item.read)).toEqual([true, false])
    // The same citizen's other account keeps its own unread messages.
    expect((await messages(alipay)).body.unreadCount).toBe(2)
    // Another account's ids are not mine to mark: nothing changes for their owner.
    expect((await markRead(other, { ids: [older!.id] })).body).toEqual({ unreadCount: 0 })
    expect((await messages(weapp)).body.unreadCount).toBe(1)
    expect((await markRead(weapp, {})).body).toEqual({ unreadCount: 0 })
    expect((await markRead(alipay, {})).body).toEqual({ unreadCount: 0 })
  })

  test("another citizen sees none of mine; limit caps the list", async () => {
    await submitAndAccept()
    expect((await messages(other)).body).toEqual({ items: [], unreadCount: 0 })
    const limited = (await messages(weapp, '?limit=1')).body
    expect(limited.items).toHaveLength(1)
    expect(limited.unreadCount).toBe(2)
  })

  test('needs a proven identity (level 4); bad input names its field', async () => {
    expect((await app.request('/api/me/messages')).status).toBe(401)
    const claimed = await app.login('weapp', 'o-messages-claimed')
    await app.realName(claimed, liNa)
    expect((await messages(claimed)).status).toBe(403)
    expect((await markRead(claimed, {})).status).toBe(403)
    expect((await messages(weapp, '?limit=0')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.limit' })
    expect((await markRead(weapp, { ids: ['x'] })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringMatching(/^body\.ids/) })
    expect((await markRead(weapp, { ids: [] })).body.error).toMatchObject({ field: 'body.ids' })
  })
})
