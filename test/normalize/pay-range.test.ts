import { describe, expect, it } from 'vitest'
import { parsePayRange, statesPay } from '../../src/normalize/pay-range.js'

describe('pay range', () => {
  it('reads two bounds joined by a dash or a range word, with the currency and period the text states', () => {
    expect(parsePayRange('£44,743 to £60,484')).toEqual({ text: '£44,743 to £60,484', currency: 'GBP', min: 44743, max: 60484, period: null })
    expect(parsePayRange('$74,877.00 - $110,338.00 per year')).toMatchObject({ currency: '$', min: 74877, max: 110338, period: 'year' })
    expect(parsePayRange('45-52k GBP p.a.')).toMatchObject({ currency: 'GBP', min: 45000, max: 52000, period: 'year' })
    expect(parsePayRange('€30 – €40 per hour')).toMatchObject({ currency: 'EUR', min: 30, max: 40, period: 'hour' })
    expect(parsePayRange('CAD 80,000 and CAD 95,000 annually')).toMatchObject({ currency: 'CAD', min: 80000, max: 95000, period: 'year' })
  })

  it('one amount is both bounds; "up to" an amount has no lower bound', () => {
    expect(parsePayRange('$130,000.00 Annually')).toMatchObject({ min: 130000, max: 130000, period: 'year' })
    expect(parsePayRange('Up to $125,000 (depending on experience) + Full benefits')).toMatchObject({ min: null, max: 125000, currency: '$' })
  })

  it('text that names no amount of money is not a pay range', () => {
    expect(parsePayRange('[MoJ Salary Range] which may include an allowance')).toBeNull()
    expect(parsePayRange('roughly like a PhD student, 3 years')).toBeNull()
    expect(statesPay('Grade 7, 37 hours a week')).toBe(false)
    expect(statesPay('from £32k')).toBe(true)
  })
})
