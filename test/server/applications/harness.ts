/**
 * The applications suites' app: the real app with the demo data and the test service
 * items, a movable clock, the local WeChat and Alipay protocol servers (subscription
 * messages), and helpers for the journeys (a citizen on a platform, a submit with a fresh
 * Idempotency-Key, a reviewer moving an application on).
 */
import { randomUUID } from 'node:crypto'
import type { TestDatabase } from '../../support/dialects'
import { startIdentityApp, zhangWei, type IdentityApp } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'
import * as alipay from '../../support/protocol-servers/alipay-server'
import * as wechat from '../../support/protocol-servers/wechat-server'
import { APPLY_ITEM, insertTestItems, VALID_VALUES } from '../../support/service-items'
import type { TestResponse } from '../../support/http'

export const WECHAT_TEMPLATE = 'tmpl-application-status-wx'
export const ALIPAY_TEMPLATE = 'tmpl-application-status-ali'

export interface ApplicationsHarness extends IdentityApp {
  wechat: wechat.RunningWechatServer
  alipay: alipay.RunningAlipayServer
  /** A citizen logged in on a platform and proven (real-name + face, level 4) as `person`. */
  citizen(platform: 'weapp' | 'alipay' | 'h5dev', subject: string, person?: { name: string; idNumber: string }): Promise<string>
  submit(token: string, body?: Record<string, unknown>, key?: string): Promise<TestResponse>
  reviewerToken(): Promise<string>
  transition(token: string, id: string, to: string, reason?: string): Promise<TestResponse>
  subscribe(token: string, result?: 'accept' | 'reject' | 'ban'): Promise<TestResponse>
}

export function submitBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { itemCode: APPLY_ITEM.code, values: { ...VALID_VALUES }, ...overrides }
}

export async function startApplicationsApp(testDb: TestDatabase, env: Record<string, string> = {}): Promise<ApplicationsHarness> {
  const wechatServer = await wechat.start({ templateIds: new Set([WECHAT_TEMPLATE]) })
  const appKeys = alipay.generateRsaKeyPair()
  const gatewayKeys = alipay.generateRsaKeyPair()
  const alipayServer = await alipay.start({ appPublicKey: appKeys.publicKey, gatewayPrivateKey: gatewayKeys.privateKey, templateIds: new Set([ALIPAY_TEMPLATE]) })
  const app = await startIdentityApp(testDb, {
    sandbox: true,
    env: {
      WECHAT_APPID: wechatServer.scenario.appId,
      WECHAT_SECRET: wechatServer.scenario.secret,
      WECHAT_API_BASE: wechatServer.baseUrl,
      ALIPAY_APPID: alipayServer.scenario.appId,
      ALIPAY_PRIVATE_KEY: alipay.exportKeys(appKeys).pkcs8Pem,
      ALIPAY_PUBLIC_KEY: alipay.exportKeys(gatewayKeys).spkiPem,
      ALIPAY_GATEWAY: alipayServer.baseUrl,
      WECHAT_TEMPLATE_APPLICATION_STATUS: WECHAT_TEMPLATE,
      ALIPAY_TEMPLATE_APPLICATION_STATUS: ALIPAY_TEMPLATE,
      IDENTITY_TIMEOUT_MS: '1000',
      NOTIFICATION_DISPATCH_SECONDS: '0',
      ...env,
    },
  })
  await insertTestItems(app.db)

  const harness: ApplicationsHarness = {
    ...app,
    wechat: wechatServer,
    alipay: alipayServer,
    citizen: (platform, subject, person = zhangWei) => app.proven(platform, subject, person),
    submit: (token, body = submitBody(), key = randomUUID()) =>
      app.request('/api/applications', { method: 'POST', token, headers: { 'idempotency-key': key }, payload: body }),
    reviewerToken: () => operatorTokenFor(app.server.app, ['reviewer']),
    transition: (token, id, to, reason) =>
      app.request(`/api/operator/applications/${id}/transition`, { method: 'POST', token, payload: reason === undefined ? { to } : { to, reason } }),
    subscribe: (token, result = 'accept') =>
      app.request('/api/notifications/subscriptions', { method: 'POST', token, payload: { templateKey: 'application_status', result } }),
    async close() {
      await app.close()
      await wechatServer.close()
      await alipayServer.close()
    },
  }
  return harness
}
