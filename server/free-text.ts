import { FormatRegistry } from '@sinclair/typebox'
import { characterCount } from '../src/contract/evaluations/data'
import { controlCharacterIn, FREE_TEXT_FORMATS, NO_CONTROL_CHARACTERS } from '../src/contract/free-text'
import { AppError } from './errors'
import { maskNumbersInText } from './privacy/masking'

/**
 * The one rule for free text citizens and operators write (notices, application form texts,
 * health-status reasons, authorisations, comments, reasons, feedback, answers, replies, the
 * catalogue's guides): no control characters (the characters are defined in
 * src/contract/free-text.ts), and for texts checked here also trimmed, with a length in
 * characters as a person counts them (code points: 一 is 1, an emoji is 1), checked after
 * trimming.
 *
 * Two ways in, one rule:
 *   - schemas declare a field FreeText / MultilineFreeText (src/contract/schemas.ts); the
 *     formats below make ajv (every route) and TypeBox (the catalogue import) refuse control
 *     characters there, and the error handler names the field with rule `no control characters`;
 *   - texts that arrive inside other data (application form values, CSV rows) go through
 *     cleanText / refuseControlCharacters.
 *
 * Control characters are refused rather than stripped: NUL breaks PostgreSQL text, and
 * the others (escape sequences, bidirectional overrides that reorder what an operator
 * reads) have no business in a complaint. Multi-line texts keep line breaks and tabs;
 * CRLF is stored as LF so lengths do not depend on the platform that sent them.
 */

/** For Fastify's ajv (`customOptions.formats`): the free-text formats by name. */
export const FREE_TEXT_AJV_FORMATS: Record<string, (text: string) => boolean> = {
  [FREE_TEXT_FORMATS.line]: (text) => !controlCharacterIn(text),
  [FREE_TEXT_FORMATS.multiline]: (text) => !controlCharacterIn(text, true),
}

// The same for TypeBox's Value.Errors (the catalogue import rules); it refuses unknown formats.
for (const [format, check] of Object.entries(FREE_TEXT_AJV_FORMATS)) FormatRegistry.Set(format, check)

export interface TextRule {
  min: number
  max: number
  /** Line breaks and tabs allowed. */
  multiline?: boolean
}

/** The cleaned text, or 400 VALIDATION_FAILED naming `field` (e.g. body.comment) and the rule. */
export function cleanText(value: string, field: string, rule: TextRule): string {
  const text = (rule.multiline ? value.replace(/\r\n?/g, '\n') : value).trim()
  refuseControlCharacters(text, field, rule.multiline)
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

/** 400 VALIDATION_FAILED naming `field` when `text` holds a control character; `name` is what the person calls the field. */
export function refuseControlCharacters(text: string, field: string, multiline = false, name?: string): void {
  if (controlCharacterIn(text, multiline)) throw invalid(field, NO_CONTROL_CHARACTERS, controlCharacterMessage(field, name))
}

/** What a person reads when a text holds a control character. */
export function controlCharacterMessage(field: string, name?: string): string {
  return `${name ?? label(field)}包含不可见的控制字符，请删除后重试`
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
  return LABELS[field] ?? `参数 ${field} `
}

/**
 * A citizen's free text on its way out: stored as written (auditors read the record), but
 * an ID number or mobile number typed into it is masked in every response, the writer's
 * own included, like every other personal number the server sends.
 */
export function maskedText<T extends string | null>(text: T): T {
  return (text === null ? null : maskNumbersInText(text)) as T
}
