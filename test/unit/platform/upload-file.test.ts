/**
 * Picking and uploading a material on each platform, through the table entries: WeChat's
 * chooseMedia / chooseMessageFile and uploadFile {name: 'file'}; Alipay's chooseImage
 * (apFilePaths or tempFilePaths) and uploadFile {fileName: 'file', fileType: 'image'} and no
 * document picker; H5's file input and fetch with FormData. The token travels in the header
 * only; the server's refusal comes back as its ApiError.
 */
import { ApiError } from '@/platform/api-error'
import { createH5Platform } from '@/platform/h5-adapter'
import { createMiniProgramPlatform } from '@/platform/mini-adapter'
import { alipayTable } from '@/platform/tables/alipay'
import { weappTable } from '@/platform/tables/weapp'
import { argsOf, fails, succeeds } from './fake-global'

const API = 'https://gov.example.cn'
const FIELDS = { itemCode: 'SF-GJJ-0001', material: '房屋租赁合同或备案证明' }
const CREATED = JSON.stringify({ id: 'AAAAAAAAAAAAAAAAAAAAAA', kind: 'image' })

test('weapp: chooseMedia asks for one compressed image from camera or album and answers its temp path and size', async () => {
  const chooseMedia = succeeds({ tempFiles: [{ tempFilePath: 'wxfile://tmp_contract.jpg', size: 812345, fileType: 'image' }], type: 'image', errMsg: 'chooseMedia:ok' })
  const picked = await createMiniProgramPlatform('weapp', weappTable, { chooseMedia }, API).chooseFile('photo')
  expect(argsOf(chooseMedia)).toEqual({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
  expect(picked).toEqual({ path: 'wxfile://tmp_contract.jpg', kind: 'image', size: 812345 })
})

test('weapp: chooseMessageFile picks one PDF; closing the picker is CANCELLED', async () => {
  const chooseMessageFile = succeeds({ tempFiles: [{ path: 'wxfile://tmp_contract.pdf', size: 40960, name: '租赁合同.pdf', type: 'file' }], errMsg: 'chooseMessageFile:ok' })
  const picked = await createMiniProgramPlatform('weapp', weappTable, { chooseMessageFile }, API).chooseFile('document')
  expect(argsOf(chooseMessageFile)).toEqual({ count: 1, type: 'file', extension: ['pdf'] })
  expect(picked).toEqual({ path: 'wxfile://tmp_contract.pdf', kind: 'pdf', size: 40960, name: '租赁合同.pdf' })

  const cancelled = createMiniProgramPlatform('weapp', weappTable, { chooseMessageFile: fails({ errMsg: 'chooseMessageFile:fail cancel' }) }, API).chooseFile('document')
  await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' })
})

test('weapp: uploadFile sends the file as part "file" with the fields and the token in the header; the answer is parsed', async () => {
  const uploadFile = succeeds({ statusCode: 201, data: CREATED, errMsg: 'uploadFile:ok' })
  const platform = createMiniProgramPlatform('weapp', weappTable, { uploadFile }, API)
  const answer = await platform.uploadFile({ path: '/api/uploads', token: 'tok-1', file: { path: 'wxfile://tmp_contract.jpg', kind: 'image' }, fields: FIELDS })
  expect(answer).toEqual(JSON.parse(CREATED))
  expect(argsOf(uploadFile)).toEqual({
    url: `${API}/api/uploads`,
    filePath: 'wxfile://tmp_contract.jpg',
    name: 'file',
    header: { Accept: 'application/json', Authorization: 'Bearer tok-1' },
    formData: FIELDS,
    timeout: 60_000,
  })
})

test('weapp: the server refusing the file (413) comes back as its ApiError with its words', async () => {
  const refusal = JSON.stringify({ error: { code: 'UPLOAD_TOO_LARGE', message: '文件太大，请选择不超过 10 MB 的照片或 PDF', field: 'file' } })
  const uploadFile = succeeds({ statusCode: 413, data: refusal, errMsg: 'uploadFile:ok' })
  const upload = createMiniProgramPlatform('weapp', weappTable, { uploadFile }, API).uploadFile({ path: '/api/uploads', file: { path: 'wxfile://big.jpg', kind: 'image' }, fields: FIELDS })
  await expect(upload).rejects.toBeInstanceOf(ApiError)
  await expect(upload).rejects.toMatchObject({ code: 'UPLOAD_TOO_LARGE', message: '文件太大，请选择不超过 10 MB 的照片或 PDF' })
})

test.each([
  ['apFilePaths (older clients)', { apFilePaths: ['https://resource/apml1.jpg'] }],
  ['tempFilePaths (newer clients)', { tempFilePaths: ['https://resource/apml1.jpg'] }],
])('alipay: chooseImage {count, sourceType} answers %s', async (_, answer) => {
  const chooseImage = succeeds(answer)
  const picked = await createMiniProgramPlatform('alipay', alipayTable, { chooseImage }, API).chooseFile('photo')
  expect(argsOf(chooseImage)).toEqual({ count: 1, sourceType: ['camera', 'album'] })
  expect(picked).toEqual({ path: 'https://resource/apml1.jpg', kind: 'image' })
})

test('alipay: error 11 is CANCELLED; there is no document picker (UNSUPPORTED_ON_PLATFORM, in words)', async () => {
  const platform = createMiniProgramPlatform('alipay', alipayTable, { chooseImage: fails({ error: 11, errorMessage: '用户取消操作' }) }, API)
  await expect(platform.chooseFile('photo')).rejects.toMatchObject({ code: 'CANCELLED' })
  await expect(platform.chooseFile('document')).rejects.toMatchObject({ code: 'UNSUPPORTED_ON_PLATFORM', message: expect.stringContaining('请拍照上传') })
})

test('alipay: uploadFile names the part with fileName and says fileType image', async () => {
  const uploadFile = succeeds({ statusCode: 201, data: CREATED })
  await createMiniProgramPlatform('alipay', alipayTable, { uploadFile }, API).uploadFile({ path: '/api/uploads', token: 'tok-2', file: { path: 'https://resource/apml1.jpg', kind: 'image' }, fields: FIELDS })
  expect(argsOf(uploadFile)).toEqual({
    url: `${API}/api/uploads`,
    filePath: 'https://resource/apml1.jpg',
    fileName: 'file',
    fileType: 'image',
    header: { Accept: 'application/json', Authorization: 'Bearer tok-2' },
    formData: FIELDS,
  })
})

test('h5: a file input picks the file; fetch sends FormData with the fields and the file, the token in the header', async () => {
  const sent: { url: string; init: RequestInit }[] = []
  const environment = () => ({
    window,
    fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(url), init: init! })
      return { status: 201, text: async () => CREATED } as Response
    },
    openUrl: () => undefined,
  })
  ;(window.URL as unknown as { createObjectURL: (blob: Blob) => string }).createObjectURL = () => 'blob:local/1'
  const platform = createH5Platform(API, environment)
  const picking = platform.chooseFile('document')
  const input = document.querySelector('input[type=file]') as HTMLInputElement
  expect(input.accept).toBe('application/pdf')
  const file = new File(['%PDF-1.4'], '合同.pdf', { type: 'application/pdf' })
  Object.defineProperty(input, 'files', { value: [file] })
  input.dispatchEvent(new Event('change'))
  const picked = await picking
  expect(picked).toMatchObject({ kind: 'pdf', name: '合同.pdf', size: file.size, path: 'blob:local/1' })
  expect(document.querySelector('input[type=file]')).toBeNull()

  await platform.uploadFile({ path: '/api/uploads', token: 'tok-3', file: picked, fields: FIELDS })
  expect(sent[0]!.url).toBe(`${API}/api/uploads`)
  expect(sent[0]!.init.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer tok-3' })
  const body = sent[0]!.init.body as FormData
  expect(body.get('itemCode')).toBe(FIELDS.itemCode)
  expect(body.get('material')).toBe(FIELDS.material)
  expect((body.get('file') as File).name).toBe('合同.pdf')
})

test('h5: closing the file dialog without a file is CANCELLED', async () => {
  const platform = createH5Platform(API, () => ({ window, fetch: window.fetch, openUrl: () => undefined }))
  const picking = platform.chooseFile('photo')
  const input = document.querySelector('input[type=file]') as HTMLInputElement
  expect(input.accept).toContain('image/jpeg')
  input.dispatchEvent(new Event('cancel'))
  await expect(picking).rejects.toMatchObject({ code: 'CANCELLED' })
})
