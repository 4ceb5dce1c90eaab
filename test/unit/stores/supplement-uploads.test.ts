/**
 * Uploads after submitting: 移除 deletes the file on the server (not only here), and a 补正
 * naming a material offers exactly that material again; 已补正 sends the new upload's id and is
 * held back (nothing sent) while a named material has no new file.
 */
import type { ApplicationDetail } from '@/contract/applications/schemas'
import { ApiError } from '@/platform/api-error'
import type { PickedFile, RequestOptions, UploadOptions } from '@/platform/types'
import { createApiClient } from '@/api/api-client'
import { ApplicationRecordsStore } from '@/packages/applications/stores/application-records-store'
import { MaterialUploadsStore } from '@/packages/applications/stores/material-uploads-store'

const CONTRACT = '经营场所使用证明'
const PHOTO: PickedFile = { path: 'wxfile://tmp.jpg', kind: 'image', size: 2048 }
const NEW_ID = 'NNNNNNNNNNNNNNNNNNNNNN'
const view = (id: string) => ({ id, itemCode: 'SF-SJ-0001', material: CONTRACT, kind: 'image' as const, contentType: 'image/jpeg', size: 1800, createdAt: '2026-12-06T08:00:00.000Z', attached: false })

const APPLICATION: ApplicationDetail = {
  id: 'app-1',
  number: '20261206-000001',
  itemCode: 'SF-SJ-0001',
  itemName: '个体工商户设立登记',
  status: 'supplement_requested',
  statusName: '待补正',
  submittedAt: '2026-12-06T08:00:00.000Z',
  acceptedAt: '2026-12-06T08:10:00.000Z',
  finishedAt: null,
  canWithdraw: false,
  supplementItems: [CONTRACT, '补充说明经营范围'],
  timeLimitDays: 5,
  dueOn: null,
  workingDaysLeft: null,
  overdue: false,
  deadlineText: '等待补正',
  department: '市市场监督管理局',
  values: [],
  materials: [
    { name: '居民身份证', provision: 'certificate', certificateType: 'id_card' },
    { name: CONTRACT, provision: 'upload', uploadIds: ['OOOOOOOOOOOOOOOOOOOOOO'] },
    { name: '营业场所照片', provision: 'upload', uploadIds: ['PPPPPPPPPPPPPPPPPPPPPP'] },
  ],
  timeline: [],
}

function setup(options: { respond?: (request: RequestOptions) => unknown } = {}) {
  const requests: RequestOptions[] = []
  const uploads: UploadOptions[] = []
  const platform = {
    request: async <T>(request: RequestOptions) => {
      requests.push(request)
      return (options.respond?.(request) ?? { ...APPLICATION, status: 'accepted', supplementItems: undefined }) as T
    },
    uploadFile: async <T>(upload: UploadOptions) => {
      uploads.push(upload)
      return view(NEW_ID) as T
    },
    chooseFile: async () => PHOTO,
  }
  const api = createApiClient(platform, { token: () => 'tok', renew: async () => false })
  return { api, platform, requests, uploads }
}

test('移除 deletes the upload on the server, then takes it off the form', async () => {
  const { api, platform, requests } = setup({ respond: () => view(NEW_ID) })
  const store = new MaterialUploadsStore(api, platform)
  await store.pick('SF-SJ-0001', CONTRACT, 'photo')
  await store.remove(CONTRACT)
  expect(requests.map((request) => [request.method, request.path])).toEqual([['DELETE', `/api/uploads/${NEW_ID}`]])
  expect(store.of(CONTRACT)).toBeUndefined()
  expect(store.chosen).toEqual([])
})

test('a failed 移除 keeps the file and says so; one already gone on the server (404) is removed', async () => {
  let failure: ApiError = new ApiError('NETWORK_ERROR', { message: '网络不太好，请稍后重试' })
  const { api, platform } = setup({
    respond: () => {
      throw failure
    },
  })
  const store = new MaterialUploadsStore(api, platform)
  await store.pick('SF-SJ-0001', CONTRACT, 'photo')
  await store.remove(CONTRACT)
  expect(store.of(CONTRACT)).toMatchObject({ status: 'done', upload: { id: NEW_ID }, error: '网络不太好，请稍后重试' })
  expect(store.chosen).toEqual([{ name: CONTRACT, uploadId: NEW_ID }])
  failure = new ApiError('NOT_FOUND', { status: 404 })
  await store.remove(CONTRACT)
  expect(store.of(CONTRACT)).toBeUndefined()
})

test('a 补正 offers again exactly the named materials that were uploaded', () => {
  expect(ApplicationRecordsStore.reuploadable(APPLICATION)).toEqual([CONTRACT])
  expect(ApplicationRecordsStore.reuploadable({ ...APPLICATION, status: 'accepted' })).toEqual([])
  expect(ApplicationRecordsStore.reuploadable({ ...APPLICATION, supplementItems: ['户口簿首页复印件'] })).toEqual([])
})

test('已补正 is held back without the new file, then sends the note with the new upload for the named material', async () => {
  const { api, platform, requests, uploads } = setup()
  const records = new ApplicationRecordsStore(api, () => {}, platform)
  const reupload = ApplicationRecordsStore.reuploadable(APPLICATION)
  records.setSupplementNote('已重新上传经营场所使用证明')
  await records.supplement(APPLICATION.id, reupload)
  expect(records.supplementMissing).toEqual([CONTRACT])
  expect(requests).toEqual([])

  await records.supplementUploads.pick(APPLICATION.itemCode, CONTRACT, 'photo')
  expect(uploads[0]!.fields).toEqual({ itemCode: 'SF-SJ-0001', material: CONTRACT })
  await records.supplement(APPLICATION.id, reupload)
  expect(records.supplementMissing).toEqual([])
  expect(requests.map((request) => [request.method, request.path, request.body])).toEqual([
    ['POST', `/api/applications/${APPLICATION.id}/supplement`, { note: '已重新上传经营场所使用证明', materials: [{ name: CONTRACT, uploadId: NEW_ID }] }],
  ])
  expect(records.detail(APPLICATION.id).data?.status).toBe('accepted')
  // Sent: the new file is the application's now, not a draft of the next answer.
  expect(records.supplementUploads.chosen).toEqual([])
})

test('a 补正 naming no uploaded material sends the note alone', async () => {
  const { api, platform, requests } = setup()
  const records = new ApplicationRecordsStore(api, () => {}, platform)
  records.setSupplementNote('经营范围已补充说明')
  await records.supplement(APPLICATION.id, [])
  expect(requests.map((request) => request.body)).toEqual([{ note: '经营范围已补充说明' }])
})
