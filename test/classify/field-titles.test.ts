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
const WEB_OPERATIONS = [
  'Keep our public websites and their web servers running day and night.',
  'Set up monitoring and alerting for the sites and respond to incidents.',
  'Automate server configuration and deployments with scripts.',
  'Patch operating systems and web server software and manage certificates.',
  'Plan capacity and keep backups and recovery procedures tested.',
]

describe('titles naming a field of work and no job in it ("Web Operations")', () => {
  it('also reads such a title as its specialists, not titles that name a job', () => {
    expect(titleVariants(pageRole('pages/roles.md', 'Web Operations'))).toEqual(['Web Operations', 'Web Operations Specialist', ''])
    expect(titleVariants(pageRole('pages/roles.md', 'Operations Manager'))).toEqual(['Operations Manager', ''])
    // "Director of Operations" names a job (its head noun is "director"): read as a manager, not as specialists.
    expect(titleVariants(pageRole('pages/roles.md', 'Director of Operations'))).toEqual(['Director of Operations', 'Operations Manager', ''])
  })

  it('codes "Web Operations" whose text is about running websites to 15-1299 (O*NET Web Administrators), for review', () => {
    const row = socOf(pageRole('pages/roles.md', 'Web Operations', WEB_OPERATIONS), index)
    expect(row.code).toBe('15-1299')
    expect(row.reviewStatus).toBe('needs_review')
    expect(row.evidence[0]).toBe('title read as "Web Operations Specialist"')
  })

  it('keeps the code of a field whose specialists the reference knows by that name ("Airfield Operations")', () => {
    expect(socOf(pageRole('pages/roles.md', 'Airfield Operations'), index).code).toBe('53-2022')
  })
})
