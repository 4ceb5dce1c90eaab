import { CERTIFICATE_RESULT_WORDS, DELIVERY_METHODS, PROOF_STATUS_WORDS } from '@/contract/results/data'
import type { IssuedResult } from '@/contract/results/schemas'
import { formatDate } from '@/utils/format'
import { formatYuan } from '@/utils/money'

export const RESULT_LIST_PAGE = '/packages/results/pages/list/index'
export const resultPage = (id: string) => `/packages/results/pages/detail/index?id=${encodeURIComponent(id)}`
/** The wallet's page of one certificate (a certificate result links there). */
export const certificatePage = (id: string) => `/packages/certificates/pages/detail/index?id=${encodeURIComponent(id)}`
export const applicationResultPage = (applicationId: string) => `/packages/results/pages/detail/index?applicationId=${encodeURIComponent(applicationId)}`

/** One line under a result's title in 我的证明: what state it is in, in words. */
export function resultSummary(result: IssuedResult): string {
  if (result.proof) {
    const status = PROOF_STATUS_WORDS[result.proof.status]
    return result.proof.status === 'valid' ? `${status} · 有效期至${formatDate(result.proof.expiresAt)}` : status
  }
  if (result.money) return result.money.amountCents === null ? '已发放，金额以到账为准' : `已发放 ${formatYuan(result.money.amountCents)} 元`
  if (result.certificate) return CERTIFICATE_RESULT_WORDS
  if (result.physical) {
    const delivery = result.physical.delivery
    if (!delivery) return '请选择领取方式'
    if (delivery.method === 'ems') return delivery.trackingNumber ? `已寄出 · 运单号 ${delivery.trackingNumber}` : '已选择邮寄，等待寄出'
    return DELIVERY_METHODS.counter
  }
  return ''
}
