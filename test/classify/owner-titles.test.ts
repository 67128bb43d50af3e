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
const PRODUCT_BACKLOG = [
  'Own the product backlog of the mobile app and decide what the development team builds next.',
  'Write user stories and acceptance criteria with designers and developers.',
  'Talk to customers and stakeholders to understand their needs and measure the value of each release.',
  'Plan releases and keep the roadmap up to date.',
  'Accept finished work at the end of each sprint.',
]

describe('owners of a product, a service or a business read as its manager', () => {
  it('also reads "X Owner" as "X Manager", and a bare "Owner" as itself', () => {
    expect(titleVariants(pageRole('pages/roles.md', 'Senior Product Owner'))).toEqual(['Product Owner', 'Product Manager', ''])
    expect(titleVariants(pageRole('pages/roles.md', 'Owner'))).toEqual(['Owner', ''])
  })

  it('codes a "Product Owner" of a backlog to 11-2021 (a product manager), for review, not to a broad management group', () => {
    const row = socOf(pageRole('pages/roles.md', 'Product Owner', PRODUCT_BACKLOG), index)
    expect(row.code).toBe('11-2021')
    expect(row.reviewStatus).toBe('needs_review')
  })

  it('codes owners of a business by what they run: a farm, a restaurant', () => {
    expect(socOf(pageRole('pages/roles.md', 'Farm Owner'), index).code).toBe('11-9013')
    expect(socOf(pageRole('pages/roles.md', 'Restaurant Owner'), index).code).toBe('11-9051')
  })
})
