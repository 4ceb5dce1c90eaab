import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const tmpDir = (prefix = 'release-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

/** A dist folder: app.json with the given subpackages and files of chosen sizes or contents. */
export function makeDist(files: Record<string, number | string>, subPackages: string[] = ['packages/a']): string {
  const dir = tmpDir('dist-')
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/index/index'], subPackages: subPackages.map((root) => ({ root, pages: [] })) }))
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name)
    fs.mkdirSync(path.dirname(full), { recursive: true })
    fs.writeFileSync(full, typeof content === 'number' ? Buffer.alloc(content, 'a') : content)
  }
  return dir
}
