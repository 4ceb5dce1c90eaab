/**
 * Builds the payment providers the configuration allows:
 *  - weapp (WeChat Pay v3 JSAPI) when the six WECHATPAY_* settings and WECHAT_APPID are set;
 *  - alipay (alipay.trade.* for mini-programs) when ALIPAY_APPID and both keys are set;
 *  - h5dev (the development provider) when PAYMENT_DEV=1 — never in production.
 * Notifications come back to PUBLIC_ORIGIN/api/payments/notify/<platform>.
 */
import type { Config } from '../../config'
import { createAlipayGateway } from '../../identity/providers/alipay-gateway'
import { loadRsaPrivateKey, loadRsaPublicKey } from '../../identity/providers/rsa-keys'
import type { ProviderLogger } from '../../identity/providers/upstream'
import type { PaymentProviders } from '../service'
import { createAlipayPay } from './alipay-pay'
import { createDevPay } from './dev-pay'
import { createWechatPay } from './wechat-pay'

export type PaymentProviderConfig = Pick<
  Config,
  | 'nodeEnv'
  | 'publicOrigin'
  | 'wechatAppId'
  | 'wechatPayMchId'
  | 'wechatPayMerchantSerial'
  | 'wechatPayPrivateKey'
  | 'wechatPayApiV3Key'
  | 'wechatPayPublicKey'
  | 'wechatPayPublicKeyId'
  | 'wechatPayApiBase'
  | 'alipayAppId'
  | 'alipayPrivateKey'
  | 'alipayPublicKey'
  | 'alipayGateway'
  | 'identityTimeoutMs'
  | 'paymentDev'
>

export const NOTIFY_PATHS = { weapp: '/api/payments/notify/wechat', alipay: '/api/payments/notify/alipay' } as const

export function createPaymentProviders(config: PaymentProviderConfig, logger: ProviderLogger): PaymentProviders {
  const providers: PaymentProviders = {}
  const origin = config.publicOrigin.replace(/\/$/, '')
  const timeoutMs = config.identityTimeoutMs

  const { wechatAppId, wechatPayMchId, wechatPayMerchantSerial, wechatPayPrivateKey, wechatPayApiV3Key, wechatPayPublicKey, wechatPayPublicKeyId } = config
  if (wechatAppId && wechatPayMchId && wechatPayMerchantSerial && wechatPayPrivateKey && wechatPayApiV3Key && wechatPayPublicKey && wechatPayPublicKeyId) {
    providers.weapp = createWechatPay({
      appId: wechatAppId,
      mchId: wechatPayMchId,
      merchantSerial: wechatPayMerchantSerial,
      merchantPrivateKey: loadRsaPrivateKey(wechatPayPrivateKey),
      apiV3Key: wechatPayApiV3Key,
      platformPublicKey: loadRsaPublicKey(wechatPayPublicKey),
      platformKeyId: wechatPayPublicKeyId,
      apiBase: config.wechatPayApiBase.replace(/\/$/, ''),
      notifyUrl: origin + NOTIFY_PATHS.weapp,
      timeoutMs,
      logger,
    })
  }

  if (config.alipayAppId && config.alipayPrivateKey && config.alipayPublicKey) {
    const alipayPublicKey = loadRsaPublicKey(config.alipayPublicKey)
    const gateway = createAlipayGateway({ appId: config.alipayAppId, privateKey: config.alipayPrivateKey, alipayPublicKey, gateway: config.alipayGateway, timeoutMs, logger })
    providers.alipay = createAlipayPay({ appId: config.alipayAppId, gateway, alipayPublicKey, notifyUrl: origin + NOTIFY_PATHS.alipay, timeoutMs, logger })
  }

  if (config.paymentDev) {
    // loadConfig already refuses this combination; this guards configs built by hand.
    if (config.nodeEnv === 'production') throw new Error('PAYMENT_DEV must not be enabled when NODE_ENV=production')
    providers.h5dev = createDevPay()
  }
  return providers
}
