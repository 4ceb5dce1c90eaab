/**
 * Alipay identity verification (身份验证, biz_code FACE), confirmed server-side.
 *
 *  1. alipay.user.certify.open.initialize with biz_content { outer_order_no, biz_code: 'FACE',
 *     identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name,
 *     cert_no }, merchant_config: { return_url } } → certify_id.
 *  2. alipay.user.certify.open.certify is a page method: a signed GET URL on the gateway with
 *     biz_content { certify_id }, handed to the client for my.startAPVerify({ url, certifyId }).
 *  3. alipay.user.certify.open.query with biz_content { certify_id } → passed 'T' | 'F'.
 * Field names from the method docs (docs.open.alipay.com/api_2/alipay.user.certify.open.*)
 * and the Java SDK models; an unknown certify_id answers 40004 OPEN_CERTIFY_BILL_NOT_EXIST
 * (seen in a real response quoted on Alipay's developer community). The query result says
 * nothing about who was verified, so the domain must accept a certifyId only from the
 * verification it started for this citizen (store the certifyId from start()).
 */
import { AppError } from '../../errors'
import { commonFailure, createAlipayGateway, failureDetails, type AlipayGateway, type AlipayGatewayOptions } from './alipay-gateway'
import type { FaceStart, FaceSubject, FaceVerifier } from './types'
import { upstreamUnavailable, type ProviderLogger } from './upstream'

export const CERTIFY_INITIALIZE_METHOD = 'alipay.user.certify.open.initialize'
export const CERTIFY_PAGE_METHOD = 'alipay.user.certify.open.certify'
export const CERTIFY_QUERY_METHOD = 'alipay.user.certify.open.query'

/**
 * merchant_config.return_url is required by initialize ("需要回跳的目标地址"). Inside the Alipay
 * mini-program the result comes back through my.startAPVerify's callback, so the page is only
 * a fallback; which page Alipay expects for mini-programs could not be confirmed, hence an
 * option (createIdentityProviders leaves it at this neutral default).
 */
export const DEFAULT_CERTIFY_RETURN_URL = 'https://www.alipay.com/'

export interface AlipayFaceOptions {
  gateway: AlipayGateway | AlipayGatewayOptions
  logger: ProviderLogger
  returnUrl?: string
}

export function createAlipayFaceVerifier(options: AlipayFaceOptions): FaceVerifier {
  const gateway = 'execute' in options.gateway ? options.gateway : createAlipayGateway(options.gateway)
  const { logger } = options
  const returnUrl = options.returnUrl ?? DEFAULT_CERTIFY_RETURN_URL

  function fail(reason: string, message: string, details: object = {}): never {
    logger.warn({ upstream: 'alipay.certify', reason, ...details }, 'alipay face verification not accepted')
    throw new AppError('FACE_VERIFICATION_FAILED', { message })
  }

  async function start(subject: FaceSubject, outerOrderNo: string): Promise<FaceStart> {
    // Alipay: "商户请求的唯一标识 … 32位长度的字母数字组合". A bad one is a bug in the caller.
    if (!/^[A-Za-z0-9]{1,32}$/.test(outerOrderNo)) throw new Error('outerOrderNo must be 1-32 letters or digits')

    const result = await gateway.execute(CERTIFY_INITIALIZE_METHOD, {
      bizContent: {
        outer_order_no: outerOrderNo,
        biz_code: 'FACE',
        identity_param: {
          identity_type: 'CERT_INFO',
          cert_type: 'IDENTITY_CARD',
          cert_name: subject.name.trim(),
          cert_no: subject.idNumber.trim().toUpperCase(),
        },
        merchant_config: { return_url: returnUrl },
      },
    })
    if (!result.ok) throw commonFailure(result, CERTIFY_INITIALIZE_METHOD, logger)
    const certifyId = result.body.certify_id
    if (typeof certifyId !== 'string' || certifyId === '') {
      logger.error({ upstream: 'alipay.gateway', method: CERTIFY_INITIALIZE_METHOD }, 'alipay certify: no certify_id in the answer')
      throw upstreamUnavailable()
    }
    const url = gateway.pageUrl(CERTIFY_PAGE_METHOD, { bizContent: { certify_id: certifyId } })
    return { certifyId, url }
  }

  async function confirm(_subject: FaceSubject, evidence: { certifyId?: string; verifyResult?: string }): Promise<void> {
    const certifyId = evidence.certifyId
    if (typeof certifyId !== 'string' || certifyId === '') {
      fail('missing_certify_id', '没有收到人脸核验结果，请重新进行人脸核验')
    }
    // The client's my.startAPVerify callback is not evidence; only this query is.
    const result = await gateway.execute(CERTIFY_QUERY_METHOD, { bizContent: { certify_id: certifyId } })
    if (!result.ok) {
      if (result.subCode === 'OPEN_CERTIFY_BILL_NOT_EXIST') {
        fail('unknown_certify_id', '人脸核验记录不存在或已过期，请重新进行人脸核验', failureDetails(result, CERTIFY_QUERY_METHOD))
      }
      throw commonFailure(result, CERTIFY_QUERY_METHOD, logger)
    }
    if (result.body.passed !== 'T') {
      fail('not_passed', '人脸核验未通过，请在光线充足处由本人重试', { passed: result.body.passed, failReason: result.body.fail_reason })
    }
  }

  return { provider: 'alipay', start, confirm }
}
