import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, MINUTE, startIdentityApp, wangXiaoming, zhangWei } from '../../support/identity'

describe.each(dialects())('face verification on $name', (dialect) => {
  const { app: identity } = useDialectApp(dialect, startIdentityApp)

  async function verifiedAccount(platform: 'weapp' | 'alipay', subject: string, citizen = zhangWei): Promise<string> {
    const token = await identity.login(platform, subject)
    expect((await identity.realName(token, citizen)).status).toBe(200)
    return token
  }
  const start = (token: string) => identity.request('/api/identity/face/start', { method: 'POST', token })
  const confirm = (token: string, payload: Record<string, string>) => identity.request('/api/identity/face/confirm', { method: 'POST', token, payload })

  test('WeChat: start, the platform passes the verify result, confirm → level 4', async () => {
    const token = await verifiedAccount('weapp', 'wx-face')
    const started = await start(token)
    expect(started.status).toBe(200)
    expect(started.body).toEqual({ provider: 'wechat', verificationId: expect.stringMatching(/^[0-9a-f]{32}$/) })

    const confirmed = await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'pass' })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ level: 4, citizen: { name: '张*' } })
    expect((await identity.request('/api/me', { token })).body.level).toBe(4)

    // The platform was asked about the person on record, not anything the client sent.
    expect(identity.providers.faceSubjects.at(-1)).toEqual({ name: zhangWei.name, idNumber: zhangWei.idNumber, accountSubject: 'wx-face' })
    const row = await identity.db.selectFrom('face_verifications').selectAll().where('id', '=', started.body.verificationId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'passed', provider: 'wechat', completed_at: expect.any(String) })
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(10 * MINUTE)
  })

  test('Alipay: the certify id from start is what the server checks on confirm', async () => {
    const token = await verifiedAccount('alipay', '2088-face', liNa)
    const started = await start(token)
    expect(started.body).toMatchObject({ provider: 'alipay', certifyId: expect.stringMatching(/^certify-/), url: expect.stringContaining(started.body.verificationId) })

    // The client claims success, but the platform has not reported a pass: still level 3.
    const early = await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'pass' })
    expect(early.status).toBe(422)
    expect(early.body.error.code).toBe('FACE_VERIFICATION_FAILED')
    expect((await identity.request('/api/me', { token })).body.level).toBe(3)

    const again = await start(token)
    identity.providers.passedCertifyIds.add(again.body.certifyId)
    const confirmed = await confirm(token, { verificationId: again.body.verificationId })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.level).toBe(4)
  })

  test('a failed verification keeps level 3, and the attempt cannot be confirmed again', async () => {
    const token = await verifiedAccount('weapp', 'wx-face-fail', wangXiaoming)
    const started = await start(token)
    const failed = await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'fail' })
    expect(failed.status).toBe(422)
    expect(failed.body.error).toEqual({ code: 'FACE_VERIFICATION_FAILED', message: '人脸与身份证照片不一致' })
    expect((await identity.request('/api/me', { token })).body.level).toBe(3)

    const replay = await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'pass' })
    expect(replay.status).toBe(409)
    expect((await identity.request('/api/me', { token })).body.level).toBe(3)
    const audit = await auditRows(identity.db, 'identity.face')
    expect(audit.filter((row) => row.outcome === 'failure').at(-1)).toMatchObject({ detail: { step: 'confirm', provider: 'wechat' } })
  })

  test('when the platform is down the attempt stays open and can be confirmed later', async () => {
    const token = await verifiedAccount('weapp', 'wx-face-retry', wangXiaoming)
    const started = await start(token)
    const down = await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'upstream-down' })
    expect(down.status).toBe(503)
    expect(down.body.error.code).toBe('UPSTREAM_UNAVAILABLE')
    expect((await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'pass' })).body.level).toBe(4)
  })

  test('an attempt expires after 10 minutes', async () => {
    const token = await verifiedAccount('weapp', 'wx-face-slow', wangXiaoming)
    const started = await start(token)
    identity.clock.advance(10 * MINUTE)
    const late = await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'pass' })
    expect(late.status).toBe(422)
    expect(late.body.error).toMatchObject({ code: 'FACE_VERIFICATION_FAILED', message: '人脸核验已超时，请重新开始' })
    expect((await identity.request('/api/me', { token })).body.level).toBe(3)
  })

  test("another account's verification id is unknown (404)", async () => {
    const owner = await verifiedAccount('weapp', 'wx-face-owner', wangXiaoming)
    const started = await start(owner)
    const intruder = await verifiedAccount('weapp', 'wx-face-intruder', wangXiaoming)
    const response = await confirm(intruder, { verificationId: started.body.verificationId, verifyResult: 'pass' })
    expect(response.status).toBe(404)
    expect((await identity.request('/api/me', { token: intruder })).body.level).toBe(3)
  })

  test('face verification needs level 3 first', async () => {
    const token = await identity.login('weapp', 'wx-face-too-early')
    const response = await start(token)
    expect(response.status).toBe(403)
    expect(response.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 3, currentLevel: 1 })
    expect((await confirm(token, { verificationId: 'x', verifyResult: 'pass' })).status).toBe(403)
  })

  test('real-name again after face verification keeps level 4', async () => {
    const token = await verifiedAccount('weapp', 'wx-face-keep', wangXiaoming)
    const started = await start(token)
    await confirm(token, { verificationId: started.body.verificationId, verifyResult: 'pass' })
    const again = await identity.realName(token, wangXiaoming)
    expect(again.body.level).toBe(4)
  })
})
