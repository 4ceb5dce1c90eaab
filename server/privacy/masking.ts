/**
 * The one masking module: every response that carries personal data masks it here, so the
 * rules (DESIGN.md: ID `110***********1234`, phone `138****5678`, name `张*三`) cannot drift
 * between routes. Full values leave the server only through POST /api/me/reveal.
 */
import type { MaskedCitizen } from '../../src/contract/identity/schemas'

/** First 3 and last 4 characters kept: `110***********1234`. */
export function maskIdNumber(idNumber: string): string {
  return keepEnds(idNumber, 3, 4)
}

/** First 3 and last 4 digits kept: `138****5678`. */
export function maskPhone(phone: string): string {
  return keepEnds(phone, 3, 4)
}

/**
 * `张*` for two characters, `张*三` for three or more (one star whatever the length, so the
 * mask does not tell how long the name is). Works on characters, not UTF-16 units.
 */
export function maskName(name: string): string {
  const characters = Array.from(name)
  if (characters.length <= 1) return '*'
  if (characters.length === 2) return `${characters[0]}*`
  return `${characters[0]}*${characters[characters.length - 1]}`
}

export interface CitizenPersonalData {
  name: string
  idNumber: string
  phone?: string | null
}

export function maskCitizen(citizen: CitizenPersonalData): MaskedCitizen {
  const masked: MaskedCitizen = { name: maskName(citizen.name), idNumber: maskIdNumber(citizen.idNumber) }
  if (citizen.phone) masked.phone = maskPhone(citizen.phone)
  return masked
}

/** Values too short to keep both ends of are masked entirely rather than shown. */
function keepEnds(value: string, head: number, tail: number): string {
  const characters = Array.from(value)
  if (characters.length <= head + tail) return '*'.repeat(characters.length)
  return characters.slice(0, head).join('') + '*'.repeat(characters.length - head - tail) + characters.slice(-tail).join('')
}

const ID_NUMBER_LIKE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const MOBILE_LIKE = /(?<!\d)1\d{10}(?!\d)/g

/**
 * Masks anything that looks like an ID number or a mobile number inside free text. A
 * safety net for places such as audit details, where a careless caller could otherwise
 * store a full number.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(ID_NUMBER_LIKE, maskIdNumber).replace(MOBILE_LIKE, maskPhone)
}

/**
 * What citizens type into a search box, before it is stored (service_searches, feedback's
 * search query): they sometimes type their own ID number, phone number or bank card number
 * there, and stored searches are shown to content editors. Masked:
 *   - ID numbers (18 characters, the last may be X): `110***********1234`;
 *   - every other number of 7 or more digits, also written in groups with spaces or hyphens
 *     (mobile `138 0013 8000`, `+86 138…`, landline `010-12345678`, bank card
 *     `6222 0212 3456 7890 123`, 15-digit old ID numbers, passport-like runs): from 11
 *     digits the first 3 and last 4 digits are kept (`138****8000`), shorter ones are masked
 *     entirely. Separators stay where they were.
 * Short numbers stay readable: hotlines (12345), years (2026), house numbers.
 * A frozen copy lives in migration 2026-12-06T01-00-00_mask_search_queries (rows stored before).
 */
export function maskPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, maskIdNumber).replace(LONG_NUMBER, maskDigits)
}

/** 7+ digits, single spaces or hyphens allowed between them, an optional leading +. */
const LONG_NUMBER = /\+?(?<!\d)\d(?:[ -]?\d){6,}(?!\d)/g

function maskDigits(number: string): string {
  const digits = number.replace(/\D/g, '').length
  const [head, tail] = digits >= 11 ? [3, 4] : [0, 0]
  let seen = 0
  return number.replace(/\d/g, (digit) => {
    seen += 1
    return seen <= head || seen > digits - tail ? digit : '*'
  })
}

/** Social-security card number (社会保障卡卡号): first and last 2 characters kept, `A1*****50`. */
export function maskCardNumber(cardNumber: string): string {
  return keepEnds(cardNumber, 2, 2)
}

/** A bank card or account number (收款账户): only the last 4 digits shown, `**** **** **** 1234`. */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\D/g, '')
  return `**** **** **** ${digits.slice(-4)}`
}
