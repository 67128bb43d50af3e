// Set-based inserts: one `INSERT … SELECT FROM ROWS FROM (unnest(…), …)` per chunk of rows, one array parameter
// per column, the columns zipped by position. Works the same on the server and on PGlite.

import { sql, type Kysely, type RawBuilder } from 'kysely'

export type ColumnType = 'int' | 'text' | 'float8' | 'bool' | 'json' | 'jsonb' | 'text[]'

export interface BulkColumn<Row> {
  name: string
  type: ColumnType
  value: (row: Row) => unknown
}

export interface BulkInsertOptions {
  /** Most rows per statement (default `defaultChunkSize`). */
  chunkSize?: number
  /** Most characters of JSON text per statement (default `defaultJsonChunkChars`): a statement's size in memory. */
  jsonChunkChars?: number
  /** SQL types to cast a column to on the server, by column name. */
  casts?: Record<string, string>
}

/** Rows per statement: large enough to amortise the round trip, small enough to bound one parameter's size. */
export const defaultChunkSize = 20_000

/**
 * JSON text per statement. A chunk's JSON travels as one string, copied into the driver's buffer; a few MB keep
 * that off the peak of a 10,000-profile load and cost a few more round trips (≈10 KB per profile: ≈400 rows).
 */
export const defaultJsonChunkChars = 4_000_000

/** Inserts `rows` into `table` with one statement per chunk; returns how many rows it inserted. */
export async function bulkInsert<Row>(
  db: Kysely<any>,
  table: string,
  columns: readonly BulkColumn<Row>[],
  rows: readonly Row[],
  options: BulkInsertOptions = {},
): Promise<number> {
  for (const chunk of chunksOf(columns, rows, options.chunkSize ?? defaultChunkSize, options.jsonChunkChars ?? defaultJsonChunkChars)) {
    await insertStatement(table, columns, chunk, options.casts ?? {}).execute(db)
  }
  return rows.length
}

interface Chunk<Row> {
  rows: readonly Row[]
  /** Per JSON column (by column index): the chunk's values as one JSON array text. */
  json: Map<number, string>
}

// Rows are cut into chunks by count and, when there are JSON columns, by the length of their JSON text, so one
// statement's parameters stay a few MB however large the profiles are.
function* chunksOf<Row>(columns: readonly BulkColumn<Row>[], rows: readonly Row[], chunkSize: number, jsonChunkChars: number): Iterable<Chunk<Row>> {
  const jsonColumns = columns.flatMap((column, index) => (isJson(column.type) ? [index] : []))
  let start = 0
  while (start < rows.length) {
    const texts = new Map(jsonColumns.map((index) => [index, [] as string[]]))
    let chars = 0
    let end = start
    while (end < rows.length && end - start < chunkSize && (end === start || chars < jsonChunkChars)) {
      for (const index of jsonColumns) {
        const text = jsonText(columns[index]!.value(rows[end]!))
        texts.get(index)!.push(text)
        chars += text.length
      }
      end++
    }
    yield { rows: rows.slice(start, end), json: new Map([...texts].map(([index, items]) => [index, `[${items.join(',')}]`])) }
    start = end
  }
}

// Scalar and array columns travel as one array parameter each; JSON columns as one JSON array text each (an
// array literal of JSON text costs far more to escape and parse). ROWS FROM zips them by position, no join.
function insertStatement(table: string, columns: readonly BulkColumn<any>[], chunk: Chunk<any>, casts: Record<string, string>): RawBuilder<unknown> {
  const sources = columns.map((column, index) => {
    if (column.type === 'json') return sql`json_array_elements(${chunk.json.get(index)}::json)`
    if (column.type === 'jsonb') return sql`jsonb_array_elements(${chunk.json.get(index)}::jsonb)`
    return sql`unnest(${chunk.rows.map((row) => toParameter(column.type, column.value(row)))}::${sql.raw(arrayType(column.type))})`
  })
  const aliases = columns.map((_, index) => sql.raw(`c${index}`))
  const selects = columns.map((column, index) => {
    const cast = casts[column.name] ?? (column.type === 'text[]' ? 'text[]' : null)
    return sql.raw(cast ? `c${index}::${cast}` : `c${index}`)
  })
  const names = columns.map((column) => sql.ref(column.name))
  return sql`insert into ${sql.table(table)} (${sql.join(names)})
    select ${sql.join(selects)} from rows from (${sql.join(sources)}) as input(${sql.join(aliases)})`
}

function isJson(type: ColumnType): boolean {
  return type === 'json' || type === 'jsonb'
}

// Multi-dimensional arrays cannot be unnested into rows of arrays: array columns travel as array literals in a
// text[] and are cast row by row on the server.
function arrayType(type: ColumnType): string {
  return type === 'text[]' ? 'text[]' : `${type}[]`
}

function toParameter(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (type === 'text[]') return arrayLiteral(value as readonly string[])
  return value
}

function jsonText(value: unknown): string {
  if (value === undefined) return 'null'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** A Postgres array literal of strings: every element quoted, backslashes and quotes escaped. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
}
