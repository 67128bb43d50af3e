// CSV encoding for exports: RFC 4180 as papaparse writes it, one place for quoting, line endings and the
// spreadsheet-safe rewrite of formula-looking cells.

import type { ExportMode, LineEnding } from '../model/index.js'
import type { ByteOutput, RowEncoder } from './csv-file-sink.js'
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

/** Characters that make papaparse quote a field (its BAD_DELIMITERS and the delimiter); an edge space does too. */
const quotedCharacters = /[",\r\n\uFEFF]/

const space = 32

/**
 * One cell as papaparse's `unparse` writes it with the options canon uses (RFC 4180, `"` doubled, quoted only
 * when needed; in spreadsheet mode formula-looking text prefixed with `'` and quoted). Written out here because
 * `unparse` builds each chunk by appending cell after cell, and flattening that string cost more than the rest
 * of the encoding on 100 MB exports; papaparse stays the reference the tests compare with, byte for byte.
 */
export function encodeCsvCell(cell: Cell | undefined, spreadsheet: boolean): string {
  if (cell === null || cell === undefined) return ''
  // Numbers and booleans print without a character that needs quoting, and are never rewritten.
  return typeof cell === 'string' ? encodeCsvText(cell, spreadsheet) : String(cell)
}

/** A text cell as written: itself when it needs neither quotes nor a formula prefix. */
function encodeCsvText(text: string, spreadsheet: boolean): string {
  if (spreadsheet && formulaPattern.test(text)) return `"'${text.replaceAll('"', '""')}"`
  return needsQuotes(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const needsQuotes = (text: string): boolean =>
  text.length > 0 && (quotedCharacters.test(text) || text.charCodeAt(0) === space || text.charCodeAt(text.length - 1) === space)

/** One CSV line without its line ending. */
export function encodeCsvRow(row: readonly Cell[], spreadsheet: boolean): string {
  // `join` prints null as an empty field and numbers and booleans as String() does: only text may need a copy.
  let cells: Cell[] | null = null
  for (let c = 0; c < row.length; c++) {
    const cell = row[c]
    if (typeof cell !== 'string') continue
    const encoded = encodeCsvText(cell, spreadsheet)
    if (encoded !== cell) {
      cells ??= row.slice()
      cells[c] = encoded
    }
  }
  return (cells ?? row).join(',')
}

const comma = 44
const quote = 34
const apostrophe = 39

/** One CSV line without its line ending into `out`, byte for byte what `encodeCsvRow` gives. */
export function writeCsvRow(row: readonly Cell[], spreadsheet: boolean, out: ByteOutput): void {
  for (let c = 0; c < row.length; c++) {
    if (c > 0) out.ascii(comma)
    const cell = row[c]
    if (cell === null || cell === undefined) continue
    if (typeof cell !== 'string') {
      out.text(String(cell))
      continue
    }
    const formula = spreadsheet && formulaPattern.test(cell)
    if (!formula && !needsQuotes(cell)) {
      out.text(cell)
      continue
    }
    out.ascii(quote)
    if (formula) out.ascii(apostrophe)
    // The text with each `"` doubled, written in pieces instead of copied by replaceAll.
    let from = 0
    for (let at = cell.indexOf('"'); at !== -1; at = cell.indexOf('"', from)) {
      out.text(cell.slice(from, at + 1))
      out.ascii(quote)
      from = at + 1
    }
    out.text(from === 0 ? cell : cell.slice(from))
    out.ascii(quote)
  }
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
    writeRow: (row, out) => writeCsvRow(row, spreadsheet, out),
  }
}
