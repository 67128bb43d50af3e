// The review file: every item that needs a person (codes needing review, alias conflicts, low-confidence
// aliases, stale decisions, quarantined pages) as one CSV a reviewer fills in, and the filled file read back
// into curation decisions. Pure: items in → CSV text; CSV text in → decisions or row-numbered problems.

import Papa from 'papaparse'
import type { ReviewDecision, ReviewItem, ReviewItemKind, ReviewProblem } from '../model/index.js'

export const reviewColumns = ['item', 'kind', 'role_code', 'role_title', 'subject', 'detail', 'confidence', 'choices', 'decision', 'value', 'reason'] as const

type Column = (typeof reviewColumns)[number]

/** What a reviewer may write in `decision` for each kind of item (empty: leave it for later). */
export const reviewChoices: Record<ReviewItemKind, string[]> = {
  code_needs_review: ['accept', 'reject', 'override'],
  alias_conflict: ['approve', 'reject'],
  alias_low_confidence: ['approve', 'reject'],
  // Decided with canon decide distinct / merge (the detail names both commands).
  possible_duplicate: [],
  // Nothing to decide in the file: fix or re-record the decision (canon decide), or let the role come back.
  stale_decision: [],
  // Fix the page and rebuild.
  quarantined_page: [],
}

const kindOrder: ReviewItemKind[] = ['code_needs_review', 'alias_conflict', 'alias_low_confidence', 'possible_duplicate', 'stale_decision', 'quarantined_page']

/** A stable identity for an item, so a filled file can be checked against what it was written from. */
export function reviewItemId(item: ReviewItem): string {
  return [item.kind, item.roleCode ?? '', item.subject].join('|')
}

/** Renders the items as the review CSV, ordered by kind, role and subject. */
export function formatReviewFile(items: readonly ReviewItem[]): string {
  const sorted = [...items].sort(
    (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || compare(a.roleCode ?? '', b.roleCode ?? '') || compare(a.subject, b.subject),
  )
  const rows = sorted.map((item) => {
    const choices = reviewChoices[item.kind]
    const row: Record<Column, string> = {
      item: reviewItemId(item),
      kind: item.kind,
      role_code: item.roleCode ?? '',
      role_title: item.roleTitle ?? '',
      subject: item.subject,
      detail: item.detail,
      confidence: item.confidence === null ? '' : item.confidence.toFixed(2),
      choices:
        choices.length === 0
          ? item.kind === 'quarantined_page'
            ? 'fix the page and rebuild'
            : item.kind === 'possible_duplicate'
              ? 'canon decide distinct ROLE OTHER | canon decide merge ROLE INTO'
              : 're-record with canon decide, or restore the target'
          : choices.map((c) => (c === 'override' ? 'override (value = the code)' : c)).join(' | '),
      decision: '',
      value: '',
      reason: '',
    }
    return reviewColumns.map((column) => row[column])
  })
  // Spreadsheet-safe: a reviewer opens this in a spreadsheet, so a cell starting with = + - @ is neutralised.
  return Papa.unparse({ fields: [...reviewColumns], data: rows }, { escapeFormulae: /^\s*[=+\-@\t\r]/, newline: '\n' }) + '\n'
}

/** Reads a filled review file into decisions; every problem names its line, and any problem rejects the file. */
export function parseReviewFile(text: string): { decisions: ReviewDecision[]; problems: ReviewProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, delimiter: ',', skipEmptyLines: 'greedy' })
  const problems: ReviewProblem[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 2, message: e.message }))
  const missing = reviewColumns.filter((c) => !(parsed.meta.fields ?? []).includes(c))
  if (missing.length > 0) {
    return { decisions: [], problems: [{ line: 1, message: `missing columns ${missing.join(', ')}; write the file with canon review` }] }
  }
  const decisions: ReviewDecision[] = []
  parsed.data.forEach((record, index) => {
    const line = index + 2
    const decision = unquote(record.decision ?? '')
      .trim()
      .toLowerCase()
    if (decision === '') return
    const kind = record.kind as ReviewItemKind
    const choices = reviewChoices[kind]
    if (!choices) {
      problems.push({ line, message: `unknown kind "${record.kind}"` })
      return
    }
    if (!choices.includes(decision)) {
      problems.push({
        line,
        message: `"${decision}" is not a decision for ${kind}; ${choices.length ? `write one of ${choices.join(', ')}` : 'leave it empty'}`,
      })
      return
    }
    const roleCode = unquote(record.role_code ?? '')
    const subject = unquote(record.subject ?? '')
    const reason = unquote(record.reason ?? '').trim() || null
    if (!roleCode) {
      problems.push({ line, message: 'role_code is empty; do not edit the columns canon wrote' })
      return
    }
    // The row must still be the item canon wrote: kind, role and subject edited by hand would decide something
    // nobody was offered.
    const item = unquote(record.item ?? '')
    if (item !== [kind, roleCode, subject].join('|')) {
      problems.push({ line, message: `the row's kind, role_code or subject was edited (item "${item}"); do not edit the columns canon wrote` })
      return
    }
    if (kind === 'alias_conflict' || kind === 'alias_low_confidence') {
      decisions.push({ kind: decision === 'approve' ? 'approve_alias' : 'reject_alias', roleCode, alias: subject, reason, row: line, item })
      return
    }
    const [system, code] = subject.split(' ')
    if (!system || !code) {
      problems.push({ line, message: `subject "${subject}" should be "SYSTEM CODE", e.g. "SOC2018 15-1252"` })
      return
    }
    if (decision === 'override') {
      const value = unquote(record.value ?? '').trim()
      if (!value) {
        problems.push({ line, message: 'override needs the code to use in `value`, e.g. 15-1252' })
        return
      }
      decisions.push({ kind: 'override_code', roleCode, system, code: value, reason, row: line, item })
      return
    }
    decisions.push({ kind: decision === 'accept' ? 'accept_code' : 'reject_code', roleCode, system, code, reason, row: line, item })
  })
  return { decisions, problems }
}

/** Undoes the spreadsheet-safe prefix canon wrote (a leading `'` before = + - @). */
function unquote(cell: string): string {
  return /^'\s*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
