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
const CLERICAL = /the role's text describes professional work .*: the clerical occupations \(.*\) read as/

// Prose written for these tests (not taken from the reference data nor the development pages).
const ACQUISITION_TEXT = [
  'Shape the acquisition strategy for large technology contracts with the programme teams.',
  'Negotiate prices, terms and conditions with suppliers and vendors.',
  'Evaluate bids and proposals and recommend the award of contracts.',
  'Advise teams on contract types, market research and the risks of each sourcing option.',
  'Manage the performance of vendors against their contracts and resolve disputes.',
  'Write the policies and procedures the organisation follows when it buys goods and services.',
]
const ORDER_DESK_TEXT = [
  'Type purchase orders and file copies of them.',
  'Answer telephone calls from suppliers about the status of orders.',
  'Enter invoices and receipts into the records system.',
  'Check deliveries against the purchase order and note any items missing.',
  'Keep the filing cabinets of order forms in order.',
  'Prepare the daily log of orders sent and received.',
]
const SOFTWARE_TEXT = [
  'Design, build and test the services behind our mobile app.',
  'Write code in TypeScript and Go and review the code of other engineers.',
  'Fix bugs reported by users and monitor the services in production.',
  'Improve the deployment pipeline and the automated tests.',
  'Work with product managers and designers on new features.',
]

describe('clerical readings of professional work', () => {
  it('reads a "Procurement" family whose text is about contracts and sourcing as purchasing agents (13-1023), not clerks', () => {
    const row = soc(pageRole('pages/procurement.md', 'Procurement', ACQUISITION_TEXT))
    expect(row.code).toBe('13-1023')
    expect(row.evidence.some((line) => CLERICAL.test(line))).toBe(true)
  })

  it('keeps the clerical reading when the text is about clerical work (typing and filing orders)', () => {
    const row = soc(pageRole('pages/procurement.md', 'Procurement', ORDER_DESK_TEXT))
    expect(index.reference.soc.get(row.code)!.major).toBe('43-0000')
    expect(row.evidence.some((line) => CLERICAL.test(line))).toBe(false)
  })

  it('keeps the clerical reading without text to say otherwise', () => {
    const row = soc(pageRole('pages/procurement.md', 'Procurement', []))
    expect(row.evidence.some((line) => CLERICAL.test(line))).toBe(false)
  })

  it('leaves a title the reference does not read as clerical as it was (a software engineer)', () => {
    const row = soc(pageRole('pages/engineer.md', 'Software Engineer', SOFTWARE_TEXT))
    expect(row.code).toBe('15-1252')
    expect(row.evidence.some((line) => CLERICAL.test(line))).toBe(false)
  })
})
