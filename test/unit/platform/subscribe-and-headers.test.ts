/**
 * Subscription messages through the tables (WeChat's per-template strings, Alipay's result
 * lists, the H5 preview's "unsupported") all land on the same SubscribeDecision, and the
 * extra request headers a submit needs (Idempotency-Key) reach every platform's request
 * without displacing the headers the request layer owns.
 */
import { createH5Platform } from '@/platform/h5-adapter'
import { buildRawRequest } from '@/platform/request-core'
import { alipayTable } from '@/platform/tables/alipay'
import { weappTable } from '@/platform/tables/weapp'

const ids = ['tmpl-status', 'tmpl-other']

describe('requestSubscribeMessage tables', () => {
  test('WeChat: tmplIds in; accept / reject / ban / filter out, acceptWith* counted as accept', () => {
    expect(weappTable.requestSubscribeMessage.api).toBe('requestSubscribeMessage')
    expect(weappTable.requestSubscribeMessage.args(ids)).toEqual({ tmplIds: ids })
    const result = (answers: Record<string, string>) => weappTable.requestSubscribeMessage.result({ errMsg: 'requestSubscribeMessage:ok', ...answers }, ids)
    expect(result({ 'tmpl-status': 'accept', 'tmpl-other': 'reject' })).toEqual({ 'tmpl-status': 'accept', 'tmpl-other': 'reject' })
    expect(result({ 'tmpl-status': 'ban', 'tmpl-other': 'filter' })).toEqual({ 'tmpl-status': 'ban', 'tmpl-other': 'filter' })
    expect(result({ 'tmpl-status': 'acceptWithAlert', 'tmpl-other': 'something new' })).toEqual({ 'tmpl-status': 'accept', 'tmpl-other': 'unknown' })
  })

  test('WeChat: a dismissed panel and a switched-off main switch are answers (reject), not errors', () => {
    const failure = weappTable.requestSubscribeMessage.failure!
    expect(failure({ errMsg: 'requestSubscribeMessage:fail cancel' }, ids)).toEqual({ answer: { 'tmpl-status': 'reject', 'tmpl-other': 'reject' } })
    expect(failure({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail main switch off' }, ids)).toEqual({ answer: { 'tmpl-status': 'reject', 'tmpl-other': 'reject' } })
    expect(failure({ errCode: 10003, errMsg: 'requestSubscribeMessage:fail send fail' }, ids)).toBe('NETWORK_ERROR')
  })

  test('Alipay: entityIds in; the documented result lists decide, the dynamic keys are the fallback', () => {
    expect(alipayTable.requestSubscribeMessage.api).toBe('requestSubscribeMessage')
    expect(alipayTable.requestSubscribeMessage.args(ids)).toEqual({ entityIds: ids })
    const lists = { behavior: 'subscribe', show: true, result: { subscribedEntityIds: ['tmpl-status'], unsubscribedEntityIds: ['tmpl-other'] } }
    expect(alipayTable.requestSubscribeMessage.result(lists, ids)).toEqual({ 'tmpl-status': 'accept', 'tmpl-other': 'reject' })
    // Silent subscription (show: false) answers with the last result under the template id.
    expect(alipayTable.requestSubscribeMessage.result({ show: false, 'tmpl-status': 'accept' }, ids)).toEqual({ 'tmpl-status': 'accept', 'tmpl-other': 'unknown' })
    expect(alipayTable.requestSubscribeMessage.failure!({ errorCode: 11, behavior: 'cancel' }, ids)).toEqual({ answer: { 'tmpl-status': 'reject', 'tmpl-other': 'reject' } })
  })

  test('H5 preview: no subscription messages, every template unsupported, no error', async () => {
    await expect(createH5Platform('').requestSubscribeMessage(ids)).resolves.toEqual({ 'tmpl-status': 'unsupported', 'tmpl-other': 'unsupported' })
  })
})

describe('extra request headers', () => {
  const raw = buildRawRequest('https://api.gov.cn', {
    method: 'POST',
    path: '/api/applications',
    body: { itemCode: 'X' },
    token: 'session-token',
    headers: { 'Idempotency-Key': 'k_0123456789abcdef', authorization: 'Bearer forged', 'CONTENT-TYPE': 'text/plain' },
  })

  test('are sent, but never replace Authorization, Accept or Content-Type', () => {
    expect(raw.headers).toEqual({
      'Idempotency-Key': 'k_0123456789abcdef',
      Accept: 'application/json',
      Authorization: 'Bearer session-token',
      'Content-Type': 'application/json',
    })
  })

  test('reach wx.request as header and my.request as lower-case headers', () => {
    expect(weappTable.request.args(raw).header).toMatchObject({ 'Idempotency-Key': 'k_0123456789abcdef' })
    expect(alipayTable.request.args(raw).headers).toMatchObject({ 'idempotency-key': 'k_0123456789abcdef', authorization: 'Bearer session-token' })
  })
})
