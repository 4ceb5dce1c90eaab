/**
 * What read-aloud says for a text shown on screen. Personal numbers are never read in full:
 * a masked number is said as its last digits (尾号1234), a masked name as 张某, and any run of eleven
 * or more digits (a phone, an ID or card number) that reached the screen unmasked is treated the same way, as a guard.
 */
const MASKED_NUMBER = /[0-9Xx]*[*＊•]{2,}[0-9Xx]*/g
const LONG_NUMBER = /\d{11,}[Xx]?/g
const MASKED_NAME = /([\u4e00-\u9fa5])[*＊]+([\u4e00-\u9fa5]?)/g

function tail(digits: string): string {
  const last = digits.replace(/[^0-9Xx]/g, '').slice(-4)
  return last ? `尾号${last}` : '号码已隐去'
}

export function speakableText(text: string): string {
  return text
    .replace(MASKED_NAME, (_all, first: string, lastChar: string) => `${first}某${lastChar}`)
    .replace(MASKED_NUMBER, (masked) => tail(masked))
    .replace(LONG_NUMBER, (digits) => tail(digits))
    .replace(/[*＊]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A Date → 10点05分 (read as words, not as 10:05). */
export function clockWords(date: Date): string {
  return `${date.getHours()}点${String(date.getMinutes()).padStart(2, '0')}分`
}
