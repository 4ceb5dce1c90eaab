import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../errors'
import { withErrors } from '../http/with-errors'
import type { PaymentsService } from './service'

export interface NotifyRoutesOptions {
  payments: PaymentsService
}

const MAX_NOTIFICATION_BYTES = 64 * 1024

/**
 * The platforms' payment notifications. The body is kept as the exact text received: the
 * signature covers those bytes, so nothing may parse and re-serialise it first (this plugin
 * is encapsulated: its parsers apply to these two routes only). A notification that fails
 * verification is answered 400 (both platforms then retry it; a real one passes next time)
 * and recorded with the reason.
 */
export const notifyRoutes: FastifyPluginAsyncTypebox<NotifyRoutesOptions> = async (app, { payments }) => {
  const refused = (reason: string) => new AppError('VALIDATION_FAILED', { field: 'body', rule: 'a verified notification', message: `支付通知未通过校验：${reason}` })
  const asText = { parseAs: 'string' as const, bodyLimit: MAX_NOTIFICATION_BYTES }

  // WeChat Pay posts JSON: kept as text (anything else is 415, text/plain fails verification like any forgery).
  await app.register(async (wechat) => {
    wechat.removeContentTypeParser(['application/json', 'text/plain'])
    wechat.addContentTypeParser(['application/json', 'text/plain'], asText, (_request, body, done) => done(null, body))
    wechat.post(
      '/api/payments/notify/wechat',
      {
        schema: {
          summary: 'WeChat Pay v3 payment notification: signature verified with the WeChat Pay public key, resource decrypted (AEAD_AES_256_GCM, APIv3 key), credited once. 204 handled; 400 refused (recorded)',
          tags: ['payments'],
          body: Type.String({ maxLength: MAX_NOTIFICATION_BYTES }),
          response: { ...withErrors(Type.Null(), [400], 204) },
        },
      },
      async (request, reply) => {
        const result = await payments.notification('weapp', { headers: request.headers, body: request.body as string })
        if (!result.accepted) throw refused(result.reason ?? 'refused')
        return reply.code(204).send(null)
      },
    )
  })

  // Alipay posts a form: kept as text too (its signature covers the decoded values, which the provider takes from it).
  await app.register(async (alipay) => {
    alipay.removeContentTypeParser(['application/json', 'text/plain'])
    alipay.addContentTypeParser(['application/x-www-form-urlencoded'], asText, (_request, body, done) => done(null, body))
    alipay.post(
      '/api/payments/notify/alipay',
      {
        schema: {
          summary: 'Alipay asynchronous payment notification (application/x-www-form-urlencoded, RSA2 with Alipay\'s public key), credited once. "success" handled; 400 refused (recorded)',
          tags: ['payments'],
          consumes: ['application/x-www-form-urlencoded'],
          body: Type.String({ maxLength: MAX_NOTIFICATION_BYTES }),
          response: withErrors(Type.String(), [400]),
        },
      },
      async (request, reply) => {
        const result = await payments.notification('alipay', { headers: request.headers, body: request.body as string })
        if (!result.accepted) throw refused(result.reason ?? 'refused')
        return reply.type('text/plain').send('success')
      },
    )
  })
}
