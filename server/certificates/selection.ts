import { AppError } from '../errors'
import { fieldsOf } from './catalogue'
import type { CertificateRecord } from './repository'
import { certificateStatus } from './status'
import { orderedFieldKeys } from './views'

/** Rules shared by presenting and authorising: a valid certificate, and fields of it. */

export function assertPresentable(record: CertificateRecord, now: Date): void {
  const status = certificateStatus(record, now)
  if (status === 'revoked') throw new AppError('CERTIFICATE_NOT_PRESENTABLE', { message: '该证照已注销，不能出示或授权，请使用有效的证照' })
  if (status === 'expired') throw new AppError('CERTIFICATE_NOT_PRESENTABLE', { message: '该证照已过期，不能出示或授权，请先办理换证' })
}

/** The chosen keys in display order, or 400 on body.fields naming the key that is not a field of this certificate. */
export function selectedFields(record: CertificateRecord, keys: readonly string[]): string[] {
  const ordered = orderedFieldKeys(record.type, keys)
  if ('unknown' in ordered) {
    const valid = fieldsOf(record.type).map((field) => field.key)
    throw new AppError('VALIDATION_FAILED', {
      message: `该证照没有“${ordered.unknown}”这一项，请重新选择要出示的内容`,
      field: 'body.fields',
      rule: `items one of ${valid.join('|')}`,
    })
  }
  return ordered.keys
}
