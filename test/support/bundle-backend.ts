/**
 * The real backend for bundle tests: a seeded SQLite database and the Fastify app, with
 * WeChat and Alipay identity configured against local servers that speak their protocols,
 * and an `onRequest` for the mini-program harness that answers the bundle's requests
 * through `app.inject` — only when they go to the API base the bundle was built with.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { TEST_API_BASE } from '../../scripts/test-api-base'
import { dialects, testConfig, type TestDatabase } from './dialects'
import type { FakeRequest, FakeResponse } from './mini-harness'
import { exportKeys, generateRsaKeyPair, start as startAlipay, type RunningAlipayServer } from './protocol-servers/alipay-server'
import { start as startWechat, type RunningWechatServer } from './protocol-servers/wechat-server'
import { startApp } from './server-app'
import { raisedRateLimits } from './rate-limits'

export const WECHAT_APP = { appId: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' }
export const ALIPAY_APP_ID = '2021000000000001'

export interface BundleBackend {
  app: FastifyInstance
  database: TestDatabase
  wechat: RunningWechatServer
  alipay: RunningAlipayServer
  /** The app's and the local gateway's key pairs (a payments gateway in front of the login one adopts them). */
  alipayKeys: { app: ReturnType<typeof generateRsaKeyPair>; gateway: ReturnType<typeof generateRsaKeyPair> }
  onRequest: (request: FakeRequest) => Promise<FakeResponse>
  close(): Promise<void>
}

export async function startBundleBackend(env: Record<string, string> = {}): Promise<BundleBackend> {
  const appPair = generateRsaKeyPair()
  const gatewayPair = generateRsaKeyPair()
  const appKeys = exportKeys(appPair)
  const gatewayKeys = exportKeys(gatewayPair)
  const wechat = await startWechat(WECHAT_APP)
  // The gateway verifies our requests with the app's public key and signs its answers with
  // its own private key, whose public half is what the server gets as ALIPAY_PUBLIC_KEY.
  const alipay = await startAlipay({ appId: ALIPAY_APP_ID, appPublicKey: appPair.publicKey, gatewayPrivateKey: gatewayPair.privateKey })
  const database = await dialects()[0].setup()
  const db = database.open()
  const config = testConfig({
    ...database.env,
    AUTH_SANDBOX: '1',
    // Journeys log the same demo citizens in and verify them many times over.
    ...raisedRateLimits(),
    WECHAT_APPID: WECHAT_APP.appId,
    WECHAT_SECRET: WECHAT_APP.secret,
    WECHAT_API_BASE: wechat.baseUrl,
    ALIPAY_APPID: ALIPAY_APP_ID,
    ALIPAY_PRIVATE_KEY: appKeys.pkcs8Pem,
    ALIPAY_PUBLIC_KEY: gatewayKeys.spkiPem,
    ALIPAY_GATEWAY: alipay.baseUrl,
    ...env,
  })
  const { app, close } = await startApp({ config, db, seed: true })
  const onRequest = async (request: FakeRequest): Promise<FakeResponse> => {
    if (!request.url.startsWith(TEST_API_BASE + '/')) {
      throw new Error(`request to ${request.url}, not to the configured API base ${TEST_API_BASE}`)
    }
    const response = await app.inject({
      method: request.method as InjectOptions['method'],
      url: request.url.slice(TEST_API_BASE.length),
      headers: request.headers,
      payload: typeof request.body === 'string' ? request.body : request.body === undefined ? undefined : JSON.stringify(request.body),
    })
    return { status: response.statusCode, body: response.body, headers: response.headers as Record<string, string> }
  }
  return {
    app,
    database,
    wechat,
    alipay,
    alipayKeys: { app: appPair, gateway: gatewayPair },
    onRequest,
    close: async () => {
      await close()
      await database.cleanup()
      await wechat.close()
      await alipay.close()
    },
  }
}

/**
 * A proven (level 4) session of a demo citizen on the platform's own account kind, through
 * the real routes and the local protocol servers: login, real-name, then the platform's face
 * verification (WeChat's verify_result looked up by the server; Alipay's certification passed).
 */
export async function provenPlatformSession(backend: BundleBackend, platform: 'weapp' | 'alipay', citizen: { name: string; idNumber: string }): Promise<string> {
  const code = `${platform}-${randomBytes(6).toString('hex')}`
  const openid = `openid-${code}`
  if (platform === 'weapp') backend.wechat.scenario.codes.set(code, { openid })
  else backend.alipay.scenario.oauthCodes.set(code, { open_id: `open-${code}` })
  const call = async (method: 'GET' | 'POST', url: string, token?: string, payload?: object) => {
    const response = await backend.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) })
    if (response.statusCode >= 300) throw new Error(`${url} failed: ${response.statusCode} ${response.body}`)
    return response.json() as Record<string, string>
  }
  const { token } = (await call('POST', '/api/auth/login', undefined, { platform, code })) as { token: string }
  await call('POST', '/api/identity/real-name', token, { name: citizen.name, idNumber: citizen.idNumber })
  const started = await call('POST', '/api/identity/face/start', token)
  const verifyResult = `verify-${code}`
  if (platform === 'weapp') backend.wechat.scenario.verifyResults.set(verifyResult, { openid, name: citizen.name, idNumber: citizen.idNumber })
  const confirmed = await call('POST', '/api/identity/face/confirm', token, platform === 'weapp' ? { verificationId: started.verificationId!, verifyResult } : { verificationId: started.verificationId! })
  if (Number(confirmed.level) !== 4) throw new Error(`face verification did not reach level 4: ${JSON.stringify(confirmed)}`)
  return token
}
