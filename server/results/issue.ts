import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { maskIdNumber, maskName, maskNumbersInText } from '../privacy/masking'
import { generateProofCode, signProof, type SignedProofFields } from '../social-security/proof-codes'
import { issueCertificateResult } from './certificate-issue'
import { findDeclaration } from './declarations'
import { fillStatement, type ProofContent } from './proof-content'
import { resultsDb, type IssuedResultsTable } from './tables'

const DAY_MS = 24 * 60 * 60 * 1000

/** What issuing needs besides the transaction: the proof-signing key and the identity crypto. */
export interface ResultIssuer {
  /** SOCIAL_PROOF_KEY: the platform's proof-signing key (参保证明 and every issued proof). */
  proofKey: Buffer
  crypto: IdentityCrypto
}

/**
 * A finished (办结) matter whose result is due: an application, or one member item of a
 * 一件事 package. One result per `applicationId`, ever.
 */
export interface FinishedMatter {
  /** The application (or package member) id the result belongs to. */
  applicationId: string
  citizenId: string
  itemCode: string
  /** The values as submitted (plain): statement placeholders, the amount and account of money results. */
  values: Readonly<Record<string, string | number>>
}

/**
 * THE interface for delivering a result: call it inside the transaction that marks the matter
 * 办结. It reads the item's declared result kind (service_result_kinds) and writes the result
 * row: a signed proof with a verification code, a money result (amount, masked account), or a
 * physical result awaiting the citizen's delivery choice, or an e-certificate put into the
 * citizen's wallet (the row's content names it). Nothing when the item declares no
 * result. Idempotent: a second call for the same applicationId writes nothing (unique
 * application_id), so a retried or raced 办结 still issues exactly once.
 *
 * Returns the result id when this call issued it, undefined otherwise.
 */
export async function issueResult(trx: Kysely<Database>, issuer: ResultIssuer, matter: FinishedMatter, now: Date): Promise<string | undefined> {
  const declaration = await findDeclaration(trx, matter.itemCode)
  if (!declaration) return undefined
  const results = resultsDb(trx)
  const item = await trx.selectFrom('service_items').select(['department']).where('code', '=', matter.itemCode).executeTakeFirst()
  const department = item?.department ?? ''
  const issuedAt = now.toISOString()
  const base: Insertable<IssuedResultsTable> = {
    id: randomUUID(),
    application_id: matter.applicationId,
    citizen_id: matter.citizenId,
    item_code: matter.itemCode,
    kind: declaration.kind,
    title: declaration.title,
    department,
    issued_at: issuedAt,
    code: null,
    token: null,
    content: '{}',
    expires_at: null,
    amount_cents: null,
    account_masked: null,
    delivery_method: null,
    delivery_encrypted: null,
    delivery_masked: null,
    delivery_chosen_at: null,
    tracking_number: null,
  }
  const text = (key: string) => (matter.values[key] === undefined ? '' : String(matter.values[key]))
  let row = base
  if (declaration.kind === 'proof') {
    const citizen = await trx.selectFrom('citizens').select(['name', 'id_number_encrypted']).where('id', '=', matter.citizenId).executeTakeFirstOrThrow()
    const holderName = maskName(citizen.name)
    const holderIdNumber = maskIdNumber(issuer.crypto.decrypt(citizen.id_number_encrypted))
    const formWords: Record<string, string> = {}
    // Form values go into a document others read: any number in them that looks like an ID or phone is masked.
    for (const key of Object.keys(matter.values)) formWords[key] = maskNumbersInText(text(key))
    const content: ProofContent = {
      title: declaration.title,
      department,
      holderName,
      holderIdNumber,
      statement: fillStatement(declaration.statement, { ...formWords, name: holderName, idNumber: holderIdNumber }),
    }
    const expiresAt = new Date(now.getTime() + declaration.validDays * DAY_MS).toISOString()
    const fields: SignedProofFields = { code: generateProofCode(), from: issuedAt.slice(0, 10), to: expiresAt.slice(0, 10), issuedAt, expiresAt, content: JSON.stringify(content) }
    row = { ...base, code: fields.code, token: signProof(issuer.proofKey, fields), content: fields.content, expires_at: expiresAt }
  } else if (declaration.kind === 'money') {
    const amountValue = declaration.amountField === undefined ? undefined : matter.values[declaration.amountField]
    const amount = Number(amountValue)
    const account = declaration.accountField === undefined ? '' : text(declaration.accountField).replace(/\s/g, '')
    row = {
      ...base,
      amount_cents: amountValue !== undefined && Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : null,
      account_masked: account === '' ? null : maskBankAccount(account),
    }
  }
  const inserted = await results
    .insertInto('issued_results')
    .values(row)
    .onConflict((conflict) => conflict.column('application_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  // The certificate only after this call won the result row: a second 办结 issues no second certificate.
  if (inserted && declaration.kind === 'certificate') {
    const certificateId = await issueCertificateResult(trx, issuer.crypto, declaration, { resultId: inserted.id, citizenId: matter.citizenId, values: matter.values }, department, now)
    await results.updateTable('issued_results').set({ content: JSON.stringify({ certificateId }) }).where('id', '=', inserted.id).execute()
  }
  return inserted?.id
}

/** A bank account as statements show it: only the last four digits (`**** **** **** 1234`). */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s/g, '')
  return digits.length <= 4 ? '****' : `**** **** **** ${digits.slice(-4)}`
}

/** The fields a proof row is signed over, as stored. */
export function signedFieldsOf(row: { code: string; issued_at: string; expires_at: string; content: string }): SignedProofFields {
  return { code: row.code, from: row.issued_at.slice(0, 10), to: row.expires_at.slice(0, 10), issuedAt: row.issued_at, expiresAt: row.expires_at, content: row.content }
}
