/**
 * What must never ship to a citizen's phone: platform secrets, private keys, session keys and
 * server code. The one list, used by test/bundle/no-secrets.test.ts and the release preflight.
 */
export const FORBIDDEN: [string, RegExp][] = [
  ['a PEM private key', /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/],
  ['a base64 PKCS#8 RSA private key', /MIIE[vp]QIBADANBgkqhkiG9w0BAQEFAASC/],
  ['WeChat session_key', /session_key/],
  ['an env secret name', /WECHATPAY_PRIVATE_KEY|WECHATPAY_APIV3_KEY|WECHAT_SECRET|ALIPAY_PRIVATE_KEY|IDENTITY_ENCRYPTION_KEY|IDENTITY_HASH_KEY|HEALTH_CODE_SIGNING_KEY|SOCIAL_PROOF_KEY|UPLOAD_LINK_KEY|UPLOADS_S3_SECRET_ACCESS_KEY/],
  ['server code (Fastify)', /fastify/i],
  ['server code (Kysely)', /kysely/i],
  ['server code (better-sqlite3)', /better-sqlite3/],
  ['the TypeBox runtime', /TypeBox\.Kind|@sinclair\/typebox/],
]

/** Files a scan skips: images and licence notices. */
export const NOT_SCANNED = /\.(png|jpg|gif|ico|LICENSE\.txt)$/
