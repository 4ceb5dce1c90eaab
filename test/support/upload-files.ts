/**
 * Files for the upload tests, made here: a JPEG carrying camera and GPS EXIF (what a phone
 * photo carries), a PNG, a small valid PDF, and things that only pretend to be files.
 */
import sharp from 'sharp'

export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCamMaker', Model: 'PhoneX' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '104/1 4/1 0/1' },
    })
    .toBuffer()
}

export async function png(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 20, channels: 3, background: '#c33' } }).png().toBuffer()
}

/** A one-page PDF (the smallest a reader opens), optionally padded to a size. */
export function pdf(padTo = 0): Buffer {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n'
  const padding = padTo > body.length ? `%${'x'.repeat(padTo - body.length - 40)}\n` : ''
  return Buffer.from(`${body}${padding}trailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1')
}

/** An upload as the mini-programs send it: multipart with itemCode, material and file. */
export function uploadForm(itemCode: string, material: string, bytes: Buffer, fileName = 'photo.jpg', type = 'image/jpeg'): FormData {
  const form = new FormData()
  form.append('itemCode', itemCode)
  form.append('material', material)
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), fileName)
  return form
}
