/**
 * The 一件事一次办 store over a scripted server, and the package definitions themselves: every
 * member's mapping names a shared field (entered once), no member asks again what the shared
 * data holds, the form walks shared → each member → check (one question a screen in elderly
 * mode), one Idempotency-Key per form session on every retry, what a submit sends, a server
 * complaint about a field opening the screen it is on, and logout forgetting it all.
 */
import type { LifeEventApplication, LifeEventForm } from '@/contract/life-events/schemas'
import { LIFE_EVENT_PACKAGES } from '@/contract/life-events/data'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { draftKeyOf, screensOf, submitRequest } from '@/packages/life-events/stores/package-draft'
import { lifeEventsStore } from '@/packages/life-events/stores/life-events-store'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const form: LifeEventForm = {
  key: 'birth',
  name: '出生一件事',
  sharedFields: [
    { key: 'applicantName', label: '申请人姓名', type: 'text', required: true, value: '张*', source: { key: 'population.name', label: '公安人口库', field: '姓名' }, locked: true },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, value: '138****5678', source: { key: 'population.phone', label: '公安人口库', field: '联系电话' }, locked: false },
    { key: 'babyName', label: '新生儿姓名', type: 'text', required: true, maxLength: 20, locked: false },
    { key: 'babyBirthDate', label: '出生日期', type: 'date', required: true, locked: false },
  ],
  members: [
    {
      itemCode: 'SF-WJ-0001',
      itemName: '出生医学证明首次签发',
      department: '市卫生健康委员会',
      timeLimitDays: 5,
      result: '出生医学证明',
      receives: ['申请人姓名', '新生儿姓名'],
      fields: [{ key: 'birthWeight', label: '出生体重（克）', type: 'number', required: true, min: 300, max: 7000, locked: false }],
      materials: [],
    },
    {
      itemCode: 'SF-GA-0006',
      itemName: '新生儿入户',
      department: '市公安局',
      timeLimitDays: 3,
      result: '户口登记证明（新生儿入户）',
      receives: ['新生儿姓名'],
      fields: [{ key: 'relationToHead', label: '新生儿与户主关系', type: 'select', required: true, options: ['子', '女'], locked: false }],
      materials: [],
    },
  ],
}

const pkg = (overrides: Partial<LifeEventApplication> = {}): LifeEventApplication => ({
  id: 'P'.repeat(22),
  key: 'birth',
  name: '出生一件事',
  status: 'in_progress',
  statusName: '办理中',
  submittedAt: '2026-11-23T01:00:00.000Z',
  finishedAt: null,
  finishedCount: 0,
  memberCount: 2,
  shared: [],
  members: [],
  timeline: [],
  ...overrides,
})

type Handler = (options: RequestOptions) => Promise<unknown>

function storeWith(routes: Record<string, Handler | unknown>) {
  const { platform, requests } = fakePlatform(async (options) => {
    const key = `${options.method ?? 'GET'} ${options.path}`
    if (!(key in routes)) throw new ApiError('NOT_FOUND')
    const route = routes[key]
    return typeof route === 'function' ? (route as Handler)(options) : route
  })
  return { root: new RootStore(platform), requests }
}

const submits = (requests: RequestOptions[]) => requests.filter((request) => request.method === 'POST')

describe('the package definitions', () => {
  test.each(LIFE_EVENT_PACKAGES.map((item) => [item.name, item] as const))('%s: every mapping names a shared field; no member asks again what is shared; keys unique', (_name, definition) => {
    const shared = new Set(definition.sharedFields.map((field) => field.key))
    expect(shared.size).toBe(definition.sharedFields.length)
    expect(definition.members.length).toBeGreaterThanOrEqual(3)
    for (const member of definition.members) {
      expect(Object.values(member.shared).filter((key) => !shared.has(key))).toEqual([])
      const own = member.fields.map((field) => field.key)
      expect(own.filter((key) => key in member.shared)).toEqual([])
      expect(new Set(own).size).toBe(own.length)
    }
    // The citizen's own identity is taken from the registry, never typed.
    expect(definition.sharedFields.filter((field) => field.prefill?.locked).map((field) => field.key)).toEqual(['applicantName', 'idNumber'])
  })

  test('出生一件事 is 出生医学证明 + 新生儿入户 + 医保参保 + 社保卡', () => {
    expect(LIFE_EVENT_PACKAGES.find((item) => item.key === 'birth')!.members.map((member) => member.itemCode)).toEqual(['SF-WJ-0001', 'SF-GA-0006', 'SF-YB-0004', 'SF-RS-0004'])
  })
})

describe('the form screens', () => {
  test('shared data first, then each member, then a check; elderly mode one question a screen', () => {
    expect(screensOf(form, false).map((screen) => [screen.key, screen.fields.length])).toEqual([
      ['shared', 3],
      ['SF-WJ-0001', 1],
      ['SF-GA-0006', 1],
      ['review', 0],
    ])
    const elderly = screensOf(form, true)
    expect(elderly.map((screen) => screen.key)).toEqual(['shared.phone', 'shared.babyName', 'shared.babyBirthDate', 'SF-WJ-0001.birthWeight', 'SF-GA-0006.relationToHead', 'review'])
    expect(elderly.every((screen) => screen.fields.length <= 1)).toBe(true)
  })

  test('server field paths map back to the draft', () => {
    expect(draftKeyOf('body.shared.babyName')).toBe('shared.babyName')
    expect(draftKeyOf('body.members.SF-GA-0006.relationToHead')).toBe('SF-GA-0006.relationToHead')
    expect(draftKeyOf('headers.idempotency-key')).toBeUndefined()
  })
})

describe('LifeEventsStore', () => {
  const fill = (store: ReturnType<typeof lifeEventsStore>) => {
    store.setValue('shared', 'babyName', '张小雨')
    store.setValue('shared', 'babyBirthDate', '2026-11-20')
    store.setValue('SF-WJ-0001', 'birthWeight', '3250')
    store.setValue('SF-GA-0006', 'relationToHead', '女')
  }

  test('下一步 stays on a screen with an empty required question, naming it; moves on once answered', async () => {
    const { root } = storeWith({ 'GET /api/life-events/birth/form': form })
    const store = lifeEventsStore(root)
    await store.openForm('birth')
    const screens = store.screens(false)
    expect(store.next(screens)).toBe(false)
    expect(store.problemsOn(screens[0]!)).toEqual({ 'shared.babyName': '请填写新生儿姓名', 'shared.babyBirthDate': '请选择出生日期' })
    store.setValue('shared', 'babyName', '张小雨')
    store.setValue('shared', 'babyBirthDate', '2026-11-20')
    expect(store.next(screens)).toBe(true)
    expect(store.step).toBe(1)
    store.setValue('SF-WJ-0001', 'birthWeight', '20000')
    expect(store.next(screens)).toBe(false)
    expect(store.problemsOn(screens[1]!)).toEqual({ 'SF-WJ-0001.birthWeight': '出生体重（克）不能大于7000' })
    store.back()
    expect(store.step).toBe(0)
  })

  test('one submit sends the shared data once and each member’s own values; no locked or untouched prefilled value', async () => {
    const { root, requests } = storeWith({ 'GET /api/life-events/birth/form': form, 'POST /api/life-events/birth/applications': pkg() })
    const store = lifeEventsStore(root)
    await store.openForm('birth')
    fill(store)
    expect(submitRequest(form, store.draft)).toEqual({
      shared: { babyName: '张小雨', babyBirthDate: '2026-11-20' },
      members: { 'SF-WJ-0001': { birthWeight: 3250 }, 'SF-GA-0006': { relationToHead: '女' } },
    })
    expect(await store.submit(store.screens(false))).toBe(true)
    expect(submits(requests)[0]!.body).toEqual(submitRequest(form, store.draft))
    // The progress page shows it at once.
    expect(store.detail('P'.repeat(22)).data?.status).toBe('in_progress')
  })

  test('a failed submit keeps its Idempotency-Key for every retry; a new form session makes a new one', async () => {
    let attempts = 0
    const { root, requests } = storeWith({
      'GET /api/life-events/birth/form': form,
      'POST /api/life-events/birth/applications': async () => {
        attempts++
        if (attempts <= 2) throw new ApiError('NETWORK_ERROR')
        return pkg()
      },
    })
    const store = lifeEventsStore(root)
    await store.openForm('birth')
    fill(store)
    const screens = store.screens(false)
    expect(await store.submit(screens)).toBe(false)
    expect(store.submitError?.isOffline).toBe(true)
    expect(await store.submit(screens)).toBe(false)
    expect(await store.submit(screens)).toBe(true)
    const keys = submits(requests).map((request) => request.headers?.['Idempotency-Key'])
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
    expect(await store.submit(screens)).toBe(true)
    expect(submits(requests)).toHaveLength(3)

    store.closeForm()
    await store.openForm('birth')
    fill(store)
    await store.submit(store.screens(false))
    expect(submits(requests).at(-1)!.headers?.['Idempotency-Key']).not.toBe(keys[0])
  })

  test('a field the server refuses opens its screen and shows the server’s words there', async () => {
    const { root } = storeWith({
      'GET /api/life-events/birth/form': form,
      'POST /api/life-events/birth/applications': async () => {
        throw new ApiError('VALIDATION_FAILED', { field: 'body.members.SF-GA-0006.relationToHead', message: '新生儿与户主关系：请从选项中选择' })
      },
    })
    const store = lifeEventsStore(root)
    await store.openForm('birth')
    fill(store)
    const screens = store.screens(false)
    store.step = screens.length - 1
    expect(await store.submit(screens)).toBe(false)
    expect(screens[store.step]!.key).toBe('SF-GA-0006')
    expect(store.serverProblem('SF-GA-0006', 'relationToHead')).toBe('新生儿与户主关系：请从选项中选择')
    store.setValue('SF-GA-0006', 'relationToHead', '子')
    expect(store.serverProblem('SF-GA-0006', 'relationToHead')).toBeUndefined()
  })

  test('an unfilled form is not sent: the first screen with a problem opens', async () => {
    const { root, requests } = storeWith({ 'GET /api/life-events/birth/form': form })
    const store = lifeEventsStore(root)
    await store.openForm('birth')
    store.setValue('shared', 'babyName', '张小雨')
    store.setValue('shared', 'babyBirthDate', '2026-11-20')
    const screens = store.screens(false)
    store.step = 3
    expect(await store.submit(screens)).toBe(false)
    expect(store.step).toBe(1)
    expect(submits(requests)).toHaveLength(0)
  })

  test('logout forgets the draft, the packages and the progress', async () => {
    const { root } = storeWith({ 'GET /api/life-events/birth/form': form, 'GET /api/life-event-applications/PPPPPPPPPPPPPPPPPPPPPP': pkg() })
    const store = lifeEventsStore(root)
    await store.openForm('birth')
    fill(store)
    await store.loadDetail('P'.repeat(22))
    store.forget()
    expect(store.draft).toEqual({})
    expect(store.form.data).toBeUndefined()
    expect(store.detail('P'.repeat(22)).data).toBeUndefined()
  })
})
