/**
 * 办理结果 in the compiled weapp and alipay bundles, booted headless against the real server:
 * a 户籍证明开具 finished by a reviewer shows on the citizen's result page (status, code, the
 * QR's verification page), and 下载证明文件 downloads the signed PDF link through the host's
 * downloadFile and opens the file with its openDocument (the table entries of
 * src/platform/tables/); the link fetched from the server is a real PDF.
 */
import { provenPlatformSession, startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniPlatform } from '../support/mini-harness'
import { finishedApplication } from '../support/results'
import { demoCitizen } from '../support/sessions'

const DETAIL = 'packages/results/pages/detail/index'
const LIST = 'packages/results/pages/list/index'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

/** The host's answers: a downloaded temp file (WeChat: tempFilePath + statusCode; Alipay: apFilePath), then an opened document. */
const hostApis = (platform: MiniPlatform) => ({
  downloadFile: (options: { success: (result: unknown) => void }) =>
    setTimeout(() => options.success(platform === 'weapp' ? { tempFilePath: 'wxfile://tmp_proof.pdf', statusCode: 200 } : { apFilePath: 'https://resource/apml-proof.pdf' }), 0),
  openDocument: (options: { success: (result: unknown) => void }) => setTimeout(() => options.success({}), 0),
})

describe.each(['weapp', 'alipay'] as const)('%s 办理结果', (platform: MiniPlatform) => {
  test('a finished 户籍证明开具: the proof on its page, 下载证明文件 through downloadFile + openDocument, listed in 我的证明', async () => {
    const citizen = platform === 'weapp' ? 'li-na' : 'wang-xiaoming'
    const token = await provenPlatformSession(backend, platform, demoCitizen(citizen))
    const { applicationId, result } = await finishedApplication(backend, { token })
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: hostApis(platform) })

    const page = await app.openPage(DETAIL, { applicationId })
    expect(page.texts()).toEqual(expect.arrayContaining(['户籍证明', '状态：有效', result.proof!.code, result.proof!.verifyUrl, '下载证明文件（PDF）', '复制核验链接']))
    await page.tap('下载证明文件（PDF）')
    const download = app.callsOf('downloadFile')
    expect(download).toHaveLength(1)
    const url = (download[0]!.args[0] as { url: string }).url
    expect(url).toMatch(new RegExp(`/api/results/${result.id}/pdf\\?e=\\d+&s=[A-Za-z0-9_-]{43}$`))
    const opened = app.callsOf('openDocument')[0]!.args[0] as Record<string, unknown>
    expect(opened).toMatchObject({ filePath: platform === 'weapp' ? 'wxfile://tmp_proof.pdf' : 'https://resource/apml-proof.pdf', fileType: 'pdf' })
    expect(page.texts()).toEqual(expect.arrayContaining(['已打开证明文件，可转发或保存；如未看到，请查看手机的下载内容。']))
    // What the host downloaded: the signed link answers the PDF.
    const pdf = await backend.app.inject({ url: url.replace(/^https?:\/\/[^/]+/, '') })
    expect(pdf.statusCode).toBe(200)
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await page.unload()

    const list = await app.openPage(LIST)
    expect(list.texts()).toEqual(expect.arrayContaining(['户籍证明']))
    expect(list.texts().some((text) => text.startsWith('有效 · 有效期至'))).toBe(true)
  })
})
