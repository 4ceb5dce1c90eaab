import type { Kysely } from 'kysely'
import type { BatchRowError, HealthColour, HealthStatusBatch } from '../../src/contract/health-code/schemas'
import { controlCharacterIn } from '../../src/contract/free-text'
import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '../../src/contract/id-number'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { controlCharacterMessage } from '../free-text'
import type { IdentityCrypto } from '../identity/crypto'
import { knownIdNumberHashes } from './citizens'
import { parseCsv } from './csv'

/**
 * Reading and checking a status batch (JSON rows or CSV text) row by row, before anything
 * is written: every bad row is reported with its number and what is wrong, so the operator
 * fixes the file in one round. Nothing here writes; ./changes.ts applies a clean batch.
 */

/** A row that passed every check, ready to apply. */
export interface ValidRow {
  row: number
  idNumberHash: string
  colour: HealthColour
  reason: string
}

export interface CheckedBatch {
  rows: ValidRow[]
  errors: BatchRowError[]
  format: 'csv' | 'json'
}

export const MAX_BATCH_ROWS = 10_000
export const MAX_REASON_LENGTH = 200

interface RawRow {
  row: number
  idNumber: string
  colour: string
  reason: string
}

export async function checkBatch(db: Kysely<Database>, crypto: IdentityCrypto, batch: HealthStatusBatch, today: Date): Promise<CheckedBatch> {
  if ((batch.rows === undefined) === (batch.csv === undefined)) {
    throw new AppError('VALIDATION_FAILED', { message: '请提供 rows（JSON 行）或 csv（CSV 文本）其中之一', field: 'body', rule: 'exactly one of rows, csv' })
  }
  const format = batch.csv !== undefined ? 'csv' : 'json'
  const read = batch.csv !== undefined ? rowsFromCsv(batch.csv) : { rows: batch.rows!.map((row, index) => ({ ...row, row: index + 1 })), errors: [] }
  if (read.rows.length === 0 && read.errors.length === 0) {
    throw new AppError('VALIDATION_FAILED', { message: '批次中没有数据行', field: format === 'csv' ? 'body.csv' : 'body.rows', rule: 'minItems 1' })
  }
  if (read.rows.length + read.errors.length > MAX_BATCH_ROWS) {
    throw new AppError('VALIDATION_FAILED', {
      message: `每批最多 ${MAX_BATCH_ROWS} 行，请拆分后分批提交`,
      field: format === 'csv' ? 'body.csv' : 'body.rows',
      rule: `maxItems ${MAX_BATCH_ROWS}`,
    })
  }
  const checked = await checkRows(db, crypto, read.rows, today)
  const errors = [...read.errors, ...checked.errors].sort((a, b) => a.row - b.row)
  return { rows: checked.rows, errors, format }
}

/** Checks rows already split into fields: ID number, duplicates, registry, colour, reason. */
async function checkRows(db: Kysely<Database>, crypto: IdentityCrypto, raw: readonly RawRow[], today: Date): Promise<{ rows: ValidRow[]; errors: BatchRowError[] }> {
  const errors: BatchRowError[] = []
  const candidates: ValidRow[] = []
  const firstRowOf = new Map<string, number>()
  for (const row of raw) {
    let ok = true
    const fail = (field: string, message: string) => {
      errors.push({ row: row.row, field, message })
      ok = false
    }
    const idNumber = normaliseIdNumber(row.idNumber)
    const problem = idNumberProblem(idNumber, today)
    if (problem) fail('idNumber', ID_NUMBER_MESSAGES[problem])
    else if (firstRowOf.has(idNumber)) fail('idNumber', `与第 ${firstRowOf.get(idNumber)} 行的身份证号码重复`)
    else firstRowOf.set(idNumber, row.row)
    const colour = colourOf(row.colour)
    if (!colour) fail('colour', '颜色应为 green / yellow / red（或 绿 / 黄 / 红）')
    const reason = row.reason.trim()
    if (!reason) fail('reason', '原因不能为空')
    else if (Array.from(reason).length > MAX_REASON_LENGTH) fail('reason', `原因不能超过 ${MAX_REASON_LENGTH} 个字`)
    // The free-text rule of every route; JSON rows meet it in the schema already, CSV rows here.
    else if (controlCharacterIn(reason)) fail('reason', controlCharacterMessage('reason', '原因'))
    if (ok) candidates.push({ row: row.row, idNumberHash: crypto.hashIdNumber(idNumber), colour: colour!, reason })
  }

  const known = await knownIdNumberHashes(db, candidates.map((row) => row.idNumberHash))
  const rows: ValidRow[] = []
  for (const row of candidates) {
    if (known.has(row.idNumberHash)) rows.push(row)
    // Never echo the number: the operator has the file and the row number.
    else errors.push({ row: row.row, field: 'idNumber', message: '人口库中没有此身份证号码，请核对' })
  }
  return { rows, errors }
}

// Operators write colours in English or Chinese; all mean the same three statuses.
const COLOUR_NAMES: Record<string, HealthColour> = {
  green: 'green',
  yellow: 'yellow',
  red: 'red',
  绿: 'green',
  绿码: 'green',
  绿色: 'green',
  黄: 'yellow',
  黄码: 'yellow',
  黄色: 'yellow',
  红: 'red',
  红码: 'red',
  红色: 'red',
}

function colourOf(raw: string): HealthColour | undefined {
  const key = raw.trim().toLowerCase()
  return Object.hasOwn(COLOUR_NAMES, key) ? COLOUR_NAMES[key] : undefined
}

// Header names per column, lower case; a first line made of these is a header, not data.
const HEADERS: Record<keyof Omit<RawRow, 'row'>, string[]> = {
  idNumber: ['idnumber', 'id_number', 'id number', '身份证号码', '身份证号', '证件号码'],
  colour: ['colour', 'color', '颜色', '码色', '健康码颜色', '健康码'],
  reason: ['reason', '原因', '说明', '赋码原因'],
}
const COLUMNS = ['idNumber', 'colour', 'reason'] as const
const COLUMN_LABELS = { idNumber: '身份证号码', colour: '颜色', reason: '原因' } as const

/**
 * CSV rows: `idNumber,colour,reason`, with an optional header line. With a header the
 * columns may come in any order (named in English or Chinese); without one, that order.
 */
function rowsFromCsv(csv: string): { rows: RawRow[]; errors: BatchRowError[] } {
  const parsed = parseCsv(csv)
  if (!parsed.ok) return { rows: [], errors: [{ row: parsed.line, field: 'csv', message: parsed.message }] }
  const records = parsed.records
  const errors: BatchRowError[] = []
  let positions: Record<(typeof COLUMNS)[number], number> = { idNumber: 0, colour: 1, reason: 2 }
  let width: number = COLUMNS.length
  const header = records[0]
  if (header && isHeader(header.fields)) {
    records.shift()
    const names = header.fields.map((name) => name.trim().toLowerCase())
    for (const column of COLUMNS) {
      const position = names.findIndex((name) => HEADERS[column].includes(name))
      if (position === -1) errors.push({ row: header.line, field: 'header', message: `表头缺少“${COLUMN_LABELS[column]}”列` })
      positions = { ...positions, [column]: position }
    }
    if (errors.length) return { rows: [], errors }
    width = header.fields.length
  }
  const rows: RawRow[] = []
  for (const record of records) {
    if (record.fields.length !== width) {
      errors.push({ row: record.line, field: 'row', message: `应有 ${width} 列（身份证号码,颜色,原因），实际 ${record.fields.length} 列；含逗号的原因请加英文双引号` })
      continue
    }
    rows.push({
      row: record.line,
      idNumber: record.fields[positions.idNumber]!,
      colour: record.fields[positions.colour]!,
      reason: record.fields[positions.reason]!,
    })
  }
  return { rows, errors }
}

function isHeader(fields: string[]): boolean {
  const names = new Set(Object.values(HEADERS).flat())
  return fields.some((field) => names.has(field.trim().toLowerCase()))
}
