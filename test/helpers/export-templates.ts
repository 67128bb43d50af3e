// Checks a profile's written folder against the spec of the target's template kept in
// test/fixtures/export-templates/<profile>.json: files and their order, header rows (field IDs, labels), date
// formats, required fields, length limits, every reference resolving to an exported reference object, Row IDs,
// rich text on one line; Oracle .dat files parsed line by line and the zip read back by Python's zipfile.

import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import Papa from 'papaparse'
import { expect } from 'vitest'
import { readManifest } from './export-csv-files.js'

interface FileSpec {
  name: string
  headerRows?: number
  ids?: string[]
  labels?: string[]
  key?: string
  required?: string[]
  dates?: Record<string, string>
  maxLengths?: Record<string, number>
  richText?: string[]
  /**
   * Values that must name an exported object: `column` (or several, together) in `file`'s `key` column(s); `where`
   * keeps only the target rows with these values (a record type), `from` only the source rows with these.
   */
  references?: { column: string | string[]; file: string; key: string | string[]; where?: Record<string, string>; from?: Record<string, string> }[]
  recordTypes?: Record<string, number>
  fullOnly?: boolean
  object?: string
  attributes?: string[]
  enums?: Record<string, string[]>
}

interface TemplateSpec {
  headerRows?: number
  noBom?: boolean
  zip?: string
  files: FileSpec[]
}

export async function templateSpec(profile: string): Promise<TemplateSpec> {
  return JSON.parse(await readFile(path.join(import.meta.dirname, '..', 'fixtures', 'export-templates', `${profile}.json`), 'utf8')) as TemplateSpec
}

const datePatterns: Record<string, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
  'MM/dd/yyyy': /^(\d{2})\/(\d{2})\/(\d{4})$/,
  'YYYY/MM/DD': /^(\d{4})\/(\d{2})\/(\d{2})$/,
}

function isDate(value: string, format: string): boolean {
  const match = datePatterns[format]?.exec(value)
  if (!match) return false
  const [year, month, day] = format === 'MM/dd/yyyy' ? [match[3], match[1], match[2]] : [match[1], match[2], match[3]]
  const iso = `${year}-${month}-${day}`
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso
}

/** Splits a .dat line at bars not preceded by a backslash, unescaping `\x` to `x` (written here, not imported). */
function splitDat(line: string): string[] {
  const fields: string[] = []
  let field = ''
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') field += line[++i] ?? ''
    else if (line[i] === '|') {
      fields.push(field)
      field = ''
    } else field += line[i]
  }
  fields.push(field)
  return fields
}

const codePoints = (text: string): number => [...text].length

export type Records = Record<string, string>[]

/** Reads every file of the folder per the spec, asserting the template's shape; returns the records by file. */
export async function expectConformsToTemplate(dir: string, profile: string, options: { delta?: boolean } = {}): Promise<Map<string, Records>> {
  const spec = await templateSpec(profile)
  const manifest = await readManifest(dir)
  const expectedFiles = spec.files.filter((f) => !(options.delta && f.fullOnly)).map((f) => f.name)
  const loadFiles = manifest.files.filter((f) => f.purpose !== 'archive' && f.purpose !== 'schema' && f.name !== 'changes.csv').map((f) => f.name)
  expect(loadFiles, `${profile}: files in load order`).toEqual(expectedFiles)
  const records = new Map<string, Records>()

  for (const file of spec.files) {
    if (!expectedFiles.includes(file.name)) continue
    const raw = await readFile(path.join(dir, file.name), 'utf8')
    if (spec.noBom) expect(raw.startsWith('\uFEFF'), `${profile}/${file.name} has no BOM`).toBe(false)
    const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw
    let rows: Records
    if (file.object) {
      const lines = text.split(/\r?\n/)
      expect(lines.pop(), `${file.name} ends with a line ending`).toBe('')
      const [metadata = '', ...merges] = lines
      expect(splitDat(metadata), `${file.name} METADATA line`).toEqual(['METADATA', file.object, ...(file.attributes ?? [])])
      rows = merges.map((line) => {
        const fields = splitDat(line)
        expect(fields.slice(0, 2), `${file.name}: ${line}`).toEqual(['MERGE', file.object])
        expect(fields.length, `${file.name}: field count of ${line}`).toBe((file.attributes?.length ?? 0) + 2)
        return Object.fromEntries((file.attributes ?? []).map((a, i) => [a, fields[i + 2] ?? '']))
      })
    } else {
      const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false })
      expect(parsed.errors, `${profile}/${file.name} parses`).toEqual([])
      const data = parsed.data
      if (data.at(-1)?.length === 1 && data.at(-1)?.[0] === '') data.pop()
      const headerRows = file.headerRows ?? spec.headerRows ?? 1
      if (headerRows === 0) {
        for (const row of data) expect(row.length, `${file.name}: ${row.join(',')}`).toBe(file.recordTypes?.[row[0] ?? ''])
        rows = data.map((row) => Object.fromEntries(row.map((v, i) => [String(i), v])))
      } else {
        const ids = data[0] ?? []
        expect(new Set(ids).size, `${file.name}: field IDs are unique`).toBe(ids.length)
        if (file.ids) expect(ids, `${file.name} field IDs`).toEqual(file.ids)
        expect(data[headerRows - 1], `${file.name} template labels`).toEqual(file.labels)
        rows = data.slice(headerRows).map((row) => {
          expect(row.length, `${file.name}: row width`).toBe(ids.length)
          return Object.fromEntries(ids.map((id, i) => [id, row[i] ?? '']))
        })
      }
    }
    records.set(file.name, rows)

    let previousKey: string | null = null
    const rowIds = new Map<string, number>()
    // An EIB sheet (Row ID columns) carries an object's single-valued fields on its first row only; other files on every row.
    const subRows = Object.keys(rows[0] ?? {}).some((column) => column.endsWith('.Row_ID'))
    for (const row of rows) {
      const first = Object.values(row)[0] ?? ''
      const startsObject = first !== previousKey
      previousKey = first
      if (startsObject) rowIds.clear()
      if (startsObject || !subRows) for (const column of file.required ?? []) expect(row[column], `${file.name}: ${column} of ${first}`).not.toBe('')
      for (const [column, format] of Object.entries(file.dates ?? {})) {
        if (row[column]) expect(isDate(row[column] as string, format), `${file.name}: ${column} ${row[column]} as ${format}`).toBe(true)
      }
      for (const [column, limit] of Object.entries(file.maxLengths ?? {}))
        expect(codePoints(row[column] ?? ''), `${file.name}: ${column}`).toBeLessThanOrEqual(limit)
      for (const [column, values] of Object.entries(file.enums ?? {})) expect(values, `${file.name}: ${column}`).toContain(row[column])
      for (const column of file.richText ?? []) {
        const value = row[column] ?? ''
        expect(value, `${file.name}: ${column} on one line`).not.toMatch(/[\r\n]/)
        expect(value, `${file.name}: ${column} escapes &`).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/)
      }
      // Row IDs count 1, 2, … within one object, per group.
      for (const [column, value] of Object.entries(row)) {
        if (!column.endsWith('.Row_ID') || value === '') continue
        const next = (rowIds.get(column) ?? 0) + 1
        expect(value, `${file.name}: ${column} of ${first}`).toBe(String(next))
        rowIds.set(column, next)
      }
    }
  }

  for (const file of spec.files) {
    for (const reference of file.references ?? []) {
      const targets = records.get(reference.file)
      if (!records.has(file.name)) continue
      expect(targets, `${reference.file} is exported beside ${file.name}`).toBeDefined()
      const columns = [reference.column].flat()
      const keyColumns = [reference.key].flat()
      const matches = (row: Record<string, string>, values: Record<string, string> = {}) => Object.entries(values).every(([c, v]) => row[c] === v)
      const keys = new Set((targets ?? []).filter((r) => matches(r, reference.where)).map((r) => JSON.stringify(keyColumns.map((c) => r[c] ?? ''))))
      for (const row of records.get(file.name) ?? []) {
        if (!matches(row, reference.from)) continue
        const values = columns.map((c) => row[c] ?? '')
        if (values.every((v) => v === '')) continue
        expect(keys.has(JSON.stringify(values)), `${file.name} ${columns.join('+')} ${values.join('+')} resolves in ${reference.file}`).toBe(true)
      }
    }
  }

  if (spec.zip) {
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import sys, zipfile, hashlib; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(i.filename + " " + hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()))',
        path.join(dir, spec.zip),
      ],
      { encoding: 'utf8' },
    )
    const datFiles = manifest.files.filter((f) => f.name.endsWith('.dat'))
    expect(listing.trim().split('\n'), `${spec.zip} holds the .dat files`).toEqual(datFiles.map((f) => `${f.name} ${f.sha256}`))
  }
  return records
}
