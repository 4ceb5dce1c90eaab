/**
 * The applications, rating and feedback stores over a scripted server: one Idempotency-Key
 * per form session reused on every retry, what a submit sends (no locked or untouched
 * prefilled values), inline problems naming the field, the subscription offer, withdraw
 * after confirmation, the rating rules (reason for 差评, tags of the rating's group, the
 * one re-rate), feedback carrying where it came from, and logout forgetting it all.
 */
import type { ApplicationDetail, ApplicationForm, NotificationTemplates } from '@/contract/applications/schemas'
import type { EvaluationState, Feedback } from '@/contract/evaluations/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions, SubscribeDecision } from '@/platform/types'
import { fieldProblem, isMaskedOnRecord, newIdempotencyKey } from '@/packages/applications/stores/application-draft'
import { RootStore } from '@/stores/root-store'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { evaluationsStore } from '@/packages/applications/stores/evaluations-store'
import { feedbackStore } from '@/packages/applications/stores/feedback-store'
import { countdownWords } from '@/packages/applications/words'
import { fakePlatform } from './fake-platform'

const form: ApplicationForm = {
  item: { code: 'GA-SFZ-001', name: '居民身份证换领', department: '市公安局', timeLimitDays: 5 },
  fields: [
    { key: 'name', label: '姓名', type: 'text', required: true, value: '张*伟', source: { key: 'population.name', label: '公安人口库', field: '姓名' }, locked: true },
    { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, value: '110***********1234', source: { key: 'population.id_number', label: '公安人口库', field: '公民身份号码' }, locked: true },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, value: '138****5678', source: { key: 'population.phone', label: '公安人口库', field: '联系电话' }, locked: false },
    { key: 'reason', label: '换领原因', type: 'select', required: true, options: ['有效期满', '证件损坏'], locked: false },
    { key: 'copies', label: '份数', type: 'number', required: false, min: 1, max: 3, locked: false },
    { key: 'note', label: '备注', type: 'textarea', required: false, maxLength: 10, locked: false },
  ],
  materials: [
    { name: '居民身份证', provision: 'certificate', certificateType: 'resident_id_card', certificate: { id: '7f6c3a52-8d1e-4b8a-9a51-2f0c1d9e4b11', typeName: '居民身份证', number: '110***********1234', name: '张*伟' }, instruction: '已关联您的电子证照，无需另行提交' },
    { name: '近期免冠照片', provision: 'counter', instruction: '请到窗口提交纸质材料' },
  ],
  submitAllowed: true,
}

const detail = (overrides: Partial<ApplicationDetail> = {}): ApplicationDetail => ({
  id: 'A'.repeat(22),
  number: '20261122-000123',
  itemCode: form.item.code,
  itemName: form.item.name,
  status: 'submitted',
  statusName: '已提交',
  submittedAt: '2026-11-22T02:00:00.000Z',
  acceptedAt: null,
  finishedAt: null,
  canWithdraw: true,
  timeLimitDays: 5,
  dueOn: null,
  workingDaysLeft: null,
  overdue: false,
  deadlineText: '承诺 5 个工作日内办结，受理后开始计时',
  department: '市公安局',
  values: [],
  materials: [],
  timeline: [{ status: 'submitted', statusName: '已提交', at: '2026-11-22T02:00:00.000Z', reason: null }],
  ...overrides,
})

const templates: NotificationTemplates = { platform: 'weapp', items: [{ templateKey: 'application_status', templateId: 'tmpl-status-1' }] }

type Handler = (options: RequestOptions) => Promise<unknown>

/** A root store whose requests go to `routes` by "METHOD path". */
function storeWith(routes: Record<string, Handler | unknown>, decisions: Record<string, SubscribeDecision> = {}) {
  const { platform, requests } = fakePlatform(async (options) => {
    const key = `${options.method ?? 'GET'} ${options.path}`
    if (!(key in routes)) throw new ApiError('NOT_FOUND')
    const route = routes[key]
    return typeof route === 'function' ? (route as Handler)(options) : route
  })
  const subscribeCalls: string[][] = []
  platform.requestSubscribeMessage = async (ids) => {
    subscribeCalls.push(ids)
    return decisions
  }
  return { root: new RootStore(platform), requests, subscribeCalls }
}

const submits = (requests: RequestOptions[]) => requests.filter((request) => request.method === 'POST' && request.path === '/api/applications')

describe('ApplicationsStore: apply', () => {
  test('a failed submit keeps its Idempotency-Key for every retry; a new form session makes a new one', async () => {
    let attempts = 0
    const { root, requests } = storeWith({
      'GET /api/services/GA-SFZ-001/application-form': form,
      'GET /api/notifications/templates': templates,
      'POST /api/applications': async () => {
        attempts++
        if (attempts <= 2) throw new ApiError('NETWORK_ERROR')
        return detail()
      },
    })
    const store = applicationsStore(root)
    await store.apply.openForm('GA-SFZ-001')
    store.apply.setValue('reason', '有效期满')

    expect(await store.apply.submit()).toBe(false)
    expect(store.apply.submitError?.isOffline).toBe(true)
    expect(await store.apply.submit()).toBe(false)
    expect(await store.apply.submit()).toBe(true)
    const keys = submits(requests).map((request) => request.headers?.['Idempotency-Key'])
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
    expect(store.apply.submitted?.number).toBe('20261122-000123')
    // The timeline page shows it at once, without another request.
    expect(store.records.detail('A'.repeat(22)).data?.status).toBe('submitted')
    // A second tap after success sends nothing more.
    expect(await store.apply.submit()).toBe(true)
    expect(submits(requests)).toHaveLength(3)

    store.apply.closeForm()
    attempts = 10
    await store.apply.openForm('GA-SFZ-001')
    store.apply.setValue('reason', '证件损坏')
    await store.apply.submit()
    const next = submits(requests).at(-1)!.headers?.['Idempotency-Key']
    expect(next).not.toBe(keys[0])
  })

  test('sends only what the citizen filled in: no locked value, no untouched (masked) prefilled one; certificates by reference', async () => {
    const { root, requests } = storeWith({ 'GET /api/services/GA-SFZ-001/application-form': form, 'GET /api/notifications/templates': templates, 'POST /api/applications': detail() })
    const store = applicationsStore(root)
    await store.apply.openForm('GA-SFZ-001')
    // The editable prefilled phone starts with the server's (masked) value.
    expect(store.apply.draft).toEqual({ phone: '138****5678', reason: '', copies: '', note: '' })
    store.apply.setValue('reason', '证件损坏')
    store.apply.setValue('copies', '2')
    await store.apply.submit()
    expect(submits(requests)[0].body).toEqual({
      itemCode: 'GA-SFZ-001',
      values: { reason: '证件损坏', copies: 2 },
      materials: [{ name: '居民身份证', certificateId: '7f6c3a52-8d1e-4b8a-9a51-2f0c1d9e4b11' }],
    })

    store.apply.closeForm()
    await store.apply.openForm('GA-SFZ-001')
    store.apply.setValue('reason', '有效期满')
    store.apply.setValue('phone', ' 13912345678 ')
    await store.apply.submit()
    expect((submits(requests)[1].body as { values: unknown }).values).toEqual({ reason: '有效期满', phone: '13912345678' })
  })

  test('a held, masked value is replaced with 修改 (a fresh, empty entry), never edited around its asterisks; 使用记录中的信息 goes back', async () => {
    const { root, requests } = storeWith({ 'GET /api/services/GA-SFZ-001/application-form': form, 'GET /api/notifications/templates': templates, 'POST /api/applications': detail() })
    const store = applicationsStore(root)
    await store.apply.openForm('GA-SFZ-001')
    const phone = form.fields.find((field) => field.key === 'phone')!
    expect(isMaskedOnRecord(phone)).toBe(true)
    expect(isMaskedOnRecord(form.fields.find((field) => field.key === 'reason')!)).toBe(false)
    store.apply.replaceHeld('phone')
    expect(store.apply.isReplacing('phone')).toBe(true)
    expect(store.apply.draft.phone).toBe('')
    // Typing the mask back, or around it, is refused here before the server refuses it.
    store.apply.setValue('phone', '138****56781')
    expect(store.apply.problems.phone).toBe('联系电话：请填写完整的内容，不要包含“*”')
    store.apply.keepHeld('phone')
    expect(store.apply.isReplacing('phone')).toBe(false)
    expect(store.apply.problems.phone).toBeUndefined()
    store.apply.setValue('reason', '证件损坏')
    await store.apply.submit()
    // Kept: left out, the server fills in its own full copy.
    expect((submits(requests)[0].body as { values: Record<string, unknown> }).values).toEqual({ reason: '证件损坏' })
    store.apply.closeForm()
    expect(store.apply.replacing).toEqual([])
  })

  test('problems name the field: typed values at once, empty required ones only after 提交; nothing is sent while any remains', async () => {
    const { root, requests } = storeWith({ 'GET /api/services/GA-SFZ-001/application-form': form, 'GET /api/notifications/templates': templates })
    const store = applicationsStore(root)
    await store.apply.openForm('GA-SFZ-001')
    expect(store.apply.problems).toEqual({})
    store.apply.setValue('copies', '9')
    store.apply.setValue('note', '这段备注写得实在是太长了')
    store.apply.setValue('phone', '12345')
    expect(store.apply.problems).toEqual({ copies: '份数不能大于3', note: '备注不能超过10个字', phone: '联系电话：请填写正确的手机号码或带区号的固定电话' })
    expect(await store.apply.submit()).toBe(false)
    expect(store.apply.problems.reason).toBe('请选择换领原因')
    expect(submits(requests)).toHaveLength(0)
    expect(store.apply.submitKey).toBeUndefined()
    // Locked fields are never the citizen's problem.
    expect(fieldProblem(form.fields[1], '', true)).toBeUndefined()
  })

  test("the server's field error shows under that field and goes once the citizen changes it", async () => {
    const { root } = storeWith({
      'GET /api/services/GA-SFZ-001/application-form': form,
      'GET /api/notifications/templates': templates,
      'POST /api/applications': async () => {
        throw new ApiError('VALIDATION_FAILED', { status: 400, field: 'body.values.phone', rule: 'format phone', message: '联系电话：请填写正确的手机号码或带区号的固定电话' })
      },
    })
    const store = applicationsStore(root)
    await store.apply.openForm('GA-SFZ-001')
    store.apply.setValue('reason', '有效期满')
    store.apply.setValue('phone', '13800000000')
    await store.apply.submit()
    expect(store.apply.serverFieldError).toEqual({ key: 'phone', message: '联系电话：请填写正确的手机号码或带区号的固定电话' })
    store.apply.setValue('phone', '13900000000')
    expect(store.apply.serverFieldError).toBeUndefined()
  })

  test('subscribing asks the platform for the configured template ids and records the answer', async () => {
    const { root, requests, subscribeCalls } = storeWith(
      {
        'GET /api/services/GA-SFZ-001/application-form': form,
        'GET /api/notifications/templates': templates,
        'POST /api/applications': detail(),
        'POST /api/notifications/subscriptions': { templateKey: 'application_status', lastResult: 'accept', remaining: 1 },
      },
      { 'tmpl-status-1': 'accept' },
    )
    const store = applicationsStore(root)
    await store.apply.openForm('GA-SFZ-001')
    store.apply.setValue('reason', '有效期满')
    await store.apply.submit()
    expect(store.apply.subscribableTemplates).toEqual([{ templateKey: 'application_status', templateId: 'tmpl-status-1' }])
    await expect(store.apply.subscribeToStatus()).resolves.toBe('subscribed')
    expect(subscribeCalls).toEqual([['tmpl-status-1']])
    expect(requests.find((request) => request.path === '/api/notifications/subscriptions')?.body).toEqual({ templateKey: 'application_status', result: 'accept' })
  })

  test('no template for this platform, or an answer nobody gave (unsupported, filter): nothing asked or recorded', async () => {
    const none = storeWith({ 'GET /api/notifications/templates': { platform: 'h5dev', items: [{ templateKey: 'application_status', templateId: null }] } })
    await applicationsStore(none.root).apply.loadTemplates()
    await expect(applicationsStore(none.root).apply.subscribeToStatus()).resolves.toBe('unavailable')
    expect(none.subscribeCalls).toHaveLength(0)

    const unsupported = storeWith({ 'GET /api/notifications/templates': templates }, { 'tmpl-status-1': 'unsupported' })
    await applicationsStore(unsupported.root).apply.loadTemplates()
    await expect(applicationsStore(unsupported.root).apply.subscribeToStatus()).resolves.toBe('unavailable')
    expect(unsupported.requests.some((request) => request.path === '/api/notifications/subscriptions')).toBe(false)
  })
})

describe('ApplicationsStore: following an application', () => {
  test('withdraw happens only after the confirmation, updates the timeline and refetches 我的办件', async () => {
    const id = 'A'.repeat(22)
    const withdrawn = detail({ status: 'withdrawn', statusName: '已撤回', canWithdraw: false, deadlineText: '已撤回' })
    const { root, requests } = storeWith({
      [`GET /api/applications/${id}`]: detail(),
      [`POST /api/applications/${id}/withdraw`]: withdrawn,
      'GET /api/applications': { items: [detail()], page: 1, pageSize: 20, total: 1 },
    })
    const store = applicationsStore(root)
    await store.mine.loadList()
    await store.records.loadDetail(id)
    await store.records.withdraw(id)
    expect(requests.some((request) => request.path.endsWith('/withdraw'))).toBe(false)
    store.records.askWithdraw(id)
    await store.records.withdraw(id)
    expect(requests.find((request) => request.path.endsWith('/withdraw'))?.body).toEqual({})
    expect(store.records.detail(id).data?.statusName).toBe('已撤回')
    expect(store.records.confirmingWithdraw).toBeUndefined()
    expect(store.mine.list.status).toBe('idle')
  })

  test('the countdown says plainly how many working days are left, or how many it is overdue', () => {
    expect(countdownWords({ workingDaysLeft: 3, overdue: false, dueOn: '2026-11-27' })).toBe('还剩 3 个工作日')
    expect(countdownWords({ workingDaysLeft: 0, overdue: false, dueOn: '2026-11-27' })).toBe('今天是承诺办结的最后一个工作日')
    expect(countdownWords({ workingDaysLeft: -2, overdue: true, dueOn: '2026-11-27' })).toBe('已超期 2 个工作日')
    expect(countdownWords({ workingDaysLeft: null, overdue: false, dueOn: null })).toBeUndefined()
  })

  test('idempotency keys are 32 characters of the allowed alphabet, different each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/)
  })
})

const evaluationState = (overrides: Partial<EvaluationState> = {}): EvaluationState => ({ applicationId: 'A'.repeat(22), canRate: true, canReRate: false, evaluations: [], ...overrides })

describe('EvaluationsStore', () => {
  const id = 'A'.repeat(22)

  test('a 差评 needs a reason; tags follow the chosen level; the comment is limited to 500 characters', async () => {
    const { root, requests } = storeWith({
      [`GET /api/applications/${id}/evaluation`]: evaluationState(),
      [`POST /api/applications/${id}/evaluation`]: evaluationState({ canRate: false }),
    })
    const store = evaluationsStore(root)
    await store.load(id)
    store.openDraft(id)
    expect(await store.send()).toBe(false)
    expect(store.problems.rating).toBe('请选择满意程度')

    store.chooseRating(5)
    store.toggleTag('办事效率高')
    store.toggleTag('时限超期') // a bad-rating tag: not offered for 非常满意
    expect(store.draft?.tags).toEqual(['办事效率高'])
    store.chooseRating(2)
    expect(store.draft?.tags).toEqual([])
    store.toggleTag('时限超期')
    store.setComment('好'.repeat(501))
    expect(store.problems.comment).toBe('评价内容不能超过500个字')
    store.setComment('  等了很久  ')
    expect(await store.send()).toBe(false)
    expect(store.problems.reason).toMatch(/^请写明不满意的原因/)
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0)

    store.setReason('超过承诺时限两天才办结')
    expect(await store.send()).toBe(true)
    expect(requests.find((request) => request.method === 'POST')).toMatchObject({
      path: `/api/applications/${id}/evaluation`,
      body: { rating: 2, tags: ['时限超期'], comment: '等了很久', reason: '超过承诺时限两天才办结' },
    })
    expect(store.justRated).toBe(true)
    expect(store.state(id).data?.canRate).toBe(false)
  })

  test('after the department answered, the one re-rate goes to the re-rate route', async () => {
    const { root, requests } = storeWith({
      [`GET /api/applications/${id}/evaluation`]: evaluationState({ canRate: false, canReRate: true }),
      [`POST /api/applications/${id}/evaluation/re-rate`]: evaluationState({ canRate: false, canReRate: false }),
    })
    const store = evaluationsStore(root)
    await store.load(id)
    store.openDraft(id)
    store.chooseRating(4)
    expect(await store.send()).toBe(true)
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: `/api/applications/${id}/evaluation/re-rate`, body: { rating: 4 } })
  })
})

describe('FeedbackStore', () => {
  const sent: Feedback = {
    id: 'F'.repeat(22), kind: 'suggestion', kindName: '建议', category: 'missing_service', categoryName: '找不到事项', text: '希望能在网上办理', itemCode: null, itemName: null,
    searchQuery: '养犬登记', status: 'open', statusName: '待回复', reply: null, repliedAt: null, closingNote: null, closedAt: null, createdAt: '2026-11-22T02:00:00.000Z',
  }

  test('carries the search that found nothing; needs a kind, a category and enough text', async () => {
    const { root, requests } = storeWith({ 'POST /api/feedback': sent })
    const store = feedbackStore(root)
    store.openDraft({ kind: 'suggestion', category: 'missing_service', searchQuery: '养犬登记' })
    store.update({ text: '太短' })
    expect(await store.send()).toBe(false)
    expect(store.problems.text).toBe('请把情况写清楚（至少5个字）')
    store.update({ text: '希望能在网上办理养犬登记' })
    expect(await store.send()).toBe(true)
    expect(requests[0].body).toEqual({ kind: 'suggestion', category: 'missing_service', text: '希望能在网上办理养犬登记', searchQuery: '养犬登记' })
    expect(store.sent?.statusName).toBe('待回复')
  })
})

test('logout forgets applications, ratings and feedback', async () => {
  const id = 'A'.repeat(22)
  const { root } = storeWith({
    'GET /api/applications': { items: [detail()], page: 1, pageSize: 20, total: 1 },
    [`GET /api/applications/${id}`]: detail(),
    [`GET /api/applications/${id}/evaluation`]: evaluationState(),
    'GET /api/feedback': { items: [] },
    'GET /api/services/GA-SFZ-001/application-form': form,
    'GET /api/notifications/templates': templates,
    'POST /api/auth/logout': {},
  })
  const applications = applicationsStore(root)
  const evaluations = evaluationsStore(root)
  const feedback = feedbackStore(root)
  await applications.mine.loadList()
  await applications.records.loadDetail(id)
  await applications.apply.openForm('GA-SFZ-001')
  applications.apply.setValue('reason', '有效期满')
  await evaluations.load(id)
  await feedback.loadList()
  await root.logout()
  // The same stores (built once per launch), now empty.
  expect(applicationsStore(root)).toBe(applications)
  expect(applications.mine.list.data).toBeUndefined()
  expect(applications.records.detail(id).data).toBeUndefined()
  expect(applications.apply.form.data).toBeUndefined()
  expect(applications.apply.draft).toEqual({})
  expect(applications.apply.templates.data).toBeUndefined()
  expect(evaluations.state(id).data).toBeUndefined()
  expect(feedback.list.data).toBeUndefined()
})
