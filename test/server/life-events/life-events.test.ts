import { randomUUID } from 'node:crypto'
import { LIFE_EVENT_PACKAGES, lifeEventPackage } from '../../../src/contract/life-events/data'
import { resultsDb } from '../../../server/results/tables'
import { demoServices } from '../../../server/seed-data/demo-services'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, zhangWei } from '../../support/identity'
import { startApplicationsApp } from '../applications/harness'

/** Monday 23 Nov 2026, 09:00 in China. */
const MONDAY = new Date('2026-11-23T01:00:00Z')

const birth = lifeEventPackage('birth')!

/** What a parent types once for 出生一件事 (name, ID number and phone come from the registry). */
export function birthBody(overrides: { shared?: Record<string, unknown>; members?: Record<string, Record<string, unknown>> } = {}) {
  return {
    shared: {
      babyName: '张小雨',
      babySex: '女',
      babyBirthDate: '2026-11-20',
      birthHospital: '示范市妇幼保健院',
      otherParentName: '李娜',
      otherParentIdNumber: liNa.idNumber,
      householdAddress: '示范市人民路12号3栋201',
      ...overrides.shared,
    },
    members: {
      'SF-WJ-0001': { birthWeight: 3250 },
      'SF-GA-0006': { relationToHead: '女' },
      'SF-YB-0004': { payMethod: '微信支付' },
      'SF-RS-0004': { cardDelivery: '邮寄到入户地址' },
      ...overrides.members,
    },
  }
}

test('every material a package shares between its members is one of that member’s materials, produced by an earlier member', () => {
  for (const definition of LIFE_EVENT_PACKAGES) {
    definition.members.forEach((member, index) => {
      const item = demoServices.find((candidate) => candidate.code === member.itemCode)!
      for (const [material, producer] of Object.entries(member.fromMembers ?? {})) {
        expect({ member: member.itemCode, material, known: item.materials.some((candidate) => candidate.name === material) }).toEqual({ member: member.itemCode, material, known: true })
        expect(definition.members.findIndex((candidate) => candidate.itemCode === producer)).toBeLessThan(index)
        expect(definition.members.findIndex((candidate) => candidate.itemCode === producer)).toBeGreaterThanOrEqual(0)
      }
    })
  }
})

describe.each(dialects())('一件事一次办 on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  const zhang = () => app.citizen('h5dev', zhangWei.key)
  const submit = async (token: string, body: unknown = birthBody(), key = randomUUID(), packageKey = 'birth') =>
    app.request(`/api/life-events/${packageKey}/applications`, { method: 'POST', token, headers: { 'idempotency-key': key }, payload: body })
  const count = async (table: 'applications' | 'life_event_applications') =>
    Number((await app.db.withTables<{ life_event_applications: { id: string } }>().selectFrom(table).select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()).total)
  const move = async (id: string, ...steps: string[]) => {
    const token = await app.reviewerToken()
    for (const to of steps) {
      const response = await app.transition(token, id, to, to === 'rejected' || to === 'denied' ? '不符合办理条件' : undefined)
      if (response.status !== 200) throw new Error(`${to}: ${response.text}`)
    }
  }

  test('the guides list every package with its member items, departments and what each needs', async () => {
    const list = await app.request('/api/life-events')
    expect(list.status).toBe(200)
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(['出生一件事', '退休一件事', '开办企业一件事'])
    for (const item of list.body.items as { members: { itemName: string; department: string }[] }[]) {
      for (const member of item.members) expect([member.itemName, member.department]).toEqual([expect.not.stringMatching(/^SF-/), expect.stringMatching(/^(市|国家)/)])
    }
    const guide = await app.request('/api/life-events/birth')
    expect(guide.body.members.map((member: { itemName: string; department: string }) => `${member.itemName}/${member.department}`)).toEqual([
      '出生医学证明首次签发/市卫生健康委员会',
      '新生儿入户/市公安局',
      '城乡居民医保参保登记/市医疗保障局',
      '社会保障卡申领/市人力资源和社会保障局',
    ])
    expect(guide.body.sharedFields).toContain('新生儿姓名')
    // 新生儿入户 needs the 出生医学证明 the first member produces: shared, not handed in.
    expect(guide.body.members[1].materials).toContainEqual({ name: '出生医学证明', form: '原件', fromMember: '出生医学证明首次签发' })
    expect(guide.body.members[1].asks).toEqual(expect.arrayContaining(['新生儿姓名', '入户地址（户口所在地）', '新生儿与户主关系']))
    expect((await app.request('/api/life-events/wedding')).status).toBe(400)
  })

  test('the form needs a proven identity and comes prefilled, masked, with each member’s own fields', async () => {
    const level1 = await app.login('h5dev', 'not-proven-yet')
    expect((await app.request('/api/life-events/birth/form', { token: level1 })).status).toBe(403)
    const form = await app.request('/api/life-events/birth/form', { token: await zhang() })
    expect(form.status).toBe(200)
    const name = form.body.sharedFields.find((field: { key: string }) => field.key === 'applicantName')
    expect(name).toMatchObject({ locked: true, value: '张*', source: { label: '公安人口库' } })
    expect(form.body.members.map((member: { fields: { key: string }[] }) => member.fields.map((field) => field.key))).toEqual([['birthWeight'], ['relationToHead'], ['payMethod'], ['cardDelivery']])
    expect(form.body.members[1].materials.find((material: { name: string }) => material.name === '出生医学证明')).toMatchObject({
      provision: 'data',
      instruction: '由本件事中的“出生医学证明首次签发”办结后部门间共享，无需提交',
    })
  })

  test('one submit makes one application per member, each in its own department’s queue, the shared data entered once in every one', async () => {
    app.clock.set(MONDAY)
    const response = await submit(await zhang())
    expect(response.status).toBe(201)
    const pkg = response.body
    expect(pkg).toMatchObject({ name: '出生一件事', status: 'in_progress', statusName: '办理中', finishedCount: 0, memberCount: 4 })
    expect(pkg.members.map((member: { status: string }) => member.status)).toEqual(['submitted', 'submitted', 'submitted', 'submitted'])
    // Masked in the answer: the other parent's ID number and the baby's name.
    expect(pkg.shared.find((field: { key: string }) => field.key === 'otherParentIdNumber').value).toMatch(/^\d{3}\*+\d{3}[\dX]$/)
    expect(pkg.shared.find((field: { key: string }) => field.key === 'babyName').value).toBe('张*雨')

    const reviewer = await app.reviewerToken()
    for (const member of birth.members) {
      const department = pkg.members.find((candidate: { itemCode: string }) => candidate.itemCode === member.itemCode).department
      const queue = await app.request(`/api/operator/applications?department=${encodeURIComponent(department)}&status=submitted`, { token: reviewer })
      const mine = queue.body.items.filter((item: { itemCode: string }) => item.itemCode === member.itemCode)
      expect(mine).toHaveLength(1)
      // The shared data reached this member's form under its own keys, entered once.
      const keys = mine[0].values.map((value: { key: string }) => value.key)
      expect(keys).toEqual([...Object.keys(member.shared), ...member.fields.map((field) => field.key)])
      expect(mine[0].values.find((value: { key: string }) => value.key === 'babyName')?.value).toBe('张*雨')
    }
    // Each member is an ordinary application the citizen can open, its first event naming the package.
    const first = await app.request(`/api/applications/${pkg.members[0].applicationId}`, { token: await zhang() })
    expect(first.body.timeline[0]).toMatchObject({ status: 'submitted', reason: '随“出生一件事”一并提交' })
    const registration = await app.request(`/api/applications/${pkg.members[1].applicationId}`, { token: await zhang() })
    expect(registration.body.materials).toContainEqual({ name: '出生医学证明', provision: 'data' })
  })

  test('a retried submit answers the same package; the same key with another body is 422; nothing is written twice', async () => {
    const token = await zhang()
    const [packagesBefore, applicationsBefore] = [await count('life_event_applications'), await count('applications')]
    const key = randomUUID()
    const first = await submit(token, birthBody(), key)
    const again = await submit(token, birthBody(), key)
    expect([first.status, again.status]).toEqual([201, 200])
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.members.map((member: { applicationId: string }) => member.applicationId)).toEqual(first.body.members.map((member: { applicationId: string }) => member.applicationId))
    const other = await submit(token, birthBody({ shared: { babyName: '张小雪' } }), key)
    expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED'])
    // Racing duplicates: one package.
    const raceKey = randomUUID()
    const raced = await Promise.all([submit(token, birthBody(), raceKey), submit(token, birthBody(), raceKey)])
    expect(raced.map((response) => response.status).sort()).toEqual([200, 201])
    expect(await count('life_event_applications')).toBe(packagesBefore + 2)
    expect(await count('applications')).toBe(applicationsBefore + 8)
  })

  test('bad input is a 400 naming the field where it was typed, and writes nothing', async () => {
    const token = await zhang()
    const before = await count('applications')
    const cases: [unknown, string, string][] = [
      [birthBody({ shared: { babyName: '' } }), 'body.shared.babyName', 'required'],
      [birthBody({ shared: { babyBirthDate: '2026-02-30' } }), 'body.shared.babyBirthDate', 'format date'],
      [birthBody({ shared: { otherParentIdNumber: '110101199001011235' } }), 'body.shared.otherParentIdNumber', expect.stringMatching(/^idNumber /) as unknown as string],
      [birthBody({ shared: { phone: '137****0006' } }), 'body.shared.phone', 'not a masked value'],
      [birthBody({ members: { 'SF-WJ-0001': { birthWeight: 20000 } } }), 'body.members.SF-WJ-0001.birthWeight', 'maximum 7000'],
      [birthBody({ members: { 'SF-GA-0006': { relationToHead: '邻居' } } }), 'body.members.SF-GA-0006.relationToHead', expect.stringMatching(/^enum /) as unknown as string],
      [birthBody({ members: { 'SF-GA-0006': {} } }), 'body.members.SF-GA-0006.relationToHead', 'required'],
      [birthBody({ members: { 'SF-GA-0006': { relationToHead: '女', babyName: '别的名字' } } }), 'body.members.SF-GA-0006.babyName', 'entered once in body.shared'],
      [birthBody({ members: { 'SF-GA-0001': { x: '1' } } }), 'body.members.SF-GA-0001', 'member of the package'],
      [{ shared: {} }, 'body.members', expect.any(String) as unknown as string],
    ]
    for (const [body, field, rule] of cases) {
      const response = await submit(token, body)
      expect([field, response.status, response.body.error?.code]).toEqual([field, 400, 'VALIDATION_FAILED'])
      expect(response.body.error).toMatchObject({ field, rule })
    }
    expect(await count('applications')).toBe(before)
  })

  test('each member is decided separately; the package is finished only when every member is', async () => {
    app.clock.set(MONDAY)
    const token = await zhang()
    const pkg = (await submit(token)).body
    const ids = pkg.members.map((member: { applicationId: string }) => member.applicationId) as string[]
    const read = async () => (await app.request(`/api/life-event-applications/${pkg.id}`, { token: await zhang() })).body

    await move(ids[0]!, 'accepted', 'reviewing', 'completed')
    await move(ids[1]!, 'accepted')
    let now = await read()
    expect(now.members.map((member: { status: string }) => member.status)).toEqual(['completed', 'accepted', 'submitted', 'submitted'])
    expect(now).toMatchObject({ status: 'in_progress', finishedCount: 1, finishedAt: null })
    // One timeline over every member, oldest first, each entry naming its item.
    expect(now.timeline.map((event: { itemName: string; status: string }) => `${event.itemName}:${event.status}`)).toEqual(
      expect.arrayContaining(['出生医学证明首次签发:completed', '新生儿入户:accepted', '社会保障卡申领:submitted']),
    )
    expect(now.timeline).toHaveLength(4 + 3 + 1)

    await move(ids[1]!, 'reviewing', 'completed')
    await move(ids[2]!, 'accepted', 'reviewing', 'completed')
    expect((await read()).status).toBe('in_progress')
    await move(ids[3]!, 'accepted', 'reviewing', 'completed')
    now = await read()
    expect(now).toMatchObject({ status: 'completed', statusName: '已全部办结', finishedCount: 4 })
    // Each member's 办结 delivered its declared result, named as the package promised it.
    expect(now.members.map((member: { issuedResult?: { title: string; kind: string } }) => member.issuedResult?.title)).toEqual(birth.members.map((member) => member.result))
    // The 出生医学证明 is a signed proof filled from the shared data entered once, naming no child.
    const proof = await resultsDb(app.db).selectFrom('issued_results').selectAll().where('id', '=', now.members[0].issuedResult.id).executeTakeFirstOrThrow()
    expect(proof).toMatchObject({ kind: 'proof', title: '出生医学证明', department: '市卫生健康委员会', code: expect.any(String) })
    expect(proof.content).toContain('2026-11-20在示范市妇幼保健院出生，出生体重3250克')
    expect(proof.content).not.toContain('张小雨')
    expect(now.finishedAt).not.toBeNull()
    const list = await app.request('/api/life-event-applications?pageSize=50', { token: await zhang() })
    expect(list.body.items.find((item: { id: string }) => item.id === pkg.id)).toMatchObject({ status: 'completed', finishedCount: 4, memberCount: 4 })
  })

  test('a package with a refused member ends without counting as 已全部办结', async () => {
    const pkg = (await submit(await zhang())).body
    const ids = pkg.members.map((member: { applicationId: string }) => member.applicationId) as string[]
    await move(ids[0]!, 'rejected')
    for (const id of ids.slice(1)) await move(id, 'accepted', 'reviewing', 'completed')
    const now = (await app.request(`/api/life-event-applications/${pkg.id}`, { token: await zhang() })).body
    expect(now).toMatchObject({ status: 'ended', finishedCount: 4 })
  })

  test('another citizen’s package is 404, and so are its members', async () => {
    const pkg = (await submit(await zhang())).body
    const li = await app.citizen('h5dev', liNa.key, liNa)
    expect((await app.request(`/api/life-event-applications/${pkg.id}`, { token: li })).status).toBe(404)
    expect((await app.request(`/api/applications/${pkg.members[0].applicationId}`, { token: li })).status).toBe(404)
    expect((await app.request('/api/life-event-applications', { token: li })).body.total).toBe(0)
  })

  test('every package’s members are published demo items, so each package can be submitted', async () => {
    const token = await zhang()
    for (const definition of LIFE_EVENT_PACKAGES) {
      const form = await app.request(`/api/life-events/${definition.key}/form`, { token })
      expect([definition.key, form.status]).toEqual([definition.key, 200])
    }
    const startup = await submit(
      token,
      {
        shared: { companyName: '示范市青禾科技有限公司', companyAddress: '示范市振兴大道100号5层', businessScope: '软件开发；信息技术咨询服务', registeredCapital: 100 },
        members: { 'SF-SJ-0003': { companyType: '有限责任公司（自然人独资）' }, 'SF-GA-0201': { sealSet: '仅公章' }, 'SF-SW-0005': { taxpayerType: '小规模纳税人' }, 'SF-RS-0011': { employeeCount: 3 } },
      },
      randomUUID(),
      'business_startup',
    )
    expect(startup.status).toBe(201)
    // The new company's 营业执照 comes from its own 设立登记, never from a licence the citizen already holds.
    for (const member of startup.body.members.slice(1) as { applicationId: string }[]) {
      const application = await app.request(`/api/applications/${member.applicationId}`, { token })
      expect(application.body.materials.find((material: { name: string }) => material.name === '营业执照')).toMatchObject({ provision: 'data' })
    }
    expect(startup.body.members.map((member: { department: string }) => member.department)).toEqual(['市市场监督管理局', '市公安局', '国家税务总局示范市税务局', '市人力资源和社会保障局'])
    const retirement = await submit(
      token,
      {
        shared: { retirementDate: '2026-12-01', employer: '示范市第一机械厂', payoutTo: '本人社会保障卡银行账户' },
        members: { 'SF-RS-0007': { retirementType: '正常退休' }, 'SF-YB-0007': { designatedHospital: '示范市第一人民医院' }, 'SF-GJJ-0005': { closeAccount: '提取全部余额并销户' } },
      },
      randomUUID(),
      'retirement',
    )
    expect(retirement.status).toBe(201)
    expect(retirement.body.members.map((member: { department: string }) => member.department)).toEqual(['市人力资源和社会保障局', '市医疗保障局', '市住房公积金管理中心'])
    // Every submit is in the audit log, naming the package and its members.
    const audited = await app.db.selectFrom('audit_log').select(['event', 'detail']).where('event', '=', 'life_event.submit').execute()
    expect(audited.map((row) => JSON.parse(String(row.detail)).package)).toEqual(expect.arrayContaining(['business_startup', 'retirement']))
  })
})
