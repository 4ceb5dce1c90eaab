import { createHash } from 'node:crypto'

/**
 * The public, human-readable page a proof's QR code opens (no login): issuer, masked holder,
 * what it proves, dates, and the status in words. Server-rendered HTML rather than an H5 route:
 * a phone camera opens the URL in whatever browser it has, and this page needs no script, no
 * app bundle and no hash route to show its answer (a few KB, readable at once on a slow line).
 *
 * Its own Content-Security-Policy is stricter than the app's: nothing may load at all, and the
 * one inline style block is allowed by its hash. Text is at least 18px with contrast above 4.5:1
 * (elderly-readable), and the page is one landmark with a heading, a definition list and words.
 */
export type VerificationStatus = 'valid' | 'expired' | 'invalid'

export interface VerificationPage {
  status: VerificationStatus
  /** The code as typed or scanned (shown so a reader can compare it with the paper). */
  code: string
  /** Present for valid and expired proofs: what the record says. */
  facts?: { title: string; issuer: string; holder: string; statement?: string; period?: string; issuedOn: string; validUntil: string }
}

const STATUS_WORDS: Record<VerificationStatus, { heading: string; advice: string }> = {
  valid: { heading: '有效', advice: '该证明由出具单位签发，内容未被改动，在有效期内。' },
  expired: { heading: '已过期', advice: '该证明真实，但已超过有效期，请联系证明持有人重新开具。' },
  invalid: { heading: '已被篡改或不存在', advice: '没有找到与该验证码一致的证明，或证明内容已被改动。请勿采信，并向出具单位核实。' },
}

const STYLE = `body{margin:0;font-family:"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;font-size:20px;line-height:1.6;color:#1a1a1a;background:#f5f6f8}
main{max-width:640px;margin:0 auto;padding:24px 20px}
h1{font-size:24px;margin:0 0 16px}
.status{border-radius:12px;padding:20px;margin-bottom:20px;background:#fff;border-left:10px solid}
.valid{border-color:#0a7a35}.expired{border-color:#9a5b00}.invalid{border-color:#b3261e}
.status p{margin:8px 0 0;font-size:19px}
.word{font-size:30px;font-weight:700}
.valid .word{color:#0a6b2e}.expired .word{color:#8a4f00}.invalid .word{color:#a1231b}
dl{background:#fff;border-radius:12px;padding:12px 20px;margin:0}
dt{font-weight:700;margin-top:12px;color:#333}
dd{margin:4px 0 0;word-break:break-all}
footer{margin-top:20px;font-size:18px;color:#444}`

/** The CSP source for the one inline style block. */
export const VERIFICATION_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; img-src 'none'`

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

export function renderVerificationPage(page: VerificationPage): string {
  const words = STATUS_WORDS[page.status]
  const row = (term: string, value: string | undefined) => (value ? `<dt>${escape(term)}</dt><dd>${escape(value)}</dd>` : '')
  const facts = page.facts
    ? `<dl>${row('证明名称', page.facts.title)}${row('出具单位', page.facts.issuer)}${row('持证人', page.facts.holder)}${row('证明内容', page.facts.statement)}${row('证明期间', page.facts.period)}${row('出具日期', page.facts.issuedOn)}${row('有效期至', page.facts.validUntil)}${row('验证码', page.code)}</dl>`
    : `<dl>${row('验证码', page.code)}</dl>`
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>证明核验：${escape(words.heading)}</title><style>${STYLE}</style></head>
<body><main><h1>电子证明核验结果</h1>
<section class="status ${page.status}" aria-label="核验结果"><div class="word">${escape(words.heading)}</div><p>${escape(words.advice)}</p></section>
${facts}
<footer>本页面由掌上政务平台提供，仅显示脱敏信息。核验时间以本页打开时为准。</footer></main></body></html>`
}

/** Past the per-IP limit: a page in words (the camera's browser shows it), not a JSON error. */
export function renderTooManyChecksPage(retryAfterSeconds: string | undefined): string {
  const wait = retryAfterSeconds && /^\d+$/.test(retryAfterSeconds) ? `请 ${retryAfterSeconds} 秒后再试。` : '请稍后再试。'
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>查询过于频繁</title><style>${STYLE}</style></head>
<body><main><h1>电子证明核验结果</h1>
<section class="status expired" aria-label="核验结果"><div class="word">查询过于频繁</div><p>${escape(`本网络的核验次数过多，暂时无法核验。${wait}`)}</p></section>
<footer>本页面由掌上政务平台提供，仅显示脱敏信息。</footer></main></body></html>`
}
