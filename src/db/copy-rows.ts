// COPY … FROM STDIN in text format, streamed: rows are turned into lines a batch at a time, so no statement-sized
// string or parameter array is ever built (the set-based insert's arrays were most of the load's peak memory).

import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ClientBase } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { arrayLiteral, type BulkColumn } from './bulk-insert.js'

/** Characters of COPY text handed to the stream at a time. */
const batchChars = 256 * 1024

/**
 * Copies `rows` into `table` on `client`'s connection (inside its transaction, if one is open); returns how many
 * rows it copied. `rows` may be a generator: each row is read once, as its line is written, so a load's rows
 * need not all exist at once.
 */
export async function copyRows<Row>(client: ClientBase, table: string, columns: readonly BulkColumn<Row>[], rows: Iterable<Row>): Promise<number> {
  if (Array.isArray(rows) && rows.length === 0) return 0
  const names = columns.map((column) => quoteIdent(column.name)).join(', ')
  const stream = client.query(copyFrom(`copy ${quoteIdent(table)} (${names}) from stdin`))
  const counted = { rows: 0 }
  await pipeline(Readable.from(copyText(columns, rows, counted)), stream)
  return counted.rows
}

function* copyText<Row>(columns: readonly BulkColumn<Row>[], rows: Iterable<Row>, counted: { rows: number }): Iterable<string> {
  let batch = ''
  for (const row of rows) {
    counted.rows += 1
    batch += columns.map((column) => copyField(column, column.value(row))).join('\t') + '\n'
    if (batch.length >= batchChars) {
      yield batch
      batch = ''
    }
  }
  if (batch !== '') yield batch
}

/** One field of COPY's text format: `\N` for null, else the value's text with backslash, tab and line breaks escaped. */
export function copyField<Row>(column: BulkColumn<Row>, value: unknown): string {
  if (column.type === 'json' || column.type === 'jsonb')
    return escapeText(value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value))
  if (value === null || value === undefined) return '\\N'
  switch (column.type) {
    case 'bool':
      return value ? 't' : 'f'
    case 'text[]':
      return escapeText(arrayLiteral(value as readonly string[]))
    default:
      return escapeText(String(value))
  }
}

const special = /[\\\t\n\r]/

function escapeText(text: string): string {
  if (!special.test(text)) return text
  return text.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'))
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
