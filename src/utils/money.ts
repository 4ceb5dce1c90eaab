/**
 * Money arrives as integer cents (分) and is only formatted here, never computed with
 * floats: 123456 → "1,234.56".
 */
export function formatYuan(cents: number): string {
  const negative = cents < 0
  const absolute = Math.abs(Math.round(cents))
  const yuan = Math.floor(absolute / 100)
  const fen = String(absolute % 100).padStart(2, '0')
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${grouped}.${fen}`
}

/** 123456 → "1,234.56元", for labels read aloud as well as shown. */
export function yuanWords(cents: number): string {
  return `${formatYuan(cents)}元`
}
