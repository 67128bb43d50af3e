import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
}, 120_000)

// Written for these tests: competencies that describe how someone works, not what work they do, and a text that
// describes an analyst's work.
const COMPETENCIES = [
  'Communicates clearly and openly with colleagues at every level.',
  'Takes ownership of their own work and delivers on commitments.',
  'Is curious, keeps learning and shares what they learn.',
  'Builds trusting relationships across the organisation.',
  'Gives and receives feedback with respect.',
  'Manages their time well and keeps others informed of progress.',
]
const SERVICE_ANALYTICS = [
  'Measure how well our online services work for their users and report on it every month.',
  'Set up and look after web analytics, dashboards and key performance indicators for each service.',
  'Help teams decide what to measure and how to act on what the numbers show.',
  'Present findings to service owners and senior leaders in plain language.',
  'Work with user researchers and designers to explain why people drop out of a transaction.',
]

describe('the text does not move the lead to a code whose tasks it barely matches', () => {
  it('keeps the titles\' lead for a "Performance Analyst" whose text only lists competencies', () => {
    const row = socOf(pageRole('pages/roles.md', 'Performance Analyst', COMPETENCIES), index)
    expect(row.code).toBe('13-1111')
    expect(row.evidence.join(' ')).toMatch(/but barely \(task match 0\.0\d, under 0\.05\): the titles' order kept/)
  })

  it('still lets a text that describes the work move the lead', () => {
    const row = socOf(pageRole('pages/roles.md', 'Performance Analyst', SERVICE_ANALYTICS), index)
    expect(row.code).toBe('15-1211')
    expect(row.evidence.join(' ')).toMatch(/the role's text moved the lead from 13-1111 \(titles alone\) to 15-1211/)
  })
})
