import { idCheckCharacter } from '../../../src/contract/id-number'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, startIdentityApp, wangXiaoming, zhangWei, zhaoLihua } from '../../support/identity'

/** A number that is valid by GB 11643 but belongs to nobody in the registry. */
const unknownIdNumber = (() => {
  const first17 = '11010519700101123'
  return first17 + idCheckCharacter(first17)
})()

/** The same number with a wrong check character. */
function withWrongCheckDigit(idNumber: string): string {
  const wrong = '0123456789X'.split('').find((character) => character !== idNumber[17])!
  return idNumber.slice(0, 17) + wrong
}

describe.each(dialects())('real-name verification on $name', (dialect) => {
  const { app: identity } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, {
    extend(app) {
      // Stand-ins for features that declare the level they need.
      app.get('/api/test/needs-real-name', { preHandler: app.requireLevel(3) }, async () => ({ ok: true }))
      app.get('/api/test/needs-face', { preHandler: app.requireLevel(4) }, async () => ({ ok: true }))
    },
  }))

  test('a matching name and ID number make the account level 3 (claimed) with its citizen masked, no phone until proven', async () => {
    const token = await identity.login('weapp', 'wx-zhang')
    const response = await identity.realName(token, zhangWei)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body).toEqual({
      accountId: expect.any(String),
      platform: 'weapp',
      level: 3,
      roles: [],
      citizen: { name: '张*', idNumber: `110***********${zhangWei.idNumber.slice(-4)}` },
    })
    expect((await identity.request('/api/me', { token })).body).toEqual(response.body)
    // Proven by face: the masked phone joins the profile.
    expect((await identity.faceVerify(token)).body.citizen).toEqual({ name: '张*', idNumber: `110***********${zhangWei.idNumber.slice(-4)}`, phone: '139****0001' })
  })

  test('names of three or more characters keep first and last; no phone, no phone field', async () => {
    const token = await identity.login('weapp', 'wx-zhao')
    const response = await identity.realName(token, zhaoLihua)
    expect(response.body.citizen).toEqual({ name: '赵*华', idNumber: `510***********${zhaoLihua.idNumber.slice(-4)}` })
  })

  test('the same person verifying from WeChat and Alipay reaches one citizen and sees the same data', async () => {
    const wechat = await identity.login('weapp', 'wx-li-na')
    const alipay = await identity.login('alipay', '2088-li-na')
    const fromWechat = await identity.realName(wechat, liNa)
    const fromAlipay = await identity.realName(alipay, { ...liNa, idNumber: liNa.idNumber.toLowerCase() })
    expect(fromWechat.status).toBe(200)
    expect(fromAlipay.status).toBe(200)
    expect(fromAlipay.body.accountId).not.toBe(fromWechat.body.accountId)
    expect(fromAlipay.body.citizen).toEqual(fromWechat.body.citizen)

    const accounts = await identity.db
      .selectFrom('platform_accounts')
      .select(['platform', 'citizen_id'])
      .where('id', 'in', [fromWechat.body.accountId, fromAlipay.body.accountId])
      .execute()
    expect(accounts).toHaveLength(2)
    expect(accounts[0]!.citizen_id).toBeTruthy()
    expect(accounts[0]!.citizen_id).toBe(accounts[1]!.citizen_id)
    const citizens = await identity.db.selectFrom('citizens').selectAll().where('id', '=', accounts[0]!.citizen_id!).execute()
    expect(citizens).toHaveLength(1)
  })

  test('the citizen record holds the ID number and phone only encrypted and hashed', async () => {
    const rows = JSON.stringify(await identity.db.selectFrom('citizens').selectAll().execute())
    const registry = JSON.stringify(await identity.db.selectFrom('population_registry').selectAll().execute())
    for (const text of [rows, registry]) {
      expect(text).not.toContain(zhangWei.idNumber)
      expect(text).not.toContain(zhangWei.phone)
      expect(text).not.toContain(zhangWei.idNumber.slice(0, 14))
    }
  })

  test.each([
    ['a wrong check character', () => withWrongCheckDigit(wangXiaoming.idNumber), 'GB 11643 checkDigit', '身份证号码校验位不正确，请核对'],
    ['an impossible birth date', () => '110101' + '19900230' + '0012', 'GB 11643 birthDate', '身份证号码中的出生日期不正确'],
    ['an unknown region', () => '990101' + '19900101' + '0012', 'GB 11643 region', '身份证号码前两位地区代码不正确'],
  ])('an ID number with %s is 400 naming body.idNumber and the rule', async (_case, idNumber, rule, message) => {
    const token = await identity.login('weapp', 'wx-typo')
    const response = await identity.realName(token, { name: wangXiaoming.name, idNumber: idNumber() })
    expect(response.status).toBe(400)
    expect(response.body.error).toEqual({ code: 'VALIDATION_FAILED', field: 'body.idNumber', rule, message })
  })

  test('an ID number of the wrong shape is refused by the schema, naming body.idNumber', async () => {
    const token = await identity.login('weapp', 'wx-typo')
    const response = await identity.realName(token, { name: wangXiaoming.name, idNumber: '1101011990' })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.idNumber' })
  })

  test('a wrong name and an unknown number get the same 422 IDENTITY_MISMATCH; the account stays level 1', async () => {
    const token = await identity.login('weapp', 'wx-mismatch')
    const wrongName = await identity.realName(token, { name: '王大明', idNumber: wangXiaoming.idNumber })
    const unknown = await identity.realName(token, { name: wangXiaoming.name, idNumber: unknownIdNumber })
    expect(wrongName.status).toBe(422)
    expect(wrongName.body).toEqual({ error: { code: 'IDENTITY_MISMATCH', message: '姓名与身份证号码不匹配，请核对后重试' } })
    expect(unknown.status).toBe(422)
    expect(unknown.body).toEqual(wrongName.body)
    expect((await identity.request('/api/me', { token })).body.level).toBe(1)
  })

  test('an account verified as one person cannot become another (409)', async () => {
    const token = await identity.login('weapp', 'wx-switch')
    expect((await identity.realName(token, wangXiaoming)).status).toBe(200)
    const response = await identity.realName(token, zhangWei)
    expect(response.status).toBe(409)
    expect(response.body.error.code).toBe('CONFLICT')
    expect((await identity.request('/api/me', { token })).body.citizen.name).toBe('王*明')
  })

  test('real-name attempts are audited with masked values only', async () => {
    const rows = await auditRows(identity.db, 'identity.real_name')
    expect(rows.some((row) => row.outcome === 'success' && row.citizen_id)).toBe(true)
    const failure = rows.find((row) => row.outcome === 'failure' && row.detail?.reason === 'NAME_MISMATCH')
    expect(failure).toMatchObject({ detail: { name: '王*明', idNumber: `440***********${wangXiaoming.idNumber.slice(-4)}`, levelBefore: 1 } })
    const all = JSON.stringify(await auditRows(identity.db))
    for (const citizen of [zhangWei, liNa, wangXiaoming, zhaoLihua]) {
      expect(all).not.toContain(citizen.idNumber)
      if (citizen.phone) expect(all).not.toContain(citizen.phone)
    }
  })

  test('requireLevel answers 403 REAL_NAME_REQUIRED with the level needed and the level held', async () => {
    const token = await identity.login('alipay', '2088-levels')
    const level1 = await identity.request('/api/test/needs-real-name', { token })
    expect(level1.status).toBe(403)
    expect(level1.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 3, currentLevel: 1 })

    await identity.realName(token, zhaoLihua)
    expect((await identity.request('/api/test/needs-real-name', { token })).status).toBe(200)
    const level3 = await identity.request('/api/test/needs-face', { token })
    expect(level3.status).toBe(403)
    expect(level3.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 3 })
    expect(level3.body.error.message).toContain('人脸')

    expect((await identity.request('/api/test/needs-real-name')).status).toBe(401)
  })
})
