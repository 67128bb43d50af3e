// How an export profile is declared: per file, which rows a role gives (in natural order) and, per column,
// the header and how to read the value. A new HRIS shape is one small file of these declarations.

import type { ExportMode, ExportRole, ReleaseSnapshot } from '../model/index.js'

/** One CSV cell before encoding: numbers and booleans stay typed so spreadsheet mode never rewrites them. */
export type Cell = string | number | boolean | null

/** What a column reads besides its row: the role the row came from and the release being exported. */
export interface RowContext {
  role: ExportRole
  snapshot: ReleaseSnapshot
}

export type ColumnValue<S> = (source: S, context: RowContext) => Cell

/** A column with limits the target system enforces; a value over the limit fails the export, never gets cut. */
export interface ColumnRule<S> {
  value: ColumnValue<S>
  /** Maximum length in characters (Unicode code points), as the target system counts them. */
  maxLength?: number
}

/** Columns keyed by header, in output order. */
export type ColumnMap<S> = Record<string, ColumnValue<S> | ColumnRule<S>>

export interface FileDeclaration<S> {
  name: string
  /** The rows one role contributes to this file, in the role's natural order (page order). */
  rows: (role: ExportRole, snapshot: ReleaseSnapshot) => Iterable<S>
  columns: ColumnMap<S>
}

/** A file with its row type erased: what the writer works with. */
export interface ExportFile {
  name: string
  headers: string[]
  /** Per column, the length limit or null. */
  maxLengths: (number | null)[]
  /** The cells of every row one role contributes, in order. */
  rowsOf: (role: ExportRole, snapshot: ReleaseSnapshot) => Cell[][]
}

export interface ExportProfile {
  name: string
  /** One line for `canon export --help` and the README. */
  description: string
  /** Mode used when `--mode` is not given: import for HRIS loaders, spreadsheet where people open the files. */
  defaultMode: ExportMode
  files: ExportFile[]
}

/** Turns a file declaration into the uniform shape the writer uses. */
export function defineFile<S>(declaration: FileDeclaration<S>): ExportFile {
  const entries = Object.entries(declaration.columns)
  const readers = entries.map(([, column]) => (typeof column === 'function' ? column : column.value))
  return {
    name: declaration.name,
    headers: entries.map(([header]) => header),
    maxLengths: entries.map(([, column]) => (typeof column === 'function' ? null : (column.maxLength ?? null))),
    rowsOf(role, snapshot) {
      const context: RowContext = { role, snapshot }
      const rows: Cell[][] = []
      for (const source of declaration.rows(role, snapshot)) rows.push(readers.map((read) => read(source, context)))
      return rows
    },
  }
}

/** Lists as cells: a JSON array, so items holding commas, semicolons or quotes survive a round trip. */
export function listCell(items: readonly unknown[] | null | undefined): Cell {
  return items === null || items === undefined ? null : JSON.stringify(items)
}

/** The role itself as the single row of a per-role file. */
export const oneRowPerRole = (role: ExportRole): ExportRole[] => [role]
