import { describe, expect, it } from 'vitest'
import { parsePage } from '../../src/parse/parse-page.js'
import { golden, rawPage } from '../helpers/pages.js'

describe('golden pages', () => {
  it('the canon-app seed page (text copy) parses into its golden RoleProfile, every declared value in its field', () => {
    const result = parsePage(rawPage('pages/canon/role-page-devops-engineering-p3.txt'))
    expect(result.rejected).toEqual([])
    expect(result.profiles).toEqual(golden('canon-devops-engineering-p3.json'))
  })

  it('the seed golden holds what the page declares: code, level fields, 32 clean components, 7 aliases, the declared code', () => {
    const [profile] = golden('canon-devops-engineering-p3.json') as import('../../src/model/index.js').RoleProfile[]
    expect(profile!.code).toBe('EDE.GEN.P3')
    expect([profile!.function, profile!.discipline, profile!.track]).toEqual(['Engineering', 'DevOps Engineering', 'Professional'])
    expect(profile!.level?.typicalExperience).toBe('3–5 yrs')
    expect(profile!.components).toHaveLength(32)
    expect(profile!.components.every((c) => c.tags.join() === 'common,level' && !/commonlevel$|level$/.test(c.text))).toBe(true)
    expect(profile!.components.map((c) => c.kind).filter((k, i, all) => all.indexOf(k) === i)).toEqual([
      'responsibility',
      'task',
      'skill',
      'knowledge',
      'competency',
      'qualification',
    ])
    expect(profile!.aliases).toHaveLength(7)
    expect(profile!.story?.plan).toHaveLength(5)
    expect(profile!.classifications.map((c) => [c.code, c.source, c.reviewStatus])).toEqual([['15-0000', 'inferred_from_superfunction', 'needs_review']])
  })

  it('a Dropbox career-framework page parses into its golden RoleProfile with no navigation text', () => {
    const result = parsePage(rawPage('pages/dropbox/ic3_software_engineer.html'))
    expect(result.rejected).toEqual([])
    expect(result.profiles).toEqual(golden('dropbox-ic3-software-engineer.json'))
    const json = JSON.stringify(result.profiles)
    for (const navigation of ['Career Framework', 'IC4 Software Engineer', 'Appendix', 'Promotion Principles']) {
      expect(json).not.toContain(navigation)
    }
  })

  it('a Monzo framework (YAML front matter, six levels) parses into one golden RoleProfile per level', () => {
    const result = parsePage(rawPage('pages/monzo/engineering/backend.md'))
    expect(result.rejected).toEqual([])
    expect(result.profiles.map((p) => p.level?.code)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6'])
    expect(result.profiles).toEqual(golden('monzo-backend.json'))
  })
})
