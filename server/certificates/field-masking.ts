/**
 * How each kind of sensitive certificate field is masked in the wallet. Built on the one
 * masking module (server/privacy/masking.ts) for names and ID numbers, so a name or an ID
 * number looks the same on a certificate as on the profile.
 */
import { maskIdNumber, maskName } from '../privacy/masking'

export type MaskKind = 'name' | 'idNumber' | 'date' | 'address' | 'plate' | 'code'

export function maskField(kind: MaskKind, value: string): string {
  switch (kind) {
    case 'name':
      return maskName(value)
    case 'idNumber':
      return maskIdNumber(value)
    case 'date':
      // The year stays (age bracket is rarely secret); month and day go.
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(0, 4)}-**-**` : '****-**-**'
    case 'address':
      // Down to the district (北京市东城区****), with a fixed number of stars so the mask
      // does not tell how long the street address is.
      return `${Array.from(value).slice(0, 6).join('')}****`
    case 'plate':
      return keepEnds(value, 2, 2)
    case 'code':
      // Long codes (credit codes, VINs, certificate numbers) like ID numbers; shorter ones keep less.
      return Array.from(value).length >= 14 ? keepEnds(value, 3, 4) : keepEnds(value, 2, 2)
  }
}

/** At least half of a value is always hidden, however short it is. */
function keepEnds(value: string, head: number, tail: number): string {
  const characters = Array.from(value)
  if (characters.length < 2 * (head + tail)) return characters.length <= 3 ? '*'.repeat(characters.length) : `${characters[0]}${'*'.repeat(characters.length - 1)}`
  return characters.slice(0, head).join('') + '*'.repeat(characters.length - head - tail) + characters.slice(-tail).join('')
}
