/**
 * requestPayment on each platform: WeChat's wx.requestPayment gets exactly the JSAPI v3
 * arguments the server signed; Alipay's my.tradePay gets the trade number and its resultCode
 * becomes an answer (paid / processing / unknown: the server decides) or a failure in words;
 * the H5 preview answers the development cashier's word. Another platform's order is refused.
 */
import { ApiError } from '@/platform/api-error'
import { createH5Platform } from '@/platform/h5-adapter'
import { createMiniProgramPlatform } from '@/platform/mini-adapter'
import { alipayTable } from '@/platform/tables/alipay'
import { weappTable } from '@/platform/tables/weapp'
import { argsOf, fails, succeeds } from './fake-global'

const WECHAT = { platform: 'weapp', timeStamp: '1765000000', nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA', paySign: 'oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ' } as const
const ALIPAY = { platform: 'alipay', tradeNO: '2026120622001400000000000001' } as const

test('weapp: wx.requestPayment receives timeStamp, nonceStr, package, signType RSA and paySign, nothing else', async () => {
  const requestPayment = succeeds({ errMsg: 'requestPayment:ok' })
  const evidence = await createMiniProgramPlatform('weapp', weappTable, { requestPayment }, '').requestPayment(WECHAT)
  const { platform: _platform, ...expected } = WECHAT
  expect(argsOf(requestPayment)).toEqual(expected)
  expect(evidence).toEqual({})
})

test('weapp: closing the cashier is CANCELLED; an Alipay order is not paid in WeChat', async () => {
  const cancelled = createMiniProgramPlatform('weapp', weappTable, { requestPayment: fails({ errMsg: 'requestPayment:fail cancel' }) }, '').requestPayment(WECHAT)
  await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' })
  const requestPayment = succeeds({})
  await expect(createMiniProgramPlatform('weapp', weappTable, { requestPayment }, '').requestPayment(ALIPAY)).rejects.toMatchObject({ code: 'UNSUPPORTED_ON_PLATFORM' })
  expect(requestPayment).not.toHaveBeenCalled()
})

test('alipay: my.tradePay receives {tradeNO}; 9000, 8000 and 6004 leave it to the server', async () => {
  for (const resultCode of ['9000', '8000', '6004']) {
    const tradePay = succeeds({ resultCode })
    expect(await createMiniProgramPlatform('alipay', alipayTable, { tradePay }, '').requestPayment(ALIPAY)).toEqual({})
    expect(argsOf(tradePay)).toEqual({ tradeNO: ALIPAY.tradeNO })
  }
})

test.each([
  ['6001', 'CANCELLED'],
  ['6002', 'NETWORK_ERROR'],
  ['4000', 'INTERNAL'],
])('alipay: resultCode %s is %s', async (resultCode, code) => {
  const paying = createMiniProgramPlatform('alipay', alipayTable, { tradePay: succeeds({ resultCode }) }, '').requestPayment(ALIPAY)
  await expect(paying).rejects.toBeInstanceOf(ApiError)
  await expect(paying).rejects.toMatchObject({ code })
})

test("h5: the development cashier's answer, for the development provider's orders only", async () => {
  const platform = createH5Platform('', () => ({ window, fetch: (input, init) => window.fetch(input, init), openUrl: () => undefined }))
  expect(await platform.requestPayment({ platform: 'h5dev', orderNo: 'GM20261206AAAAAAAAAAAAAAAA' })).toEqual({ devResult: 'sandbox-paid' })
  await expect(platform.requestPayment(WECHAT)).rejects.toMatchObject({ code: 'UNSUPPORTED_ON_PLATFORM' })
})
