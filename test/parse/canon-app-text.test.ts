import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { textToRows } from '../../src/extract/rows.js'
import { KNOWN_COMPONENT_BADGES, parseBadgeParts, parseBadges, parseCanonAppRows, splitComponentRow } from '../../src/parse/canon-app.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf } from '../helpers/pages.js'

const vocabulary = new Set(KNOWN_COMPONENT_BADGES)
const row = (text: string) => textToRows(`• ${text}`)[0]!
const seedText = readFileSync(new URL('../../raw/pages/canon/role-page-devops-engineering-p3.txt', import.meta.url), 'utf8')

describe('component rows of a text copy', () => {
  it('cuts the badges glued to the end of the text', () => {
    expect(splitComponentRow(row('Design, implement, and maintain automated build, test, and deployment pipelinescommonlevel'), vocabulary)).toEqual({
      text: 'Design, implement, and maintain automated build, test, and deployment pipelines',
      tags: ['common', 'level'],
    })
  })

  it('takes each badge at most once, so a text ending in a badge word keeps it', () => {
    expect(splitComponentRow(row('Works across every multi-levelcommonlevel'), vocabulary)).toEqual({
      text: 'Works across every multi-level',
      tags: ['common', 'level'],
    })
  })

  it('does not cut a badge word that stands as a word of its own (after a space)', () => {
    expect(splitComponentRow(row('Mentors at team level'), vocabulary)).toEqual({ text: 'Mentors at team level', tags: [] })
  })

  it('leaves a row without badges whole', () => {
    expect(splitComponentRow(row('Automation scripting'), vocabulary)).toEqual({ text: 'Automation scripting', tags: [] })
  })
})

describe('badge row', () => {
  it('splits level code, level label, band, confidence, status, scope and version run together', () => {
    expect(parseBadges('P3P3 — Mid-Level Professionalmedium0.70draftglobalv1')).toEqual({
      levelCode: 'P3',
      levelLabel: 'P3 — Mid-Level Professional',
      band: 'medium',
      confidence: '0.70',
      status: 'draft',
      scope: 'global',
      version: '1',
    })
  })

  it('reads the same row with spaces between the badges', () => {
    expect(parseBadges('M2 M2 — Senior Manager high 0.85 approved regional v3')).toMatchObject({
      levelCode: 'M2',
      levelLabel: 'M2 — Senior Manager',
      band: 'high',
      status: 'approved',
      scope: 'regional',
      version: '3',
    })
  })

  it('reads a status it does not know when the scope is a known one', () => {
    expect(parseBadges('P2P2 — Developing Professionallow0.40activeregionalv2')).toMatchObject({
      band: 'low',
      confidence: '0.40',
      status: 'active',
      scope: 'regional',
      version: '2',
    })
  })

  it('reads badges given as separate elements by their shape, whatever the status and scope words', () => {
    expect(parseBadgeParts(['P3', 'P3 — Mid-Level Professional', 'medium', '0.70', 'in flight', 'emea', 'v4'])).toEqual({
      levelCode: 'P3',
      levelLabel: 'P3 — Mid-Level Professional',
      band: 'medium',
      confidence: '0.70',
      status: 'in flight',
      scope: 'emea',
      version: '4',
    })
    expect(parseBadgeParts(['Summary', 'of the role'])).toBeNull()
  })

  it('is not fooled by a line that only looks similar', () => {
    expect(parseBadges('P3 is a level')).toBeNull()
  })
})

describe('canon-app text pages', () => {
  it('reads alias rows run together, with an approval mark when there is one', () => {
    const rows = textToRows('Title aliases\nAliasTypeConfidenceApproved\nSenior DevOps engineercommonhigh0.85✓\nDevOps Eng IIIabbreviationlow0.40')
    expect(parseCanonAppRows(rows, 'canon-app-text').aliases).toEqual([
      { text: 'Senior DevOps engineer', type: 'common', band: 'high', confidence: '0.85', approved: '✓' },
      { text: 'DevOps Eng III', type: 'abbreviation', band: 'low', confidence: '0.40', approved: null },
    ])
  })

  it('reads a copy with tabs between columns and between badges like the browser copy', () => {
    const tabbed = seedText
      .replace(/(\S)common(low|medium|high)(\d)/g, '$1\tcommon\t$2\t$3')
      .replace(/commonlevel$/gm, '\tcommon\tlevel')
      .replace(/^(Responsibilities|Tasks|Skills|Knowledge|competency|qualification)(\d)/gm, '$1 · $2')
    const text = parsePage(pageOf('pages/tabbed.txt', tabbed)).profiles[0]!
    const reference = parsePage(pageOf('pages/seed.txt', seedText)).profiles[0]!
    expect(text.components).toEqual(reference.components)
    expect(text.aliases).toEqual(reference.aliases)
    expect(text.findings).toEqual(reference.findings)
  })

  it('turns a section count that does not match its items into a warning finding, not a failure', () => {
    const cut = seedText.replace('  • Author and refine automation scriptscommonlevel\n', '')
    const result = parsePage(pageOf('pages/cut.txt', cut))
    expect(result.rejected).toEqual([])
    expect(result.profiles[0]!.components).toHaveLength(31)
    expect(result.warnings).toEqual([
      expect.objectContaining({
        file: 'pages/cut.txt',
        severity: 'warning',
        code: 'section-count-mismatch',
        message: expect.stringContaining('declares 7 responsibility items but 6 were found'),
      }),
    ])
  })

  it('derives a code, with an info finding naming the derived fields, when the page shows none', () => {
    const noCode = seedText.replace('EDE.GEN.P3\n', '')
    const [profile] = parsePage(pageOf('pages/nocode.txt', noCode)).profiles
    expect(profile!.code).toMatch(/^EDE\.[0-9A-F]{4}\.P3$/)
    expect(profile!.source.format).toBe('canon-app-text')
    expect(profile!.title).toBe('Engineering – DevOps Engineering Professional P3')
    expect(profile!.findings).toContainEqual(expect.objectContaining({ severity: 'info', code: 'fields-derived', message: expect.stringContaining('code') }))
  })
})
