/**
 * 办结 issues the item's declared result exactly once, in the transaction that completes the
 * application: a proof with a verification code and a signature over its masked content, a
 * money result with the amount and a masked account, a physical result waiting for the
 * citizen's choice; nothing for an item that declares no result.
 */
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { zhangWei } from '../../support/identity'
import { APPLY_ITEM, INSTANT_ITEM } from '../../support/service-items'
import { setDeclaration } from '../../../server/results/declarations'
import { issueResult } from '../../../server/results/issue'
import { resultsDb } from '../../../server/results/tables'
import { startApplicationsApp, submitBody } from '../applications/harness'

const MONDAY = new Date('2026-11-23T01:00:00Z')

describe.each(dialects())('results: issued on 办结 on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)

  const completed = async (itemCode = APPLY_ITEM.code) => {
    const token = await app.citizen('h5dev', zhangWei.key)
    const submitted = await app.submit(token, submitBody({ itemCode }))
    if (submitted.status !== 201) throw new Error(submitted.text)
    const id = submitted.body.id as string
    for (const to of ['accepted', 'reviewing', 'completed']) {
      const moved = await app.transition(await app.reviewerToken(), id, to)
      if (moved.status !== 200) throw new Error(`${to}: ${moved.text}`)
    }
    return id
  }
  const resultsOf = (applicationId: string) => resultsDb(app.db).selectFrom('issued_results').selectAll().where('application_id', '=', applicationId).execute()

  beforeEach(() => app.clock.set(MONDAY))

  test('a proof item: one signed proof with a code, masked holder and the form value in its statement', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'proof', title: '户籍证明', statement: '兹证明{name}（{idNumber}）户籍在本市，用于{reason}。', validDays: 90 }, MONDAY)
    const id = await completed()
    const rows = await resultsOf(id)
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row).toMatchObject({ kind: 'proof', title: '户籍证明', department: APPLY_ITEM.department, code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{12}$/), token: expect.stringMatching(/^v1\./) })
    expect(row!.expires_at).toBe(new Date(MONDAY.getTime() + 90 * 86_400_000).toISOString())
    const content = JSON.parse(row!.content)
    expect(content).toEqual({ title: '户籍证明', department: APPLY_ITEM.department, holderName: '张*', holderIdNumber: expect.stringMatching(/^110\*+\d{3}[\dX]$/), statement: expect.stringContaining('用于办理子女入学') })
    expect(row!.content).not.toContain(zhangWei.idNumber)

    // A second 办结 is refused, and a direct second issue writes nothing: exactly once.
    expect((await app.transition(await app.reviewerToken(), id, 'completed')).status).toBe(409)
    // (declared physical for this call: its issue reads no identity, so no crypto is needed)
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'physical', title: '户籍证明', methods: ['counter'] }, MONDAY)
    const noCrypto = {} as Parameters<typeof issueResult>[1]['crypto']
    const again = await app.db.transaction().execute((trx) =>
      issueResult(trx, { proofKey: Buffer.alloc(32, 1), crypto: noCrypto }, { applicationId: id, citizenId: row!.citizen_id, itemCode: APPLY_ITEM.code, values: {} }, MONDAY),
    )
    expect(again).toBeUndefined()
    expect(await resultsOf(id)).toHaveLength(1)
  })

  test('a money item: the amount from the form and the account masked to its last four digits', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'money', title: '住房公积金提取款', amountField: 'copies', accountField: 'reason' }, MONDAY)
    const id = await completed()
    const [row] = await resultsOf(id)
    expect(row).toMatchObject({ kind: 'money', amount_cents: 200, code: null, account_masked: '**** **** **** 子女入学' })
  })

  test('a physical item waits for the delivery choice; an item without a declaration issues nothing', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'physical', title: '居民身份证', methods: ['ems', 'counter'] }, MONDAY)
    const id = await completed()
    expect(await resultsOf(id)).toEqual([expect.objectContaining({ kind: 'physical', delivery_method: null, tracking_number: null })])
    await setDeclaration(app.db, INSTANT_ITEM.code, null, MONDAY)
    expect(await resultsOf(await completed(INSTANT_ITEM.code))).toEqual([])
  })
})
