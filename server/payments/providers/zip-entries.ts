/**
 * Reads the files of a ZIP archive (Alipay's bill download is a ZIP of CSV files): the
 * central directory at the end lists every entry with its sizes and where its local header
 * is; each entry is stored (method 0) or deflated (method 8, zlib's inflateRaw). That is
 * all a bill archive uses, so this stays a few lines rather than a dependency; anything
 * else (ZIP64, encryption, other methods) is refused with an error.
 * Names are UTF-8 when flag bit 11 says so, else GBK (what Alipay's tools write).
 */
import { inflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  data: Buffer
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_HEADER
}

export function readZipEntries(zip: Buffer): ZipEntry[] {
  let end = -1
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at
      break
    }
  }
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error('ZIP central directory is damaged')
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const compressedSize = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localHeader = zip.readUInt32LE(at + 42)
    const rawName = zip.subarray(at + 46, at + 46 + nameLength)
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'gbk').decode(rawName)
    if (flags & 0x1) throw new Error(`ZIP entry ${name} is encrypted`)
    if (zip.readUInt32LE(localHeader) !== LOCAL_HEADER) throw new Error(`ZIP entry ${name}: local header not found`)
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28)
    const stored = zip.subarray(dataStart, dataStart + compressedSize)
    if (method !== 0 && method !== 8) throw new Error(`ZIP entry ${name}: compression method ${method} not supported`)
    entries.push({ name, data: method === 0 ? Buffer.from(stored) : inflateRawSync(stored) })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Text of a bill file: UTF-8 when it is valid UTF-8, else GBK (Alipay's bills are GBK). */
export function billText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gbk').decode(bytes)
  }
}
