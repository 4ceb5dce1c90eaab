/**
 * What an uploaded file is, decided by its bytes (never its name or the type the client
 * claims), and what is kept of it:
 *   - JPEG / PNG / WebP / HEIC photos: decoded and re-encoded as JPEG, turned upright, with
 *     every metadata block dropped (EXIF with GPS position and camera, XMP, ICC, comments) —
 *     sharp writes none unless asked to;
 *   - PDF: kept as sent, after checking it starts as a PDF and ends with %%EOF.
 * Anything else, an empty file, one over the size limit or a picture that does not decode is
 * refused with a code and words the client shows.
 */
import sharp from 'sharp'
import { AppError } from '../errors'

export type UploadKind = 'image' | 'pdf'

export interface CheckedFile {
  kind: UploadKind
  contentType: 'image/jpeg' | 'application/pdf'
  bytes: Buffer
}

type Detected = 'jpeg' | 'png' | 'webp' | 'heic' | 'pdf'

const startsWith = (bytes: Buffer, signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte)

/** The file type by its magic bytes, or undefined. */
export function detectType(bytes: Buffer): Detected | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  // ISO BMFF: ....ftyp<brand>; the HEIF brands phones write.
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1|heim|heis)$/.test(bytes.subarray(8, 12).toString('latin1'))) return 'heic'
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf'
  return undefined
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('UPLOAD_TOO_LARGE', { field: 'file', rule: `at most ${maxBytes} bytes`, message: `文件太大，请选择不超过 ${formatSize(maxBytes)} 的照片或 PDF` })
}

export function wrongType(): AppError {
  return new AppError('UPLOAD_WRONG_TYPE', { field: 'file', rule: 'a JPEG, PNG, WebP or HEIC photo, or a PDF', message: '文件格式不支持，请上传照片（JPG、PNG）或 PDF 文件' })
}

function unreadable(what: string): AppError {
  return new AppError('UPLOAD_UNREADABLE', { field: 'file', rule: `a readable ${what}`, message: `文件已损坏或无法读取，请重新拍照或重新导出${what === 'PDF' ? ' PDF' : '照片'}后上传` })
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`
}

/** Longest side kept: enough to read any certificate or contract page, and bounded work per upload. */
const MAX_SIDE = 3000
/** Refuse decompression bombs before decoding them. */
const MAX_INPUT_PIXELS = 50_000_000

export async function checkUpload(bytes: Buffer, maxBytes: number): Promise<CheckedFile> {
  if (bytes.length === 0) throw new AppError('UPLOAD_EMPTY', { field: 'file', rule: 'not empty', message: '文件是空的，请重新选择' })
  if (bytes.length > maxBytes) throw tooLarge(maxBytes)
  const type = detectType(bytes)
  if (!type) throw wrongType()
  if (type === 'pdf') {
    // A PDF ends with %%EOF (optionally followed by a line end); a cut-off upload does not.
    if (!bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1').includes('%%EOF')) throw unreadable('PDF')
    return { kind: 'pdf', contentType: 'application/pdf', bytes }
  }
  try {
    const clean = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: false })
      .toBuffer()
    if (clean.length > maxBytes) throw tooLarge(maxBytes)
    return { kind: 'image', contentType: 'image/jpeg', bytes: clean }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw unreadable('照片')
  }
}
