// The auto-accept threshold of `npm run fit:classifier` (`chooseBoundThreshold`, rule `platt-bound` of bench/classify-fit.ts): the lowest
// calibrated accept confidence at which the out-of-part titles at or above it are right at the target precision
// even one standard error below the share observed.

import { describe, expect, it } from 'vitest'
import { chooseBoundThreshold } from '../../src/classify/calibration.js'
import type { CalibrationCurve } from '../../src/classify/fitted-model.js'

// The identity curve on [0, 1]: each point's calibrated confidence is its score.
const identity: CalibrationCurve = [
  [0, 0],
  [1, 1],
]

/** `count` points of one confidence, `right` of them right. */
function block(confidence: number, count: number, right: number) {
  return Array.from({ length: count }, (_, i) => ({ x: confidence, y: i < right ? 1 : 0 }))
}

describe('chooseBoundThreshold', () => {
  it('goes down to the lowest confidence whose titles at or above it are right at the precision less one standard error', () => {
    // 400 titles at 0.99, 99 % right; then 200 at 0.9, 85 % right (cumulative 94.3 %, bound 93.4 %);
    // then 400 at 0.8, 80 % right (cumulative 87.5 %).
    const points = [...block(0.99, 400, 396), ...block(0.9, 200, 170), ...block(0.8, 400, 320)]
    const chosen = chooseBoundThreshold(identity, points, 0.92)
    expect(chosen).toEqual({ value: 0.9, accepted: 600, right: 566 })
  })

  it('asks more of few titles than of many: 93 % right over 60 titles is not enough for 92 %, over 6,000 it is', () => {
    expect(chooseBoundThreshold(identity, block(0.95, 60, 56), 0.92).accepted).toBe(0)
    expect(chooseBoundThreshold(identity, block(0.95, 6000, 5600), 0.92)).toEqual({ value: 0.95, accepted: 6000, right: 5600 })
  })

  it('never reads fewer than 50 titles, and never splits titles of one confidence', () => {
    // 49 titles all right, then 51 more of one confidence half right: no threshold qualifies.
    expect(chooseBoundThreshold(identity, [...block(0.99, 49, 49), ...block(0.7, 51, 25)], 0.9)).toEqual({ value: 1, accepted: 0, right: 0 })
  })
})
