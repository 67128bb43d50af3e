import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parsePage } from '../../src/parse/parse-page.js'
import { brokenFacts, readExpected } from '../helpers/expected-facts.js'
import { pageOf } from '../helpers/pages.js'

// Real career-framework and job pages from other organisations, with facts an analyst verified by reading them.
const fixtures = new URL('../fixtures/role-pages/', import.meta.url)
// The whole development corpus (including pages whose licences do not allow copying them here): CANON_ROLE_PAGES_DIR,
// else the team's shared folder next to the project. A clone without it (the non-commercial pages may not travel
// with the code) checks the copied fixtures above only.
const corpus = [
  ...(process.env.CANON_ROLE_PAGES_DIR ? [pathToFileURL(`${path.resolve(process.env.CANON_ROLE_PAGES_DIR)}/`)] : []),
  new URL('../../../shared/data/role_pages_dev/', import.meta.url),
].find((folder) => existsSync(new URL('EXPECTED.json', folder)))

describe('real role pages (copied fixtures)', () => {
  for (const facts of readExpected(fixtures)) {
    it(`${facts.file}: every hard fact holds`, () => {
      expect(brokenFacts(fixtures, facts)).toEqual([])
    })
  }

  it('a multi-level Markdown ladder gives one profile per level, the level code kept apart from the title', () => {
    const profiles = parsePage(pageOf('jorgef/EngineeringManager.md', readFixture('jorgef/EngineeringManager.md'))).profiles
    expect(profiles.map((p) => [p.title, p.level?.code, p.components.length])).toEqual([
      ['Engineering Manager 5', 'EM5', 5],
      ['Engineering Manager 6', 'EM6', 5],
      ['Engineering Manager 7', 'EM7', 5],
    ])
  })

  it('levels as table columns and as table rows give one profile each, with codes from the title mapping table', () => {
    const profiles = parsePage(pageOf('artsy/engineering-ladder.md', readFixture('artsy/engineering-ladder.md'))).profiles
    expect(profiles.map((p) => [p.title, p.level?.code])).toEqual([
      ['Engineer 1', 'IC2'],
      ['Engineer 2', 'IC3'],
      ['Senior Engineer 1', 'IC4'],
      ['Senior Engineer 2', 'IC5'],
      ['Staff Engineer', 'IC6'],
      ['Engineering Manager 1', 'M2'],
      ['Engineer Manager 2', 'M3'],
      ['Senior Engineering Manager', 'M4'],
      ['Director of Engineering', 'M5'],
      ['Senior Director of Engineering', 'M6'],
    ])
    // Criterion labels are tags, never components; each cell's list items are components of its column's level.
    const staff = profiles[4]!
    expect(staff.components.every((c) => c.tags.length > 0)).toBe(true)
    expect(profiles[5]!.components.map((c) => c.text)).toContain('Will usually have 2-4 direct reports.')
  })

  it('a job posting leaves benefits and application steps out and counts them in an info finding', () => {
    const [profile] = parsePage(pageOf('moj/senior-quality-engineer.md', readFixture('moj/senior-quality-engineer.md'))).profiles
    expect(profile!.title).toBe('Senior Quality Engineer')
    expect(JSON.stringify(profile!.components)).not.toMatch(/Bike loans|Calm app|recruitment@/)
    expect(profile!.findings).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'not-role-content', message: expect.stringMatching(/benefits/) }),
    )
  })

  it('a team page that names no role gives no profile', () => {
    const result = parsePage(pageOf('teleport/teams.md', readFixture('teleport/teams.md')))
    expect(result.profiles).toEqual([])
  })
})

if (corpus) {
  const folder = corpus
  describe('real role pages (the shared development corpus)', () => {
    for (const facts of readExpected(folder)) {
      it(`${facts.file}: every hard fact holds`, () => {
        expect(brokenFacts(folder, facts)).toEqual([])
      })
    }
  })
}

function readFixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, fixtures)))
}
