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
    const chunk = rows.slice(start, start + chunkSize)
    // Scalar and array columns travel as one array parameter each, unnested in step; JSON columns travel as one
    // JSON array each (an array literal of JSON text costs far more to escape and parse) and are joined by position.
    const arrays = columns.flatMap((column) =>
      column.type === 'jsonb' ? [] : [sql`${chunk.map((row) => toParameter(column.type, column.value(row)))}::${sql.raw(arrayType(column.type))}`],
    )
    const scalarAliases = columns.flatMap((column, index) => (column.type === 'jsonb' ? [] : [sql.raw(`c${index}`)]))
    const joins = columns.flatMap((column, index) =>
      column.type === 'jsonb'
        ? [sql` join jsonb_array_elements(${`[${chunk.map((row) => jsonText(column.value(row))).join(',')}]`}::jsonb) with ordinality as ${sql.raw(`j${index}(value, n)`)} on ${sql.raw(`j${index}.n = input.n`)}`]
        : [],
    )
    const selects = columns.map((column, index) => {
      const cast = options.casts?.[column.name]
      if (column.type === 'jsonb') return sql.raw(`j${index}.value`)
      return cast ? sql.raw(`c${index}::${cast}`) : castFrom(column.type, `c${index}`)
    })
    const names = columns.map((column) => sql.ref(column.name))
    let statement: RawBuilder<Out> = sql<Out>`insert into ${sql.table(table)} (${sql.join(names)})
      select ${sql.join(selects)} from unnest(${sql.join(arrays)}) with ordinality as input(${sql.join(scalarAliases)}, n)${sql.join(joins, sql``)}`
    if (options.returning) statement = sql<Out>`${statement} returning ${sql.join(options.returning.map((name) => sql.ref(name)))}`
    const result = await statement.execute(db)
    out.push(...result.rows)
  }
  return out
}

// Multi-dimensional arrays cannot be unnested into rows of arrays: array columns travel as array literals in a
// text[] and are cast row by row on the server.
function arrayType(type: ColumnType): string {
  return type === 'text[]' ? 'text[]' : `${type}[]`
}

function castFrom(type: ColumnType, alias: string) {
  return type === 'text[]' ? sql.raw(`${alias}::text[]`) : sql.raw(alias)
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
