// Codes a CSV of job titles (an HRIS export): a `title` column in, optional `description`; the same rows out,
// in order, with the SOC code, its title and level, confidence, review status, O*NET-SOC code and evidence.

import Papa from 'papaparse'
import { UsageError } from '../errors.js'
import type { ClassifierIndex } from './classifier-index.js'
import { classifyTitle } from './classify-title.js'

export const CLASSIFY_OUTPUT_COLUMNS = ['soc_code', 'soc_title', 'soc_level', 'confidence', 'review_status', 'onet_code', 'evidence'] as const

export interface TitleTable {
  fields: string[]
  rows: Record<string, string>[]
}

/** Parses the input CSV and checks it has a `title` column (bad usage otherwise); `displayPath` names it in errors. */
export function readTitleTable(text: string, displayPath: string): TitleTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, delimiter: ',', skipEmptyLines: 'greedy' })
  const fields = parsed.meta.fields ?? []
  if (!fields.includes('title')) {
    throw new UsageError(
      `${displayPath}: no "title" column in the header (found: ${fields.join(', ') || 'nothing'}); the input needs a title column, and may have a description column`,
    )
  }
  const bad = parsed.errors.find((error) => error.type !== 'FieldMismatch')
  if (bad) throw new UsageError(`${displayPath}:${(bad.row ?? 0) + 2}: ${bad.message}`)
  return { fields, rows: parsed.data }
}

/** Classifies every row of a title table; returns the CSV text (input columns first, in order). Pure given the index. */
export function classifyTitleTable({ fields, rows: input }: TitleTable, index: ClassifierIndex): { csv: string; rows: number } {
  const columns = [...fields.filter((f) => !(CLASSIFY_OUTPUT_COLUMNS as readonly string[]).includes(f)), ...CLASSIFY_OUTPUT_COLUMNS]
  const rows = input.map((row) => {
    const title = (row.title ?? '').trim()
    const description = (row.description ?? '').trim()
    const result = classifyTitle(index, { title, description: description || null })
    const best = result.best
    return {
      ...row,
      soc_code: best?.code ?? '',
      soc_title: best?.title ?? '',
      soc_level: best?.level ?? '',
      confidence: best ? best.confidence.toFixed(3) : '',
      review_status: result.reviewStatus,
      onet_code: best?.level === 'detailed' ? (result.onet?.code ?? '') : '',
      evidence: best ? best.evidence.join(' | ') : title ? `no reference title or occupation text shares a word with "${title}"` : 'empty title',
    }
  })
  return { csv: `${Papa.unparse(rows, { columns, newline: '\n' })}\n`, rows: rows.length }
}
