/**
 * Tables for a terminal: columns aligned by display width, where a CJK character (and a
 * full-width form such as ＡＢＣ or （）) takes two columns and a combining mark none, as
 * terminals draw them. Aligning by string length would push every row with Chinese in it
 * out of line.
 */

// East Asian Wide (W) and Fullwidth (F) ranges that occur in practice (Unicode EastAsianWidth.txt).
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation (、。「」)
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // full-width forms (（）：，ＡＢＣ)
  [0xffe0, 0xffe6], // full-width signs (￥)
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental pictographs
  [0x20000, 0x3fffd], // CJK extensions B and later
]

// Drawn on top of the previous character: combining marks, zero-width spaces and joiners, variation selectors.
const ZERO: readonly [number, number][] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
]

const within = (ranges: readonly [number, number][], point: number) => ranges.some(([low, high]) => point >= low && point <= high)

/** Columns `text` takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0
  for (const character of text) {
    const point = character.codePointAt(0)!
    if (point < 0x20 || within(ZERO, point)) continue
    width += within(WIDE, point) ? 2 : 1
  }
  return width
}

export type Align = 'left' | 'right'
export type Cell = string | number | null

export function cellText(value: Cell): string {
  return value === null ? '-' : String(value)
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

/**
 * The table as lines: header, a rule, one line per row. `aligns` per column; by default
 * numbers are right-aligned and text left-aligned (by the first row's cells).
 */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], aligns: readonly (Align | undefined)[] = []): string[] {
  // Line breaks inside a cell would break the grid: shown as a space.
  const texts = rows.map((row) => row.map((cell) => cellText(cell).replace(/\s*[\r\n]+\s*/g, ' ')))
  const align = header.map((_, index) => aligns[index] ?? (typeof rows[0]?.[index] === 'number' ? 'right' : 'left'))
  const widths = header.map((title, index) => Math.max(displayWidth(title), ...texts.map((row) => displayWidth(row[index] ?? ''))))
  const line = (cells: readonly string[]) => cells.map((text, index) => pad(text, widths[index]!, align[index]!)).join('  ').trimEnd()
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...texts.map(line)]
}
