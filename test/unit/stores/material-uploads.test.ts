/**
 * The apply form's uploads: a picked file is uploaded for its material with the item code;
 * progress, the server's refusal and a cancelled picker in words; an oversize file refused
 * before sending; the submit sends the uploads beside the certificates and is held back
 * while a material met only by an upload has none.
 */
import type { ApplicationForm } from '@/contract/applications/schemas'
import { ApiError } from '@/platform/api-error'
import type { PickedFile, UploadOptions } from '@/platform/types'
import { createApiClient } from '@/api/api-client'
import { submitRequest } from '@/packages/applications/stores/application-draft'
import { MaterialUploadsStore } from '@/packages/applications/stores/material-uploads-store'
import { ApplyFormStore } from '@/packages/applications/stores/apply-form-store'

const CONTRACT = '房屋租赁合同或备案证明'
const PHOTO: PickedFile = { path: 'wxfile://tmp.jpg', kind: 'image', size: 2048 }
const view = (id: string) => ({ id, itemCode: 'SF-GJJ-0001', material: CONTRACT, kind: 'image' as const, contentType: 'image/jpeg', size: 1800, createdAt: '2026-12-06T08:00:00.000Z', attached: false })

function setup(options: { pick?: () => Promise<PickedFile>; upload?: (upload: UploadOptions) => Promise<unknown> } = {}) {
  const uploads: UploadOptions[] = []
  const platform = {
    request: async () => undefined as never,
    uploadFile: async <T>(upload: UploadOptions) => {
      uploads.push(upload)
      return ((await options.upload?.(upload)) ?? view('AAAAAAAAAAAAAAAAAAAAAA')) as T
    },
    chooseFile: options.pick ?? (async () => PHOTO),
  }
  const api = createApiClient(platform, { token: () => 'tok-9', renew: async () => false })
  return { store: new MaterialUploadsStore(api, platform), uploads }
}

test('a picked photo is uploaded for its material, with the item code and the session token', async () => {
  const { store, uploads } = setup()
  await store.pick('SF-GJJ-0001', CONTRACT, 'photo')
  expect(uploads).toEqual([{ path: '/api/uploads', token: 'tok-9', file: PHOTO, fields: { itemCode: 'SF-GJJ-0001', material: CONTRACT } }])
  expect(store.of(CONTRACT)).toMatchObject({ status: 'done', upload: { id: 'AAAAAAAAAAAAAAAAAAAAAA' } })
  expect(store.chosen).toEqual([{ name: CONTRACT, uploadId: 'AAAAAAAAAAAAAAAAAAAAAA' }])
  await store.remove(CONTRACT)
  expect(store.chosen).toEqual([])
})

test("the server's refusal is shown in its words; an oversize file is refused before it is sent", async () => {
  const refusing = setup({ upload: async () => Promise.reject(new ApiError('UPLOAD_WRONG_TYPE', { status: 415, message: '文件格式不支持，请上传照片（JPG、PNG）或 PDF 文件' })) })
  await refusing.store.pick('SF-GJJ-0001', CONTRACT, 'photo')
  expect(refusing.store.of(CONTRACT)).toEqual({ status: 'error', error: '文件格式不支持，请上传照片（JPG、PNG）或 PDF 文件' })

  const big = setup({ pick: async () => ({ ...PHOTO, size: 11 * 1024 * 1024 }) })
  await big.store.pick('SF-GJJ-0001', CONTRACT, 'photo')
  expect(big.uploads).toEqual([])
  expect(big.store.of(CONTRACT)?.error).toContain('文件太大')
})

test('closing the picker keeps what was uploaded before', async () => {
  let cancel = false
  const { store } = setup({ pick: async () => (cancel ? Promise.reject(new ApiError('CANCELLED', { status: 0 })) : PHOTO) })
  await store.pick('SF-GJJ-0001', CONTRACT, 'photo')
  cancel = true
  await store.pick('SF-GJJ-0001', CONTRACT, 'photo')
  expect(store.of(CONTRACT)).toMatchObject({ status: 'done' })
})

const FORM: ApplicationForm = {
  item: { code: 'SF-GJJ-0001', name: '住房公积金提取（租房）', department: '市住房公积金管理中心', timeLimitDays: 5 },
  fields: [],
  materials: [
    { name: '结婚证', provision: 'certificate', instruction: '将使用您的电子结婚证，无需另行提交', certificate: { id: '00000000-0000-4000-8000-000000000001', typeName: '结婚证', number: 'J***1', name: '结婚证' } },
    { name: CONTRACT, provision: 'upload', upload: true, instruction: '请上传照片或 PDF（用手机拍清楚即可）' },
  ],
  submitAllowed: true,
}

test('the submit sends the certificate by reference and the upload by id', () => {
  expect(submitRequest(FORM, {}, [{ name: CONTRACT, uploadId: 'AAAAAAAAAAAAAAAAAAAAAA' }]).materials).toEqual([
    { name: '结婚证', certificateId: '00000000-0000-4000-8000-000000000001' },
    { name: CONTRACT, uploadId: 'AAAAAAAAAAAAAAAAAAAAAA' },
  ])
})

test('the form is not submitted while a material met only by an upload has none', async () => {
  const posts: unknown[] = []
  const platform = {
    request: async (options: { method?: string; path: string }) => {
      if (options.method === 'POST') posts.push(options)
      return (options.path.includes('application-form') ? FORM : { items: [] }) as never
    },
    requestSubscribeMessage: async () => ({}),
    chooseFile: async () => PHOTO,
    uploadFile: async <T>() => view('BBBBBBBBBBBBBBBBBBBBBB') as T,
  }
  const api = createApiClient(platform, { token: () => 'tok', renew: async () => false })
  const apply = new ApplyFormStore(api, platform)
  await apply.openForm('SF-GJJ-0001')
  expect(await apply.submit()).toBe(false)
  expect(apply.missingUploads).toEqual([CONTRACT])
  expect(posts).toEqual([])
  await apply.pickFile(CONTRACT, 'photo')
  expect(apply.missingUploads).toEqual([])
})
