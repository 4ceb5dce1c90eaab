import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../server/db/database'
import { dialectOf } from '../../../server/db/dialect'
import { createIdentityCrypto } from '../../../server/identity/crypto'
import { demoCitizens } from '../../../server/seed-data/demo-citizens'
import { demoHealthStatuses } from '../../../server/seed-data/demo-health-statuses'
import { idCheckCharacter } from '../../../src/contract/id-number'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { getCode, historyRows, provenSession, officer as healthOfficer, statusOf, verifierSession } from '../../support/health-code'
import { auditRows, liNa, startIdentityApp, wangXiaoming, zhangWei, zhaoLihua } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'

/** A valid ID number (check character computed) of nobody in the registry. */
const stranger = (() => {
  const first17 = '11010119900101' + '999'
  return first17 + idCheckCharacter(first17)
})()
const withWrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

describe.each(dialects())('health statuses (operators) on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { sandbox: true }))
  let officer: string
  let officerId: string
  const hash = (idNumber: string) =>
    createIdentityCrypto({ encryptionKey: testDb.config.identityEncryptionKey, hashKey: testDb.config.identityHashKey }).hashIdNumber(idNumber)
  const status = (citizen: { idNumber: string }) => statusOf(app.db, hash(citizen.idNumber))
  const batch = (payload: unknown, token = officer) => app.request('/api/ops/health-statuses/batch', { method: 'POST', token, payload })
  const single = (payload: unknown, token = officer) => app.request('/api/ops/health-statuses', { method: 'POST', token, payload })

  beforeAll(async () => {
    const health = await healthOfficer(app)
    officer = health.token
    officerId = health.id
  })

  test('every demo citizen is seeded with a status and its first history row: mostly green, one yellow, one red', async () => {
    const colours: string[] = []
    for (const citizen of demoCitizens) {
      const row = await status(citizen)
      expect({ key: citizen.key, row }).toMatchObject({ key: citizen.key, row: { version: 1, reason: expect.any(String), source: expect.any(String) } })
      colours.push(row!.colour)
    }
    expect(colours.filter((colour) => colour === 'yellow')).toHaveLength(1)
    expect(colours.filter((colour) => colour === 'red')).toHaveLength(1)
    expect(colours.filter((colour) => colour === 'green').length).toBeGreaterThan(2)
    expect(await status(liNa)).toMatchObject(demoHealthStatuses['li-na']!)
    expect(await historyRows(app.db)).toHaveLength(demoCitizens.length)
  })

  test('only health officers may change statuses: another operator gets 403; a citizen or verifier (no operator session) and nobody 401', async () => {
    const payload = { idNumber: zhangWei.idNumber, colour: 'red', reason: '测试', source: '测试' }
    const rows = { rows: [{ idNumber: zhangWei.idNumber, colour: 'red', reason: '测试' }], source: '测试' }
    const otherOperator = await operatorTokenFor(app.server.app, ['content_editor', 'reviewer', 'verifier'])
    const refused = await single(payload, otherOperator)
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '仅卫健部门操作员可以调整健康码状态' })
    expect((await batch(rows, otherOperator)).status).toBe(403)
    for (const token of [await provenSession(app, 'wx-zhang', zhangWei), await verifierSession(app)]) {
      expect((await single(payload, token)).body.error.code).toBe('UNAUTHENTICATED')
      expect((await batch(rows, token)).status).toBe(401)
    }
    expect((await app.request('/api/ops/health-statuses', { method: 'POST', payload })).status).toBe(401)
    expect((await status(zhangWei))!.colour).toBe('green')
  })

  test('one change: masked answer, new version, a history row and an audit entry', async () => {
    const response = await single({ idNumber: zhaoLihua.idNumber.toLowerCase(), colour: 'yellow', reason: '  近14天有中高风险地区旅居史 ', source: '市卫健委' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      name: '赵*华',
      idNumber: `510***********${zhaoLihua.idNumber.slice(-4)}`,
      colour: 'yellow',
      reason: '近14天有中高风险地区旅居史',
      source: '市卫健委',
      version: 2,
      since: app.clock().toISOString(),
      changed: true,
    })
    const row = await status(zhaoLihua)
    const history = (await historyRows(app.db)).filter((entry) => entry.citizen_id === row!.citizen_id)
    expect(history.map((entry) => [entry.version, entry.colour])).toEqual([
      [1, 'green'],
      [2, 'yellow'],
    ])
    expect(history[1]!.changed_by).toBe(officerId)
    const [audit] = (await auditRows(app.db, 'health_status.change')).slice(-1)
    expect(audit).toMatchObject({
      outcome: 'success',
      account_id: null,
      operator_id: officerId,
      citizen_id: row!.citizen_id,
      detail: { colour: 'yellow', previousColour: 'green', version: 2, source: '市卫健委', via: 'single' },
    })
  })

  test('the same colour and reason again changes nothing (codes already shown stay valid)', async () => {
    const before = await historyRows(app.db)
    const response = await single({ idNumber: zhaoLihua.idNumber, colour: 'yellow', reason: '近14天有中高风险地区旅居史', source: '另一来源' })
    expect(response.body).toMatchObject({ changed: false, version: 2, source: '市卫健委' })
    expect(await historyRows(app.db)).toEqual(before)
  })

  test('one change with a bad ID number is 400 naming the field; an unknown person 404', async () => {
    const bad = await single({ idNumber: withWrongCheckDigit(liNa.idNumber), colour: 'red', reason: 'x', source: 'y' })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.idNumber', rule: 'GB 11643 checkDigit' })
    const colour = await single({ idNumber: liNa.idNumber, colour: 'purple', reason: 'x', source: 'y' })
    expect(colour.status).toBe(400)
    expect(colour.body.error.field).toBe('body.colour')
    const blank = await single({ idNumber: liNa.idNumber, colour: 'red', reason: '   ', source: 'y' })
    expect(blank.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason' })
    const unknown = await single({ idNumber: stranger, colour: 'red', reason: 'x', source: 'y' })
    expect(unknown.status).toBe(404)
    expect(unknown.text).not.toContain(stranger)
  })

  test('a JSON batch with bad rows lists every bad row and applies nothing', async () => {
    const history = await historyRows(app.db)
    const audits = (await auditRows(app.db, 'health_status.change')).length
    const response = await batch({
      source: '市卫健委 2026-11-24 批次',
      rows: [
        { idNumber: zhangWei.idNumber, colour: 'red', reason: '集中隔离中' },
        { idNumber: withWrongCheckDigit(liNa.idNumber), colour: 'green', reason: '未见异常' },
        { idNumber: stranger, colour: 'green', reason: '未见异常' },
        { idNumber: zhangWei.idNumber, colour: 'yellow', reason: '重复' },
        { idNumber: wangXiaoming.idNumber, colour: 'green', reason: '   ' },
      ],
    })
    expect(response.status).toBe(422)
    expect(response.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('有 4 行有误，本批未做任何更改'), field: 'body.rows' },
      applied: 0,
      errors: [
        { row: 2, field: 'idNumber', message: '身份证号码校验位不正确，请核对' },
        { row: 3, field: 'idNumber', message: '人口库中没有此身份证号码，请核对' },
        { row: 4, field: 'idNumber', message: '与第 1 行的身份证号码重复' },
        { row: 5, field: 'reason', message: '原因不能为空' },
      ],
    })
    expect(await historyRows(app.db)).toEqual(history)
    expect((await status(zhangWei))!.colour).toBe('green')
    expect(await auditRows(app.db, 'health_status.change')).toHaveLength(audits)
    const [summary] = (await auditRows(app.db, 'health_status.batch')).slice(-1)
    expect(summary).toMatchObject({ outcome: 'failure', detail: { format: 'json', rows: 5, rejectedRows: 4 } })
  })

  test('a CSV batch with bad rows lists every one with the line it is on; nothing applied', async () => {
    const history = await historyRows(app.db)
    const csv = [
      '身份证号码,颜色,原因',
      `${zhangWei.idNumber},红码,集中隔离中`,
      `${liNa.idNumber},purple,未见异常`,
      `${wangXiaoming.idNumber},绿,近期有发热,未就医`,
      '',
      `${withWrongCheckDigit(zhaoLihua.idNumber)},green,`,
    ].join('\r\n')
    const response = await batch({ source: '市卫健委', csv })
    expect(response.status).toBe(422)
    expect(response.body.errors).toEqual([
      { row: 3, field: 'colour', message: '颜色应为 green / yellow / red（或 绿 / 黄 / 红）' },
      { row: 4, field: 'row', message: expect.stringContaining('应有 3 列') },
      { row: 6, field: 'idNumber', message: '身份证号码校验位不正确，请核对' },
      { row: 6, field: 'reason', message: '原因不能为空' },
    ])
    expect(await historyRows(app.db)).toEqual(history)
  })

  test('a good CSV batch (quoted reasons with commas, colours in Chinese) is applied in one go with history rows', async () => {
    const before = await historyRows(app.db)
    const csv = [
      'idNumber,colour,reason',
      `${zhangWei.idNumber},黄码,"近14天有中高风险地区旅居史，途经甲市,乙市"`,
      `${liNa.idNumber.toLowerCase()},green,"解除管控，""未见异常"""`,
      `${wangXiaoming.idNumber},red,集中隔离中`,
    ].join('\n')
    const response = await batch({ source: '市卫健委 2026-11-24 第2批', csv })
    expect(response.status).toBe(200)
    // 王小明 is red already: left alone, counted as unchanged.
    expect(response.body).toEqual({ applied: 2, unchanged: 1, errors: [] })
    expect(await status(zhangWei)).toMatchObject({ colour: 'yellow', reason: '近14天有中高风险地区旅居史，途经甲市,乙市', version: 2, source: '市卫健委 2026-11-24 第2批' })
    expect(await status(liNa)).toMatchObject({ colour: 'green', reason: '解除管控，"未见异常"', version: 2 })
    const added = (await historyRows(app.db)).slice(before.length)
    expect(added).toHaveLength(2)
    expect(new Set(added.map((row) => row.batch_id)).size).toBe(1)
    expect(added[0]!.batch_id).toEqual(expect.any(String))
    const changes = (await auditRows(app.db, 'health_status.change')).slice(-2)
    expect(changes.map((row) => row.detail)).toEqual([
      expect.objectContaining({ colour: 'yellow', previousColour: 'green', via: 'batch', batchId: added[0]!.batch_id }),
      expect.objectContaining({ colour: 'green', previousColour: 'yellow', via: 'batch', batchId: added[0]!.batch_id }),
    ])
    const [summary] = (await auditRows(app.db, 'health_status.batch')).slice(-1)
    expect(summary).toMatchObject({ outcome: 'success', detail: { format: 'csv', rows: 3, applied: 2, unchanged: 1, batchId: added[0]!.batch_id } })
  })

  test('CSV without a header, and a header with the columns in another order, both work', async () => {
    expect((await batch({ source: 's', csv: `${zhangWei.idNumber},green,未见异常\n` })).body).toEqual({ applied: 1, unchanged: 0, errors: [] })
    const reordered = `reason,身份证号码,color\n居家健康监测,${zhangWei.idNumber},yellow`
    expect((await batch({ source: 's', csv: reordered })).body).toEqual({ applied: 1, unchanged: 0, errors: [] })
    expect(await status(zhangWei)).toMatchObject({ colour: 'yellow', reason: '居家健康监测', version: 4 })
  })

  test('an unterminated quote, an empty batch and both formats at once are refused clearly', async () => {
    const open = await batch({ source: 's', csv: `${zhangWei.idNumber},green,"未见异常\n${liNa.idNumber},green,x` })
    expect(open.status).toBe(422)
    expect(open.body.errors).toEqual([{ row: 1, field: 'csv', message: expect.stringContaining('引号没有闭合') }])
    const empty = await batch({ source: 's', csv: 'idNumber,colour,reason\n' })
    expect(empty.status).toBe(400)
    expect(empty.body.error).toMatchObject({ field: 'body.csv', rule: 'minItems 1' })
    const both = await batch({ source: 's', csv: 'a,b,c', rows: [] })
    expect(both.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body', rule: 'exactly one of rows, csv' })
  })

  test('a batch is atomic: a write failing on its last row leaves every row unapplied', async () => {
    await installFailingTrigger(app.db)
    try {
      const before = await historyRows(app.db)
      const response = await batch({
        source: 's',
        rows: [
          { idNumber: zhaoLihua.idNumber, colour: 'red', reason: '集中隔离中' },
          { idNumber: liNa.idNumber, colour: 'red', reason: 'boom' },
        ],
      })
      expect(response.status).toBe(500)
      expect(await historyRows(app.db)).toEqual(before)
      expect((await status(zhaoLihua))!.colour).toBe('yellow')
      // The statuses cached on the way are not the failed batch's either.
      const token = await provenSession(app, 'wx-zhao', zhaoLihua)
      expect((await getCode(app, token)).body.colour).toBe('yellow')
    } finally {
      await dropFailingTrigger(app.db)
    }
  })

  test('a citizen in the registry who never used the app gets a record and a status, found at real-name later', async () => {
    const rows = await app.db.selectFrom('citizens').select('id').execute()
    // Everyone seeded already has a record: the seed gave each a status.
    expect(rows).toHaveLength(demoCitizens.length)
    const token = await provenSession(app, 'wx-li-na', liNa)
    expect((await getCode(app, token)).body).toMatchObject({ colour: 'green', name: '李*' })
  })
})

/** Makes history inserts with reason 'boom' fail, the way a dying connection would. */
async function installFailingTrigger(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create trigger boom before insert on health_status_history when new.reason = 'boom' begin select raise(abort, 'boom'); end`.execute(db)
    return
  }
  await sql`create function boom() returns trigger language plpgsql as $$ begin if new.reason = 'boom' then raise exception 'boom'; end if; return new; end $$`.execute(db)
  await sql`create trigger boom before insert on health_status_history for each row execute function boom()`.execute(db)
}

async function dropFailingTrigger(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`drop trigger boom`.execute(db)
    return
  }
  await sql`drop trigger boom on health_status_history`.execute(db)
  await sql`drop function boom()`.execute(db)
}
