/**
 * CSV for spreadsheets (RFC 4180): CRLF line ends; a field in double quotes when it holds a
 * comma, a quote (doubled) or a line break. Opened by Excel as well as by scripts:
 * - a UTF-8 byte-order mark first (unless `bom: false`): without it, Excel on a Chinese
 *   Windows reads the file as GBK and every Chinese character comes out garbled;
 * - text starting with = + - @ (or a tab / carriage return) gets a leading ' so a
 *   spreadsheet shows it instead of running it as a formula: zero-result search queries and
 *   rating reasons are typed by citizens (CSV injection). Numbers are written as they are.
 */
import { cellText, type Cell } from './terminal-table'

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

function field(value: Cell): string {
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : cellText(value === null ? '' : value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], options: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(field).join(','))
  return (options.bom === false ? '' : BOM) + lines.map((line) => `${line}\r\n`).join('')
}
