import { demoCitizens } from '../../../server/seed-data/demo-citizens'
import { dialects } from '../../support/dialects'
import { useDialectApps } from '../../support/dialect-app'
import { startIdentityApp } from '../../support/identity'

describe.each(dialects())('sandbox citizens and roles on $name', (dialect) => {
  const { apps: { enabled, disabled } } = useDialectApps(dialect, { enabled: (testDb) => startIdentityApp(testDb, { sandbox: true }), disabled: startIdentityApp })

  test('lists the demo citizens with masked names when the sandbox is configured', async () => {
    const response = await enabled.request('/api/auth/sandbox/citizens')
    expect(response.status).toBe(200)
    expect(response.body.items).toHaveLength(demoCitizens.length)
    expect(response.body.items[0]).toEqual({ code: 'sandbox:zhang-wei', label: '张*', description: expect.any(String) })
    expect(response.body.items.map((item: { label: string }) => item.label)).toEqual(['张*', '李*', '王*明', '赵*华', '欧*月', '孙*康'])
    for (const citizen of demoCitizens) expect(response.text).not.toContain(citizen.name)
  })

  test('is 403 SANDBOX_DISABLED when it is not', async () => {
    const response = await disabled.request('/api/auth/sandbox/citizens')
    expect(response.status).toBe(403)
    expect(response.body.error.code).toBe('SANDBOX_DISABLED')
  })

  test('the seeded verifier logs in through the sandbox with the verifier role', async () => {
    const token = await enabled.login('h5dev', 'ouyang-mingyue')
    const profile = (await enabled.request('/api/me', { token })).body
    expect(profile).toMatchObject({ platform: 'h5dev', level: 1, roles: ['verifier'] })
    const citizen = await enabled.login('h5dev', 'li-na')
    expect((await enabled.request('/api/me', { token: citizen })).body.roles).toEqual([])
  })
})

describe.each(dialects())('the configured sandbox provider (AUTH_SANDBOX) on $name', (dialect) => {
  const { apps: { sandbox, off } } = useDialectApps(dialect, {
    sandbox: (testDb) => startIdentityApp(testDb, { providers: 'configured', env: { AUTH_SANDBOX: '1' } }),
    off: (testDb) => startIdentityApp(testDb, { providers: 'configured', env: { AUTH_SANDBOX: '0' } }),
  })

  test('AUTH_SANDBOX=1: list, log in, verify real name and face, all through the sandbox', async () => {
    const list = await sandbox.request('/api/auth/sandbox/citizens')
    expect(list.status).toBe(200)
    const liNa = demoCitizens.find((citizen) => citizen.key === 'li-na')!
    const token = await sandbox.login('h5dev', 'li-na')
    expect((await sandbox.realName(token, liNa)).body.level).toBe(3)
    const started = await sandbox.request('/api/identity/face/start', { method: 'POST', token })
    expect(started.body.provider).toBe('sandbox')
    const failed = await sandbox.request('/api/identity/face/confirm', { method: 'POST', token, payload: { verificationId: started.body.verificationId, verifyResult: 'x' } })
    expect(failed.status).toBe(422)
    const again = await sandbox.request('/api/identity/face/start', { method: 'POST', token })
    const passed = await sandbox.request('/api/identity/face/confirm', {
      method: 'POST',
      token,
      payload: { verificationId: again.body.verificationId, verifyResult: 'sandbox-pass' },
    })
    expect(passed.body.level).toBe(4)
  })

  test('AUTH_SANDBOX=1 still refuses a code for anyone not in the demo list', async () => {
    const response = await sandbox.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code: 'sandbox:someone-else' } })
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('LOGIN_CODE_INVALID')
  })

  test('AUTH_SANDBOX=0: no list, no sandbox login; unconfigured WeChat login is a clear 503', async () => {
    expect((await off.request('/api/auth/sandbox/citizens')).body.error.code).toBe('SANDBOX_DISABLED')
    const login = await off.request('/api/auth/login', { method: 'POST', payload: { platform: 'h5dev', code: 'sandbox:li-na' } })
    expect(login.status).toBe(403)
    expect(login.body.error.code).toBe('SANDBOX_DISABLED')
    const wechat = await off.request('/api/auth/login', { method: 'POST', payload: { platform: 'weapp', code: 'abc' } })
    expect(wechat.status).toBe(503)
    expect(wechat.body.error.message).toContain('暂不支持')
  })
})
