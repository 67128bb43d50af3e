// Reading exported files back for tests: papaparse with an explicit delimiter, header row separated.

import { readFile } from 'node:fs/promises'
import Papa from 'papaparse'
import type { ExportManifest } from '../../src/model/index.js'

export interface ParsedCsv {
  headers: string[]
  records: Record<string, string>[]
}

/** Parses an exported CSV (BOM tolerated), failing on any papaparse error. */
export function parseExported(text: string): ParsedCsv {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', skipEmptyLines: false })
  if (parsed.errors.length > 0) throw new Error(`CSV did not parse: ${JSON.stringify(parsed.errors)}`)
  const [headers = [], ...rows] = parsed.data
  // Every file ends with a line ending, which papaparse reports as one empty last row.
  const last = rows.at(-1)
  if (last && last.length === 1 && last[0] === '') rows.pop()
  return { headers, records: rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? '']))) }
}

export async function readExported(file: string): Promise<ParsedCsv> {
  return parseExported(await readFile(file, 'utf8'))
}

export async function readManifest(dir: string): Promise<ExportManifest> {
  return JSON.parse(await readFile(`${dir}/manifest.json`, 'utf8')) as ExportManifest
}

/** A value as it reads back from CSV: null and '' are both empty; numbers and booleans as text. */
export const asCsvText = (value: unknown): string => (value === null || value === undefined ? '' : String(value))

/** Parses a file whose template has two header rows (field IDs, then labels): records keyed by field ID. */
export async function readTwoHeaderFile(file: string): Promise<ParsedCsv & { labels: string[] }> {
  const parsed = await readExported(file)
  const [labelRow, ...records] = parsed.records
  return { headers: parsed.headers, labels: parsed.headers.map((h) => labelRow?.[h] ?? ''), records }
}
