// Decisions kept as files in edits/ (so a team can review them in git): CSV with one decision per row, or JSON.
// Parsing is pure: text in, decisions and row-numbered problems out. A bad row is reported, never fatal.
//
// CSV columns (header required, order free; unknown columns are ignored):
//   kind        approve_alias | reject_alias | add_alias | accept_code | override_code | reject_code | set_status
//               | mark_distinct | merge_into
//   role_code   the role, e.g. EDE.GEN.P3
//   alias       alias text                      (alias kinds)
//   alias_type  alias type for add_alias        (optional, default "common")
//   system      SOC2018 | ONET-SOC | ISCO-08    (code kinds; default SOC2018)
//   code        the occupation code             (code kinds); the other role's code (mark_distinct, merge_into)
//   status      draft | review | approved | deprecated (set_status)
//   author      who decided                     (required)
//   reason      why                             (optional)
//   decided_at  ISO 8601 date or time           (optional; orders decisions on one target, later wins)
// JSON: an array of objects with the same fields in camelCase (roleCode, aliasType, decidedAt).

import Papa from 'papaparse'
import type { Decision, DecisionKind, Quarantined } from '../model/index.js'

export const decisionKinds: readonly DecisionKind[] = [
  'approve_alias',
  'reject_alias',
  'add_alias',
  'accept_code',
  'override_code',
  'reject_code',
  'set_status',
  'mark_distinct',
  'merge_into',
]
export const roleStatuses: readonly string[] = ['draft', 'review', 'approved', 'deprecated']

/** A decision as a person writes it: every field optional text until checked. */
export interface DecisionFields {
  kind?: string | null
  roleCode?: string | null
  alias?: string | null
  aliasType?: string | null
  system?: string | null
  code?: string | null
  status?: string | null
  author?: string | null
  reason?: string | null
  decidedAt?: string | null
}

export interface ParsedEdits {
  decisions: Decision[]
  problems: Quarantined[]
}

/** Checks one decision's fields; returns the decision or what is wrong with it. Pure. */
export function toDecision(fields: DecisionFields, id: string): Decision | string {
  const text = (value: string | null | undefined) => (value ?? '').trim()
  const kind = text(fields.kind) as DecisionKind
  if (!decisionKinds.includes(kind)) return `kind "${text(fields.kind)}" is not one of ${decisionKinds.join(', ')}`
  const roleCode = text(fields.roleCode)
  if (!roleCode) return 'role_code is empty; name the role the decision is about'
  const author = text(fields.author)
  if (!author) return 'author is empty; say who made the decision'
  const decidedAtText = text(fields.decidedAt)
  let decidedAt: string | null = null
  if (decidedAtText) {
    const time = new Date(decidedAtText)
    if (Number.isNaN(time.getTime())) return `decided_at "${decidedAtText}" is not a date; use ISO 8601, e.g. 2026-11-26 or 2026-11-26T14:00:00Z`
    decidedAt = time.toISOString()
  }
  const base = { id, roleCode, author, reason: text(fields.reason) || null, decidedAt }
  if (kind === 'approve_alias' || kind === 'reject_alias' || kind === 'add_alias') {
    const alias = text(fields.alias)
    if (!alias) return `${kind} needs the alias text in the alias column`
    return { ...base, kind, alias, aliasType: kind === 'add_alias' ? text(fields.aliasType) || null : null }
  }
  if (kind === 'set_status') {
    const status = text(fields.status).toLowerCase()
    if (!roleStatuses.includes(status)) return `status "${text(fields.status)}" is not one of ${roleStatuses.join(', ')}`
    return { ...base, kind, status }
  }
  const code = text(fields.code)
  if (kind === 'mark_distinct' || kind === 'merge_into') {
    if (!code) return `${kind} needs the other role's code in the code column`
    if (code === roleCode) return `${kind} names ${code} twice; name the other role in the code column`
    return { ...base, kind, otherCode: code }
  }
  if (!code) return `${kind} needs the occupation code in the code column`
  return { ...base, kind, system: text(fields.system) || 'SOC2018', code }
}

/** Parses an edits CSV; `file` names it in ids ("edits/x.csv:3") and problems. Pure. */
export function parseEditsCsv(text: string, file: string): ParsedEdits {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<Record<string, string>>(body, {
    header: true,
    delimiter: ',',
    skipEmptyLines: 'greedy',
    transformHeader: (name) => name.trim().toLowerCase(),
  })
  const decisions: Decision[] = []
  const problems: Quarantined[] = []
  const fields = parsed.meta.fields ?? []
  const missing = ['kind', 'role_code', 'author'].filter((name) => !fields.includes(name))
  if (missing.length > 0) {
    return {
      decisions,
      problems: [
        {
          file,
          stage: 'decide',
          message: `${file}:1: the header lacks ${missing.join(', ')}; expected columns kind, role_code, alias, alias_type, system, code, status, author, reason, decided_at`,
        },
      ],
    }
  }
  for (const error of parsed.errors) problems.push({ file, stage: 'decide', message: `${file}:${(error.row ?? 0) + 2}: ${error.message}` })
  const broken = new Set(parsed.errors.map((error) => error.row))
  parsed.data.forEach((row, index) => {
    if (broken.has(index)) return
    const line = index + 2
    const result = toDecision(
      {
        kind: row['kind'],
        roleCode: row['role_code'],
        alias: row['alias'],
        aliasType: row['alias_type'],
        system: row['system'],
        code: row['code'],
        status: row['status'],
        author: row['author'],
        reason: row['reason'],
        decidedAt: row['decided_at'],
      },
      `${file}:${line}`,
    )
    if (typeof result === 'string') problems.push({ file, stage: 'decide', message: `${file}:${line}: ${result}` })
    else decisions.push(result)
  })
  return { decisions, problems }
}

/** Parses an edits JSON file: an array of decision objects (camelCase fields). Pure. */
export function parseEditsJson(text: string, file: string): ParsedEdits {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { decisions: [], problems: [{ file, stage: 'decide', message: `${file}: not valid JSON (${(error as Error).message})` }] }
  }
  if (!Array.isArray(data)) return { decisions: [], problems: [{ file, stage: 'decide', message: `${file}: expected a JSON array of decisions` }] }
  const decisions: Decision[] = []
  const problems: Quarantined[] = []
  const lines = elementLines(text)
  data.forEach((item, index) => {
    const line = lines[index]
    // Decisions keep their ids (`file#N`); problems name the line the element starts on.
    const id = `${file}#${index + 1}`
    const where = line === undefined ? id : `${file}:${line}`
    const isObject = item !== null && typeof item === 'object' && !Array.isArray(item)
    const result = isObject ? (checkJsonFields(item as Record<string, unknown>) ?? toDecision(item as DecisionFields, id)) : 'expected an object'
    if (typeof result === 'string') problems.push({ file, stage: 'decide', message: `${where}: decision ${index + 1}: ${result}` })
    else decisions.push(result)
  })
  return { decisions, problems }
}

/** The fields a JSON decision may have; each is text (or null). */
const jsonFields: readonly (keyof DecisionFields)[] = ['kind', 'roleCode', 'alias', 'aliasType', 'system', 'code', 'status', 'author', 'reason', 'decidedAt']

/** What is wrong with a JSON decision's field names and types (every field text or null), or null. */
function checkJsonFields(item: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(item)) {
    if (!(jsonFields as readonly string[]).includes(key)) return `unknown field "${key}"; expected ${jsonFields.join(', ')}`
    if (value !== null && typeof value !== 'string')
      return `${key} must be text, found ${Array.isArray(value) ? 'a list' : typeof value} (${JSON.stringify(value)})`
  }
  return null
}

/** The line (1-based) where each element of the JSON array in `text` starts: for messages that name a line. */
function elementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectElement = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') line++
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (depth === 1 && expectElement && !/\s/.test(c) && c !== ']') {
      lines.push(line)
      expectElement = false
    }
    if (c === '"') inString = true
    else if (c === '[' || c === '{') {
      depth++
      if (depth === 1) expectElement = true
    } else if (c === ']' || c === '}') depth--
    else if (c === ',' && depth === 1) expectElement = true
  }
  return lines
}
