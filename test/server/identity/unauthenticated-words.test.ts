import { dialects, type TestDatabase } from '../../support/dialects'
import { startIdentityApp, zhangWei, type IdentityApp } from '../../support/identity'

/**
 * Three situations a citizen must not confuse: never logged in (no token: 请先登录), a session
 * that existed and ended (登录已失效), and logging in too often (429 with the wait in seconds).
 */
describe.each(dialects())('401 words on $name', (dialect) => {
  let testDb: TestDatabase
  let app: IdentityApp

  beforeAll(async () => {
    testDb = await dialect.setup()
    app = await startIdentityApp(testDb, { env: { RATE_LIMIT_LOGIN: '2/1m' } })
  })
  afterAll(async () => {
    await app.close()
    await testDb.cleanup()
  })

  test('no token: 请先登录', async () => {
    const response = await app.request('/api/me')
    expect(response.status).toBe(401)
    expect(response.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' })
  })

  test('a token the server does not know (expired, logged out): 登录已失效', async () => {
    const token = await app.login('weapp', 'wx-words-zhang')
    await app.request('/api/auth/logout', { method: 'POST', token })
    const response = await app.request('/api/me', { token })
    expect(response.status).toBe(401)
    expect(response.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' })
  })

  test('logging in too often: 429 saying how long to wait', async () => {
    let last
    for (let attempt = 0; attempt < 4; attempt++) last = await app.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code: zhangWei.key } })
    expect(last!.status).toBe(429)
    expect(last!.body.error.code).toBe('RATE_LIMITED')
    expect(last!.body.error.message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/)
  })
})
