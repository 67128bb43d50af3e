import { describe, expect, it } from 'vitest'
import { type LadderTableOptions, readLadderTable } from '../../../src/parse/data/ladder-table.js'

const none: LadderTableOptions = { format: 'csv', roleTitle: null, roleColumn: null, levelColumn: null }
const read = (rows: string[][], options: Partial<LadderTableOptions> = {}) => readLadderTable(rows, { ...none, ...options })
const drafts = (rows: string[][], options: Partial<LadderTableOptions> = {}) => {
  const reading = read(rows, options)
  if (!reading.ok) throw new Error(reading.reason)
  return reading.drafts
}

describe('structured ladder tables (CSV)', () => {
  it('levels as rows: one profile per (role, level), text cells as components of the kind their header names', () => {
    const rows = [
      ['Job title', 'Level', 'Area', 'Responsibilities', 'Skills'],
      ['Software Engineer', 'IC1', 'Delivery', 'Ships small features with help', 'Writes clear tests'],
      ['Software Engineer', 'IC2', 'Delivery', 'Owns features end to end', ''],
      ['Data Analyst', 'IC1', 'Insight', 'Builds dashboards for a team', ''],
    ]
    const result = drafts(rows)
    expect(result.map((d) => [d.title, d.level?.code])).toEqual([
      ['Software Engineer', 'IC1'],
      ['Software Engineer', 'IC2'],
      ['Data Analyst', 'IC1'],
    ])
    expect(result[0]!.components).toEqual([
      { kind: 'responsibility', text: 'Ships small features with help', tags: ['Delivery', 'Responsibilities'] },
      { kind: 'skill', text: 'Writes clear tests', tags: ['Delivery', 'Skills'] },
    ])
  })

  it('levels as columns: each cell is a criterion of its column’s level, tagged with the row’s competency', () => {
    const rows = [
      ['Role', 'Competency', 'Junior', 'Senior', 'Staff'],
      ['Designer', 'Craft', 'Applies the design system', 'Extends the design system', 'Sets the design system direction'],
      ['Designer', 'Research', 'Joins user research sessions', 'Plans user research', ''],
    ]
    const result = drafts(rows)
    expect(result.map((d) => [d.title, d.level?.code, d.components.map((c) => c.tags[0])])).toEqual([
      ['Designer', 'Junior', ['Craft', 'Research']],
      ['Designer', 'Senior', ['Craft', 'Research']],
      ['Designer', 'Staff', ['Craft']],
    ])
  })

  it('a headerless table is not a ladder unless its columns are declared; declared, a cell listing levels serves each', () => {
    const rows = [
      ['You write production code with guidance.', '1|2', 'DEX', ''],
      ['You lead the design of a system.', '3', 'WIS', ''],
      ['Nothing at this grade', '4', 'T', ''],
    ]
    const refused = read(rows)
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.reason).toMatch(/^expected a ladder table.*found no header row \(4 columns, 3 rows\)$/)
    const result = drafts(rows, { levelColumn: 2, roleTitle: 'Software Engineer' })
    expect(result.map((d) => [d.title, d.level?.code, d.components.map((c) => c.text)])).toEqual([
      ['Software Engineer', 'L1', ['You write production code with guidance.']],
      ['Software Engineer', 'L2', ['You write production code with guidance.']],
      ['Software Engineer', 'L3', ['You lead the design of a system.']],
      ['Software Engineer', 'L4', ['Nothing at this grade']],
    ])
    // Short codes tag the statement; they are never components or glued into one.
    expect(result[0]!.components[0]!.tags).toEqual(['DEX'])
  })

  it('a declared column that the table does not have is named in the reason', () => {
    const reading = read(
      [
        ['Title', 'Grade'],
        ['Engineer', '3'],
      ],
      { levelColumn: 'Band' },
    )
    expect(!reading.ok && reading.reason).toBe('the source profile\'s level column "Band" is not in the table; found a header row Title, Grade')
  })

  it('a table without a role column is read only when the role is declared', () => {
    const rows = [
      ['Level', 'Expectation'],
      ['L1', 'Delivers tasks with guidance'],
    ]
    const reading = read(rows)
    expect(!reading.ok && reading.reason).toMatch(/^a ladder table that names no role/)
    expect(drafts(rows, { roleTitle: 'Engineer' }).map((d) => [d.title, d.level?.code, d.components[0]?.kind])).toEqual([['Engineer', 'L1', 'competency']])
  })

  it('a table of another shape (a price list, a contact sheet) is not a ladder', () => {
    expect(
      read([
        ['Name', 'Email'],
        ['Ada', 'ada@example.com'],
      ]).ok,
    ).toBe(false)
    expect(read([]).ok).toBe(false)
  })
})

describe('structured role lists (CSV)', () => {
  it('a role column and a column naming a kind list roles without levels, the description as summary', () => {
    const rows = [
      ['Title', 'Description', 'Key skills'],
      ['Data Analyst', 'Turns data into decisions', 'SQL and spreadsheets'],
      ['Data Engineer', 'Runs the pipelines', 'Python and orchestration'],
    ]
    const result = drafts(rows)
    expect(result.map((d) => [d.title, d.level, d.summary, d.components.map((c) => [c.kind, c.text])])).toEqual([
      ['Data Analyst', null, 'Turns data into decisions', [['skill', 'SQL and spreadsheets']]],
      ['Data Engineer', null, 'Runs the pipelines', [['skill', 'Python and orchestration']]],
    ])
  })
})
