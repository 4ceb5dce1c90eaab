/**
 * Uploaded materials on every dialect and on both storages (a local directory; S3 through a
 * local S3-protocol server that checks every SigV4 signature): type by content, photos
 * re-encoded without EXIF/GPS, PDFs kept, size limit, signed links (expiry, tampering, the
 * reader audited), another citizen's upload not found, drafts removable.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { liNa } from '../../support/identity'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import * as s3 from '../../support/protocol-servers/s3-server'
import { APPLY_ITEM } from '../../support/service-items'
import { jpegWithGps, pdf, png, uploadForm } from '../../support/upload-files'
import { startApplicationsApp, type ApplicationsHarness } from '../applications/harness'

const MATERIAL = '单位介绍信'
const MAX_BYTES = 200_000

interface StorageCase {
  name: string
  start(): Promise<{ env: Record<string, string>; stored(): number; checked(): number; close(): Promise<void> }>
}

const STORAGES: StorageCase[] = [
  {
    name: 'local directory',
    async start() {
      const dir = mkdtempSync(join(tmpdir(), 'gm-uploads-'))
      const count = (path: string): number =>
        readdirSync(path, { withFileTypes: true }).reduce((sum, entry) => sum + (entry.isDirectory() ? count(join(path, entry.name)) : entry.name.endsWith('.tmp') ? 0 : 1), 0)
      return { env: { UPLOADS_DIR: dir }, stored: () => count(dir), checked: () => 0, close: async () => rmSync(dir, { recursive: true, force: true }) }
    },
  },
  {
    name: 'S3 (local protocol server)',
    async start() {
      const server = await s3.start()
      return { env: server.env(), stored: () => server.objects.size, checked: () => server.verified, close: () => server.close() }
    },
  },
]

type Harness = ApplicationsHarness & { storage: Awaited<ReturnType<StorageCase['start']>> }

describe.each(dialects())('uploads on $name', (dialect) => {
  describe.each(STORAGES)('stored in $name', (storageCase) => {
    const { app } = useDialectApp(dialect, async (testDb): Promise<Harness> => {
      const storage = await storageCase.start()
      const harness = await startApplicationsApp(testDb, { ...storage.env, UPLOAD_MAX_BYTES: String(MAX_BYTES), UPLOAD_LINK_TTL_SECONDS: '60' })
      // The test item's 单位介绍信 may be uploaded (a photo or a scan); its certificates may not.
      const item = await harness.db.selectFrom('service_items').select('materials').where('code', '=', APPLY_ITEM.code).executeTakeFirstOrThrow()
      const materials = (JSON.parse(item.materials) as { name: string; upload?: boolean }[]).map((material) => (material.name === MATERIAL ? { ...material, upload: true } : material))
      await harness.db.updateTable('service_items').set({ materials: JSON.stringify(materials) }).where('code', '=', APPLY_ITEM.code).execute()
      const closeApp = harness.close
      return Object.assign(harness, {
        storage,
        close: async () => {
          await closeApp()
          await storage.close()
        },
      })
    })

    const upload = (token: string, bytes: Buffer, fileName = 'photo.jpg', material = MATERIAL, type = 'image/jpeg') =>
      fetch(`${app.server.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: uploadForm(APPLY_ITEM.code, material, bytes, fileName, type) })
    const linkFor = async (token: string, id: string) => (await app.request(`/api/uploads/${id}/link`, { token })).body as { url: string; expiresAt: string }
    const read = (url: string) => fetch(`${app.server.baseUrl}${url}`)

    let citizen: string
    beforeAll(async () => {
      citizen = await app.citizen('weapp', `uploader-${storageCase.name}`)
    })

    it('re-encodes a phone photo: the stored bytes carry no EXIF, no GPS and no camera, and still show the picture', async () => {
      const original = await jpegWithGps()
      // The fixture really carries what must go.
      expect((await sharp(original).metadata()).exif).toBeDefined()
      expect(original.includes('TestCamMaker')).toBe(true)

      const before = app.storage.stored()
      const response = await upload(citizen, original)
      expect(response.status).toBe(201)
      const view = (await response.json()) as { id: string; kind: string; contentType: string; attached: boolean; material: string }
      expect(view).toMatchObject({ kind: 'image', contentType: 'image/jpeg', attached: false, material: MATERIAL })
      expect(app.storage.stored()).toBe(before + 1)

      const file = await read((await linkFor(citizen, view.id)).url)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('image/jpeg')
      expect(file.headers.get('cache-control')).toContain('no-store')
      const bytes = Buffer.from(await file.arrayBuffer())
      const metadata = await sharp(bytes).metadata()
      expect(metadata.exif).toBeUndefined()
      expect(metadata.xmp).toBeUndefined()
      expect(bytes.includes('Exif')).toBe(false)
      expect(bytes.includes('TestCamMaker')).toBe(false)
      expect(bytes.includes('PhoneX')).toBe(false)
      expect([metadata.width, metadata.height]).toEqual([64, 48])
    })

    it('decides the type by the bytes, not the name: a PNG called .pdf is a photo, text called .jpg is refused', async () => {
      const disguised = await upload(citizen, await png(), 'contract.pdf', MATERIAL, 'application/pdf')
      expect(disguised.status).toBe(201)
      expect(await disguised.json()).toMatchObject({ kind: 'image', contentType: 'image/jpeg' })

      const fake = await upload(citizen, Buffer.from('just some text pretending to be a photo'), 'photo.jpg')
      expect(fake.status).toBe(415)
      expect(await fake.json()).toMatchObject({ error: { code: 'UPLOAD_WRONG_TYPE', field: 'file' } })

      const script = await upload(citizen, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'photo.png', MATERIAL, 'image/png')
      expect(script.status).toBe(415)
    })

    it('keeps a PDF byte for byte, refuses a cut-off one and one over the size limit', async () => {
      const document = pdf()
      const response = await upload(citizen, document, 'scan.pdf', MATERIAL, 'application/pdf')
      expect(response.status).toBe(201)
      const view = (await response.json()) as { id: string; kind: string; size: number }
      expect(view).toMatchObject({ kind: 'pdf', size: document.length })
      const file = await read((await linkFor(citizen, view.id)).url)
      expect(file.headers.get('content-type')).toBe('application/pdf')
      expect(Buffer.from(await file.arrayBuffer()).equals(document)).toBe(true)

      const cut = await upload(citizen, document.subarray(0, 60), 'scan.pdf', MATERIAL, 'application/pdf')
      expect(cut.status).toBe(422)
      expect(await cut.json()).toMatchObject({ error: { code: 'UPLOAD_UNREADABLE' } })

      const before = app.storage.stored()
      const big = await upload(citizen, pdf(MAX_BYTES + 5000), 'big.pdf', MATERIAL, 'application/pdf')
      expect(big.status).toBe(413)
      const body = (await big.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('UPLOAD_TOO_LARGE')
      expect(body.error.message).toContain('文件太大')
      // Nothing of a refused upload is kept.
      expect(app.storage.stored()).toBe(before)
    })

    it('refuses a material that must be handed in as an original, an unknown material and a body without a file, naming the field', async () => {
      const original = await upload(citizen, await png(), 'licence.png', '机动车驾驶证', 'image/png')
      expect(original.status).toBe(400)
      expect(await original.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.material' } })

      const unknown = await upload(citizen, await png(), 'x.png', '不存在的材料', 'image/png')
      expect(unknown.status).toBe(400)
      expect(await unknown.json()).toMatchObject({ error: { field: 'body.material' } })

      const form = new FormData()
      form.append('itemCode', APPLY_ITEM.code)
      form.append('material', MATERIAL)
      const noFile = await fetch(`${app.server.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${citizen}` }, body: form })
      expect(noFile.status).toBe(400)
      expect(await noFile.json()).toMatchObject({ error: { field: 'body.file' } })

      const json = await app.request('/api/uploads', { method: 'POST', token: citizen, payload: { itemCode: APPLY_ITEM.code } })
      expect(json.status).toBe(400)
    })

    it('serves files only through signed links: expired is 410, tampered is 403, every read is audited with its reader', async () => {
      const view = (await (await upload(citizen, await png(), 'a.png', MATERIAL, 'image/png')).json()) as { id: string }
      const { url } = await linkFor(citizen, view.id)
      expect((await read(url)).status).toBe(200)

      const tampered = url.replace(/sig=([A-Za-z0-9_-])/, (_, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`)
      expect((await read(tampered)).status).toBe(403)
      const otherReader = url.replace(/by=a\.[^&]+/, 'by=a.someoneelse')
      expect((await read(otherReader)).status).toBe(403)
      expect((await read(`/api/files/${view.id}`)).status).toBe(400)

      app.clock.advance(61_000)
      const expired = await read(url)
      expect(expired.status).toBe(410)
      expect(await expired.json()).toMatchObject({ error: { code: 'UPLOAD_LINK_EXPIRED' } })
      app.clock.advance(-61_000)

      const reads = await app.db.selectFrom('audit_log').select(['outcome', 'account_id', 'detail']).where('event', '=', 'upload.read').execute()
      const mine = reads.filter((row) => String(row.detail).includes(view.id))
      expect(mine.length).toBe(1)
      expect(mine[0]!.account_id).not.toBeNull()
    })

    it("another citizen gets 404 for someone's upload (link, delete); the owner can delete a draft", async () => {
      const view = (await (await upload(citizen, await png(), 'a.png', MATERIAL, 'image/png')).json()) as { id: string }
      const other = await app.citizen('alipay', `other-${storageCase.name}`, liNa)
      expect((await app.request(`/api/uploads/${view.id}/link`, { token: other })).status).toBe(404)
      expect((await app.request(`/api/uploads/${view.id}`, { method: 'DELETE', token: other })).status).toBe(404)
      const otherList = (await app.request(`/api/uploads?itemCode=${APPLY_ITEM.code}`, { token: other })).body as { items: { id: string }[] }
      expect(otherList.items.map((item) => item.id)).not.toContain(view.id)

      const mineList = (await app.request(`/api/uploads?itemCode=${APPLY_ITEM.code}`, { token: citizen })).body as { items: { id: string }[] }
      expect(mineList.items.map((item) => item.id)).toContain(view.id)
      const before = app.storage.stored()
      expect((await app.request(`/api/uploads/${view.id}`, { method: 'DELETE', token: citizen })).status).toBe(200)
      expect(app.storage.stored()).toBe(before - 1)
      expect((await app.request(`/api/uploads/${view.id}/link`, { token: citizen })).status).toBe(404)
    })

    if (storageCase.name.startsWith('S3')) {
      it('signed every request to object storage (the local server checked each SigV4 signature)', () => {
        expect(app.storage.checked()).toBeGreaterThan(5)
      })
    }
  })
})

describe('the local S3 protocol server', () => {
  it('refuses a request signed with the wrong secret (so the passing suites above were really checked)', async () => {
    const { createS3Storage } = await import('../../../server/uploads/s3-storage')
    const server = await s3.start()
    try {
      const wrong = createS3Storage({ endpoint: server.baseUrl, bucket: server.scenario.bucket, region: server.scenario.region, accessKeyId: server.scenario.accessKeyId, secretAccessKey: 'not-the-secret' })
      await expect(wrong.put('uploads/test/x', Buffer.from('x'), 'application/pdf')).rejects.toThrow('SignatureDoesNotMatch')
      expect(server.refused).toBe(1)
      const right = createS3Storage({ endpoint: server.baseUrl, ...server.scenario })
      await right.put('uploads/test/x', Buffer.from('x'), 'application/pdf')
      expect((await right.get('uploads/test/x'))?.toString()).toBe('x')
      await right.delete('uploads/test/x')
      expect(await right.get('uploads/test/x')).toBeUndefined()
    } finally {
      await server.close()
    }
  })
})
