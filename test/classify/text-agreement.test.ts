import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { AGREEING_MIN_LEAD, softwareVariants, textAgreesWithLead, titleVariants } from '../../src/classify/classify-roles.js'
import type { RankedCandidate } from '../../src/classify/classify-title.js'
import type { CandidateScore } from '../../src/classify/score-candidates.js'
import type { Classification, RoleProfile } from '../../src/model/index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
})

const soc = (role: RoleProfile): Classification => socOf(role, index)
const AGREES = /is also the code whose tasks the role's text matches best/

/** A ranked candidate with only what the rule reads: its probability and its task match. */
const ranked = (code: number, probability: number, taskMatch: number): RankedCandidate => ({
  candidate: { code, taskMatch } as unknown as CandidateScore,
  probability,
})

describe('textAgreesWithLead', () => {
  it('agrees when the lead matches the tasks best of all the candidates', () => {
    const agreed = textAgreesWithLead([ranked(1, 0.45, 0.2), ranked(2, 0.3, 0.1), ranked(3, 0.2, 0.15), ranked(4, 0.05, 0.1)], 6)
    expect(agreed).toEqual({ share: 0.45, match: 0.2, next: 0.15 })
  })

  it('does not agree when any other candidate matches the tasks as well or better, however little it holds', () => {
    expect(textAgreesWithLead([ranked(1, 0.45, 0.2), ranked(2, 0.3, 0.2), ranked(3, 0.25, 0.1)], 6)).toBeNull()
    expect(textAgreesWithLead([ranked(1, 0.6, 0.2), ranked(2, 0.38, 0.1), ranked(3, 0.02, 0.5)], 6)).toBeNull()
  })

  it('needs text that counts in full, a real task match and a lead holding a third of the probability', () => {
    const cases = [ranked(1, 0.5, 0.2), ranked(2, 0.5, 0.1)]
    expect(textAgreesWithLead(cases, 4)).toBeNull()
    expect(textAgreesWithLead([ranked(1, 0.5, 0.04), ranked(2, 0.5, 0.01)], 6)).toBeNull()
    const low = AGREEING_MIN_LEAD - 0.05
    expect(textAgreesWithLead([ranked(1, low, 0.2), ranked(2, low, 0.1), ranked(3, 1 - 2 * low, 0.1)], 6)).toBeNull()
  })
})

// Prose written for these tests (not taken from the reference data nor the development pages).
const TAX_TEXT = [
  'Prepare individual income tax returns for clients.',
  "Review clients' receipts and records of income and expenses.",
  'Explain tax law changes to clients and how they affect them.',
  'Calculate the tax owed or the refund due.',
  "Answer letters from the tax authority on clients' behalf.",
  "Keep clients' financial records confidential.",
]

describe('a group fallback gives way to the lead the text agrees with', () => {
  it('codes a "Consultant" whose text is about tax returns to the detailed code the titles lead with, for review', () => {
    const row = soc(pageRole('pages/consultant.md', 'Consultant', TAX_TEXT))
    expect(row.code).toBe('13-2082')
    expect(row.reviewStatus).toBe('needs_review')
    expect(row.evidence.some((line) => AGREES.test(line))).toBe(true)
  })

  it('keeps the group when the text matches another candidate\'s tasks better than the lead\'s ("Analyst" leads with 13-2051)', () => {
    const row = soc(pageRole('pages/analyst.md', 'Analyst', TAX_TEXT))
    expect(index.reference.soc.get(row.code)!.level).not.toBe('detailed')
    expect(row.evidence.some((line) => AGREES.test(line))).toBe(false)
  })

  it('keeps the group when the text is too short to count in full', () => {
    const row = soc(pageRole('pages/consultant.md', 'Consultant', TAX_TEXT.slice(0, 3)))
    expect(row.evidence.some((line) => AGREES.test(line))).toBe(false)
  })
})

const PRODUCT_TEXT = [
  'Own the product backlog of a team that builds our mobile app and website.',
  'Write user stories with the designers and developers and decide what the team builds next.',
  'Talk to customers and stakeholders about what they need from the product.',
  'Accept finished work at the end of each sprint and plan releases.',
  'Track how the product is used and report on it to the head of product.',
]
const SOFTWARE_TEXT = [
  'Write, test and review code for the services behind our website and mobile app.',
  'Deploy changes to production several times a day with continuous delivery.',
  'Fix bugs and improve the performance of the APIs other teams use.',
  'Design database schemas and write migrations.',
  'Take part in the on-call rotation for the services the team owns.',
]
const KEPT = /but the reference titles read it as one/

describe('titles the reference reads as management, without a management word', () => {
  it('keeps the management occupations for "Product Owner" (they hold most of the probability) instead of coding what is left', () => {
    const row = soc(pageRole('pages/product-owner.md', 'Product Owner', PRODUCT_TEXT))
    // Before, the management codes were set aside and the leftovers' lead, 29-1229 (an "Owner" reported by urologists), was coded.
    expect(row.code.startsWith('29-')).toBe(false)
    expect(row.code.startsWith('11-')).toBe(true)
    expect(row.reviewStatus).toBe('needs_review')
    expect(row.evidence.some((line) => KEPT.test(line))).toBe(true)
  })

  it('still keeps a practitioner off management occupations when they hold little of the probability', () => {
    const row = soc(pageRole('pages/engineer.md', 'Software Engineer', SOFTWARE_TEXT))
    expect(row.code).toBe('15-1252')
    expect(row.evidence.some((line) => KEPT.test(line))).toBe(false)
  })
})

// Words of building and testing products, neither about software nor clearly about other work: no software context.
const BUILD_TEXT = [
  'Design and build the components of our products and test them before release.',
  'Measure the performance of prototypes and improve their reliability.',
  'Write technical specifications and keep the documentation up to date.',
  'Work with manufacturing and quality teams on releases.',
  'Solve technical problems reported by customers.',
]
const PROPERTY_TEXT = [
  'Find sites for new housing and negotiate their purchase with landowners.',
  'Obtain planning permission from the local council.',
  'Raise finance for each project from banks and investors.',
  'Hire architects and building contractors and oversee construction.',
  'Sell or let the finished homes.',
]
const COMPUTING = /the reference titles read the titles as computer work/

describe('titles the reference reads as computer work, without a software context', () => {
  it('scores a bare "Developer" whose text makes no software context also as "Software Developer"', () => {
    // Before, without a software context, the bare title fell back to the broad group 15-1250.
    for (const text of [BUILD_TEXT, []]) {
      const row = soc(pageRole('pages/developer.md', 'Developer', text))
      expect(row.code).toBe('15-1252')
      expect(row.evidence.some((line) => COMPUTING.test(line))).toBe(true)
      expect(row.evidence.some((line) => line.startsWith("the role's text is about software"))).toBe(false)
    }
  })

  it('does not when the text is about other work (a property developer), and the title keeps its old reading', () => {
    const row = soc(pageRole('pages/developer.md', 'Developer', PROPERTY_TEXT))
    expect(row.code).toBe('15-1250')
    expect(row.evidence.some((line) => COMPUTING.test(line))).toBe(false)
  })

  it('does not re-read titles a front-end, back-end or full-stack word already places in software', () => {
    expect(softwareVariants(['Front End Engineer', 'Backend Engineer', 'Full-stack Engineer', ''])).toEqual([
      'Front End Engineer',
      'Backend Engineer',
      'Full-stack Engineer',
      '',
    ])
  })
})

describe('the director of a field read also as its manager', () => {
  it('adds "X Manager" to "Director of X" and "Head of X", not to a head of people or a line', () => {
    expect(titleVariants(pageRole('pages/p.md', 'Head of Product'))).toEqual(['Director of Product', 'Product Manager', ''])
    expect(titleVariants(pageRole('pages/p.md', 'Director of Operations'))).toEqual(['Director of Operations', 'Operations Manager', ''])
    expect(titleVariants(pageRole('pages/p.md', 'Head of People'))).toEqual(['Director of People', ''])
    // Only a one-word field is read; longer ones are left as the title gives them.
    expect(titleVariants(pageRole('pages/p.md', 'Head of Product Design')).some((v) => v.endsWith('Manager'))).toBe(false)
  })

  it('codes a "Head of Product" to 11-2021 Marketing Managers (O*NET files "Product Manager" there), not a group', () => {
    // Before, "Director of Product" alone spread its probability over management codes and fell back to 11-0000.
    const row = soc(pageRole('pages/product.md', 'Head of Product'))
    expect(row.code).toBe('11-2021')
    expect(row.reviewStatus).toBe('needs_review')
  })

  it('keeps a field whose director title the reference knows (nursing) where it was', () => {
    expect(soc(pageRole('pages/nursing.md', 'Director of Nursing')).code).toBe('11-9111')
  })
})
