import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, SOFTWARE_TEXT as SOFTWARE, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
}, 120_000)

// Job-advert prose written for these tests (not taken from the reference data nor the development pages).
const SUPPORT_DESK = [
  'Answer calls and tickets from staff who cannot log in, print or connect to the network.',
  'Set up laptops, phones and accounts for new starters.',
  'Install and update software on desktop computers and fix hardware faults.',
  'Reset passwords and manage user accounts in the directory.',
  'Escalate problems to the infrastructure team and keep users informed.',
]
const ACCOUNTS = [
  'Prepare monthly management accounts and reconcile the bank statements.',
  'Process supplier invoices and payments and chase overdue customer debts.',
  'Prepare VAT returns and support the annual audit.',
  'Keep the fixed asset register and the budget forecasts up to date.',
  'Advise budget holders on spending against their budgets.',
]

describe('titles that name no occupation, on a page about software work', () => {
  it('codes a level alone ("L3") whose text is about writing software to 15-1252, from the text and for review', () => {
    const row = socOf(pageRole('pages/l3.md', 'L3', SOFTWARE), index)
    expect(row.code).toBe('15-1252')
    expect(row.source).toBe('inferred_from_text')
    expect(row.reviewStatus).toBe('needs_review')
    expect(row.evidence[0]).toMatch(/no title names an occupation; the role's text is about software work, read as "Software Developer"/)
  })

  it('leaves a level whose text is about a support desk to the text (not software development)', () => {
    const row = socOf(pageRole('pages/l3.md', 'L3', SUPPORT_DESK), index)
    expect(row.code).not.toBe('15-1252')
    expect(row.code).toMatch(/^15-12/)
    expect(row.evidence.join(' ')).not.toMatch(/Software Developer/)
  })

  it('leaves a level whose text is about accounts to the text', () => {
    const row = socOf(pageRole('pages/l3.md', 'L3', ACCOUNTS), index)
    expect(row.code).toMatch(/^13-/)
    expect(row.evidence.join(' ')).not.toMatch(/Software Developer/)
  })

  it('does not touch a title the reference knows ("Software Engineer L3")', () => {
    const row = socOf(pageRole('pages/l3.md', 'Software Engineer L3', SOFTWARE), index)
    expect(row.source).toBe('inferred_from_title')
    expect(row.evidence.join(' ')).not.toMatch(/no title names an occupation/)
  })
})
