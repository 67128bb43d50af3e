// CSV encoding for exports: RFC 4180 as papaparse writes it, one place for quoting, line endings and the
// spreadsheet-safe rewrite of formula-looking cells.

import type { ExportMode, LineEnding } from '../model/index.js'
import type { RowEncoder } from './csv-file-sink.js'
import type { Cell } from './profile.js'

/**
 * Cells a spreadsheet would evaluate: starting with = + - @ tab, CR or NUL, also after leading whitespace
 * (papaparse's own pattern misses " =1+1"). OWASP ASVS 1.2.10, CWE-1236.
 */
export const formulaPattern = /^\s*[=+\-@\t\r\0]/

export const newlineOf = (eol: LineEnding): string => (eol === 'crlf' ? '\r\n' : '\n')

/** The text a cell holds after encoding in `mode`, unquoted: what a length limit must be checked against. */
export function cellText(cell: Cell, mode: ExportMode): string {
  if (cell === null) return ''
  const text = String(cell)
  // Only strings are neutralised: a number such as -0.5 stays a number (papaparse does the same).
  return mode === 'spreadsheet' && typeof cell === 'string' && formulaPattern.test(text) ? `'${text}` : text
}

/** Length as target systems count it: Unicode code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** What makes papaparse quote a field (its BAD_DELIMITERS, the delimiter, an edge space). */
const quotedPattern = /[",\r\n\uFEFF]|^ | $/

/**
 * One cell as papaparse's `unparse` writes it with the options canon uses (RFC 4180, `"` doubled, quoted only
 * when needed; in spreadsheet mode formula-looking text prefixed with `'` and quoted). Written out here because
 * `unparse` builds each chunk by appending cell after cell, and flattening that string cost more than the rest
 * of the encoding on 100 MB exports; papaparse stays the reference the tests compare with, byte for byte.
 */
export function encodeCsvCell(cell: Cell | undefined, spreadsheet: boolean): string {
  if (cell === null || cell === undefined) return ''
  // Numbers and booleans print without a character that needs quoting, and are never rewritten.
  if (typeof cell !== 'string') return String(cell)
  if (spreadsheet && formulaPattern.test(cell)) return `"'${cell.replaceAll('"', '""')}"`
  return quotedPattern.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}

/** Whether a cell is written as it prints: no quoting, no formula prefix. */
const isPlain = (cell: Cell | undefined, spreadsheet: boolean): boolean =>
  typeof cell !== 'string' || !(quotedPattern.test(cell) || (spreadsheet && formulaPattern.test(cell)))

/** One CSV line without its line ending. */
export function encodeCsvRow(row: readonly Cell[], spreadsheet: boolean): string {
  let plain = true
  for (let c = 0; c < row.length && plain; c++) plain = isPlain(row[c], spreadsheet)
  // `join` prints null as an empty field and numbers and booleans as String() does: a plain row needs no copy.
  if (plain) return row.join(',')
  const cells = new Array<string>(row.length)
  for (let c = 0; c < row.length; c++) cells[c] = encodeCsvCell(row[c], spreadsheet)
  return cells.join(',')
}

/** Encodes rows as CSV lines, each ending with the line ending (so chunks can be concatenated). */
export function encodeCsvRows(rows: readonly (readonly Cell[])[], mode: ExportMode, eol: LineEnding): string {
  if (rows.length === 0) return ''
  const spreadsheet = mode === 'spreadsheet'
  const lines = new Array<string>(rows.length + 1)
  for (let r = 0; r < rows.length; r++) lines[r] = encodeCsvRow(rows[r] as readonly Cell[], spreadsheet)
  // The last slot is empty, so the join ends with a line ending too.
  lines[rows.length] = ''
  return lines.join(newlineOf(eol))
}

/** CSV files: header rows are canon's own text, encoded in import mode so they are never rewritten. */
export function csvEncoder(mode: ExportMode, eol: LineEnding): RowEncoder {
  const spreadsheet = mode === 'spreadsheet'
  return {
    eol: newlineOf(eol),
    header: (rows) => encodeCsvRows(rows, 'import', eol),
    rows: (rows) => encodeCsvRows(rows, mode, eol),
    line: (row) => encodeCsvRow(row, spreadsheet),
  }
}
