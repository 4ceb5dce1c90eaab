import { randomUUID } from 'node:crypto'
import { createIdentityCrypto } from '../../../server/identity/crypto'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, wangXiaoming, zhangWei } from '../../support/identity'
import { APPLY_ITEM, COUNTER_ITEM, DRAFT_ITEM, VALID_VALUES } from '../../support/service-items'
import { startApplicationsApp, submitBody } from './harness'

describe.each(dialects())('applications: form and submit on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, startApplicationsApp)
  let zhang: string

  beforeAll(async () => {
    zhang = await app.citizen('h5dev', zhangWei.key)
  })

  const formOf = async (token: string, code = APPLY_ITEM.code) => app.request(`/api/services/${code}/application-form`, { token })
  const field = (form: any, key: string) => (form.fields as any[]).find((candidate) => candidate.key === key)
  const storedValues = async (id: string): Promise<Record<string, unknown>> => {
    const row = await app.db.selectFrom('applications').select('form_encrypted').where('id', '=', id).executeTakeFirstOrThrow()
    const crypto = createIdentityCrypto({ encryptionKey: testDb.config.identityEncryptionKey, hashKey: testDb.config.identityHashKey })
    const form = JSON.parse(crypto.decrypt(row.form_encrypted)) as { fields: { key: string; value: unknown }[] }
    return Object.fromEntries(form.fields.map((entry) => [entry.key, entry.value]))
  }

  describe('the prefilled form', () => {
    test('population and social-security sources are filled, masked, with their source and lock', async () => {
      const response = await formOf(zhang)
      expect(response.status).toBe(200)
      const form = response.body
      expect(form.item).toEqual({ code: APPLY_ITEM.code, name: APPLY_ITEM.name, department: APPLY_ITEM.department, timeLimitDays: 5 })
      expect(field(form, 'applicantName')).toMatchObject({ value: '张*', locked: true, source: { key: 'population.name', label: '公安人口库', field: '姓名' } })
      expect(field(form, 'idNumber')).toMatchObject({ value: '110***********' + zhangWei.idNumber.slice(-4), locked: true })
      expect(field(form, 'phone')).toMatchObject({ value: '139****0001', locked: false, source: { label: '公安人口库' } })
      expect(field(form, 'address')).toMatchObject({ value: '北京市东城区****', locked: true })
      expect(field(form, 'sex')).toMatchObject({ value: '男', locked: true })
      expect(field(form, 'birthDate')).toMatchObject({ value: '1985-**-**', locked: true })
      expect(field(form, 'employer')).toMatchObject({ value: '北京智联数据服务有限公司', source: { label: '人社 社保系统', field: '参保单位' } })
      // Fields without a source have no value.
      expect(field(form, 'reason')).toEqual({ key: 'reason', label: '申请事由', type: 'textarea', required: true, maxLength: 100, locked: false })
    })

    test('certificate sources take the newest valid certificate, masked', async () => {
      const form = (await formOf(zhang)).body
      expect(field(form, 'licenceNumber')).toMatchObject({ value: '110***********' + zhangWei.idNumber.slice(-4), locked: true, source: { label: '电子证照库', field: '驾驶证号' } })
      expect(field(form, 'creditCode').value).toMatch(/^\w{3}\*+\w{4}$/)
      expect(field(form, 'companyName').value).toEqual(expect.any(String))
      expect(field(form, 'spouseName').value).toMatch(/^.\*.?$/)
      // 张伟 holds no 户口簿: nothing to fill, so the field is not locked.
      expect(field(form, 'householdAddress')).toMatchObject({ locked: false })
      expect(field(form, 'householdAddress').value).toBeUndefined()
      // …and no source: an empty field is not "from 电子证照库".
      expect(field(form, 'householdAddress').source).toBeUndefined()
      // 李娜 does.
      const li = await app.citizen('h5dev', liNa.key, liNa)
      expect(field((await formOf(li)).body, 'householdAddress')).toMatchObject({ value: expect.stringMatching(/^上海市徐汇区\*{4}$/), locked: true })
    })

    test('materials held as certificates are attached by reference, the rest go to the counter', async () => {
      const { materials } = (await formOf(zhang)).body
      expect(materials[0]).toMatchObject({ name: '机动车驾驶证', provision: 'certificate', certificate: { typeName: '机动车驾驶证', number: expect.stringContaining('*') } })
      expect(materials[1]).toMatchObject({ name: '户口簿', provision: 'counter', instruction: expect.stringContaining('窗口') })
      expect(materials[2]).toMatchObject({ name: '单位介绍信', provision: 'counter' })
    })

    test('is audited as a read of personal data', async () => {
      await formOf(zhang)
      const rows = await auditRows(app.db, 'application.prefill')
      expect(rows.at(-1)?.detail).toMatchObject({ itemCode: APPLY_ITEM.code, prefilled: expect.stringContaining('idNumber') })
    })

    test('a draft or unknown item is 404, an item not online is 409, a citizen below level 4 is 403 (a claimed identity too), no token 401', async () => {
      expect((await formOf(zhang, DRAFT_ITEM.code)).body.error.code).toBe('NOT_FOUND')
      expect((await formOf(zhang, 'NOSUCHITEM')).status).toBe(404)
      const counter = await formOf(zhang, COUNTER_ITEM.code)
      expect([counter.status, counter.body.error.code]).toEqual([409, 'SERVICE_NOT_ONLINE'])
      const levelOne = await app.login('weapp', 'openid-level-one')
      expect((await formOf(levelOne)).body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 1 })
      const claimed = await app.login('weapp', 'openid-claimed-only')
      expect((await app.realName(claimed, zhangWei)).status).toBe(200)
      expect((await formOf(claimed)).body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 3 })
      expect((await app.request(`/api/services/${APPLY_ITEM.code}/application-form`)).status).toBe(401)
    })
  })

  describe('submit', () => {
    test('creates the application with its first event, masked, and bumps the popularity', async () => {
      const before = await app.db.selectFrom('service_items').select('popularity').where('code', '=', APPLY_ITEM.code).executeTakeFirstOrThrow()
      const response = await app.submit(zhang)
      expect(response.status).toBe(201)
      expect(response.body).toMatchObject({ itemCode: APPLY_ITEM.code, itemName: APPLY_ITEM.name, status: 'submitted', statusName: '已提交', canWithdraw: true, timeLimitDays: 5, dueOn: null })
      expect(response.body.number).toMatch(/^\d{8}-\d{6}$/)
      expect(response.body.timeline).toEqual([{ status: 'submitted', statusName: '已提交', at: response.body.submittedAt, reason: null }])
      expect(response.body.values).toEqual(expect.arrayContaining([{ key: 'applicantName', label: '申请人姓名', value: '张*', sourceLabel: '公安人口库' }]))
      const after = await app.db.selectFrom('service_items').select('popularity').where('code', '=', APPLY_ITEM.code).executeTakeFirstOrThrow()
      expect(Number(after.popularity)).toBe(Number(before.popularity) + 1)
      const audit = await auditRows(app.db, 'application.submit')
      expect(audit.at(-1)?.detail).toMatchObject({ applicationId: response.body.id, number: response.body.number })
    })

    test('locked fields keep the registry value whatever the client sends; form values are encrypted at rest', async () => {
      const response = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES, applicantName: '李四', idNumber: wangXiaoming.idNumber, sex: '女' } }))
      expect(response.status).toBe(201)
      const stored = await storedValues(response.body.id)
      expect(stored).toMatchObject({ applicantName: zhangWei.name, idNumber: zhangWei.idNumber, sex: '男', birthDate: '1985-03-12', employer: '北京智联数据服务有限公司' })
      const raw = await app.db.selectFrom('applications').select('form_encrypted').where('id', '=', response.body.id).executeTakeFirstOrThrow()
      expect(raw.form_encrypted).not.toContain(zhangWei.name)
    })

    test('an editable prefilled field takes what the citizen typed (stored without the source, still masked); left out it keeps the held value with its source', async () => {
      const typed = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES, phone: '13800001111', employer: '新单位有限公司' } }))
      expect(typed.status).toBe(201)
      expect(await storedValues(typed.body.id)).toMatchObject({ phone: '13800001111', employer: '新单位有限公司' })
      const typedView = (typed.body.values as any[]).find((entry) => entry.key === 'phone')
      expect(typedView).toEqual({ key: 'phone', label: expect.any(String), value: '138****1111' })
      const kept = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES } }))
      expect((await storedValues(kept.body.id)).phone).toBe(zhangWei.phone)
      expect((kept.body.values as any[]).find((entry) => entry.key === 'phone')).toMatchObject({ value: '139****0001', sourceLabel: '公安人口库' })
    })

    test.each([
      ['the masked value sent back', '139****0001'],
      ['digits typed after the mask', '139****00012'],
      ['a full-width mask', '139＊＊＊＊0001'],
    ])('a prefilled field carrying the mask is refused, naming the field, and nothing is stored: %s', async (_case, phone) => {
      const before = await app.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      const response = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES, phone } }))
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.values.phone', rule: 'not a masked value' })
      expect(response.body.error.message).toContain('联系电话')
      const after = await app.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(after.n)).toBe(Number(before.n))
    })

    test('a masked address edited in place is refused too (the reported bug: "四川省成都市****3栋2单元")', async () => {
      const response = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES, address: '北京市东城区****3栋2单元' } }))
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ field: 'body.values.address', rule: 'not a masked value' })
    })

    test('attaches held certificates by reference, or the one the citizen chose; refuses someone else’s', async () => {
      const automatic = await app.submit(zhang)
      expect(automatic.body.materials[0]).toMatchObject({ name: '机动车驾驶证', provision: 'certificate', certificateType: 'driving_licence', certificateId: expect.any(String) })
      expect(automatic.body.materials[1]).toEqual({ name: '户口簿', provision: 'counter', certificateType: 'household_register' })

      const li = await app.citizen('h5dev', liNa.key, liNa)
      const liList = await app.request('/api/certificates', { token: li })
      const liRegister = liList.body.items.find((item: any) => item.type === 'household_register').id
      const refused = await app.submit(zhang, submitBody({ materials: [{ name: '户口簿', certificateId: liRegister }] }))
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.materials.0.certificateId' })
      const chosen = await app.submit(li, submitBody({ materials: [{ name: '户口簿', certificateId: liRegister }] }))
      expect(chosen.body.materials[1]).toMatchObject({ provision: 'certificate', certificateId: liRegister })
      const unknown = await app.submit(li, submitBody({ materials: [{ name: '单位介绍信', certificateId: liRegister }] }))
      expect(unknown.body.error).toMatchObject({ field: 'body.materials.0.name' })
    })

    test.each([
      ['required', { ...VALID_VALUES, reason: '  ' }, 'body.values.reason', 'required'],
      ['missing required', { copies: 1, category: '户籍证明' }, 'body.values.reason', 'required'],
      ['maxLength', { ...VALID_VALUES, reason: '字'.repeat(101) }, 'body.values.reason', 'maxLength 100'],
      ['type number', { ...VALID_VALUES, copies: '2' }, 'body.values.copies', 'type number'],
      ['minimum', { ...VALID_VALUES, copies: 0 }, 'body.values.copies', 'minimum 1'],
      ['maximum', { ...VALID_VALUES, copies: 6 }, 'body.values.copies', 'maximum 5'],
      ['type string', { ...VALID_VALUES, reason: 12 }, 'body.values.reason', 'type string'],
      ['options', { ...VALID_VALUES, category: '结婚证明' }, 'body.values.category', 'enum 户籍证明|无犯罪记录证明'],
      ['date format', { ...VALID_VALUES, moveDate: '2026-02-30' }, 'body.values.moveDate', 'format date'],
      ['phone', { ...VALID_VALUES, contactPhone: '12345' }, 'body.values.contactPhone', 'format phone'],
      ['id number check digit', { ...VALID_VALUES, agentIdNumber: zhangWei.idNumber.slice(0, 17) + (zhangWei.idNumber.endsWith('0') ? '1' : '0') }, 'body.values.agentIdNumber', 'idNumber checkDigit'],
      ['id number length', { ...VALID_VALUES, agentIdNumber: '11010119850312' }, 'body.values.agentIdNumber', 'idNumber length'],
      ['unknown field', { ...VALID_VALUES, nickname: 'x' }, 'body.values.nickname', 'unknown field'],
    ])('validation: %s names the field and the rule', async (_name, values, field, rule) => {
      const response = await app.submit(zhang, submitBody({ values }))
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field, rule })
    })

    test('valid optional values are accepted and normalised', async () => {
      const response = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES, moveDate: '2026-02-28', contactPhone: '010-12345678', agentIdNumber: liNa.idNumber.toLowerCase() } }))
      expect(response.status).toBe(201)
      expect(await storedValues(response.body.id)).toMatchObject({ moveDate: '2026-02-28', contactPhone: '010-12345678', agentIdNumber: liNa.idNumber.toUpperCase() })
    })

    test('the Idempotency-Key header is required and checked', async () => {
      const missing = await app.request('/api/applications', { method: 'POST', token: zhang, payload: submitBody() })
      expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'headers.idempotency-key', rule: 'required' })
      const short = await app.submit(zhang, submitBody(), 'short')
      expect(short.body.error).toMatchObject({ field: 'headers.idempotency-key', rule: 'minLength 16' })
      const badCharacters = await app.submit(zhang, submitBody(), 'a'.repeat(15) + '!')
      expect(badCharacters.body.error).toMatchObject({ field: 'headers.idempotency-key' })
    })

    test('non-online and unpublished items cannot be applied for', async () => {
      expect((await app.submit(zhang, submitBody({ itemCode: COUNTER_ITEM.code }))).body.error.code).toBe('SERVICE_NOT_ONLINE')
      expect((await app.submit(zhang, submitBody({ itemCode: DRAFT_ITEM.code }))).status).toBe(404)
    })
  })

  describe('idempotency', () => {
    const countFor = async (key: string) => {
      const row = await app.db.selectFrom('applications').select((eb) => eb.fn.countAll().as('count')).where('idempotency_key', '=', key).executeTakeFirstOrThrow()
      return Number(row.count)
    }

    test('10 sequential retries answer the same application and create nothing more', async () => {
      const key = randomUUID()
      const first = await app.submit(zhang, submitBody(), key)
      expect(first.status).toBe(201)
      for (let retry = 0; retry < 10; retry++) {
        const again = await app.submit(zhang, submitBody(), key)
        expect(again.status).toBe(200)
        expect(again.headers.get('idempotent-replayed')).toBe('true')
        expect(again.body.id).toBe(first.body.id)
        expect(again.body.number).toBe(first.body.number)
      }
      expect(await countFor(key)).toBe(1)
      const events = await app.db.selectFrom('application_events').select('id').where('application_id', '=', first.body.id).execute()
      expect(events).toHaveLength(1)
    })

    test('a replay with the keys of the body in another order is still the same request', async () => {
      const key = randomUUID()
      const first = await app.submit(zhang, { values: { category: '户籍证明', copies: 2, reason: '办理子女入学' }, itemCode: APPLY_ITEM.code }, key)
      const again = await app.submit(zhang, submitBody(), key)
      expect([first.status, again.status, again.body.id]).toEqual([201, 200, first.body.id])
    })

    test('10 identical submits in parallel produce exactly one application', async () => {
      const key = randomUUID()
      const responses = await Promise.all(Array.from({ length: 10 }, () => app.submit(zhang, submitBody(), key)))
      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1)
      expect(await countFor(key)).toBe(1)
    })

    test('the same key with a different body is refused, and creates nothing', async () => {
      const key = randomUUID()
      await app.submit(zhang, submitBody(), key)
      const different = await app.submit(zhang, submitBody({ values: { ...VALID_VALUES, copies: 3 } }), key)
      expect(different.status).toBe(422)
      expect(different.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' })
      expect(await countFor(key)).toBe(1)
    })

    test('keys are per citizen: another citizen may use the same key', async () => {
      const key = randomUUID()
      const li = await app.citizen('h5dev', liNa.key, liNa)
      const mine = await app.submit(zhang, submitBody(), key)
      const theirs = await app.submit(li, submitBody(), key)
      expect([mine.status, theirs.status]).toEqual([201, 201])
      expect(theirs.body.id).not.toBe(mine.body.id)
    })

    test('numbers are unique and sequential per day', async () => {
      const a = await app.submit(zhang)
      const b = await app.submit(zhang)
      expect(Number(b.body.number.slice(9))).toBe(Number(a.body.number.slice(9)) + 1)
      expect(a.body.number.slice(0, 8)).toBe(b.body.number.slice(0, 8))
    })

    test('20 different submits in parallel all succeed, each with its own number', async () => {
      // On PostgreSQL, max(number) + 1 inside the transaction handed two of these the same number.
      const responses = await Promise.all(Array.from({ length: 20 }, () => app.submit(zhang, submitBody(), randomUUID())))
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201))
      expect(new Set(responses.map((response) => response.body.number)).size).toBe(20)
    })
  })
})
