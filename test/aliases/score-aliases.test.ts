import { describe, expect, it } from 'vitest'
import { scoreAliases } from '../../src/aliases/score-aliases.js'
import type { Alias, AliasDecision, Classification, RoleProfile } from '../../src/model/index.js'

/** A declared alias as the parser hands it over: confidence = declared value, one declared evidence entry. */
function declared(text: string, confidence: number, approved = false): Alias {
  return { text, key: '', variants: [], type: 'common', confidence, band: '', approved, evidence: [{ source: 'declared', confidence }] }
}

function soc(code: string, confidence: number, reviewStatus = 'auto_accepted'): Classification {
  return { system: 'SOC2018', code, title: '', source: 'inferred_from_title', confidence, reviewStatus, evidence: [] }
}

function role(code: string, title: string, aliases: Alias[], classifications: Classification[] = []): RoleProfile {
  return {
    code,
    title,
    function: null,
    discipline: null,
    track: null,
    level: null,
    status: 'draft',
    confidence: null,
    confidenceBand: null,
    scope: null,
    sourceVersion: null,
    summary: null,
    story: null,
    components: [],
    coreOutputs: [],
    adjacentRoles: [],
    aliases,
    classifications,
    source: { path: `pages/${code}.txt`, format: 'canon-text', contentHash: code },
    findings: [],
  }
}

const noReference = { referenceTitles: () => [] }
const onet: Record<string, string[]> = {
  '15-1252': ['Dev Ops Engineer', 'DevOps Engineer', 'Software Developer', 'Platform Engineer'],
  '15-1244': ['Systems Administrator', 'Platform Engineer'],
}
const withReference = { referenceTitles: (code: string) => onet[code] ?? [] }

/** The aliases table of ../shared/seeds/role-page-devops-engineering-p3.txt. */
function seedRole(classifications: Classification[] = []): RoleProfile {
  return role(
    'EDE.GEN.P3',
    'Engineering – DevOps Engineering Professional P3',
    [
      declared('Engineering – DevOps Engineering III', 0.7),
      declared('Engineering – DevOps Engineering 3', 0.66),
      declared('Mid-Level Engineering – DevOps Engineering', 0.64),
      declared('Engineering – DevOps Engineer III', 0.7),
      declared('Engineering – DevOps Engineer 3', 0.66),
      declared('Mid-Level Engineering – DevOps Engineer', 0.64),
      declared('Engineering – DevOps Engineering Professional P3', 0.6),
    ],
    classifications,
  )
}

const summary = (aliases: Alias[]) => aliases.map((a) => [a.text, a.variants, a.confidence, a.band])

describe('scoreAliases within a role', () => {
  it('merges the seed page\'s "III" and "3" spellings into one alias and leaves out the role\'s own title', () => {
    const { roles, merged } = scoreAliases([seedRole()], noReference)
    expect(summary(roles[0]!.aliases)).toEqual([
      ['Engineering – DevOps Engineer III', ['Engineering – DevOps Engineer 3'], 0.7, 'medium'],
      ['Engineering – DevOps Engineering III', ['Engineering – DevOps Engineering 3'], 0.7, 'medium'],
      ['Mid-Level Engineering – DevOps Engineer', [], 0.64, 'medium'],
      ['Mid-Level Engineering – DevOps Engineering', [], 0.64, 'medium'],
    ])
    expect(merged).toBe(2)
    expect(roles[0]!.aliases.map((a) => a.key)).toContain('engineering devops engineering 3')
    expect(roles[0]!.findings).toEqual([
      {
        severity: 'info',
        code: 'alias_is_title',
        message: 'alias "Engineering – DevOps Engineering Professional P3" is the role\'s own title; it was left out',
        field: 'aliases',
      },
    ])
  })

  it('counts variants of one source once: 0.70 and 0.66 from one page stay 0.70', () => {
    const { roles } = scoreAliases([seedRole()], noReference)
    const alias = roles[0]!.aliases.find((a) => a.text === 'Engineering – DevOps Engineering III')!
    expect(alias.evidence).toEqual([{ source: 'declared', confidence: 0.7 }])
  })

  it('combines independent sources by noisy-OR', () => {
    const alias: Alias = {
      ...declared('Site Reliability Engineer', 0.7),
      evidence: [
        { source: 'declared', confidence: 0.7, detail: 'pages/a.txt' },
        { source: 'hris', confidence: 0.5, detail: 'workday export' },
      ],
    }
    const { roles } = scoreAliases([role('R1', 'Reliability Engineer P3', [alias])], noReference)
    expect(roles[0]!.aliases[0]!.confidence).toBe(0.85) // 1 − 0.3 × 0.5
    expect(roles[0]!.aliases[0]!.band).toBe('high')
  })

  it('counts evidence without a stated confidence as 0.5', () => {
    const alias: Alias = { ...declared('Build Engineer', 0), evidence: [{ source: 'declared', confidence: null }] }
    const { roles } = scoreAliases([role('R1', 'Release Engineer', [alias])], noReference)
    expect(roles[0]!.aliases[0]!.confidence).toBe(0.5)
  })

  it('pins an approved alias at 1.0', () => {
    const { roles } = scoreAliases([role('R1', 'Release Engineer', [declared('Build Engineer', 0.3, true)])], noReference)
    expect(roles[0]!.aliases[0]).toMatchObject({ confidence: 1, band: 'high', approved: true })
  })

  it('prefers the approved spelling as the alias text', () => {
    const { roles } = scoreAliases(
      [role('R1', 'Release Engineer', [declared('Sr Build Engineer', 0.9), declared('Senior Build Engineer', 0.4, true)])],
      noReference,
    )
    expect(roles[0]!.aliases[0]).toMatchObject({ text: 'Senior Build Engineer', variants: ['Sr Build Engineer'] })
  })

  it('warns about an alias with no letters or digits and leaves it out', () => {
    const { roles } = scoreAliases([role('R1', 'Release Engineer', [declared(' – ', 0.9)])], noReference)
    expect(roles[0]!.aliases).toEqual([])
    expect(roles[0]!.findings[0]).toMatchObject({ severity: 'warning', code: 'alias_empty' })
  })
})

describe('scoreAliases with reference titles', () => {
  it("adds an O*NET alternate title with the same key as evidence, weighted by the SOC code's confidence", () => {
    const { roles } = scoreAliases([role('R1', 'Release Engineer', [declared('Dev-Ops Engineer', 0.7)], [soc('15-1252', 1)])], withReference)
    const alias = roles[0]!.aliases[0]!
    expect(alias.evidence).toContainEqual({ source: 'reference', confidence: 0.6, detail: 'O*NET 15-1252: DevOps Engineer' })
    expect(alias.confidence).toBe(0.88) // 1 − 0.3 × 0.4
  })

  it('gives a reference title that ends the alias (before its level) the smaller head-phrase weight', () => {
    // 15-1252 at 0.856 is what classify infers for the seed page.
    const { roles } = scoreAliases([seedRole([soc('15-1252', 0.856)])], withReference)
    const alias = roles[0]!.aliases.find((a) => a.text === 'Engineering – DevOps Engineer III')!
    expect(alias.evidence).toContainEqual({
      source: 'reference',
      confidence: 0.2568,
      detail: 'O*NET 15-1252: DevOps Engineer (head phrase)',
    })
    expect(alias.confidence).toBe(0.777) // 1 − 0.30 × 0.7432
    expect(roles[0]!.aliases.find((a) => a.text === 'Mid-Level Engineering – DevOps Engineer')!.confidence).toBe(0.7324)
    const unsupported = roles[0]!.aliases.find((a) => a.text === 'Engineering – DevOps Engineering III')!
    expect(unsupported.confidence).toBe(0.7)
  })

  it('ignores major-group codes and rejected classifications', () => {
    const classifications = [soc('15-0000', 1), soc('15-1252', 1, 'rejected')]
    const { roles } = scoreAliases([role('R1', 'Release Engineer', [declared('DevOps Engineer', 0.7)], classifications)], withReference)
    expect(roles[0]!.aliases[0]!.confidence).toBe(0.7)
  })

  it('reads the SOC code of an O*NET-SOC classification from its first seven characters', () => {
    const onetCode: Classification = { ...soc('15-1252.00', 1), system: 'ONET-SOC' }
    const { roles } = scoreAliases([role('R1', 'Release Engineer', [declared('DevOps Engineer', 0.7)], [onetCode])], withReference)
    expect(roles[0]!.aliases[0]!.confidence).toBe(0.88)
  })
})

describe('scoreAliases across roles', () => {
  it("lists a key claimed by two roles as an open conflict and splits the confidence by each role's share", () => {
    const { roles, conflicts } = scoreAliases(
      [role('A', 'Platform Engineer P2', [declared('Infra Engineer', 0.6)]), role('B', 'Cloud Engineer P3', [declared('Infra  engineer', 0.6)])],
      noReference,
    )
    expect(roles.map((r) => r.aliases[0]!.confidence)).toEqual([0.3, 0.3])
    expect(roles[0]!.aliases[0]!.evidence).toContainEqual({ source: 'conflict', confidence: 0.5, detail: 'also claimed by B; open' })
    expect(conflicts).toEqual([
      {
        key: 'infra engineer',
        status: 'open',
        resolvedFor: null,
        claims: [
          { roleCode: 'A', kind: 'alias', text: 'Infra Engineer', support: 0.6, confidence: 0.3, approved: false },
          { roleCode: 'B', kind: 'alias', text: 'Infra  engineer', support: 0.6, confidence: 0.3, approved: false },
        ],
      },
    ])
  })

  it('gives the better-supported role the larger share', () => {
    const { roles } = scoreAliases(
      [
        role('A', 'Release Engineer', [declared('DevOps Engineer', 0.7)], [soc('15-1252', 1)]),
        role('B', 'Support Engineer', [declared('DevOps Engineer', 0.7)]),
      ],
      withReference,
    )
    // A: support 0.88, share 0.88 / 1.58; B: support 0.70, share 0.70 / 1.58.
    expect(roles.map((r) => r.aliases[0]!.confidence)).toEqual([0.4901, 0.3101])
  })

  it('splits the seed alias with a rival role as the README works it out, and an approval resolves it', () => {
    const rival = role('EDE.GEN.P2', 'Engineering – DevOps Engineering Professional P2', [declared('Engineering - DevOps Engineer 3', 0.7)])
    const open = scoreAliases([seedRole([soc('15-1252', 0.856)]), rival], withReference)
    const seedAlias = open.roles[0]!.aliases.find((a) => a.key === 'engineering devops engineer 3')!
    expect([seedAlias.confidence, open.roles[1]!.aliases[0]!.confidence]).toEqual([0.4088, 0.3318])
    expect(open.conflicts).toHaveLength(1)
    expect(open.conflicts[0]).toMatchObject({ key: 'engineering devops engineer 3', status: 'open' })
    const decisions: AliasDecision[] = [{ action: 'approve', roleCode: 'EDE.GEN.P3', alias: 'Engineering – DevOps Engineer III', author: 'kim', reason: null }]
    const resolved = scoreAliases([seedRole([soc('15-1252', 0.856)]), rival], { ...withReference, decisions })
    expect(resolved.roles[1]!.aliases[0]!.confidence).toBe(0.2882)
    expect(resolved.conflicts[0]).toMatchObject({ status: 'resolved', resolvedFor: 'EDE.GEN.P3' })
  })

  it('resolves a conflict for the role whose alias is approved, by decision', () => {
    const decisions: AliasDecision[] = [{ action: 'approve', roleCode: 'A', alias: 'infra engineer', author: 'kim', reason: 'owns infra' }]
    const { roles, conflicts } = scoreAliases(
      [role('A', 'Platform Engineer P2', [declared('Infra Engineer', 0.7)]), role('B', 'Cloud Engineer P3', [declared('Infra Engineer', 0.7)])],
      { ...noReference, decisions },
    )
    expect(roles[0]!.aliases[0]).toMatchObject({ confidence: 1, approved: true })
    expect(roles[0]!.aliases[0]!.evidence).toContainEqual({ source: 'decision', confidence: 1, detail: 'approved by kim: owns infra' })
    expect(roles[1]!.aliases[0]!.confidence).toBe(0.2882) // 0.7 × 0.7 / 1.7
    expect(roles[1]!.aliases[0]!.band).toBe('low')
    expect(conflicts[0]).toMatchObject({ status: 'resolved', resolvedFor: 'A' })
  })

  it('resolves a conflict for the role whose own title the alias is', () => {
    const { roles, conflicts } = scoreAliases([role('A', 'Infra Engineer', []), role('B', 'Cloud Engineer P3', [declared('Infra Engineer', 0.8)])], noReference)
    expect(conflicts[0]).toMatchObject({ status: 'resolved', resolvedFor: 'A' })
    expect(conflicts[0]!.claims.map((c) => [c.roleCode, c.kind])).toEqual([
      ['A', 'title'],
      ['B', 'alias'],
    ])
    expect(roles[1]!.aliases[0]!.confidence).toBe(0.3556) // 0.8 × 0.8 / 1.8
  })

  it('keeps a conflict open when two roles approved the same alias, both pinned at 1.0', () => {
    const { roles, conflicts } = scoreAliases(
      [role('A', 'Platform Engineer', [declared('Infra Engineer', 0.5, true)]), role('B', 'Cloud Engineer', [declared('Infra Engineer', 0.5, true)])],
      noReference,
    )
    expect(roles.map((r) => r.aliases[0]!.confidence)).toEqual([1, 1])
    expect(conflicts[0]).toMatchObject({ status: 'open', resolvedFor: null })
  })

  it('does not treat two profiles of one role code as a conflict', () => {
    const { conflicts } = scoreAliases(
      [role('A', 'Platform Engineer', [declared('Infra Engineer', 0.5)]), role('A', 'Platform Engineer', [declared('Infra Engineer', 0.6)])],
      noReference,
    )
    expect(conflicts).toEqual([])
  })
})

describe('scoreAliases with decisions', () => {
  const roles = [role('A', 'Platform Engineer', [declared('Infra Engineer', 0.6), declared('Cloud Person', 0.4)])]

  it('removes a rejected alias, matching it by key', () => {
    const decisions: AliasDecision[] = [{ action: 'reject', roleCode: 'A', alias: 'cloud  person', author: 'kim', reason: null }]
    const result = scoreAliases(roles, { ...noReference, decisions })
    expect(result.roles[0]!.aliases.map((a) => a.text)).toEqual(['Infra Engineer'])
    expect(result.staleDecisions).toEqual([])
  })

  it('adds an approved alias with decision evidence', () => {
    const decisions: AliasDecision[] = [{ action: 'add', roleCode: 'A', alias: 'SRE', type: 'acronym', author: 'kim', reason: 'used in HRIS' }]
    const added = scoreAliases(roles, { ...noReference, decisions }).roles[0]!.aliases[0]!
    expect(added).toEqual({
      text: 'SRE',
      key: 'sre',
      variants: [],
      type: 'acronym',
      confidence: 1,
      band: 'high',
      approved: true,
      evidence: [{ source: 'decision', confidence: 1, detail: 'added by kim: used in HRIS' }],
    })
  })

  it("reports decisions about a missing role, a missing alias or the role's own title as stale, in input order", () => {
    const decisions: AliasDecision[] = [
      { action: 'approve', roleCode: 'GONE', alias: 'Infra Engineer', author: 'kim', reason: null },
      { action: 'reject', roleCode: 'A', alias: 'Data Analyst', author: 'kim', reason: null },
      { action: 'add', roleCode: 'A', alias: 'Platform Eng', author: 'kim', reason: null },
    ]
    const { staleDecisions } = scoreAliases(roles, { ...noReference, decisions })
    expect(staleDecisions.map((d) => [d.roleCode, d.alias, d.staleReason])).toEqual([
      ['GONE', 'Infra Engineer', 'role GONE is not in this build'],
      ['A', 'Data Analyst', 'role A has no alias "Data Analyst" (key "data analyst")'],
      ['A', 'Platform Eng', '"Platform Eng" is the role\'s own title, not an alias'],
    ])
  })

  it('orders decisions about one alias by decidedAt before list order', () => {
    const decisions: AliasDecision[] = [
      { action: 'approve', roleCode: 'A', alias: 'Cloud Person', author: 'lee', reason: null, decidedAt: '2026-02-01T00:00:00Z' },
      { action: 'reject', roleCode: 'A', alias: 'Cloud Person', author: 'kim', reason: null, decidedAt: '2026-01-01T00:00:00Z' },
    ]
    const result = scoreAliases(roles, { ...noReference, decisions })
    expect(result.roles[0]!.aliases.find((a) => a.text === 'Cloud Person')).toMatchObject({ approved: true })
  })

  it('applies only the latest decision about one alias of one role', () => {
    const decisions: AliasDecision[] = [
      { action: 'reject', roleCode: 'A', alias: 'Cloud Person', author: 'kim', reason: null },
      { action: 'approve', roleCode: 'A', alias: 'Cloud Person', author: 'lee', reason: 'agreed' },
    ]
    const result = scoreAliases(roles, { ...noReference, decisions })
    expect(result.roles[0]!.aliases.find((a) => a.text === 'Cloud Person')).toMatchObject({ approved: true, confidence: 1 })
    expect(result.staleDecisions).toEqual([])
  })
})
