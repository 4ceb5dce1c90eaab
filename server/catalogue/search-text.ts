/**
 * Text folding for catalogue search, in one place: what is stored in
 * `service_items.search_text`, how a query is normalised, and where a query occurs in a
 * name (for ranking and highlighting) all use the same fold, so the database's candidate
 * set and the ranking here can never disagree.
 *
 * Fold = per character NFKC (full-width ＡＢＣ１２３（） → ABC123()) then lower case. Per
 * character, so every folded character maps back to the original one for highlighting.
 * The migration 2026-11-27T00-02-00_service_search holds a frozen copy of `fold`.
 */

export function fold(text: string): string {
  // Fast path: Chinese, lower-case Latin, digits and common punctuation fold to themselves.
  if (ALREADY_FOLDED.test(text)) return text
  return Array.from(text, foldCharacter).join('')
}

const ALREADY_FOLDED = /^[\u4e00-\u9fa5a-z0-9 \n·、。()《》“”-]*$/

function foldCharacter(character: string): string {
  return character.normalize('NFKC').toLowerCase()
}

/** The indexed text of an item: name, aliases, department, one per line (a query never contains a line break). */
export function searchTextOf(item: { name: string; aliases: readonly string[]; department: string }): string {
  return fold([item.name, ...item.aliases, item.department].join('\n'))
}

// Control characters (line breaks included) never reach the index or the query log.
const CONTROL = /\p{Cc}/gu
const SPACES = /\s+/gu

/** A query as searched and recorded: folded, control characters dropped, spaces collapsed, trimmed. */
export function normaliseQuery(raw: string): string {
  return fold(raw).replace(CONTROL, ' ').replace(SPACES, ' ').trim()
}

export interface HighlightPiece {
  text: string
  hit: boolean
}

/** The folded text and, per folded UTF-16 unit, the original unit range it came from. */
function foldWithOrigins(original: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = ''
  const starts: number[] = []
  const ends: number[] = []
  let index = 0
  for (const character of original) {
    const foldedCharacter = foldCharacter(character)
    for (let unit = 0; unit < foldedCharacter.length; unit += 1) {
      starts.push(index)
      ends.push(index + character.length)
    }
    folded += foldedCharacter
    index += character.length
  }
  return { folded, starts, ends }
}

/**
 * Where any of `terms` (folded) occurs in `original`, as pieces of the original text, or
 * undefined when none does. Overlapping occurrences merge into one highlighted piece.
 */
export function highlightAny(original: string, terms: readonly string[]): HighlightPiece[] | undefined {
  const { folded, starts, ends } = foldWithOrigins(original)
  const ranges: [number, number][] = []
  for (const term of new Set(terms)) {
    if (!term) continue
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) ranges.push([starts[at]!, ends[at + term.length - 1]!])
  }
  if (ranges.length === 0) return undefined
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const [from, to] of ranges) {
    const last = merged.at(-1)
    if (last && from <= last[1]) last[1] = Math.max(last[1], to)
    else merged.push([from, to])
  }
  const pieces: HighlightPiece[] = []
  let cursor = 0
  for (const [from, to] of merged) {
    if (from > cursor) pieces.push({ text: original.slice(cursor, from), hit: false })
    pieces.push({ text: original.slice(from, to), hit: true })
    cursor = to
  }
  if (cursor < original.length) pieces.push({ text: original.slice(cursor), hit: false })
  return pieces
}
