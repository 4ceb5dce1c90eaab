import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { formatProofCode } from '../../src/contract/social-security/data'
import { RESULT_DOWNLOAD_LINK_SECONDS, type ProofStatus } from '../../src/contract/results/data'
import type { DeliveryChoice, DeliveryView, DownloadLink, IssuedResult } from '../../src/contract/results/schemas'
import { chineseDate } from '../applications/deadline'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import type { IdentityCrypto } from '../identity/crypto'
import { maskName, maskPhone } from '../privacy/masking'
import { normaliseProofCode, proofTokenMatches } from '../social-security/proof-codes'
import { findDeclaration } from './declarations'
import { signedFieldsOf } from './issue'
import { certificateResultsOf } from './certificate-view'
import type { ProofContent } from './proof-content'
import { renderProofPdf } from './proof-pdf'
import { resultsDb, type IssuedResultsTable } from './tables'

export type ResultRow = Selectable<IssuedResultsTable>

export interface ResultsServiceOptions {
  db: Kysely<Database>
  crypto: IdentityCrypto
  /** SOCIAL_PROOF_KEY: checks proof signatures and signs download links. */
  proofKey: Buffer
  /** PUBLIC_ORIGIN: where the verification page lives (what the QR and the PDF print). */
  publicOrigin: string
  clock: () => Date
}

export function resultNotFound(): AppError {
  return new AppError('NOT_FOUND', { message: '没有找到该办理结果，请返回“我的证明”刷新后重试' })
}

/** A masked address: the first six characters (district level) kept, the rest starred. */
export function maskAddress(address: string): string {
  const characters = Array.from(address.trim())
  return characters.length <= 6 ? '*'.repeat(characters.length) : `${characters.slice(0, 6).join('')}${'*'.repeat(Math.min(8, characters.length - 6))}`
}

/** Results: the citizen's views, the PDF, the delivery choice, the department's tracking number, public verification. */
export function createResultsService({ db, crypto, proofKey, publicOrigin, clock }: ResultsServiceOptions) {
  const results = resultsDb(db)
  const verifyUrlOf = (code: string) => `${publicOrigin}/verify/${formatProofCode(code)}`
  const linkKey = createHmac('sha256', proofKey).update('result-download-link').digest()
  const linkSignature = (id: string, expires: string) => createHmac('sha256', linkKey).update(`${id}.${expires}`).digest('base64url')

  /** valid / expired / invalid (signature no longer matches the stored row). */
  const proofStatus = (row: ResultRow, now: Date): ProofStatus => {
    if (!row.code || !row.token || !row.expires_at) return 'invalid'
    if (!proofTokenMatches(proofKey, signedFieldsOf({ code: row.code, issued_at: row.issued_at, expires_at: row.expires_at, content: row.content }), row.token)) return 'invalid'
    return now.getTime() >= Date.parse(row.expires_at) ? 'expired' : 'valid'
  }

  const view = async (rows: readonly ResultRow[]): Promise<IssuedResult[]> => {
    if (rows.length === 0) return []
    const codes = [...new Set(rows.map((row) => row.item_code))]
    const items = await db.selectFrom('service_items').select(['code', 'name', 'counter_address']).where('code', 'in', codes).execute()
    const byCode = new Map(items.map((item) => [item.code, item]))
    const now = clock()
    const certificates = await certificateResultsOf(db, rows)
    const out: IssuedResult[] = []
    for (const row of rows) {
      const item = byCode.get(row.item_code)
      const base: IssuedResult = {
        id: row.id,
        applicationId: row.application_id,
        itemCode: row.item_code,
        itemName: item?.name ?? row.item_code,
        department: row.department,
        kind: row.kind,
        title: row.title,
        issuedAt: row.issued_at,
      }
      if (row.kind === 'proof' && row.code && row.expires_at) {
        const content = JSON.parse(row.content) as ProofContent
        base.proof = {
          code: formatProofCode(row.code),
          verifyUrl: verifyUrlOf(row.code),
          expiresAt: row.expires_at,
          status: proofStatus(row, now),
          holderName: content.holderName,
          holderIdNumber: content.holderIdNumber,
          statement: content.statement,
        }
      } else if (row.kind === 'money') {
        base.money = { amountCents: row.amount_cents === null ? null : Number(row.amount_cents), account: row.account_masked, paidAt: row.issued_at }
      } else if (row.kind === 'certificate') {
        const certificate = certificates.get(row.id)
        if (certificate) base.certificate = certificate
      } else if (row.kind === 'physical') {
        const declaration = await findDeclaration(db, row.item_code)
        base.physical = {
          methods: declaration?.kind === 'physical' ? declaration.methods : ['counter'],
          delivery: deliveryOf(row),
          counterAddress: item?.counter_address ?? '',
        }
      }
      out.push(base)
    }
    return out
  }

  const deliveryOf = (row: ResultRow): DeliveryView | null => {
    if (!row.delivery_method || !row.delivery_chosen_at) return null
    const masked = row.delivery_masked ? (JSON.parse(row.delivery_masked) as { recipient: string; phone: string; address: string }) : undefined
    return { method: row.delivery_method, ...(masked ?? {}), trackingNumber: row.tracking_number, chosenAt: row.delivery_chosen_at }
  }

  const ownRow = async (citizenId: string, id: string): Promise<ResultRow> => {
    const row = await results.selectFrom('issued_results').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst()
    if (!row) throw resultNotFound()
    return row
  }

  const one = async (row: ResultRow) => (await view([row]))[0]!

  return {
    view,
    proofStatus,
    verifyUrlOf,

    async list(citizenId: string): Promise<IssuedResult[]> {
      const rows = await results.selectFrom('issued_results').selectAll().where('citizen_id', '=', citizenId).orderBy('issued_at', 'desc').orderBy('id').limit(100).execute()
      return view(rows)
    },

    async get(citizenId: string, id: string): Promise<IssuedResult> {
      return one(await ownRow(citizenId, id))
    },

    /** null while the application is not finished; 404 when there is no such application. */
    async forApplication(applicationId: string): Promise<IssuedResult | null> {
      const row = await results.selectFrom('issued_results').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
      if (row) return one(row)
      const application = await db.selectFrom('applications').select('id').where('id', '=', applicationId).executeTakeFirst()
      if (!application) throw new AppError('NOT_FOUND', { message: '没有这个申请' })
      return null
    },

    /** A short-lived signed link to the proof's PDF: downloadFile on the mini programs, a plain link on H5. */
    async downloadLink(citizenId: string, id: string): Promise<DownloadLink> {
      const row = await ownRow(citizenId, id)
      // The caller's own result, of another kind: there is nothing to download (not a 404: it exists).
      if (row.kind !== 'proof') throw new AppError('CONFLICT', { message: '该办理结果不是电子证明，没有可下载的文件' })
      const expires = String(Math.floor(clock().getTime() / 1000) + RESULT_DOWNLOAD_LINK_SECONDS)
      return {
        path: `/api/results/${row.id}/pdf?e=${expires}&s=${linkSignature(row.id, expires)}`,
        expiresAt: new Date(Number(expires) * 1000).toISOString(),
        fileName: `${row.title}-${formatProofCode(row.code ?? '')}.pdf`,
      }
    },

    /** The PDF behind a signed link; a wrong or expired signature is 404 (nothing to probe). */
    async pdf(id: string, expires: string, signature: string): Promise<{ bytes: Buffer; fileName: string }> {
      const expected = Buffer.from(linkSignature(id, expires))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given) || Number(expires) * 1000 <= clock().getTime()) {
        throw new AppError('NOT_FOUND', { message: '下载链接已失效，请回到“我的证明”重新下载' })
      }
      const row = await results.selectFrom('issued_results').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row || row.kind !== 'proof' || !row.code || !row.expires_at) throw resultNotFound()
      const content = JSON.parse(row.content) as ProofContent
      const bytes = await renderProofPdf({
        content,
        code: formatProofCode(row.code),
        verifyUrl: verifyUrlOf(row.code),
        issuedOn: chineseDate(row.issued_at),
        validUntil: chineseDate(row.expires_at),
      })
      return { bytes, fileName: `${row.title}-${formatProofCode(row.code)}.pdf` }
    },

    /** The citizen's choice for a physical result: EMS (details encrypted, masks kept) or the counter; fixed once posted. */
    async chooseDelivery(citizenId: string, id: string, choice: DeliveryChoice): Promise<IssuedResult> {
      const row = await ownRow(citizenId, id)
      if (row.kind !== 'physical') throw new AppError('VALIDATION_FAILED', { field: 'params.id', rule: 'physical results only', message: '该办理结果无需选择领取方式' })
      const declaration = await findDeclaration(db, row.item_code)
      const methods = declaration?.kind === 'physical' ? declaration.methods : ['counter']
      if (!methods.includes(choice.method)) {
        throw new AppError('VALIDATION_FAILED', { field: 'body.method', rule: `one of ${methods.join(', ')}`, message: '该事项不支持这种领取方式，请选择窗口领取' })
      }
      if (row.tracking_number) throw new AppError('CONFLICT', { message: '证件已寄出，不能再修改领取方式' })
      const at = clock().toISOString()
      const ems = choice.method === 'ems' ? { recipient: choice.recipient.trim(), phone: choice.phone, address: choice.address.trim() } : undefined
      const updated = await results
        .updateTable('issued_results')
        .set({
          delivery_method: choice.method,
          delivery_encrypted: ems ? crypto.encrypt(JSON.stringify(ems)) : null,
          delivery_masked: ems ? JSON.stringify({ recipient: maskName(ems.recipient), phone: maskPhone(ems.phone), address: maskAddress(ems.address) }) : null,
          delivery_chosen_at: at,
        })
        .where('id', '=', row.id)
        .where('tracking_number', 'is', null)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { message: '证件已寄出，不能再修改领取方式' })
      return this.get(citizenId, id)
    },

    /** The department's EMS waybill number for an application's physical result posted by EMS. */
    async setTracking(applicationId: string, trackingNumber: string): Promise<IssuedResult> {
      const row = await results.selectFrom('issued_results').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
      if (!row) throw new AppError('NOT_FOUND', { message: '该申请还没有办理结果（办结后才会生成）' })
      if (row.kind !== 'physical' || row.delivery_method !== 'ems') {
        throw new AppError('VALIDATION_FAILED', { field: 'body.trackingNumber', rule: 'ems delivery only', message: '申请人未选择邮政EMS寄递，无需填写运单号' })
      }
      await results.updateTable('issued_results').set({ tracking_number: trackingNumber.toUpperCase() }).where('id', '=', row.id).execute()
      return one({ ...row, tracking_number: trackingNumber.toUpperCase() })
    },

    /**
     * The amount a money result paid out, as the department records it after paying (the forms do not
     * state it: the department decides it). Only a money result has one.
     */
    async setPayout(applicationId: string, amountCents: number): Promise<IssuedResult> {
      const row = await results.selectFrom('issued_results').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
      if (!row) throw new AppError('NOT_FOUND', { message: '该申请还没有办理结果（办结后才会生成）' })
      if (row.kind !== 'money') {
        throw new AppError('VALIDATION_FAILED', { field: 'body.amountCents', rule: 'money results only', message: '该事项的办理结果不是款项，无需填写发放金额' })
      }
      await results.updateTable('issued_results').set({ amount_cents: amountCents }).where('id', '=', row.id).execute()
      return one({ ...row, amount_cents: amountCents })
    },

    /** What the public verification page shows for a typed or scanned code. */
    async verify(typed: string) {
      const code = normaliseProofCode(typed)
      const row = code === undefined ? undefined : await results.selectFrom('issued_results').selectAll().where('code', '=', code).executeTakeFirst()
      const shown = code === undefined ? typed.slice(0, 20) : formatProofCode(code)
      if (!row) return { status: 'invalid' as const, code: shown, row: undefined }
      const status = proofStatus(row, clock())
      return { status, code: shown, row: status === 'invalid' ? undefined : row }
    },
  }
}

export type ResultsService = ReturnType<typeof createResultsService>
