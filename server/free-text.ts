import { characterCount } from '../../src/contract/evaluation-words'
import { AppError } from '../errors'
import { maskNumbersInText } from '../privacy/masking'

/**
 * The one rule for free text citizens and operators write (comments, reasons, feedback,
 * answers, replies): trimmed, no control characters, length in characters as a person
 * counts them (code points: 一 is 1, an emoji is 1), checked after trimming.
 *
 * Control characters are refused rather than stripped: NUL breaks PostgreSQL text, and
 * the others (escape sequences, bidirectional overrides that reorder what an operator
 * reads) have no business in a complaint. Multi-line texts keep line breaks and tabs;
 * CRLF is stored as LF so lengths do not depend on the platform that sent them.
 */

// C0 and C1 controls and DEL, plus the bidirectional embedding / override / isolate marks.
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u

export interface TextRule {
  min: number
  max: number
  /** Line breaks and tabs allowed. */
  multiline?: boolean
}

/** The cleaned text, or 400 VALIDATION_FAILED naming `field` (e.g. body.comment) and the rule. */
export function cleanText(value: string, field: string, rule: TextRule): string {
  const text = (rule.multiline ? value.replace(/\r\n?/g, '\n') : value).trim()
  if ((rule.multiline ? CONTROL_MULTILINE : CONTROL).test(text)) {
    throw invalid(field, 'no control characters', `${label(field)}包含不可见的控制字符，请删除后重试`)
  }
  const length = characterCount(text)
  if (length < rule.min) {
    throw invalid(field, `minLength ${rule.min}`, rule.min === 1 ? `请填写${label(field)}` : `${label(field)}至少需要 ${rule.min} 个字`)
  }
  if (length > rule.max) throw invalid(field, `maxLength ${rule.max}`, `${label(field)}最多 ${rule.max} 个字，当前 ${length} 个字`)
  return text
}

/** Like cleanText, but absent or blank is null (an optional comment left empty). */
export function optionalText(value: string | undefined, field: string, rule: TextRule): string | null {
  if (value === undefined || value.trim() === '') return null
  return cleanText(value, field, rule)
}

export function invalid(field: string, rule: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { field, rule, message })
}

const LABELS: Record<string, string> = {
  'body.comment': '评价内容',
  'body.reason': '不满意的原因',
  'body.answer': '整改答复',
  'body.text': '留言内容',
  'body.reply': '回复内容',
  'body.searchQuery': '搜索词',
}

function label(field: string): string {
  return LABELS[field] ?? field
}

/**
 * A citizen's free text on its way out: stored as written (auditors read the record), but
 * an ID number or mobile number typed into it is masked in every response, the writer's
 * own included, like every other personal number the server sends.
 */
export function maskedText<T extends string | null>(text: T): T {
  return (text === null ? null : maskNumbersInText(text)) as T
}
