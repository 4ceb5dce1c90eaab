/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters =
 * registration authority (1) + organisation type (1) + region code (6, GB/T 2260) +
 * organisation code (9, GB 11714, with its own check character) + check character (1).
 * Used for the issuers in certificate identifiers, the codes on business licences and the
 * optional code of an organisation a citizen authorises.
 */

/** GB 32100's alphabet: digits and upper-case letters without I, O, S, V, Z. */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** 3^(i-1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The GB 32100 check character of the first 17 characters; undefined if one is outside the alphabet. */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARACTERS.indexOf(first17[i]!)
    if (value < 0) return undefined
    sum += value * USCC_WEIGHTS[i]!
  }
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31]
}

export function isValidUscc(code: string): boolean {
  return code.length === 18 && usccCheckCharacter(code.slice(0, 17)) === code[17]
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** The GB 11714 check character of an 8-character organisation code body (digits and A–Z). */
export function organisationCodeCheckCharacter(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`not an organisation code body: ${body8}`)
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * ORG_CODE_WEIGHTS[i]!
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/**
 * A complete code from its parts, both check characters computed: e.g.
 * buildUscc('11', '110101', '00001234') for a government body in Dongcheng, Beijing.
 * `kind` is authority + type: 11 government body, 12 public institution, 91 company.
 */
export function buildUscc(kind: string, region: string, organisationBody: string): string {
  const first17 = kind + region + organisationBody + organisationCodeCheckCharacter(organisationBody)
  const check = usccCheckCharacter(first17)
  if (!check || !/^\d{2}$/.test(kind) || !/^\d{6}$/.test(region)) throw new Error(`cannot build a credit code from ${kind}/${region}/${organisationBody}`)
  return first17 + check
}
