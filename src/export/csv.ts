// CSV encoding for exports: RFC 4180 through papaparse, one place for quoting, line endings and the
// spreadsheet-safe rewrite of formula-looking cells.

import Papa from 'papaparse'
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

/** Encodes rows as CSV lines, each ending with the line ending (so chunks can be concatenated). */
export function encodeCsvRows(rows: readonly (readonly Cell[])[], mode: ExportMode, eol: LineEnding): string {
  if (rows.length === 0) return ''
  const newline = newlineOf(eol)
  return (
    Papa.unparse(rows as Cell[][], {
      delimiter: ',',
      quoteChar: '"',
      escapeChar: '"',
      newline,
      header: false,
      quotes: false,
      skipEmptyLines: false,
      escapeFormulae: mode === 'spreadsheet' ? formulaPattern : false,
    }) + newline
  )
}

/** CSV files: header rows are canon's own text, encoded in import mode so they are never rewritten. */
export function csvEncoder(mode: ExportMode, eol: LineEnding): RowEncoder {
  return {
    header: (rows) => encodeCsvRows(rows, 'import', eol),
    rows: (rows) => encodeCsvRows(rows, mode, eol),
  }
}
