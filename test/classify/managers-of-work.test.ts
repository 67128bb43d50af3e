import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
}, 120_000)

// Job-advert prose written for these tests (not taken from the reference data nor the development pages): a
// delivery manager of an agile team (no software words to speak of) and one of a warehouse.
const AGILE_DELIVERY = [
  'Run the daily stand-up and the weekly planning meeting for the team.',
  "Remove blockers to the team's progress and keep a log of risks and issues.",
  'Track the budget and report progress to the programme board.',
  'Help the team improve how it works, using agile methods.',
  'Plan the work with the product manager and agree milestones with stakeholders.',
]
const WAREHOUSE = [
  'Manage the warehouse team: hire, schedule and supervise forklift drivers and pickers.',
  'Plan inbound and outbound deliveries of goods with the transport carriers.',
  'Keep stock levels, inventory counts and loading docks in order.',
  'Enforce health and safety rules for lifting, racking and vehicles in the yard.',
]

describe('managers of work read by their text (13-1082)', () => {
  it('codes a "Delivery Manager" whose text is about running a team\'s projects to 13-1082, not 11-3071', () => {
    const row = socOf(pageRole('pages/roles.md', 'Delivery Manager', AGILE_DELIVERY), index)
    expect(row.code).toBe('13-1082')
    expect(row.reviewStatus).toBe('needs_review')
    expect(row.evidence.join(' ')).toMatch(
      /the role's text matches 13-1082's text \(projects\) at least as well as the general management occupations': those \(11-3071/,
    )
  })

  it('keeps a "Delivery Manager" of a warehouse on 11-3071 Transportation, Storage, and Distribution Managers', () => {
    const row = socOf(pageRole('pages/roles.md', 'Delivery Manager', WAREHOUSE), index)
    expect(row.code).toBe('11-3071')
    expect(row.evidence.join(' ')).not.toMatch(/13-1082/)
  })

  it('leaves a "Delivery Manager" without text to the title', () => {
    expect(socOf(pageRole('pages/roles.md', 'Delivery Manager'), index).code).toBe('11-3071')
  })

  it('leaves levels the page says manage people out of it', () => {
    const manages = [...AGILE_DELIVERY, 'Manage the team members and their careers: hiring, one-to-ones and performance reviews.']
    const row = socOf(pageRole('pages/roles.md', 'Delivery Manager', manages), index)
    expect(row.evidence.join(' ')).not.toMatch(/read as 13-1082/)
  })
})
