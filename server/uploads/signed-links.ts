/**
 * Short-lived read links for uploaded files: /api/files/<id>?exp=<unix seconds>&by=<reader>&sig=<hmac>.
 * The HMAC-SHA256 (UPLOAD_LINK_KEY) covers the id, the expiry and who the link was made for
 * (a citizen's account `a.<id>` or an operator `o.<id>`), so a link cannot be stretched,
 * pointed at another file or passed off as someone else's read; each read is audited under
 * that reader. No session is needed to follow one (an <image> tag or a download cannot send
 * the session header), which is why they live minutes, not days.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '../errors'

export type Reader = { kind: 'account'; id: string } | { kind: 'operator'; id: string }

export interface SignedLinks {
  /** A path (no origin: the client prefixes its own API base). */
  create(uploadId: string, reader: Reader, now: Date): { url: string; expiresAt: string }
  /** The reader the link was made for; 410 when expired, 403 when tampered. */
  verify(uploadId: string, query: { exp?: string; by?: string; sig?: string }, now: Date): Reader
}

const encodeReader = (reader: Reader) => `${reader.kind === 'account' ? 'a' : 'o'}.${reader.id}`

function decodeReader(text: string): Reader | undefined {
  const match = /^([ao])\.([A-Za-z0-9_-]{1,64})$/.exec(text)
  if (!match) return undefined
  return { kind: match[1] === 'a' ? 'account' : 'operator', id: match[2]! }
}

export function createSignedLinks(key: Buffer, ttlSeconds: number): SignedLinks {
  const sign = (id: string, exp: string, by: string) => createHmac('sha256', key).update(`${id}\n${exp}\n${by}`).digest('base64url')
  const invalid = () => new AppError('UPLOAD_LINK_INVALID', { field: 'query.sig', rule: 'a link the server signed' })
  return {
    create(uploadId, reader, now) {
      const exp = String(Math.floor(now.getTime() / 1000) + ttlSeconds)
      const by = encodeReader(reader)
      const query = new URLSearchParams({ exp, by, sig: sign(uploadId, exp, by) })
      return { url: `/api/files/${uploadId}?${query.toString()}`, expiresAt: new Date(Number(exp) * 1000).toISOString() }
    },
    verify(uploadId, { exp = '', by = '', sig = '' }, now) {
      const reader = decodeReader(by)
      if (!/^\d{1,12}$/.test(exp) || !reader) throw invalid()
      const expected = Buffer.from(sign(uploadId, exp, by))
      const given = Buffer.from(sig)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()
      if (Number(exp) * 1000 <= now.getTime()) throw new AppError('UPLOAD_LINK_EXPIRED', { field: 'query.exp', rule: 'not expired' })
      return reader
    },
  }
}
