import crypto from 'node:crypto'
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

export type KeyFormat = 'pkcs1' | 'pkcs8' | 'pkcs1-base64' | 'pkcs8-base64' | 'encrypted' | 'ec'

let rsa: crypto.KeyObject | undefined
/** An upload key file generated on the fly (never a committed key), in a temporary folder outside the repository. */
export function writeKey(format: KeyFormat): string {
  rsa ??= crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const base64 = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
  const text = {
    pkcs1: () => rsa!.export({ type: 'pkcs1', format: 'pem' }).toString(),
    pkcs8: () => rsa!.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'pkcs1-base64': () => base64(rsa!.export({ type: 'pkcs1', format: 'pem' }).toString()),
    'pkcs8-base64': () => base64(rsa!.export({ type: 'pkcs8', format: 'pem' }).toString()),
    encrypted: () => rsa!.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString(),
    ec: () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }[format]()
  const file = path.join(tmpDir('keys-'), `${format}.key`)
  fs.writeFileSync(file, text)
  return file
}
