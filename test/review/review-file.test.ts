import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { ReviewItem } from '../../src/model/index.js'
import { formatReviewFile, parseReviewFile, reviewColumns } from '../../src/review/review-file.js'

const items: ReviewItem[] = [
  { kind: 'quarantined_page', roleCode: null, roleTitle: null, subject: 'pages/empty.html', detail: 'extract: the file is empty', confidence: null },
  {
    kind: 'alias_conflict',
    roleCode: 'EDE.GEN.P3',
    roleTitle: 'DevOps P3',
    subject: 'DevOps Engineer',
    detail: 'also claimed by EDE.GEN.P4',
    confidence: 0.42,
  },
  {
    kind: 'code_needs_review',
    roleCode: 'EDE.GEN.P3',
    roleTitle: 'DevOps P3',
    subject: 'SOC2018 15-1252',
    detail: 'Software Developers; title matched "DevOps Engineer"',
    confidence: 0.61,
    system: 'SOC2018',
    code: '15-1252',
  },
  { kind: 'alias_low_confidence', roleCode: 'EDE.GEN.P3', roleTitle: 'DevOps P3', subject: '=HYPERLINK("x")', detail: 'declared 0.30', confidence: 0.3 },
]

/** Fills the `decision`, `value` and `reason` cells of the row whose subject is `subject`. */
function fill(csv: string, fills: Record<string, [string, string?, string?]>): string {
  const parsed = Papa.parse<string[]>(csv.trim(), { delimiter: ',' })
  const [header, ...rows] = parsed.data
  const at = (c: string) => header!.indexOf(c)
  for (const row of rows) {
    const subject = row[at('subject')]!.replace(/^'/, '')
    const f = fills[subject]
    if (!f) continue
    row[at('decision')] = f[0]
    row[at('value')] = f[1] ?? ''
    row[at('reason')] = f[2] ?? ''
  }
  return Papa.unparse([header!, ...rows]) + '\n'
}

describe('formatReviewFile', () => {
  it('lists codes first, then alias conflicts, low-confidence aliases, stale decisions and quarantined pages', () => {
    const rows = Papa.parse<Record<string, string>>(formatReviewFile(items), { header: true, delimiter: ',', skipEmptyLines: true })
    expect(rows.meta.fields).toEqual([...reviewColumns])
    expect(rows.data.map((r) => r.kind)).toEqual(['code_needs_review', 'alias_conflict', 'alias_low_confidence', 'quarantined_page'])
    expect(rows.data[0]).toMatchObject({ role_code: 'EDE.GEN.P3', subject: 'SOC2018 15-1252', confidence: '0.61', decision: '' })
    expect(rows.data[0]!.choices).toBe('accept | reject | override (value = the code)')
  })

  it('neutralises cells a spreadsheet would evaluate, and reads them back as written', () => {
    const csv = formatReviewFile(items)
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    const { decisions } = parseReviewFile(fill(csv, { '=HYPERLINK("x")': ['reject'] }))
    expect(decisions).toEqual([
      { kind: 'reject_alias', roleCode: 'EDE.GEN.P3', alias: '=HYPERLINK("x")', reason: null, row: 4, item: 'alias_low_confidence|EDE.GEN.P3|=HYPERLINK("x")' },
    ])
  })
})

describe('parseReviewFile', () => {
  it('turns filled rows into decisions and skips rows left empty', () => {
    const filled = fill(formatReviewFile(items), {
      'SOC2018 15-1252': ['Override', '15-1244', 'runs infrastructure, not software'],
      'DevOps Engineer': ['approve', '', 'the P3 owns this title'],
    })
    const { decisions, problems } = parseReviewFile(filled)
    expect(problems).toEqual([])
    expect(decisions).toEqual([
      {
        kind: 'override_code',
        roleCode: 'EDE.GEN.P3',
        system: 'SOC2018',
        code: '15-1244',
        reason: 'runs infrastructure, not software',
        row: 2,
        item: 'code_needs_review|EDE.GEN.P3|SOC2018 15-1252',
      },
      {
        kind: 'approve_alias',
        roleCode: 'EDE.GEN.P3',
        alias: 'DevOps Engineer',
        reason: 'the P3 owns this title',
        row: 3,
        item: 'alias_conflict|EDE.GEN.P3|DevOps Engineer',
      },
    ])
  })

  it('refuses a row whose kind, role or subject was edited by hand: it would decide something nobody was offered', () => {
    const filled = fill(formatReviewFile(items), { 'SOC2018 15-1252': ['accept'] }).replace('code_needs_review,EDE.GEN.P3,', 'code_needs_review,XYZ.GEN.P3,')
    expect(parseReviewFile(filled).problems).toEqual([
      {
        line: 2,
        message: 'the row\'s kind, role_code or subject was edited (item "code_needs_review|EDE.GEN.P3|SOC2018 15-1252"); do not edit the columns canon wrote',
      },
    ])
  })

  it('names the line and the allowed choices for a decision that does not fit the item', () => {
    const filled = fill(formatReviewFile(items), {
      'SOC2018 15-1252': ['override'],
      'DevOps Engineer': ['accept'],
      'pages/empty.html': ['approve'],
    })
    expect(parseReviewFile(filled).problems).toEqual([
      { line: 2, message: 'override needs the code to use in `value`, e.g. 15-1252' },
      { line: 3, message: '"accept" is not a decision for alias_conflict; write one of approve, reject' },
      { line: 5, message: '"approve" is not a decision for quarantined_page; leave it empty' },
    ])
  })

  it('rejects a file that is not a review file', () => {
    expect(parseReviewFile('title\nDevOps Engineer\n').problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/missing columns item, kind/) })
  })
})
