// How an export profile is declared: per file, which rows a role gives (in natural order) and, per column,
// the header and how to read the value. Reference files (job families, levels, …) collect the objects roles
// refer to and are written once per object. A new HRIS shape is one small file of these declarations.

import type { ExportManifest, ExportMode, ExportRole, ReleaseSnapshot } from '../model/index.js'

/** One CSV cell before encoding: numbers and booleans stay typed so spreadsheet mode never rewrites them. */
export type Cell = string | number | boolean | null

/** Dates as the target's template writes them. */
export type DateFormat = 'YYYY-MM-DD' | 'MM/dd/yyyy' | 'YYYY/MM/DD'

/** What every row of one export shares: the release, and settings resolved for the profile. */
export interface ExportContext {
  snapshot: ReleaseSnapshot
  /** The release's effective date in the profile's date format. */
  effectiveDate: string
  /** Send `needs_review` classification codes too (see deliverable-codes.ts). */
  includeUnreviewed: boolean
}

/** What a column reads besides its row: the role the row came from and the export's context. */
export interface RowContext extends ExportContext {
  role: ExportRole
}

export type ColumnValue<S> = (source: S, context: RowContext) => Cell

/** A column with limits the target system enforces; a value over the limit fails the export, never gets cut. */
export interface ColumnRule<S> {
  value: ColumnValue<S>
  /** Maximum length in characters (Unicode code points), as the target system counts them. */
  maxLength?: number
  /** The template's label for the column (its second header row), when the target has one. */
  label?: string
}

/** Columns keyed by header, in output order. */
export type ColumnMap<S> = Record<string, ColumnValue<S> | ColumnRule<S>>

/**
 * What a file is for, in load order: `reference` objects load before the `load` files that refer to them;
 * a `report` (codes held back, the change list of a delta) is for the administrator, not the HRIS; `data` is a
 * plain table (generic profile).
 */
export type FilePurpose = 'reference' | 'load' | 'report' | 'data'

interface FileOptions {
  /** The template's label row under the header row (SuccessFactors, Workday EIB); null: one header row. */
  labels?: boolean
  /** No header row at all (a template that has none, e.g. Job Profile Builder's family/role import). */
  headerless?: boolean
  /** Only in full exports: a mapping the target replaces whole on every import cannot be sent in part. */
  fullOnly?: boolean
  purpose?: FilePurpose
}

export interface FileDeclaration<S> extends FileOptions {
  name: string
  /** The rows one role contributes to this file, in the role's natural order (page order). */
  rows: (role: ExportRole, context: ExportContext) => Iterable<S>
  columns: ColumnMap<S>
}

export interface ReferenceDeclaration<T> extends FileOptions {
  name: string
  /**
   * The objects a role refers to, each under a key. The first object seen for a key is kept (roles arrive in
   * code order, so the choice is reproducible); the file lists every key once, in code point order.
   */
  objects: (role: ExportRole, context: ExportContext) => Iterable<readonly [string, T]>
  /** Combines a later sighting of a key with the kept object (e.g. a family stays active while any role is). */
  merge?: (kept: T, seen: T) => T
  /** The rows for all collected objects, given in key order (e.g. one object spread over Row ID sub-rows). */
  rows: (objects: readonly T[], context: ExportContext) => Cell[][]
  /** Headers in output order, with limits and labels as for columns. */
  columns: Record<string, { maxLength?: number; label?: string } | null>
}

interface ExportFileBase {
  name: string
  headers: string[]
  /** The second header row, or null. */
  labels: string[] | null
  headerless: boolean
  /** Per column, the length limit or null. */
  maxLengths: (number | null)[]
  fullOnly: boolean
  purpose: FilePurpose
}

/** A file with its row type erased: what the writer works with. */
export interface RoleFile extends ExportFileBase {
  collect: 'role'
  /** The cells of every row one role contributes, in order. */
  rowsOf: (role: ExportRole, context: ExportContext) => Cell[][]
}

export interface ReferenceFile extends ExportFileBase {
  collect: 'reference'
  objectsOf: (role: ExportRole, context: ExportContext) => Iterable<readonly [string, unknown]>
  merge: (kept: unknown, seen: unknown) => unknown
  rowsFor: (objects: readonly unknown[], context: ExportContext) => Cell[][]
}

export type ExportFile = RoleFile | ReferenceFile

/** How files are encoded: CSV, or Oracle HCM Data Loader's pipe-delimited `.dat` (METADATA/MERGE lines). */
export type FileFormat = 'csv' | 'hdl'

export interface ExportProfile {
  name: string
  /** One line for `canon export --help` and the README. */
  description: string
  /** Mode used when `--mode` is not given: import for HRIS loaders, spreadsheet where people open the files. */
  defaultMode: ExportMode
  /** Files in load order: reference objects first. */
  files: ExportFile[]
  dateFormat: DateFormat
  /** `never`: the target rejects a byte-order mark, so `--bom` is a usage error for this profile. */
  bom: 'optional' | 'never'
  /**
   * Delta exports: `column` adds a last `change` column to every file; `file` keeps the template's columns and
   * writes the change list as `changes.csv` beside them (a target whose template takes no extra column).
   */
  deltaChanges: 'column' | 'file'
  format: FileFormat
  /** HDL: the zip the `.dat` files are packed into, as HCM Data Loader takes them. */
  zip?: string
  /**
   * Files written from the manifest before it is finished (its `createdAt` must not be read: they are part of
   * the reproducible output), e.g. the generic profile's datapackage.json.
   */
  extraFiles?: (manifest: ExportManifest) => { name: string; text: string }[]
}

const ruleOf = <S>(column: ColumnValue<S> | ColumnRule<S>): ColumnRule<S> => (typeof column === 'function' ? { value: column } : column)

function baseOf(name: string, rules: { maxLength?: number; label?: string }[], headers: string[], options: FileOptions): ExportFileBase {
  return {
    name,
    headers,
    labels: options.labels ? rules.map((rule, i) => rule.label ?? headers[i] ?? '') : null,
    headerless: options.headerless ?? false,
    maxLengths: rules.map((rule) => rule.maxLength ?? null),
    fullOnly: options.fullOnly ?? false,
    purpose: options.purpose ?? 'load',
  }
}

/** Turns a file declaration into the uniform shape the writer uses. */
export function defineFile<S>(declaration: FileDeclaration<S>): RoleFile {
  const entries = Object.entries(declaration.columns)
  const rules = entries.map(([, column]) => ruleOf(column))
  const readers = rules.map((rule) => rule.value)
  return {
    ...baseOf(
      declaration.name,
      rules,
      entries.map(([header]) => header),
      declaration,
    ),
    collect: 'role',
    rowsOf(role, context) {
      const rowContext: RowContext = { ...context, role }
      const rows: Cell[][] = []
      for (const source of declaration.rows(role, context)) rows.push(readers.map((read) => read(source, rowContext)))
      return rows
    },
  }
}

/** Turns a reference-file declaration into the uniform shape the writer uses. */
export function defineReferenceFile<T>(declaration: ReferenceDeclaration<T>): ReferenceFile {
  const entries = Object.entries(declaration.columns)
  return {
    ...baseOf(
      declaration.name,
      entries.map(([, rule]) => rule ?? {}),
      entries.map(([header]) => header),
      { purpose: 'reference', ...declaration },
    ),
    collect: 'reference',
    objectsOf: declaration.objects,
    merge: (declaration.merge ?? ((kept: T) => kept)) as ReferenceFile['merge'],
    rowsFor: declaration.rows as ReferenceFile['rowsFor'],
  }
}

/** A per-role file whose rows are built whole (e.g. an EIB sheet with Row ID sub-rows), columns declared apart. */
export function defineSheetFile(
  declaration: FileOptions & {
    name: string
    columns: Record<string, { maxLength?: number; label?: string }>
    rows: (role: ExportRole, context: ExportContext) => Cell[][]
  },
): RoleFile {
  const entries = Object.entries(declaration.columns)
  return {
    ...baseOf(
      declaration.name,
      entries.map(([, rule]) => rule),
      entries.map(([header]) => header),
      declaration,
    ),
    collect: 'role',
    rowsOf: declaration.rows,
  }
}

/** Lists as cells: a JSON array, so items holding commas, semicolons or quotes survive a round trip. */
export function listCell(items: readonly unknown[] | null | undefined): Cell {
  return items === null || items === undefined ? null : JSON.stringify(items)
}

/** The role itself as the single row of a per-role file. */
export const oneRowPerRole = (role: ExportRole): ExportRole[] => [role]

/** A role removed from the release or deprecated: HRIS jobs are inactivated, never deleted. */
export const isInactive = (r: ExportRole): boolean => r.state === 'removed' || r.profile.status === 'deprecated'

/** `YYYY-MM-DD` in a profile's date format. */
export function formatDate(isoDate: string, format: DateFormat): string {
  const [year = '', month = '', day = ''] = isoDate.split('-')
  if (format === 'MM/dd/yyyy') return `${month}/${day}/${year}`
  if (format === 'YYYY/MM/DD') return `${year}/${month}/${day}`
  return isoDate
}
