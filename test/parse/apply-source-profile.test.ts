import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPages } from '../../src/discover/read-pages.js'
import type { SourceProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { collectParsed, parsePages } from '../../src/parse/parse-pages.js'
import { pageOf } from '../helpers/pages.js'

const profile = (over: Partial<SourceProfile>): SourceProfile => ({
  path: 'pages/acme/canon-source.yaml',
  role: { heading: null, column: null, title: null },
  level: { heading: null, column: null, order: [] },
  sections: [],
  ignore: [],
  ...over,
})
const withProfile = (path: string, text: string, source: SourceProfile) => parsePage({ ...pageOf(path, text), sourceProfile: source })

const posting = [
  '# Support Engineer',
  '',
  'You keep our customers working.',
  '',
  '## What you will do',
  '',
  '- Answer customer tickets',
  '- Download Word document',
  '',
  '## Nice to have',
  '',
  '- Experience with Zendesk',
  '',
  '## Life at Acme',
  '',
  '- Free lunches',
  '- Salary: £40,000',
].join('\n')

describe('a source profile applied to a page', () => {
  it('maps sections to kinds, leaves out ignored sections and text, and counts what it left out', () => {
    const source = profile({
      sections: [
        { heading: 'What you will do', kind: 'responsibility' },
        { heading: 'nice to have:', kind: 'qualification' },
        { heading: 'Life at Acme', kind: 'ignore' },
      ],
      ignore: [
        { text: 'download word document', regex: false },
        { text: '^salary:', regex: true },
      ],
    })
    const without = parsePage(pageOf('pages/acme/support.md', posting)).profiles[0]!
    expect(without.components.map((c) => c.text)).toContain('Free lunches')
    const [p] = withProfile('pages/acme/support.md', posting, source).profiles
    expect(p!.components.map((c) => [c.kind, c.text])).toEqual([
      ['responsibility', 'Answer customer tickets'],
      ['qualification', 'Experience with Zendesk'],
    ])
    expect(p!.findings.find((f) => f.code === 'source-profile-ignored')).toEqual({
      severity: 'info',
      code: 'source-profile-ignored',
      field: 'components',
      message: '3 statement(s) left out as pages/acme/canon-source.yaml says (sections Life at Acme; 1 matching its ignore list)',
    })
  })

  it('a section the profile names is read as it says, even one the general rules leave out', () => {
    const page =
      '# Field Engineer\n\n## Responsibilities\n\n- Repairs customer equipment\n\n## Working conditions\n\n- Drives to customer sites across the region\n'
    const texts = (profiles: { components: { kind: string; text: string }[] }[]) => profiles[0]!.components.map((c) => [c.kind, c.text])
    // Without a profile, "Working conditions" is a benefits section: not role content.
    expect(texts(parsePage(pageOf('pages/acme/field.md', page)).profiles)).toEqual([['responsibility', 'Repairs customer equipment']])
    const source = profile({ sections: [{ heading: 'Working conditions', kind: 'responsibility' }] })
    expect(texts(withProfile('pages/acme/field.md', page, source).profiles)).toEqual([
      ['responsibility', 'Repairs customer equipment'],
      ['responsibility', 'Drives to customer sites across the region'],
    ])
  })

  it('orders a ladder’s profiles by the declared level order, and warns of a level the order does not name', () => {
    const csv = 'Role,Level,Expectation\nAnalyst,Senior,Leads analyses\nAnalyst,Junior,Runs analyses with help\nAnalyst,Principal,Sets the analysis strategy\n'
    const result = withProfile('pages/acme/analyst.csv', csv, profile({ level: { heading: null, column: null, order: ['Junior', 'Senior'] } }))
    expect(result.profiles.map((p) => p.level?.code)).toEqual(['Junior', 'Senior', 'Principal'])
    expect(result.warnings.map((w) => [w.code, w.message])).toEqual([
      ['level-not-in-order', 'level Principal is not in the level order of pages/acme/canon-source.yaml (Junior, Senior)'],
    ])
  })

  it('sections map a CSV column header to a kind, or leave the column out', () => {
    const csv = 'Role,Level,What you do,Perks\nAnalyst,L1,Builds weekly reports,Free lunches on Fridays\n'
    const source = profile({
      sections: [
        { heading: 'What you do', kind: 'task' },
        { heading: 'Perks', kind: 'ignore' },
      ],
    })
    const [p] = withProfile('pages/acme/analyst.csv', csv, source).profiles
    expect(p!.components.map((c) => [c.kind, c.text])).toEqual([['task', 'Builds weekly reports']])
  })

  it('declared columns let a headerless CSV be read; ignored text keeps placeholders out', () => {
    const csv = '"You write code with guidance.",1|2,DEX,\r\n"Nothing at this grade",3,T,\r\n"You lead a system design.",3,WIS,\r\n'
    const source = profile({
      role: { heading: null, column: null, title: 'Software Engineer' },
      level: { heading: null, column: 2, order: [] },
      ignore: [{ text: 'Nothing at this grade', regex: false }],
    })
    const result = withProfile('pages/acme/expectations.csv', csv, source)
    expect(result.rejected).toEqual([])
    expect(result.profiles.map((p) => [p.title, p.level?.code, p.components.map((c) => c.text)])).toEqual([
      ['Software Engineer', 'L1', ['You write code with guidance.']],
      ['Software Engineer', 'L2', ['You write code with guidance.']],
      ['Software Engineer', 'L3', ['You lead a system design.']],
    ])
  })
})

describe('source profiles from discover to parse', () => {
  it('a folder’s canon-source.yaml shapes the pages and data files below it, and no others', async () => {
    const raw = mkdtempSync(path.join(tmpdir(), 'canon-source-e2e-'))
    const files: Record<string, string> = {
      'pages/acme/canon-source.yaml':
        'role:\n  title: Software Engineer\nlevel:\n  column: 2\nsections:\n  Life at Acme: ignore\nignore:\n  - Nothing at this grade\n',
      'pages/acme/expectations.csv': '"You write code with guidance.",1|2,DEX,\r\n"Nothing at this grade",3,T,\r\n',
      'pages/acme/support.md': posting,
      'pages/other/support.md': posting,
    }
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(raw, name)), { recursive: true })
      writeFileSync(path.join(raw, name), content)
    }
    const result = await collectParsed(parsePages(readPages(raw), { workers: 0, checkDuplicates: false }))
    expect(result.rejected).toEqual([])
    expect(result.ok.map((p) => [p.source.path, p.title, p.level?.code ?? null, p.components.some((c) => c.text === 'Free lunches')])).toEqual([
      ['pages/acme/expectations.csv', 'Software Engineer', 'L1', false],
      ['pages/acme/expectations.csv', 'Software Engineer', 'L2', false],
      // Grade 3 states only the placeholder the profile ignores: the level stays, with nothing in it.
      ['pages/acme/expectations.csv', 'Software Engineer', 'L3', false],
      ['pages/acme/support.md', 'Support Engineer', null, false],
      ['pages/other/support.md', 'Support Engineer', null, true],
    ])
  })
})
