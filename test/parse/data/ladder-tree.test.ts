import { describe, expect, it } from 'vitest'
import { readLadderTree } from '../../../src/parse/data/ladder-tree.js'

const read = (data: unknown, roleTitle: string | null = null) => readLadderTree(data, { format: 'yaml', roleTitle })
const drafts = (data: unknown, roleTitle: string | null = null) => {
  const reading = read(data, roleTitle)
  if (!reading.ok) throw new Error(reading.reason)
  return reading.drafts
}

describe('structured ladder trees (YAML, JSON)', () => {
  it('roles with titled levels give one profile per level, titled as the level names the role', () => {
    const data = {
      title: 'Product and Engineering',
      departments: [
        {
          title: 'Engineering',
          roles: [
            {
              title: '🛠️ Software Engineer',
              levels: [
                { title: '👷 Junior Software Engineer', path: 'junior-software-engineer', summary: 'Writes well-tested code with guidance.' },
                { title: 'Senior Software Engineer', summary: 'Leads the design of features.', competencies: { required: ['core/delivery/3'] } },
                { title: 'Lead Software Engineer' },
              ],
            },
          ],
        },
      ],
    }
    const result = drafts(data)
    expect(result.map((d) => [d.title, d.level?.code, d.summary])).toEqual([
      ['Junior Software Engineer', 'L1', 'Writes well-tested code with guidance.'],
      ['Senior Software Engineer', 'L2', 'Leads the design of features.'],
      ['Lead Software Engineer', 'L3', null],
    ])
    // A reference to another file of the framework is neither a component nor lost: it is counted.
    expect(result[1]!.components).toEqual([])
    expect(result[0]!.findings.map((f) => f.code)).toEqual(['references-not-read'])
    expect(JSON.stringify(result)).not.toContain('junior-software-engineer')
  })

  it('a skill with a description inside a level is a criterion of that level, not the level’s summary', () => {
    const data = {
      role: 'Data analyst',
      levels: [{ name: 'Junior data analyst', skills: [{ name: 'Data analysis', level: 'Working', description: 'Applies standard methods to clean data' }] }],
    }
    const [junior] = drafts(data)
    expect([junior!.title, junior!.summary, junior!.components]).toEqual([
      'Junior data analyst',
      null,
      [{ kind: 'skill', text: 'Applies standard methods to clean data', tags: ['Skills', 'Data analysis'] }],
    ])
  })

  it('tracks whose levels carry codes give one profile per (track, level), with components by the kind their key names', () => {
    const data = {
      tracks: [
        {
          name: 'Backend Engineer',
          levels: [
            { level: 'IC1', responsibilities: ['Fixes well-scoped bugs', 'Ships small features'], skills: ['Reads unfamiliar code'] },
            { level: 'IC2', responsibilities: ['Owns a service end to end'] },
          ],
        },
        { name: 'Engineering Manager', levels: { M1: { expectations: ['Runs a team of five'] }, M2: { expectations: ['Runs several teams'] } } },
      ],
    }
    const result = drafts(data)
    expect(result.map((d) => [d.title, d.level?.code])).toEqual([
      ['Backend Engineer', 'IC1'],
      ['Backend Engineer', 'IC2'],
      ['Engineering Manager', 'M1'],
      ['Engineering Manager', 'M2'],
    ])
    expect(result[0]!.components).toEqual([
      { kind: 'responsibility', text: 'Fixes well-scoped bugs', tags: ['Responsibilities'] },
      { kind: 'responsibility', text: 'Ships small features', tags: ['Responsibilities'] },
      { kind: 'skill', text: 'Reads unfamiliar code', tags: ['Skills'] },
    ])
    expect(result[2]!.components[0]).toEqual({ kind: 'competency', text: 'Runs a team of five', tags: ['Expectations'] })
  })

  it('a competency matrix gives one profile per level of the role the document names, criteria tagged with their competency', () => {
    const data = {
      title: 'Data Engineering Career Ladder',
      competencies: [
        { name: 'Craft', levels: [{ summary: 'Builds pipelines with help' }, { summary: 'Designs pipelines for a team' }] },
        { name: 'Communication', levels: [{ signals: ['Asks good questions early'] }, { signals: ['Writes design documents others follow'] }] },
      ],
    }
    const result = drafts(data)
    expect(result.map((d) => [d.title, d.level?.code])).toEqual([
      ['Data Engineering', 'L1'],
      ['Data Engineering', 'L2'],
    ])
    // A competency's summary at a level is one of the level's criteria, not the profile's summary.
    expect(result[1]!.summary).toBeNull()
    expect(result[1]!.components).toEqual([
      { kind: 'competency', text: 'Designs pipelines for a team', tags: ['Craft'] },
      { kind: 'competency', text: 'Writes design documents others follow', tags: ['Communication', 'Signals'] },
    ])
  })

  it('a competency matrix that names no role is not read, and the reason says how to name it', () => {
    const data = {
      tracks: [
        { displayName: 'Mobile', milestones: [{ summary: 'Works within existing apps' }] },
        { displayName: 'Servers', milestones: [{ summary: 'Works within existing services' }] },
      ],
    }
    const reading = read(data)
    expect(reading.ok).toBe(false)
    expect(!reading.ok && reading.reason).toMatch(/competency matrix \(2 competencies × 1 levels\) that names no role.*canon-source\.yaml/)
    // …and with the role declared (a source profile's role.title), the competencies stay tags, never titles.
    expect(drafts(data, 'Software Engineer').map((d) => [d.title, d.components.map((c) => `${c.tags[0]}: ${c.text}`)])).toEqual([
      ['Software Engineer', ['Mobile: Works within existing apps', 'Servers: Works within existing services']],
    ])
  })

  it('a list of roles with Markdown text gives one profile per role: the first paragraph is the summary, a labelled paragraph its kind', () => {
    const data = {
      page_title: { heading_title: 'How we work' },
      delivery_roles: [
        {
          heading: 'Data science',
          text: 'Data scientists find the insights our teams need.\n\n_Skills you might bring:_ statistical analysis, data engineering, or data ethics.',
          image: 'graphic-data.svg',
        },
        { heading: 'Design', text: 'Designers work alongside the people who use a service.\n\n- Runs user research\n- Prototypes in code' },
      ],
    }
    const result = drafts(data)
    expect(result.map((d) => [d.title, d.level, d.summary])).toEqual([
      ['Data science', null, 'Data scientists find the insights our teams need.'],
      ['Design', null, 'Designers work alongside the people who use a service.'],
    ])
    expect(result[0]!.components).toEqual([
      { kind: 'skill', text: 'Skills you might bring: statistical analysis, data engineering, or data ethics.', tags: ['Skills you might bring'] },
    ])
    expect(result[1]!.components.map((c) => c.text)).toEqual(['Runs user research', 'Prototypes in code'])
    expect(JSON.stringify(result)).not.toContain('graphic-data.svg')
  })

  it('one role described by a document with a name and lists named by kind is one profile', () => {
    const result = drafts({
      title: 'Site Reliability Engineer',
      level: 'L4',
      responsibilities: ['Runs the on-call rota'],
      requirements: ['Five years of Linux'],
    })
    expect(result.map((d) => [d.title, d.level?.code, d.components.map((c) => c.kind)])).toEqual([
      ['Site Reliability Engineer', 'L4', ['responsibility', 'qualification']],
    ])
  })

  it('progression frameworks in the front-matter shape (topics with levelled criteria) are read the same in a YAML file', () => {
    const data = {
      title: 'Backend Engineering',
      topics: [
        {
          name: 'impact',
          content: [
            { level: 1, criteria: ['Delivers small changes'] },
            { level: 2, criteria: ['Delivers features'] },
          ],
        },
      ],
    }
    const result = drafts(data)
    expect(result.map((d) => [d.format, d.title, d.level?.code])).toEqual([
      ['yaml', 'Backend Engineering Level 1', 'L1'],
      ['yaml', 'Backend Engineering Level 2', 'L2'],
    ])
  })

  it('a file of another shape (page content, settings) is not a ladder, and the reason names what was found', () => {
    const reading = read({
      page_title: { heading_title: 'Apply now' },
      page_body: { accordion_header1: 'Hiring process', accordion_item1: 'Send us your resume.' },
    })
    expect(reading).toEqual({
      ok: false,
      reason: expect.stringMatching(/^expected a ladder: roles or tracks with `levels`.*; found a mapping with page_title, page_body$/),
    })
    expect(read(['a', 'b']).ok).toBe(false)
    expect(read('just a string').ok).toBe(false)
    // Levels with criteria but no role anywhere: the reason says how to name it.
    const unnamed = read({ levels: [{ level: 'L1', expectations: ['Ships small changes'] }] })
    expect(!unnamed.ok && unnamed.reason).toMatch(/^levels that name no role: .*canon-source\.yaml$/)
    expect(drafts({ levels: [{ level: 'L1', expectations: ['Ships small changes'] }] }, 'Engineer').map((d) => d.title)).toEqual(['Engineer'])
    // A level scale (codes without criteria) is not a ladder either.
    expect(read({ name: 'Engineer', levels: ['L1', 'L2', 'L3'] }).ok).toBe(false)
  })
})

describe('structured ladder trees keyed by name', () => {
  it('levels keyed by level labels under a competency mapping form a matrix of the document’s role', () => {
    const data = {
      role: 'Backend Engineer',
      competencies: {
        Communication: { L1: ['Asks for help when stuck'], L2: ['Explains trade-offs to the team'] },
        Delivery: { L1: ['Ships small changes'], L2: ['Ships features end to end'] },
      },
    }
    const result = drafts(data)
    expect(result.map((d) => [d.title, d.level?.code, d.components.map((c) => `${c.tags.join('/')}: ${c.text}`)])).toEqual([
      ['Backend Engineer', 'L1', ['Communication: Asks for help when stuck', 'Delivery: Ships small changes']],
      ['Backend Engineer', 'L2', ['Communication: Explains trade-offs to the team', 'Delivery: Ships features end to end']],
    ])
  })

  it('roles keyed by their names, with levels or with lists by kind, take the key as their title', () => {
    const laddered = { roles: { 'Support Engineer': { levels: [{ level: 'S1', responsibilities: ['Answers tickets'] }] } } }
    expect(drafts(laddered).map((d) => [d.title, d.level?.code])).toEqual([['Support Engineer', 'S1']])
    const flat = { roles: { 'Data Analyst': { responsibilities: ['Builds dashboards'] }, 'Data Engineer': { skills: ['Writes pipelines in Python'] } } }
    expect(drafts(flat).map((d) => [d.title, d.components[0]?.kind])).toEqual([
      ['Data Analyst', 'responsibility'],
      ['Data Engineer', 'skill'],
    ])
  })

  it('a list of named objects with lists by kind is a list of roles, wherever it sits', () => {
    const data = [
      { title: 'QA Engineer', level: 'P2', responsibilities: ['Writes test plans'] },
      { title: 'QA Lead', level: 'P3', responsibilities: ['Owns the test strategy'] },
    ]
    expect(drafts(data).map((d) => [d.title, d.level?.code])).toEqual([
      ['QA Engineer', 'P2'],
      ['QA Lead', 'P3'],
    ])
  })
})

describe('criteria records that state their level', () => {
  const family = {
    name: 'Operations',
    levels: [
      { id: 'junior', name: 'Junior Engineer' },
      { id: 'senior', name: 'Senior Engineer' },
      { id: 'head', name: 'Head of Operations' },
    ],
    themes: [
      { id: 'planning', name: 'Planning and Organising', summary: 'Manages activities within the resources available.' },
      { id: 'communication', name: 'Communication', summary: 'Listens and conveys messages clearly.' },
    ],
    competencies: [
      { id: 'c1', level: 'junior', theme: 'planning', summary: 'Plans their own tasks with support.', proficiency: 'Awareness' },
      {
        id: 'c2',
        level: 'junior',
        theme: 'communication',
        summary: '1. Writes clear instructions.\n2. Explains their approach in meetings.\n',
        proficiency: 'Awareness',
      },
      { id: 'c3', level: 'senior', theme: 'planning', summary: 'Breaks complex requests into tasks.', proficiency: 'Working knowledge' },
    ],
  }

  it('a job family whose levels name roles gets each record’s criteria in its level, tagged with the theme it refers to', () => {
    const result = drafts(family)
    expect(result.map((d) => [d.title, d.level?.code, d.components.length])).toEqual([
      ['Junior Engineer', 'junior', 3],
      ['Senior Engineer', 'senior', 1],
      ['Head of Operations', 'head', 0],
    ])
    expect(result[0]!.components).toEqual([
      { kind: 'competency', text: 'Plans their own tasks with support.', tags: ['Planning and Organising', 'Awareness'] },
      { kind: 'competency', text: 'Writes clear instructions.', tags: ['Communication', 'Awareness'] },
      { kind: 'competency', text: 'Explains their approach in meetings.', tags: ['Communication', 'Awareness'] },
    ])
    // The themes are competencies, never roles; nothing of the YAML's own text shows.
    const text = JSON.stringify(result)
    for (const raw of ['Manages activities', 'proficiency', 'c1', 'themes']) expect(text).not.toContain(raw)
  })

  it('a bare list of criteria by level is read for a declared role, and otherwise says it names no role', () => {
    const list = [
      { id: 'a', summary: 'Uses version control', examples: ['Branches and rebases'], level: 'junior-to-mid', area: 'technical', domain: null },
      { id: 'b', summary: 'Reviews pull requests', examples: [], level: 'junior-to-mid', area: 'communication', domain: null },
      { id: 'c', summary: 'Leads on fixing production issues', examples: [], level: 'mid-to-senior', area: 'technical', domain: null },
    ]
    const refused = read(list)
    expect(!refused.ok && refused.reason).toMatch(/^criteria for levels \(junior-to-mid, …\) that name no role: .*canon-source\.yaml$/)
    const result = drafts(list, 'Software Engineer')
    expect(result.map((d) => [d.title, d.level?.code, d.components.map((c) => `${c.tags.join('/')}: ${c.text}`)])).toEqual([
      [
        'Software Engineer',
        'junior-to-mid',
        ['technical: Uses version control', 'technical/Examples: Branches and rebases', 'communication: Reviews pull requests'],
      ],
      ['Software Engineer', 'mid-to-senior', ['technical: Leads on fixing production issues']],
    ])
  })
})
