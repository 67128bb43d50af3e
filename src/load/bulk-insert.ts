// Set-based inserts: one `INSERT … SELECT FROM unnest(…)` per chunk of rows, one array parameter per column.
// Measured here at ≈57k rows/s on the server and ≈29k on PGlite, against ≈50k for jsonb_to_recordset.

import { sql, type Kysely, type RawBuilder } from 'kysely'

export type ColumnType = 'int' | 'text' | 'float8' | 'bool' | 'jsonb' | 'text[]'

export interface BulkColumn<Row> {
  name: string
  type: ColumnType
  value: (row: Row) => unknown
}

/** Rows per statement: large enough to amortise the round trip, small enough to bound one parameter's size. */
export const defaultChunkSize = 20_000

/** Inserts `rows` into `table` with one statement per chunk; `returning` collects those columns. */
export async function bulkInsert<Row, Out = never>(
  db: Kysely<any>,
  table: string,
  columns: readonly BulkColumn<Row>[],
  rows: readonly Row[],
  options: { returning?: readonly string[]; chunkSize?: number; casts?: Record<string, string> } = {},
): Promise<Out[]> {
  const out: Out[] = []
  const chunkSize = options.chunkSize ?? defaultChunkSize
  for (let start = 0; start < rows.length; start += chunkSize) {
    // (casts: a column sent as text and converted on the server, e.g. timestamptz.)
    const chunk = rows.slice(start, start + chunkSize)
    const arrays = columns.map((column) => sql`${chunk.map((row) => toParameter(column.type, column.value(row)))}::${sql.raw(arrayType(column.type))}`)
    const selects = columns.map((column, index) => {
      const cast = options.casts?.[column.name]
      return cast ? sql.raw(`c${index}::${cast}`) : castFrom(column.type, `c${index}`)
    })
    const names = columns.map((column) => sql.ref(column.name))
    const aliases = columns.map((_, index) => sql.raw(`c${index}`))
    let statement: RawBuilder<Out> = sql<Out>`insert into ${sql.table(table)} (${sql.join(names)})
      select ${sql.join(selects)} from unnest(${sql.join(arrays)}) as input(${sql.join(aliases)})`
    if (options.returning) statement = sql<Out>`${statement} returning ${sql.join(options.returning.map((name) => sql.ref(name)))}`
    const result = await statement.execute(db)
    out.push(...result.rows)
  }
  return out
}

// Multi-dimensional arrays cannot be unnested into rows of arrays, and JSON arrays of objects would be sent as
// Postgres arrays: send array and JSON columns as text and cast each row on the server.
function arrayType(type: ColumnType): string {
  return type === 'text[]' || type === 'jsonb' ? 'text[]' : `${type}[]`
}

function castFrom(type: ColumnType, alias: string) {
  if (type === 'text[]') return sql.raw(`${alias}::text[]`)
  if (type === 'jsonb') return sql.raw(`${alias}::jsonb`)
  return sql.raw(alias)
}

function toParameter(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (type === 'text[]') return arrayLiteral(value as readonly string[])
  if (type === 'jsonb') return typeof value === 'string' ? value : JSON.stringify(value)
  return value
}

/** A Postgres array literal of strings: every element quoted, backslashes and quotes escaped. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
}
