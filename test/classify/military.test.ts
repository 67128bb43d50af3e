import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import type { Classification, RoleProfile } from '../../src/model/index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
})

const soc = (role: RoleProfile): Classification => socOf(role, index)

// Prose written for these tests (not taken from the reference data nor the development pages).
const OPERATIONS = [
  'Keep the platforms our customers use running day and night.',
  'Coordinate incident response with the support and engineering teams.',
  'Plan capacity and report on service levels to the operations lead.',
]
const ARMED_SERVICE = [
  'Lead a platoon of enlisted soldiers in field operations of the army.',
  'Plan missions with the battalion staff and brief commanders.',
  'Train soldiers in weapons handling and combat arms drills.',
]

describe('military occupations need a role that names armed service', () => {
  it('sets aside 55-xxxx for a civilian operations role whose title matches military reference titles, and says so', () => {
    const row = soc(pageRole('pages/ladder.md', 'Technical Operations', OPERATIONS))
    expect(row.code.startsWith('55-')).toBe(false)
    expect(row.evidence.some((line) => line.startsWith('no title or text names armed service: military occupations (55-xxxx'))).toBe(true)
  })

  it('keeps military occupations for a role whose text names the armed service', () => {
    const row = soc(pageRole('pages/ladder.md', 'Infantry Officer', ARMED_SERVICE))
    expect(row.code.startsWith('55-')).toBe(true)
    expect(row.evidence.some((line) => line.includes('military occupations (55-xxxx'))).toBe(false)
  })
})
