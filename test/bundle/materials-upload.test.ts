/**
 * 申请材料上传 in the compiled weapp and alipay bundles, booted headless against the real
 * server: on 住房公积金提取（租房） the rental contract's 拍照或选择照片 calls the host's photo
 * picker (wx.chooseMedia / my.chooseImage) and then its uploadFile with the right arguments
 * (WeChat `name: 'file'`; Alipay `fileName: 'file'`, `fileType: 'image'`; the item and material
 * as form data; the session in the Authorization header). The host's uploadFile here sends the
 * picked photo to the real server as multipart, so the page's 已上传 comes from the server.
 */
import sharp from 'sharp'
import { provenPlatformSession, startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniPlatform } from '../support/mini-harness'
import { demoCitizen } from '../support/sessions'

const APPLY = 'packages/applications/pages/apply/index'
const ITEM = 'SF-GJJ-0001'
const CONTRACT = '房屋租赁合同或备案证明'
const TEMP_PATH = { weapp: 'wxfile://tmp_contract.jpg', alipay: 'https://resource/apml-contract.jpg' }

let backend: BundleBackend
let photo: Buffer
beforeAll(async () => {
  backend = await startBundleBackend()
  photo = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#eeeeee' } }).jpeg().toBuffer()
}, 30_000)
afterAll(() => backend.close())

/** The host: a picked photo at a temp path, and an uploadFile that really posts it (multipart) to the server. */
const hostApis = (platform: MiniPlatform) => ({
  [platform === 'weapp' ? 'chooseMedia' : 'chooseImage']: (options: { success: (result: unknown) => void }) =>
    setTimeout(() => options.success(platform === 'weapp' ? { tempFiles: [{ tempFilePath: TEMP_PATH.weapp, size: photo.length, fileType: 'image' }] } : { apFilePaths: [TEMP_PATH.alipay] }), 0),
  uploadFile: (options: { url: string; formData: Record<string, string>; header: Record<string, string>; success: (result: unknown) => void; fail: (error: unknown) => void }) => {
    void (async () => {
      const form = new FormData()
      for (const [name, value] of Object.entries(options.formData)) form.append(name, value)
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'contract.jpg')
      const request = new Request('http://local/', { method: 'POST', body: form })
      const response = await backend.app.inject({
        method: 'POST',
        url: new URL(options.url).pathname,
        headers: { ...options.header, 'content-type': request.headers.get('content-type')! },
        payload: Buffer.from(await request.arrayBuffer()),
      })
      options.success({ statusCode: response.statusCode, data: response.body })
    })().catch(options.fail)
  },
})

describe.each(['weapp', 'alipay'] as const)('%s 申请材料上传', (platform: MiniPlatform) => {
  test('拍照或选择照片 → the host picker → uploadFile with the right arguments → 已上传', async () => {
    const token = await provenPlatformSession(backend, platform, demoCitizen('zhang-wei'))
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: hostApis(platform) })
    const page = await app.openPage(APPLY, { code: ITEM })
    expect(page.texts()).toEqual(expect.arrayContaining(['将使用您的电子结婚证，无需另行提交', '请上传照片或 PDF（用手机拍清楚即可）', '拍照或选择照片']))

    await page.tap('拍照或选择照片')
    const picker = app.callsOf(platform === 'weapp' ? 'chooseMedia' : 'chooseImage')
    expect(picker).toHaveLength(1)
    expect(picker[0]!.args[0]).toMatchObject(platform === 'weapp' ? { count: 1, mediaType: ['image'], sourceType: ['camera', 'album'] } : { count: 1, sourceType: ['camera', 'album'] })

    const uploads = app.callsOf('uploadFile')
    expect(uploads).toHaveLength(1)
    const args = uploads[0]!.args[0] as Record<string, unknown>
    expect(args).toMatchObject({
      filePath: TEMP_PATH[platform],
      formData: { itemCode: ITEM, material: CONTRACT },
      header: { Authorization: `Bearer ${token}` },
      ...(platform === 'weapp' ? { name: 'file' } : { fileName: 'file', fileType: 'image' }),
    })
    expect(String(args.url)).toMatch(/\/api\/uploads$/)
    // The server took it (the host posted the real photo, re-encoded by the server): the page says so in words.
    for (let tries = 0; tries < 20 && !page.texts().some((text) => text.startsWith('已上传：')); tries++) await app.settle()
    expect(page.texts().filter((text) => /上传/.test(text))).toEqual(expect.arrayContaining([expect.stringMatching(/^已上传：照片（\d+ KB）$/)]))
    const drafts = await backend.app.inject({ url: `/api/uploads?itemCode=${ITEM}`, headers: { authorization: `Bearer ${token}` } })
    expect((drafts.json() as { items: { material: string }[] }).items.map((item) => item.material)).toContain(CONTRACT)
  })
})
