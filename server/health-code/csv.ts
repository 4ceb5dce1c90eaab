/**
 * CSV as operators' spreadsheets write it (RFC 4180): comma-separated, fields optionally in
 * double quotes (then commas, newlines and "" for a quote may appear inside), CRLF or LF
 * line ends, an optional UTF-8 byte-order mark (Excel writes one). Blank lines are skipped.
 * Each record keeps the line it starts on, so errors point at the row the operator sees.
 */
export interface CsvRecord {
  line: number
  fields: string[]
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string }

export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = []
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  let line = 1
  let recordLine = 1
  let fields: string[] = []
  let field = ''
  let quoted = false
  // Whether the current field started with a quote (so `a,"b"c` is refused, not guessed at).
  let fieldWasQuoted = false
  let afterQuote = false

  const endField = () => {
    fields.push(fieldWasQuoted ? field : field.trim())
    field = ''
    fieldWasQuoted = false
    afterQuote = false
  }
  const endRecord = () => {
    endField()
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields })
    fields = []
  }

  for (let index = 0; index < input.length; index++) {
    const character = input[index]!
    if (quoted) {
      if (character === '"') {
        if (input[index + 1] === '"') {
          field += '"'
          index++
        } else {
          quoted = false
          afterQuote = true
        }
      } else {
        if (character === '\n') line++
        field += character
      }
      continue
    }
    if (character === ',') {
      endField()
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && input[index + 1] === '\n') index++
      endRecord()
      line++
      recordLine = line
    } else if (afterQuote) {
      // Only spaces may follow a closing quote before the next comma or line end.
      if (character !== ' ' && character !== '\t') return { ok: false, line, message: '引号外不能有其他字符，请检查引号是否成对' }
    } else if (character === '"' && field.trim() === '') {
      quoted = true
      fieldWasQuoted = true
      field = ''
    } else {
      field += character
    }
  }
  if (quoted) return { ok: false, line: recordLine, message: '引号没有闭合，请检查该行的引号是否成对' }
  endRecord()
  return { ok: true, records }
}
