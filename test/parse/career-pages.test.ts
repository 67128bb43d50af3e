import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf, rawPage } from '../helpers/pages.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/career/${name}`, import.meta.url), 'utf8')
const summary = (p: RoleProfile) => ({ code: p.code, title: p.title, level: p.level?.code, tags: [...new Set(p.components.flatMap((c) => c.tags))] })

describe('career-framework pages', () => {
  it('a job-family page in Markdown with a Levels section gives one profile per level, graded, with the shared statements', () => {
    const { profiles, rejected } = parsePage(pageOf('pages/handbook/sre.md', fixture('job-family.md')))
    expect(rejected).toEqual([])
    expect(profiles.map(summary)).toEqual([
      {
        code: expect.stringMatching(/^SRE\.[0-9A-F]{4}\.G5$/),
        title: 'Junior Site Reliability Engineer',
        level: 'G5',
        tags: ['Responsibilities', 'Requirements'],
      },
      {
        code: expect.stringMatching(/^SRE\.[0-9A-F]{4}\.G6$/),
        title: 'Intermediate Site Reliability Engineer',
        level: 'G6',
        tags: ['Responsibilities', 'Requirements'],
      },
      {
        code: expect.stringMatching(/^SRE\.[0-9A-F]{4}\.G7$/),
        title: 'Senior Site Reliability Engineer',
        level: 'G7',
        tags: ['Responsibilities', 'Requirements'],
      },
    ])
    const intermediate = profiles[1]!
    expect(intermediate.discipline).toBe('Site Reliability Engineer')
    expect(intermediate.components.filter((c) => c.kind === 'qualification').map((c) => c.text)).toEqual([
      'Two years of experience running production services',
      'Experience operating services on a public cloud',
      'Fluency in one programming language used for automation',
    ])
    expect(JSON.stringify(profiles)).not.toContain('Service availability') // after the levels: not part of any level
  })

  it('the same job family as an HTML page with site navigation parses into the same roles, without the navigation', () => {
    const md = parsePage(pageOf('pages/handbook/sre.md', fixture('job-family.md'))).profiles
    const html = parsePage(pageOf('pages/handbook/sre.html', fixture('job-family.html'))).profiles
    expect(html.map((p) => [p.code, p.title, p.components])).toEqual(md.map((p) => [p.code, p.title, p.components]))
    for (const chrome of ['Frontend Engineer', 'Technical Program Manager', 'Edit this page', 'Job Families']) {
      expect(JSON.stringify(html)).not.toContain(chrome)
    }
  })

  it('every Dropbox page gives one role with its level from the title, a derived code and no navigation text', () => {
    const files = ['ic1_reliability_engineer', 'ic5_staff_data_engineer', 'ic7_senior_principal_software_engineer', 'm6_engineering_director']
    const profiles = files.map((f) => parsePage(rawPage(`pages/dropbox/${f}.html`)).profiles)
    expect(profiles.map((p) => p.map((r) => [r.title, r.level?.code, r.discipline]))).toEqual([
      [['IC1 Reliability Engineer', 'IC1', 'Reliability Engineer']],
      [['IC5 Staff Data Engineer', 'IC5', 'Data Engineer']],
      [['IC7 Sr. Principal Software Engineer', 'IC7', 'Software Engineer']],
      [['M6 Engineering Director', 'M6', 'Engineering Director']],
    ])
    for (const [profile] of profiles) {
      expect(profile!.findings).toContainEqual(expect.objectContaining({ code: 'fields-derived', message: expect.stringContaining('code') }))
      expect(JSON.stringify(profile)).not.toMatch(/Appendix|Promotion Principles|Dropbox Engineering Career Framework/)
    }
  })

  it('derived codes are stable across runs and differ between disciplines with the same initials', () => {
    const software = parsePage(rawPage('pages/dropbox/ic3_software_engineer.html')).profiles[0]!
    const again = parsePage(rawPage('pages/dropbox/ic3_software_engineer.html')).profiles[0]!
    const security = parsePage(
      pageOf(
        'pages/x/ic3_security_engineer.html',
        '<html><body><main><h1>IC3 Security Engineer</h1><ul><li>I find and fix vulnerabilities</li></ul></main></body></html>',
      ),
    ).profiles[0]!
    expect(again.code).toBe(software.code)
    expect(software.code.startsWith('SE.')).toBe(true)
    expect(security.code.startsWith('SE.')).toBe(true)
    expect(security.code).not.toBe(software.code)
  })

  it('a Monzo prose framework (## Level N, ### topic, paragraphs) gives one profile per level with one statement per topic', () => {
    const { profiles } = parsePage(rawPage('pages/monzo/design/visual-design.md'))
    expect(profiles.map((p) => p.title)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Visual Design Level ${n}`))
    expect(profiles[0]!.components.map((c) => c.tags)).toEqual([['Knowledge'], ['Ownership'], ['Collaboration']])
  })

  it('a Monzo topic without a title is tagged with its name, before any colon', () => {
    const yaml = [
      '---',
      'title: "🙂 People"',
      'topics:',
      '  - name: "communication: transparent communication; feedback"',
      '    title:',
      '    content:',
      '      - level: 1',
      '        criteria:',
      '          - "Shares what they work on"',
      '---',
      '',
    ].join('\n')
    const [profile] = parsePage(pageOf('pages/monzo/people.md', yaml)).profiles
    expect(profile!.title).toBe('People Level 1')
    expect(profile!.components).toEqual([{ kind: 'competency', text: 'Shares what they work on', tags: ['Communication'] }])
  })
})
