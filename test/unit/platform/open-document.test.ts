/**
 * openDocument on each platform: WeChat and Alipay download the PDF (wx/my.downloadFile) and
 * open the downloaded file in the host's viewer (wx/my.openDocument); an HTTP error of the
 * download is a NETWORK_ERROR and nothing is opened. H5 follows the link.
 */
import { ApiError } from '@/platform/api-error'
import { createH5Platform } from '@/platform/h5-adapter'
import { createMiniProgramPlatform } from '@/platform/mini-adapter'
import { alipayTable } from '@/platform/tables/alipay'
import { weappTable } from '@/platform/tables/weapp'
import { argsOf, succeeds } from './fake-global'

const PDF = 'https://gov.example.cn/api/results/5b0c/pdf?e=1&s=abc'

test('weapp: downloadFile {url} → openDocument {filePath, fileType pdf, showMenu}', async () => {
  const downloadFile = succeeds({ tempFilePath: 'wxfile://tmp_proof.pdf', statusCode: 200, errMsg: 'downloadFile:ok' })
  const openDocument = succeeds({ errMsg: 'openDocument:ok' })
  await createMiniProgramPlatform('weapp', weappTable, { downloadFile, openDocument }, '').openDocument(PDF)
  expect(argsOf(downloadFile)).toEqual({ url: PDF })
  expect(argsOf(openDocument)).toEqual({ filePath: 'wxfile://tmp_proof.pdf', fileType: 'pdf', showMenu: true })
})

test('alipay: downloadFile answers apFilePath, which openDocument opens', async () => {
  const downloadFile = succeeds({ apFilePath: 'https://resource/apml953bb093ebd2834530196f50a4413a87.pdf' })
  const openDocument = succeeds({})
  await createMiniProgramPlatform('alipay', alipayTable, { downloadFile, openDocument }, '').openDocument(PDF)
  expect(argsOf(downloadFile)).toEqual({ url: PDF })
  expect(argsOf(openDocument)).toEqual({ filePath: 'https://resource/apml953bb093ebd2834530196f50a4413a87.pdf', fileType: 'pdf' })
})

test.each([
  ['weapp', weappTable, { tempFilePath: 'wxfile://tmp_404.html', statusCode: 404, errMsg: 'downloadFile:ok' }],
  ['alipay', alipayTable, { statusCode: 404 }],
] as const)('%s: a download answered with an HTTP error is a NETWORK_ERROR and nothing is opened', async (name, table, answer) => {
  const openDocument = succeeds({})
  const opening = createMiniProgramPlatform(name, table, { downloadFile: succeeds(answer), openDocument }, '').openDocument(PDF)
  await expect(opening).rejects.toBeInstanceOf(ApiError)
  await expect(opening).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
  expect(openDocument).not.toHaveBeenCalled()
})

test('h5: follows the link (the PDF is an attachment: the browser downloads it)', async () => {
  const opened: string[] = []
  const platform = createH5Platform('', () => ({ window, fetch: (input, init) => window.fetch(input, init), openUrl: (url) => void opened.push(url) }))
  await platform.openDocument(PDF)
  expect(opened).toEqual([PDF])
})
