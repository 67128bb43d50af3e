import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { titleVariants } from '../../src/classify/classify-roles.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
}, 120_000)

// Job-advert prose written for these tests (not taken from the reference data nor the development pages).
const RECRUITING = [
  'Run recruitment campaigns for software developers, designers and product managers.',
  'Write job adverts, screen applications and organise interviews with hiring managers.',
  'Build a pool of candidates through events, networks and referrals.',
  'Advise managers on pay, grades and onboarding of new staff.',
  'Report on hiring numbers and diversity of applicants.',
]

describe('titles qualified by the medium of the work ("Digital", "Online")', () => {
  it('also reads such a title without the qualifier when a job of two words or more is left', () => {
    expect(titleVariants(pageRole('pages/roles.md', 'Digital Talent Specialist'))).toContain('Talent Specialist')
    expect(titleVariants(pageRole('pages/roles.md', 'Senior Online Marketing Manager'))).toContain('Marketing Manager')
  })

  it('keeps a title of one word after the qualifier whole ("Digital Designer" is not read as "Designer")', () => {
    expect(titleVariants(pageRole('pages/roles.md', 'Digital Designer'))).toEqual(['Digital Designer', ''])
  })

  it('codes a "Digital Talent Specialist" to 13-1071 Human Resources Specialists, with and without text', () => {
    expect(socOf(pageRole('pages/roles.md', 'Digital Talent Specialist', RECRUITING), index).code).toBe('13-1071')
    expect(socOf(pageRole('pages/roles.md', 'Digital Talent Specialist'), index).code).toBe('13-1071')
  })

  it("keeps the titles whose qualifier is part of the occupation's own title", () => {
    expect(socOf(pageRole('pages/roles.md', 'Digital Marketing Specialist'), index).code).toBe('13-1161')
    expect(socOf(pageRole('pages/roles.md', 'Digital Forensics Analyst'), index).code).toBe('15-1299')
  })
})
