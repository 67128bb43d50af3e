// Oracle HCM Data Loader (.dat) encoding: one `METADATA|<Object>|<attribute>|…` line, then one
// `MERGE|<Object>|<value>|…` line per row; `|` inside a value escaped as `\|` (and `\` as `\\`); a line break
// inside a value becomes a space (a .dat line is one record). Pure.

import type { LineEnding } from '../model/index.js'
import type { ByteOutput, RowEncoder } from './csv-file-sink.js'
import { newlineOf } from './csv.js'
import type { Cell } from './profile.js'

/** A value as a .dat field. */
export function hdlValue(cell: Cell): string {
  if (cell === null) return ''
  return String(cell)
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
}

/** The object a .dat file loads, from its name (`JobFamily.dat` → `JobFamily`). */
export const hdlObjectOf = (fileName: string): string => fileName.replace(/\.dat$/, '')

export function hdlEncoder(object: string, eol: LineEnding): RowEncoder {
  const newline = newlineOf(eol)
  const line = (row: readonly Cell[]): string => `MERGE|${object}|${row.map(hdlValue).join('|')}`
  return {
    eol: newline,
    header: (rows) => rows.map((headers) => `METADATA|${object}|${headers.join('|')}${newline}`).join(''),
    rows: (rows) => rows.map((row) => `${line(row)}${newline}`).join(''),
    writeRow: (row: readonly Cell[], out: ByteOutput) => out.text(line(row)),
  }
}

/** Splits a .dat line at unescaped bars and unescapes each field: the reading side, for checks and tests. */
export function parseHdlLine(line: string): string[] {
  const fields: string[] = []
  let current = ''
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string
    if (char === '\\' && i + 1 < line.length) {
      current += line[i + 1]
      i++
    } else if (char === '|') {
      fields.push(current)
      current = ''
    } else current += char
  }
  fields.push(current)
  return fields
}
