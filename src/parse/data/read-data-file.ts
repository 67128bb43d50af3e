// parse, structured ladder files: YAML, JSON and CSV files are parsed as data and read by their shape (see
// ladder-tree.ts and ladder-table.ts); program source is never run. A file that is not a ladder gets a reason
// naming what was expected and what was found, and the caller quarantines it: such a file is never read as
// lines of text.

import Papa from 'papaparse'
import { parse as parseYaml } from 'yaml'
import type { DataKind } from '../../extract/detect-format.js'
import type { SourceProfile } from '../../model/index.js'
import { readLadderTable } from './ladder-table.js'
import { type LadderReading, readLadderTree } from './ladder-tree.js'

/** Reads a data file's text as a ladder (one DraftProfile per role and level), or says why it cannot. */
export function readDataFile(kind: DataKind, text: string, source: SourceProfile | null = null): LadderReading {
  const roleTitle = source?.role.title ?? null
  if (kind === 'script') {
    return {
      ok: false,
      reason:
        'is program source (JavaScript/TypeScript), which canon neither runs nor reads as text; export the ladder as JSON, YAML or CSV (roles or tracks with levels and their criteria)',
    }
  }
  if (kind === 'markup') {
    return {
      ok: false,
      reason: 'is in a markup canon has no reader for (AsciiDoc, Org, TeX or RTF), and read as plain text it would be misread; convert it to Markdown or HTML',
    }
  }
  if (kind === 'csv') {
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' })
    const fatal = parsed.errors.find((e) => e.type === 'Quotes')
    if (fatal) return { ok: false, reason: `is not valid CSV (row ${(fatal.row ?? 0) + 1}: ${fatal.message})` }
    const reading = readLadderTable(parsed.data, {
      format: 'csv',
      roleTitle,
      roleColumn: source?.role.column ?? null,
      levelColumn: source?.level.column ?? null,
    })
    return reading.ok ? reading : { ok: false, reason: `is not a ladder table: ${reading.reason}` }
  }
  let data: unknown
  try {
    data = kind === 'json' ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    return { ok: false, reason: `is not valid ${kind === 'json' ? 'JSON' : 'YAML'} (${reason})` }
  }
  const reading = readLadderTree(data, { format: kind, roleTitle })
  return reading.ok ? reading : { ok: false, reason: `is not a ladder file: ${reading.reason}` }
}
