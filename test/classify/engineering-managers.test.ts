import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
}, 120_000)

// Job-advert prose written for these tests (not taken from the reference data nor the development pages).
const PLANT_ENGINEERING = [
  'Lead the team of mechanical and electrical engineers who maintain the plant’s pumps, boilers and conveyors.',
  'Plan engineering projects for new production lines and approve their drawings and budgets.',
  'Set maintenance schedules and make sure equipment meets safety standards.',
  'Hire and develop engineers and review their designs and calculations.',
  'Report on equipment reliability and capital spending to the site director.',
]
const SOFTWARE_TEAMS = [
  'Lead two teams of software engineers building our web and mobile apps.',
  'Hire engineers, run one-to-ones and help them grow their careers.',
  'Plan releases, review system designs and keep the services reliable in production.',
  'Own the on-call rota, incident reviews and the health of the cloud infrastructure.',
  'Work with product managers on the roadmap and the teams’ delivery.',
]

describe('managers of engineering whose text does not say software (11-9041)', () => {
  it('codes an "Engineering Operations Manager" without text to 11-9041, not to logistics or production managers', () => {
    const row = socOf(pageRole('pages/roles.md', 'Engineering Operations Manager'), index)
    expect(row.code).toBe('11-9041')
    expect(row.evidence.join(' ')).toMatch(/the page has no text to say what is engineered: the general management occupations \(.*11-3071.*\) read as 11-9041/)
  })

  it('codes an "Engineering Manager" over plant engineers to 11-9041', () => {
    const row = socOf(pageRole('pages/roles.md', 'Engineering Manager', PLANT_ENGINEERING), index)
    expect(row.code).toBe('11-9041')
  })

  it('keeps an "Engineering Manager" of software teams on 11-3021', () => {
    const row = socOf(pageRole('pages/roles.md', 'Engineering Manager', SOFTWARE_TEAMS), index)
    expect(row.code).toBe('11-3021')
    expect(row.evidence.join(' ')).not.toMatch(/read as 11-9041/)
  })

  it('leaves a manager of another field ("Warehouse Operations Manager") to the title', () => {
    const row = socOf(pageRole('pages/roles.md', 'Warehouse Operations Manager'), index)
    expect(row.code).toBe('11-3071')
    expect(row.evidence.join(' ')).not.toMatch(/read as 11-9041/)
  })

  it('leaves engineers, who manage nothing, out of management', () => {
    const row = socOf(pageRole('pages/roles.md', 'Mechanical Engineer', PLANT_ENGINEERING), index)
    expect(row.code).toBe('17-2141')
  })
})
