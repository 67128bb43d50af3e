import { describe, expect, it } from 'vitest'
import type { RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf } from '../helpers/pages.js'

const parse = (path: string, text: string) => parsePage(pageOf(path, text)).profiles
const levels = (profiles: RoleProfile[]) => profiles.map((p) => [p.title, p.level?.code ?? null])
const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n')

describe('outline reader: roles and levels', () => {
  it('reads ladder codes, grades and bands in headings as levels, one profile each, the document name never a title', () => {
    const page = (headings: string[]) =>
      `# Analyst career framework\n\n${headings.map((h, i) => `## ${h}\n\n${list([`Does analysis of kind ${i}`, `Reports finding ${i}`])}`).join('\n\n')}`
    expect(levels(parse('a.md', page(['IC1 Analyst', 'IC2 Analyst'])))).toEqual([
      ['Analyst', 'IC1'],
      ['Analyst', 'IC2'],
    ])
    expect(levels(parse('b.md', page(['Policy Analyst - GS-12', 'Policy Analyst - GS-13'])))).toEqual([
      ['Policy Analyst', 'GS-12'],
      ['Policy Analyst', 'GS-13'],
    ])
    expect(levels(parse('f.md', page(['HEO Analyst', 'SEO Analyst', 'APS 6 Officer'])))).toEqual([
      ['Analyst', 'HEO'],
      ['Analyst', 'SEO'],
      ['Officer', 'APS6'],
    ])
    expect(levels(parse('c.md', page(['G7 Economist', 'G6 Economist'])))).toEqual([
      ['Economist', 'G7'],
      ['Economist', 'G6'],
    ])
    expect(levels(parse('d.md', page(['Band 3', 'Band 4'])))).toEqual([
      ['Analyst Band 3', 'B3'],
      ['Analyst Band 4', 'B4'],
    ])
    expect(levels(parse('e.md', page(['Data Engineer II', 'Data Engineer III'])))).toEqual([
      ['Data Engineer II', 'II'],
      ['Data Engineer III', 'III'],
    ])
  })

  it('a page describing several roles gives one profile per role; a single-role posting stays one profile', () => {
    const team = `# Roles on the platform team\n\n## Site Reliability Engineer\n\n${list(['Runs the platform', 'Answers pages'])}\n\n## Engineering Manager\n\n${list(['Hires the team', 'Runs one-to-ones'])}\n\n## Product Owner\n\n${list(['Owns the backlog'])}`
    expect(parse('team.md', team).map((p) => p.title)).toEqual(['Site Reliability Engineer', 'Engineering Manager', 'Product Owner'])
    const posting = `# Senior Data Engineer (Payments)\n\n## About Acme\n\nAcme has 300 people.\n\n## Responsibilities\n\n${list(['Builds pipelines'])}\n\n## About you\n\n${list(['SQL'])}\n\n## Benefits\n\n${list(['25 days leave'])}\n\n## How to apply\n\nSend us your CV.`
    const [profile, ...rest] = parse('posting.md', posting)
    expect(rest).toEqual([])
    expect(profile!.title).toBe('Senior Data Engineer')
    expect(profile!.components.map((c) => [c.kind, c.text])).toEqual([
      ['responsibility', 'Builds pipelines'],
      ['qualification', 'SQL'],
    ])
    expect(profile!.findings).toContainEqual(
      expect.objectContaining({ code: 'not-role-content', message: expect.stringContaining('about the organisation 1, benefits 1, how to apply 1') }),
    )
  })

  it('counts what a job-details section holds beyond short facts instead of dropping it silently', () => {
    const page = `# Data Engineer\n\n## Responsibilities\n\n${list(['Builds pipelines'])}\n\n## Location\n\nLondon\n\n## Office life\n\n${list(['Lunch on Fridays', 'Dogs welcome'])}`
    const [profile] = parse('office.md', page)
    expect(profile!.components.map((c) => c.text)).toEqual(['Builds pipelines'])
    expect(profile!.findings).toContainEqual(expect.objectContaining({ code: 'not-role-content', message: expect.stringContaining('job details 3') }))
  })

  it("keeps the grade and pay range a posting states as the level's facts; without a level, a finding names them", () => {
    const posting = (details: string) =>
      `# Senior Quality Engineer\n\n${details}\n\n## Responsibilities\n\n${list(['Owns the test strategy', 'Coaches engineers on testing'])}`
    const [graded] = parse('graded.md', posting('Grade: 7\n\nSalary: £44,743 to £60,484 per annum'))
    expect(graded!.level).toMatchObject({ code: 'G7', grade: '7', payRange: { currency: 'GBP', min: 44743, max: 60484, period: 'year' } })
    const [banded] = parse('banded.md', posting('PAYBAND: A'))
    expect(banded!.level).toMatchObject({ code: 'A', name: 'Payband A', grade: 'A' })
    expect(banded!.level).not.toHaveProperty('payRange')
    const [unlevelled] = parse('unlevelled.md', posting('Compensation: Up to $125,000 (depending on experience) + full benefits'))
    expect(unlevelled!.level).toBeNull()
    expect(unlevelled!.findings).toContainEqual(
      expect.objectContaining({ code: 'level-facts-without-level', message: expect.stringContaining('Up to $125,000') }),
    )
  })

  it('levels as the columns of a table, and as its rows, give one profile per level with the criteria as tags', () => {
    const columns = `# Engineering levels\n\n| Criterion | IC3 | IC4 |\n|---|---|---|\n| Scope | Delivers features for the team | Delivers projects across teams |\n| Impact | Improves the team's systems a lot | Improves the organisation's systems |`
    const byColumn = parse('columns.md', columns)
    expect(levels(byColumn)).toEqual([
      ['Engineering IC3', 'IC3'],
      ['Engineering IC4', 'IC4'],
    ])
    expect(byColumn[0]!.components.map((c) => [c.text, c.tags])).toEqual([
      ['Delivers features for the team', ['Scope']],
      ["Improves the team's systems a lot", ['Impact']],
    ])
    const rows = `# Support Engineer levels\n\n| Level | Scope | Impact |\n|---|---|---|\n| 1 | Answers tickets from customers quickly | Keeps customers happy every day |\n| 2 | Owns escalations for a product area | Improves the help centre for all |`
    expect(levels(parse('rows.md', rows))).toEqual([
      ['Support Engineer Level 1', 'L1'],
      ['Support Engineer Level 2', 'L2'],
    ])
  })

  it('a text copy of a posting: short lines before a list are its section labels, benefits left out', () => {
    const text =
      'Senior Nurse\n\nWe are looking for a senior nurse for the ward.\n\nResponsibilities\n• Leads the shift\n\nRequirements\n• Registered nurse\n\nBenefits\n• Pension\n'
    const [profile] = parse('nurse.txt', text)
    expect([profile!.title, profile!.summary]).toEqual(['Senior Nurse', 'We are looking for a senior nurse for the ward.'])
    expect(profile!.components).toEqual([
      { kind: 'responsibility', text: 'Leads the shift', tags: ['Responsibilities'] },
      { kind: 'qualification', text: 'Registered nurse', tags: ['Requirements'] },
    ])
  })

  it('a cumulative ladder gives each level the statements of the levels below it, tagged inherited', () => {
    const md = `# Support Engineer ladder\n\nEach level includes the expectations of the one below.\n\n## Support Engineer 1\n\n${list(['Answers tickets'])}\n\n## Support Engineer 2\n\n${list(['Owns escalations'])}`
    const [, second] = parse('cumulative.md', md)
    expect(second!.components).toEqual([
      { kind: 'responsibility', text: 'Owns escalations', tags: [] },
      { kind: 'responsibility', text: 'Answers tickets', tags: ['inherited'] },
    ])
    expect(second!.discipline).toBe('Support Engineer')
  })

  it('a malformed <h1>…</h2> heading ends where a browser ends it', () => {
    const html = `<html><body><main><h1>Data Engineer</h2><p>${'Builds pipelines. '.repeat(200)}</p><h2>Responsibilities</h2><ul><li>Builds pipelines</li></ul></main></body></html>`
    const [profile] = parse('malformed.html', html)
    expect(profile!.title).toBe('Data Engineer')
    expect(profile!.components.map((c) => c.text)).toEqual(['Builds pipelines'])
  })

  it('a Liquid comment is not the summary, and a page that names no role gives no profile', () => {
    const md = `---\ntitle: Platform Engineer\n---\n{% comment %}\nInternal note: do not publish\n{% endcomment %}\nPlatform engineers keep the platform running for every team.\n\n## Responsibilities\n\n${list(['Runs the platform'])}`
    const [profile] = parse('liquid.md', md)
    expect(profile!.summary).toBe('Platform engineers keep the platform running for every team.')
    const teams = `# Summary\n\n## Core\n\n### Technologies\n\n${list(['Go', 'Rust'])}\n\n### Recent projects\n\n${list(['A faster proxy'])}`
    expect(parsePage(pageOf('teams.md', teams)).profiles).toEqual([])
  })
})
