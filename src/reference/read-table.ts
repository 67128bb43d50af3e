// Reads one reference table (CSV or O*NET-style TSV) into typed rows, checking the header, so a stale or
// malformed file fails with its name and line rather than as a wrong answer later.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import Papa from 'papaparse'
import { ReferenceDataError } from '../errors.js'

export type TableFormat = 'csv' | 'tsv'

export interface TableSpec<C extends string> {
  /** Path relative to the reference folder, e.g. `onet_29_3/alternate_titles.tsv`. */
  file: string
  format: TableFormat
  /** Columns that must be present in the header; others are ignored. */
  columns: readonly C[]
}

export type TableRow<C extends string> = Record<C, string>

/** Rows of a table with the line each starts on (a quoted cell may span lines, as in ESCO's label lists). */
export interface ParsedTable<C extends string> {
  rows: TableRow<C>[]
  /** 1-based line in the file where each row starts, parallel to `rows`. */
  lines: number[]
}

/** Parses table text; `displayPath` names the file in errors. Pure. */
export function parseTable<C extends string>(text: string, spec: TableSpec<C>, displayPath = spec.file): TableRow<C>[] {
  return parseTableWithLines(text, spec, displayPath).rows
}

/** Parses table text and keeps the line each row starts on, for errors found later. Pure. */
export function parseTableWithLines<C extends string>(text: string, spec: TableSpec<C>, displayPath = spec.file): ParsedTable<C> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  // O*NET's text format is tab-separated with no quoting: a quote inside a title is data.
  const result = Papa.parse<string[]>(body, {
    delimiter: spec.format === 'tsv' ? '\t' : ',',
    quoteChar: spec.format === 'tsv' ? '\u0000' : '"',
    skipEmptyLines: true,
  })
  const firstError = result.errors[0]
  if (firstError) {
    const line = firstError.row === undefined ? null : firstError.row + 1
    throw new ReferenceDataError(displayPath, line, `${firstError.message}; is this the ${spec.format.toUpperCase()} file canon expects?`)
  }
  const [header, ...rows] = result.data
  if (!header) throw new ReferenceDataError(displayPath, 1, 'the file is empty; expected a header row')
  const indexes = spec.columns.map((column) => {
    const index = header.indexOf(column)
    if (index < 0) {
      throw new ReferenceDataError(
        displayPath,
        1,
        `column "${column}" is missing from the header (found: ${header.join(', ')}); the file may be from another release`,
      )
    }
    return index
  })
  // A row starts one line after the previous one ended; line breaks inside quoted cells push later rows down.
  let line = 1 + lineBreaksIn(header)
  const lines: number[] = []
  const parsed = rows.map((cells) => {
    line += 1
    lines.push(line)
    if (cells.length < header.length) {
      throw new ReferenceDataError(displayPath, line, `expected ${header.length} fields, found ${cells.length}`)
    }
    line += lineBreaksIn(cells)
    const row = {} as TableRow<C>
    spec.columns.forEach((column, i) => {
      row[column] = (cells[indexes[i]!] ?? '').trim()
    })
    return row
  })
  return { rows: parsed, lines }
}

function lineBreaksIn(cells: readonly string[]): number {
  let count = 0
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) count++
  }
  return count
}

/** Reads and parses one table from a reference folder. */
export async function readTable<C extends string>(referenceDir: string, spec: TableSpec<C>): Promise<TableRow<C>[]> {
  return (await readTableWithLines(referenceDir, spec)).rows
}

/** Reads and parses one table, keeping the line each row starts on. */
export async function readTableWithLines<C extends string>(referenceDir: string, spec: TableSpec<C>): Promise<ParsedTable<C>> {
  const fullPath = path.join(referenceDir, spec.file)
  let text: string
  try {
    text = await readFile(fullPath, 'utf8')
  } catch (error) {
    throw new ReferenceDataError(fullPath, null, `cannot read the reference file (${(error as Error).message}); check --reference`, {
      cause: error,
    })
  }
  return parseTableWithLines(text, spec, fullPath)
}
