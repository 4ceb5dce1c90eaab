/**
 * 居住证申领 (SF-GA-0008, 在线预审) ends with an e-居住证 in the wallet: the citizen applies online
 * (居住地址 and 居住起始日期 in the form, photo and 居住证明 uploaded), the reviewer passes the
 * pre-review, the hall scan of the citizen's booking records the visit, 办结 issues the
 * residence_permit declared in server/seed-data/result-kinds.ts — name and ID number from the
 * proven identity, the address from the form, valid one year, the police department as
 * issuer, the address masked — and another citizen sees none of it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { demoServices } from '../../../server/seed-data/demo-services'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, zhangWei } from '../../support/identity'
import { pdf, png, uploadForm } from '../../support/upload-files'
import { startApplicationsApp, type ApplicationsHarness } from '../applications/harness'

const PERMIT = 'SF-GA-0008'
const PHOTO = '近期免冠彩色照片（白底，35mm×45mm）'
const PROOF = '居住证明（房屋租赁合同或房屋产权证明）'
const HALL = 'chengdong-police'
const ADDRESS = '示范市城东区振兴大道100号3栋502室'
/** Monday 14 Sep 2026, 09:10 in China; the visit is booked for Tuesday. */
const MONDAY = new Date('2026-09-14T01:10:00Z')
const DEPARTMENT = demoServices.find((item) => item.code === PERMIT)!.department

describe.each(dialects())('results: 居住证申领 puts an e-居住证 into the wallet on $name', (dialect) => {
  let dir: string
  const { app } = useDialectApp(dialect, async (testDb): Promise<ApplicationsHarness> => {
    dir = mkdtempSync(join(tmpdir(), 'gm-permit-'))
    const harness = await startApplicationsApp(testDb, { UPLOADS_DIR: dir })
    const closeApp = harness.close
    return Object.assign(harness, { close: async () => (await closeApp(), rmSync(dir, { recursive: true, force: true })) })
  })

  beforeEach(() => app.clock.set(MONDAY))

  const upload = async (token: string, material: string, bytes: Buffer, name: string, type: string): Promise<string> => {
    const response = await fetch(`${app.server.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: uploadForm(PERMIT, material, bytes, name, type) })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const move = async (id: string, to: string) => {
    const moved = await app.transition(await app.reviewerToken(), id, to)
    if (moved.status !== 200) throw new Error(`${to}: ${moved.text}`)
  }
  const certificatesOf = async (token: string) => (await app.request('/api/certificates', { token })).body.items as Record<string, unknown>[]

  test('applied online, 预审通过, visit recorded by the hall scan, 办结: the 居住证 is in the wallet with the masked address; another citizen has none', async () => {
    let zhang = await app.citizen('h5dev', 'permit-zhang', zhangWei)

    // The form asks for the address and the date; the ID card is his e-身份证, the photo and the 居住证明 are uploads.
    const form = await app.request(`/api/services/${PERMIT}/application-form`, { token: zhang })
    expect(form.status).toBe(200)
    expect((form.body.fields as { key: string }[]).map((field) => field.key)).toEqual(expect.arrayContaining(['residenceAddress', 'residenceSince']))
    const provisions = Object.fromEntries((form.body.materials as { name: string; provision: string }[]).map((material) => [material.name, material.provision]))
    expect(provisions).toEqual({ 居民身份证: 'certificate', [PHOTO]: 'upload', [PROOF]: 'upload' })

    const before = new Set((await certificatesOf(zhang)).map((item) => item.id))
    const photo = await upload(zhang, PHOTO, await png(), 'photo.png', 'image/png')
    const proof = await upload(zhang, PROOF, pdf(), 'contract.pdf', 'application/pdf')
    const submitted = await app.submit(zhang, {
      itemCode: PERMIT,
      values: { residenceAddress: ADDRESS, residenceSince: '2026-01-10' },
      materials: [
        { name: PHOTO, uploadId: photo },
        { name: PROOF, uploadId: proof },
      ],
    })
    expect(submitted.status).toBe(201)
    const id = submitted.body.id as string

    await move(id, 'pre_review_passed')
    const booked = await app.request('/api/appointments', { method: 'POST', token: zhang, payload: { itemCode: PERMIT, hallId: HALL, date: '2026-09-15', start: '10:30' } })
    expect(booked.status).toBe(201)
    app.clock.set(new Date('2026-09-15T02:20:00Z'))
    // A day later the session has lapsed: he proves himself again, as on the day at the hall.
    zhang = await app.citizen('h5dev', 'permit-zhang', zhangWei)
    const codeResponse = await app.request(`/api/appointments/${booked.body.id}/code`, { token: zhang })
    expect(codeResponse.status).toBe(200)
    const code = codeResponse.body.code as string
    const scan = await app.request('/api/operator/appointments/check-in', { method: 'POST', token: await app.reviewerToken(), payload: { code } })
    expect(scan.body).toMatchObject({ valid: true, preReview: { applicationNumber: submitted.body.number } })
    expect((await app.request(`/api/applications/${id}`, { token: zhang })).body).toMatchObject({ status: 'visited' })
    // Nothing in the wallet before 办结.
    expect((await certificatesOf(zhang)).filter((item) => !before.has(item.id))).toEqual([])

    await move(id, 'completed')

    // The wallet list: one new 居住证, valid for a year from 办结, issued by the department, the number masked.
    const added = (await certificatesOf(zhang)).filter((item) => !before.has(item.id))
    expect(added).toEqual([
      expect.objectContaining({
        type: 'residence_permit',
        typeName: '居住证',
        issuer: DEPARTMENT,
        issuedOn: '2026-09-15',
        validUntil: '2027-09-15',
        status: 'valid',
        number: expect.stringMatching(/^110\*+\d{3}[\dX]$/),
      }),
    ])
    const certificateId = added[0]!.id as string

    // Its fields: the address from the form, masked down to the district; the full address in no response.
    const detail = await app.request(`/api/certificates/${certificateId}`, { token: zhang })
    expect(detail.status).toBe(200)
    const fields = Object.fromEntries((detail.body.fields as { key: string; value: string }[]).map((field) => [field.key, field.value]))
    expect(fields).toEqual({ name: '张*', idNumber: added[0]!.number, address: '示范市城东区****' })
    expect(detail.text).not.toContain(ADDRESS)

    // The result says where it went.
    const result = await app.request(`/api/applications/${id}/result`, { token: zhang })
    expect(result.body.result).toMatchObject({ kind: 'certificate', title: '居住证', certificate: { certificateId, typeName: '居住证' } })

    // Another citizen: nothing in their wallet, not found by id.
    const li = await app.citizen('h5dev', 'permit-li', liNa)
    expect((await certificatesOf(li)).map((item) => item.id)).not.toContain(certificateId)
    expect((await certificatesOf(li)).filter((item) => item.type === 'residence_permit' && item.issuer === DEPARTMENT)).toEqual([])
    expect((await app.request(`/api/certificates/${certificateId}`, { token: li })).status).toBe(404)
    expect((await app.request(`/api/applications/${id}/result`, { token: li })).status).toBe(404)
  })
})
