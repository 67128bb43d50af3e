import { describe, expect, it } from 'vitest'
import type { SourceProfile } from '../../../src/model/index.js'
import { readDataFile } from '../../../src/parse/data/read-data-file.js'
import { parsePage } from '../../../src/parse/parse-page.js'
import { pageOf } from '../../helpers/pages.js'

const profile = (over: Partial<SourceProfile> = {}): SourceProfile => ({
  path: 'pages/acme/canon-source.yaml',
  role: { heading: null, column: null, title: null },
  level: { heading: null, column: null, order: [] },
  sections: [],
  ignore: [],
  ...over,
})

describe('structured files are read as data, never as lines of text', () => {
  it('a YAML file that is not a ladder is quarantined, and none of its lines becomes a title or component', () => {
    const yaml = 'name: Operations\ndescription: How the operations team works\nitems:\n  - name: Rota\n    owner: ops\n'
    const result = parsePage(pageOf('pages/acme/operations.yaml', yaml))
    expect(result.profiles).toEqual([])
    expect(result.rejected[0]!.message).toMatch(
      /^pages\/acme\/operations\.yaml: is not a ladder file: expected a ladder: .*found a mapping with name, description, items$/,
    )
  })

  it('a JavaScript module is never run: it is quarantined with a message saying to export the ladder as data', () => {
    const js = "// @flow\nexport const tracks = { MOBILE: { displayName: 'Mobile', milestones: [{ summary: 'Works within the app' }] } }\n"
    const result = parsePage(pageOf('pages/acme/constants.js', js))
    expect(result.profiles).toEqual([])
    expect(result.rejected[0]!.message).toBe(
      'pages/acme/constants.js: is program source (JavaScript/TypeScript), which canon neither runs nor reads as text; export the ladder as JSON, YAML or CSV (roles or tracks with levels and their criteria)',
    )
  })

  it('markup canon has no reader for (AsciiDoc, …) is quarantined rather than misread as text; reStructuredText is read as text', () => {
    const adoc = '= Job descriptions\n\n== RSE 1\n\nQualifications: a degree.\n'
    const result = parsePage(pageOf('pages/acme/job-descriptions.adoc', adoc))
    expect(result.profiles).toEqual([])
    expect(result.rejected[0]!.message).toMatch(
      /^pages\/acme\/job-descriptions\.adoc: is in a markup canon has no reader for \(AsciiDoc, .*convert it to Markdown or HTML$/,
    )
    // The text outline knows reStructuredText's underlined headings and skips its directives.
    const rst =
      'Job descriptions\n================\n\n.. warning::\n\n   This page is still in draft form.\n\nRSE 1\n-----\n\n- Writes research code with guidance.\n\nRSE 2\n-----\n\n- Leads a research software project.\n'
    const read = parsePage(pageOf('pages/acme/job-descriptions.rst', rst))
    expect(read.rejected).toEqual([])
    expect(read.profiles.map((p) => [p.title, p.level?.code, p.components.map((c) => c.text)])).toEqual([
      ['RSE 1', '1', ['Writes research code with guidance.']],
      ['RSE 2', '2', ['Leads a research software project.']],
    ])
  })

  it('invalid JSON and YAML are quarantined with the parser’s reason', () => {
    expect(parsePage(pageOf('pages/a.json', '{"roles": [')).rejected[0]!.message).toMatch(/^pages\/a\.json: is not valid JSON \(/)
    expect(parsePage(pageOf('pages/a.yaml', 'roles: [\n  - a\n  b: c')).rejected[0]!.message).toMatch(/^pages\/a\.yaml: is not valid YAML \(/)
  })

  it('a ladder file parses into profiles with its format as the source format', () => {
    const json = JSON.stringify({ roles: [{ name: 'Support Engineer', levels: [{ level: 'L1', responsibilities: ['Answers customer tickets'] }] }] })
    const [p] = parsePage(pageOf('pages/acme/ladder.json', json)).profiles
    expect([p!.title, p!.level?.code, p!.source.format, p!.components[0]!.kind]).toEqual(['Support Engineer', 'L1', 'json', 'responsibility'])
  })

  it('a tab-separated ladder table is read like a CSV one', () => {
    const tsv = 'Job title\tLevel\tResponsibilities\nPayroll Officer\tB2\tRuns the monthly payroll, checks every change\n'
    const [p] = parsePage(pageOf('pages/acme/payroll.tsv', tsv)).profiles
    expect([p!.title, p!.level?.code, p!.source.format, p!.components.map((c) => c.text)]).toEqual([
      'Payroll Officer',
      'B2',
      'csv',
      ['Runs the monthly payroll, checks every change'],
    ])
  })

  it('a headerless CSV is read with the columns its source profile declares', () => {
    const csv = '"You write production code with guidance.",1|2,DEX,\r\n"You lead the design of a system.",3,WIS,\r\n'
    expect(readDataFile('csv', csv).ok).toBe(false)
    const reading = readDataFile(
      'csv',
      csv,
      profile({ role: { heading: null, column: null, title: 'Software Engineer' }, level: { heading: null, column: 2, order: [] } }),
    )
    expect(reading.ok && reading.drafts.map((d) => [d.title, d.level?.code, d.components.length])).toEqual([
      ['Software Engineer', 'L1', 1],
      ['Software Engineer', 'L2', 1],
      ['Software Engineer', 'L3', 1],
    ])
  })

  it('a matrix that names no role is read with the role its source profile declares', () => {
    const yaml =
      'competencies:\n  - name: Craft\n    levels:\n      - summary: Builds with help\n      - summary: Builds alone\n  - name: Teamwork\n    levels:\n      - summary: Joins in\n      - summary: Leads\n'
    expect(readDataFile('yaml', yaml).ok).toBe(false)
    const reading = readDataFile('yaml', yaml, profile({ role: { heading: null, column: null, title: 'Platform Engineer' } }))
    expect(reading.ok && reading.drafts.map((d) => `${d.title} ${d.level?.code}`)).toEqual(['Platform Engineer L1', 'Platform Engineer L2'])
  })
})

describe('structured files that could hurt the parser', () => {
  it('deeply nested JSON and a very wide list of roles are answered quickly, without a stack overflow', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`
    const started = Date.now()
    const nested = parsePage(pageOf('pages/deep.json', deep))
    expect(nested.rejected[0]!.message).toMatch(/^pages\/deep\.json: is not (?:a ladder file: .*found data nested more than 64 levels deep|valid JSON)/)
    const wide = JSON.stringify({ roles: Array.from({ length: 20_000 }, (_, i) => ({ title: `Role ${i}`, responsibilities: [`Does task ${i} well`] })) })
    const many = parsePage(pageOf('pages/wide.json', wide))
    expect(many.profiles).toHaveLength(20_000)
    expect(Date.now() - started).toBeLessThan(30_000)
  })

  it('a canon-source.yaml given as a page says what it is', () => {
    expect(parsePage(pageOf('pages/acme/canon-source.yaml', 'ignore: [x]\n')).rejected[0]!.message).toBe(
      'pages/acme/canon-source.yaml: is a source profile (how to read the pages in its folder and below), not a page',
    )
    expect(parsePage(pageOf('pages/acme/canon-source.yml', 'ignore: [x]\n')).rejected[0]!.message).toBe(
      'pages/acme/canon-source.yml: looks like a source profile, but discover reads only files named canon-source.yaml; rename it',
    )
  })
})
