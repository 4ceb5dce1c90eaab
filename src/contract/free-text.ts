/**
 * The one rule for the characters of free text people write (notice titles and bodies,
 * application form texts, health-status reasons, authorisation purposes, comments,
 * feedback…): no control characters. Plain values only (no TypeBox), so client and server
 * may both import it.
 *
 * Refused: C0 controls (U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F, e.g. NEL
 * U+0085), and the bidirectional controls (ALM U+061C, LRM / RLM U+200E–U+200F, the
 * embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069), which reorder what an
 * operator or another citizen reads (a U+202E makes `gnp.exe` show as `exe.png`). Multi-line
 * texts keep line breaks (LF, CR) and tabs. Zero-width joiners stay: emoji sequences need them.
 *
 * Schemas declare a free-text field with FreeText / MultilineFreeText (./schemas.ts), i.e.
 * `format: FREE_TEXT_FORMATS.line | .multiline`; the server checks those formats with
 * controlCharacterIn and answers 400 VALIDATION_FAILED naming the field, rule
 * `no control characters` (server/free-text.ts).
 */

export const FREE_TEXT_FORMATS = {
  /** One line: no control characters at all. */
  line: 'free-text',
  /** Several lines: line breaks and tabs allowed. */
  multiline: 'free-text-multiline',
} as const

export type FreeTextFormat = (typeof FREE_TEXT_FORMATS)[keyof typeof FREE_TEXT_FORMATS]

/** The rule's name in a 400's `rule`, whichever check refused the text. */
export const NO_CONTROL_CHARACTERS = 'no control characters'

// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
// The same without TAB (U+0009), LF (U+000A) and CR (U+000D).
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Whether `text` holds a character the rule refuses (line breaks and tabs allowed when `multiline`). */
export function controlCharacterIn(text: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTILINE : CONTROL).test(text)
}

export function isFreeTextFormat(format: unknown): format is FreeTextFormat {
  return format === FREE_TEXT_FORMATS.line || format === FREE_TEXT_FORMATS.multiline
}
