import type { FastifyReply, FastifyRequest } from 'fastify'
import { INSURANCE_TYPE_WORDS } from '../../src/contract/social-security/data'
import type { ProofVerification } from '../../src/contract/social-security/schemas'
import { chineseDate } from '../applications/deadline'
import { AppError } from '../errors'
import { renderVerificationPage, VERIFICATION_PAGE_CSP, type VerificationStatus } from '../http/verification-page'

/**
 * The QR of a 参保证明 carries its verify URL. A phone camera opens it in a browser, which
 * asks for text/html: that request gets the human-readable page (有效 / 已过期 / 已被篡改或不存在)
 * instead of JSON, at the same URL, so printed proofs, the in-app scanner and API clients
 * (which ask for JSON) all keep working.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '')
  return /\btext\/html\b/.test(accept) && !/^\s*application\/json/.test(accept)
}

const month = (value: string) => `${value.slice(0, 4)}年${Number(value.slice(5, 7))}月`

export async function sendSocialProofPage(reply: FastifyReply, code: string, verify: () => Promise<ProofVerification>): Promise<FastifyReply> {
  let status: VerificationStatus = 'valid'
  let proof: ProofVerification | undefined
  try {
    proof = await verify()
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    status = error.code === 'PROOF_EXPIRED' ? 'expired' : 'invalid'
  }
  const html = renderVerificationPage({
    status,
    code: proof?.code ?? code.slice(0, 20),
    ...(proof
      ? {
          facts: {
            title: '社会保险参保缴费证明',
            issuer: proof.content.agency,
            holder: `${proof.content.name}（${proof.content.idNumber}）`,
            statement: `参保地：${proof.content.insuredCity}；险种：${proof.content.types.map((type) => `${INSURANCE_TYPE_WORDS[type.type]}（缴费${type.monthsPaid}个月）`).join('、')}`,
            period: `${month(proof.content.from)}至${month(proof.content.to)}`,
            issuedOn: chineseDate(proof.issuedAt),
            validUntil: chineseDate(proof.expiresAt),
          },
        }
      : {}),
  })
  return reply.code(status === 'invalid' ? 404 : 200).header('content-security-policy', VERIFICATION_PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html)
}
