import { describe, expect, it } from 'vitest'
import type { SourceProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf } from '../helpers/pages.js'

const profile = (role: Partial<SourceProfile['role']>, level: Partial<SourceProfile['level']>): SourceProfile => ({
  path: 'pages/acme/canon-source.yaml',
  role: { heading: null, column: null, title: null, ...role },
  level: { heading: null, column: null, order: [], ...level },
  sections: [],
  ignore: [],
})
const parseWith = (path: string, text: string, source: SourceProfile) => parsePage({ ...pageOf(path, text), sourceProfile: source })

const ladder = [
  '# Engineering ladder',
  '',
  'How we grow engineers.',
  '',
  '## Backend Engineer',
  '',
  '### Overview',
  '',
  'Backend engineers run our services.',
  '',
  '### E1 – Engineer',
  '',
  '- Ships small changes with review',
  '',
  '#### Skills',
  '',
  '- Reads the service code',
  '',
  '### E2 – Senior Engineer',
  '',
  '- Designs services',
  '',
  '## Engineering Manager',
  '',
  '### E2 – Manager',
  '',
  '- Runs a team',
].join('\n')

describe('a page read as its source profile lays it out', () => {
  it('role and level headings give one profile per (role, level); a level order keeps other headings out', () => {
    const source = profile({ heading: 2 }, { heading: 3, order: ['E1', 'E2'] })
    const result = parseWith('pages/acme/ladder.md', ladder, source)
    expect(result.profiles.map((p) => [p.title, p.level?.code, p.level?.name, p.components.map((c) => [c.kind, c.text])])).toEqual([
      [
        'Backend Engineer',
        'E1',
        'Engineer',
        [
          ['responsibility', 'Ships small changes with review'],
          ['skill', 'Reads the service code'],
        ],
      ],
      ['Backend Engineer', 'E2', 'Senior Engineer', [['responsibility', 'Designs services']]],
      ['Engineering Manager', 'E2', 'Manager', [['responsibility', 'Runs a team']]],
    ])
    // Without the profile the general rules segment the role headings only: one profile per role, no levels.
    expect(parsePage(pageOf('pages/acme/ladder.md', ladder)).profiles.map((p) => [p.title, p.level?.code ?? null])).toEqual([
      ['Backend Engineer', null],
      ['Engineering Manager', null],
    ])
  })

  it('level headings alone take the role from the page title, less words that name the document', () => {
    const page = '# Data Engineering Career Ladder\n\n## Level 1: Associate\n\n- Builds pipelines with help\n\n## Level 2: Engineer\n\n- Owns pipelines\n'
    const result = parseWith('pages/acme/data.md', page, profile({}, { heading: 2 }))
    expect(result.profiles.map((p) => [p.title, p.level?.code, p.level?.name])).toEqual([
      ['Data Engineering', 'L1', 'Associate'],
      ['Data Engineering', 'L2', 'Engineer'],
    ])
  })

  it('role headings alone give one profile per role', () => {
    const page = '# Our team\n\n## Data Analyst\n\n- Builds dashboards\n\n## Data Engineer\n\n- Runs pipelines\n'
    const result = parseWith('pages/acme/team.md', page, profile({ heading: 2 }, {}))
    expect(result.profiles.map((p) => [p.title, p.level, p.components.map((c) => c.text)])).toEqual([
      ['Data Analyst', null, ['Builds dashboards']],
      ['Data Engineer', null, ['Runs pipelines']],
    ])
  })

  it('declared table columns read a page table as rows of (role, level), the other cells components by their header', () => {
    const page = [
      '# Titles at Acme',
      '',
      '| Job title | Grade | Responsibilities |',
      '|---|---|---|',
      '| Support Analyst | G6 | Answers customer tickets |',
      '| Support Analyst | G7 | Leads the support rota |',
      '| Support Manager | G7 | Manages the support team |',
    ].join('\n')
    const result = parseWith('pages/acme/titles.md', page, profile({ column: 'Job title' }, { column: 'Grade' }))
    expect(result.profiles.map((p) => [p.title, p.level?.code, p.components.map((c) => `${c.kind}: ${c.text}`)])).toEqual([
      ['Support Analyst', 'G6', ['responsibility: Answers customer tickets']],
      ['Support Analyst', 'G7', ['responsibility: Leads the support rota']],
      ['Support Manager', 'G7', ['responsibility: Manages the support team']],
    ])
  })

  it('a page without the declared layout is read by the general rules', () => {
    const page = '# Support Engineer\n\n- Answers customer tickets\n'
    const result = parseWith(
      'pages/acme/support.html',
      `<h1>Support Engineer</h1><ul><li>Answers customer tickets</li></ul>`,
      profile({ column: 'Role' }, { column: 'Level' }),
    )
    expect(result.profiles.map((p) => p.title)).toEqual(['Support Engineer'])
    expect(parseWith('pages/acme/support.md', page, profile({}, { heading: 2 })).profiles.map((p) => p.title)).toEqual(['Support Engineer'])
  })
})
