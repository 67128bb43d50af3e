import { describe, expect, it } from 'vitest'
import { deliverableCodes } from '../../src/export/deliverable-codes.js'
import type { Classification } from '../../src/model/index.js'
import { roleProfile } from '../helpers/export-roles.js'

const code = (system: string, value: string, reviewStatus: string, confidence: number): Classification => ({
  system,
  code: value,
  title: value,
  source: 'declared',
  confidence,
  reviewStatus,
  evidence: [],
})

const classifications = [
  code('SOC2018', 'a', 'auto_accepted', 0.9),
  code('SOC2018', 'b', 'accepted', 0.5),
  code('SOC2018', 'c', 'auto_accepted', 0.95),
  code('ISCO-08', 'd', 'needs_review', 0.7),
  code('ISCO-08', 'e', 'rejected', 0.99),
]

describe('deliverableCodes', () => {
  it('sends one code per system, accepted before auto-accepted before confidence, and holds the rest with a reason', () => {
    const { sent, held } = deliverableCodes(roleProfile('A.1', { classifications }), { includeUnreviewed: false })
    expect(sent.map((c) => c.code)).toEqual(['b'])
    expect(held.map((h) => [h.code.code, h.reason])).toEqual([
      ['a', 'not_primary'],
      ['c', 'not_primary'],
      ['d', 'needs_review'],
      ['e', 'rejected'],
    ])
  })

  it('sends needs_review codes when asked, never rejected ones', () => {
    const { sent, held } = deliverableCodes(roleProfile('A.1', { classifications }), { includeUnreviewed: true })
    expect(sent.map((c) => c.code)).toEqual(['b', 'd'])
    expect(held.map((h) => h.reason)).toEqual(['not_primary', 'not_primary', 'rejected'])
  })
})
