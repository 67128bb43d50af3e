// parse, structured ladder files (CSV): table rows → DraftProfiles, read by the table's shape. Two shapes are
// ladders:
//   - levels as columns: a header row whose cells name levels (`Competency, IC1, IC2, IC3`) → one profile per
//     level (and per role, with a role column), each cell a criterion tagged with its row's competency;
//   - levels as rows: a level column (`Level`, `Grade`, …; a cell may list several levels, `1|2`) → one profile
//     per (role, level), the other text cells its components (of the kind their header names).
//   - roles without levels: a role column and a column whose header names a kind (Description, Skills, …) →
//     one profile per role.
// The role comes from a role column (`Role`, `Title`, `Job title`, …) or the source profile's `role.title`. A
// table without a header needs a source profile that says which column holds what.

import type { DraftProfile, PageFormat } from '../../model/index.js'
import { cleanHeading, emptyDraft } from '../career-page.js'
import { isLevelLabel, levelCodeOf } from './level-label.js'
import type { LadderReading } from './ladder-tree.js'

export interface LadderTableOptions {
  format: PageFormat
  /** The role every row describes (a source profile's `role.title`). */
  roleTitle: string | null
  /** The column holding the role / the level: its header text, or its number counted from 1. */
  roleColumn: string | number | null
  levelColumn: string | number | null
}

/** What the shapes above expect, for the message that quarantines a table of another shape. */
export const LADDER_TABLE_EXPECTED =
  'expected a ladder table: a header row with a level column (Level, Grade, Band, …) and a role column (Role, Title, …), or levels as column headers (IC1, IC2, … / Junior, Senior, …); or a canon-source.yaml declaring `role` and `level` columns'

const ROLE_COLUMN =
  /^(?:role|role name|role title|title|job|job title|job name|position|position title|job family|discipline|track|ladder|career track|career path|path)$/
const LEVEL_COLUMN = /^(?:levels?|level code|level name|grades?|grade code|bands?|rank|seniority|step|tier|career level|job level)$/
const TAG_COLUMN =
  /^(?:competency|competency area|area|category|dimension|theme|pillar|attribute|topic|trait|sub[- ]?trait|skill area|capability|section|group|focus area)$/
const SUMMARY_COLUMN = /^(?:description|summary|overview|purpose|about|role description|job description)$/
const KIND_COLUMNS: [RegExp, string][] = [
  [/responsibilit(?:y|ies)|accountabilit(?:y|ies)|duties/, 'responsibility'],
  [/\btasks?\b/, 'task'],
  [/\bskills?\b/, 'skill'],
  [/\bknowledge\b/, 'knowledge'],
  [/qualifications?|requirements?|essential|desirable/, 'qualification'],
  [/competenc(?:y|ies)|criteri(?:a|on)|expectations?|behaviou?rs?|statements?|description/, 'competency'],
]

/** Reads CSV rows (already split into cells) as a ladder, or says why they are not one. */
export function readLadderTable(table: readonly (readonly string[])[], options: LadderTableOptions): LadderReading {
  const rows = table.map((r) => r.map(clean)).filter((r) => r.some((c) => c !== ''))
  if (rows.length === 0) return { ok: false, reason: `${LADDER_TABLE_EXPECTED}; found no rows` }
  const header = hasHeader(rows[0]!, options) ? rows[0]!.map((c) => c.toLowerCase()) : null
  const body = header ? rows.slice(1) : rows
  const width = Math.max(...rows.map((r) => r.length))
  const column = (spec: string | number | null, pattern: RegExp): number | null => {
    if (typeof spec === 'number') return spec >= 1 && spec <= width ? spec - 1 : null
    if (typeof spec === 'string') {
      const index = header?.indexOf(spec.toLowerCase().trim()) ?? -1
      return index >= 0 ? index : null
    }
    const index = header?.findIndex((c) => pattern.test(c)) ?? -1
    return index >= 0 ? index : null
  }
  const found = () => (header ? `a header row ${rows[0]!.filter((c) => c !== '').join(', ')}` : `no header row (${width} columns, ${body.length} rows)`)
  for (const [name, spec] of [
    ['role', options.roleColumn],
    ['level', options.levelColumn],
  ] as const) {
    if (spec !== null && column(spec, /$^/) === null)
      return { ok: false, reason: `the source profile's ${name} column "${spec}" is not in the table; found ${found()}` }
  }
  const roleIndex = column(options.roleColumn, ROLE_COLUMN)
  const levelIndex = column(options.levelColumn, LEVEL_COLUMN)
  const levelColumns = header && levelIndex === null ? rows[0]!.map((c, i) => (isLevelLabel(c) ? i : -1)).filter((i) => i >= 0) : []
  // Without levels, a role column and a column naming a kind (Description, Responsibilities, …) list roles.
  const rolesOnly =
    levelIndex === null && levelColumns.length < 2 && roleIndex !== null && (header?.some((c, i) => i !== roleIndex && kindOfHeader(c) !== null) ?? false)
  if (levelIndex === null && levelColumns.length < 2 && !rolesOnly) return { ok: false, reason: `${LADDER_TABLE_EXPECTED}; found ${found()}` }
  if (roleIndex === null && !options.roleTitle) {
    return {
      ok: false,
      reason: `a ladder table that names no role: add a role column (Role, Title, …), or declare \`role: { title: … }\` in canon-source.yaml; found ${found()}`,
    }
  }
  const drafts = new Map<string, DraftProfile>()
  const draftFor = (role: string, level: string | null) => {
    const key = `${role}\u0000${level ?? ''}`
    let draft = drafts.get(key)
    if (!draft) {
      draft = emptyDraft(options.format, role)
      const code = level === null ? null : levelCodeOf(level)
      if (level !== null) draft.level = { code: code ?? level, name: code && code !== level ? level : null, descriptor: null, fields: [] }
      drafts.set(key, draft)
    }
    return draft
  }
  const tagColumns = header ? header.map((c, i) => (TAG_COLUMN.test(c) ? i : -1)).filter((i) => i >= 0) : []
  for (const row of body) {
    const role = roleIndex !== null ? cleanHeading(row[roleIndex] ?? '') : options.roleTitle!
    if (role === '') continue
    if (levelIndex === null && !rolesOnly) {
      // Levels as columns: the first other column names the competency the row describes.
      const first = row.findIndex((c, i) => i !== roleIndex && !levelColumns.includes(i) && c !== '')
      const tags = first >= 0 ? [row[first]!] : []
      for (const i of levelColumns) {
        const text = row[i] ?? ''
        if (isStatement(text)) draftFor(role, rows[0]![i]!).components.push({ kind: 'competency', text, tags })
      }
      continue
    }
    const levels: (string | null)[] =
      levelIndex === null
        ? [null]
        : (row[levelIndex] ?? '')
            .split(/\s*[|;]\s*/)
            .map((l) => l.trim())
            .filter((l) => l !== '')
    // Short cells (codes, categories) tag the row's statements; headed tag columns always do.
    const tags = row.filter((c, i) => i !== roleIndex && i !== levelIndex && c !== '' && (tagColumns.includes(i) || !isStatement(c)))
    for (const level of levels) {
      const draft = draftFor(role, level)
      row.forEach((text, i) => {
        if (i === roleIndex || i === levelIndex || tagColumns.includes(i) || !isStatement(text)) return
        if (draft.summary === null && SUMMARY_COLUMN.test(header?.[i] ?? '')) {
          draft.summary = text
          return
        }
        // The column's header is the statement's last tag, as a heading is on a page (a source profile's
        // `sections` can then give it a kind).
        const column = header ? [rows[0]![i]!].filter((h) => h !== '') : []
        draft.components.push({ kind: kindOfHeader(header?.[i]) ?? (rolesOnly ? 'responsibility' : 'competency'), text, tags: [...tags, ...column] })
      })
    }
  }
  const result = [...drafts.values()]
  return result.length > 0 ? { ok: true, drafts: result } : { ok: false, reason: `${LADDER_TABLE_EXPECTED}; found ${found()} with no statements` }
}

/** A header row: short labels, at least one naming a role, level or competency column, or two naming levels. */
function hasHeader(row: readonly string[], options: LadderTableOptions): boolean {
  if (typeof options.roleColumn === 'string' || typeof options.levelColumn === 'string') return true
  if (row.some((c) => c.length > 40)) return false
  const lower = row.map((c) => c.toLowerCase())
  return lower.some((c) => ROLE_COLUMN.test(c) || LEVEL_COLUMN.test(c) || TAG_COLUMN.test(c)) || row.filter((c) => isLevelLabel(c)).length >= 2
}

function kindOfHeader(header: string | undefined): string | null {
  if (!header) return null
  for (const [pattern, kind] of KIND_COLUMNS) if (pattern.test(header)) return kind
  return null
}

/** Text worth a component: more than one word. */
function isStatement(text: string): boolean {
  return /\S\s+\S/.test(text)
}

function clean(cell: string): string {
  return cell
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}
