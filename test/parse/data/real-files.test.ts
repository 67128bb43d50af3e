import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePage } from '../../../src/parse/parse-page.js'
import { pageOf } from '../../helpers/pages.js'

// Real ladder data files (test/fixtures/ladder-data/PROVENANCE.md), through the whole per-page parse.
const fixture = (name: string) => pageOf(`pages/${name}`, readFileSync(new URL(`../../fixtures/ladder-data/${name}`, import.meta.url)))

describe('real structured ladder files', () => {
  it('a nested JSON framework (department → roles → levels) gives one profile per level, titled by the level', () => {
    const result = parsePage(fixture('unidays-product-and-engineering-roles.json'))
    expect(result.rejected).toEqual([])
    expect(result.profiles).toHaveLength(39)
    const titles = result.profiles.map((p) => p.title)
    for (const title of ['Junior Software Engineer', 'Technical Product Manager', 'Chief Technology Officer', 'Lead UX Designer'])
      expect(titles).toContain(title)
    expect(result.profiles.every((p) => p.source.format === 'json' && p.level !== null)).toBe(true)
    const text = JSON.stringify(result.profiles.map((p) => [p.title, p.summary, p.components]))
    for (const raw of ['"path"', 'junior-software-engineer', '"competencies"', 'core-competencies/']) expect(text).not.toContain(raw)
  })

  it('YAML page content with a list of roles gives one profile per role, and none for the page’s other sections', () => {
    const result = parsePage(fixture('usds-how-we-work.yml'))
    expect(result.rejected).toEqual([])
    expect(result.profiles.map((p) => p.title)).toEqual([
      'Engineering',
      'Design and user experience',
      'Data science',
      'Product, strategy, and operations',
      'Procurement',
    ])
    expect(result.profiles.every((p) => p.components.length >= 1 && p.summary !== null)).toBe(true)
    const text = JSON.stringify(result.profiles)
    for (const raw of ['heading:', 'image:', 'graphic-how-we-work', 'Digital Services Playbook', 'See all projects']) expect(text).not.toContain(raw)
  })

  it('YAML page content that describes no role is quarantined with what was expected and what was found', () => {
    const result = parsePage(fixture('usds-apply.yml'))
    expect(result.profiles).toEqual([])
    expect(result.rejected).toEqual([
      {
        file: 'pages/usds-apply.yml',
        stage: 'parse',
        message: expect.stringMatching(/^pages\/usds-apply\.yml: is not a ladder file: expected a ladder: .*; found a mapping with page_title, page_body$/),
      },
    ])
  })
})
