/** @jest-environment node */
// dist/weapp compiles with miniprogram-ci's own compiler (what its upload runs), offline, with
// es7 and minify on so every JS file is parsed: scripts/release/weapp-compile.ts, which the
// release also runs. A copy with a page missing and a copy with a JS syntax error must fail,
// each with a message that names the file. (WXML/WXSS: weapp-compile.test.ts, with wcc/wcsc.)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { distOf } from '../../scripts/dist-root'
import { weappCompileFailures } from '../../scripts/release/weapp-compile'

const dist = distOf('weapp')
const pages = (JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { pages: string[] }).pages
const COMPILE_TIMEOUT = 300_000
const scratch: string[] = []
const scratchDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-compile-'))
  scratch.push(dir)
  return dir
}
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

function copyOfDist(): string {
  const copy = path.join(scratchDir(), 'weapp')
  fs.cpSync(dist, copy, { recursive: true })
  return copy
}

test('dist/weapp compiles with miniprogram-ci (es7, minify), without network', async () => {
  expect(await weappCompileFailures(dist)).toEqual([])
}, COMPILE_TIMEOUT)

test('a page listed in app.json with no files fails, naming app.json and the page', async () => {
  const copy = copyOfDist()
  const index = 1
  for (const file of fs.readdirSync(path.join(copy, path.dirname(pages[index])))) {
    if (file.startsWith(`${path.basename(pages[index])}.`)) fs.rmSync(path.join(copy, path.dirname(pages[index]), file))
  }
  expect(await weappCompileFailures(copy)).toEqual([
    `${copy} does not compile with miniprogram-ci (es7, minify) [error 10005]: app.json: ["pages"][${index}] could not find the corresponding file: "${pages[index]}.wxml"`,
  ])
}, COMPILE_TIMEOUT)

test('a JS syntax error fails, naming the file and the position', async () => {
  const copy = copyOfDist()
  const page = pages[pages.length - 1]
  fs.appendFileSync(path.join(copy, `${page}.js`), '\nconst broken = {;\n')
  const failures = await weappCompileFailures(copy)
  expect(failures).toEqual([expect.stringMatching(new RegExp(`^${copy} does not compile with miniprogram-ci \\(es7, minify\\) \\[error \\d+\\]: ${page}\\.js: Unexpected token \\(2:16\\)$`))])
}, COMPILE_TIMEOUT)

test('a folder without app.json is refused without starting the compiler', async () => {
  const empty = scratchDir()
  expect(await weappCompileFailures(empty)).toEqual([`${empty}/app.json is missing: build weapp before the compile check`])
})
