// The auto-accept calibration of `npm run fit:classifier` (bench/classify-fit.ts): a Platt curve over out-of-part
// accept scores.

import { describe, expect, it } from 'vitest'
import { calibrate, fitPlatt } from '../../src/classify/calibration.js'

describe('fitPlatt', () => {
  // Scores from -3 to 3; the share right rises with the score as a logistic curve of slope 1.5 would make it.
  const points = Array.from({ length: 600 }, (_, i) => {
    const x = -3 + (6 * i) / 599
    const p = 1 / (1 + Math.exp(-1.5 * x))
    // Deterministic: the i-th point is right when its rank among points of similar score says so.
    return { x, y: (i * 0.6180339887) % 1 < p ? 1 : 0 }
  })

  it('is a smooth non-decreasing curve over the scores seen, close to the rate it was drawn from', () => {
    const curve = fitPlatt(points)
    expect(curve).toHaveLength(64)
    const ys = curve.map(([, y]) => y)
    expect(ys).toEqual([...ys].sort((a, b) => a - b))
    expect(new Set(ys).size).toBe(64)
    expect(curve[0]![0]).toBe(-3)
    expect(curve[63]![0]).toBe(3)
    expect(calibrate(curve, 0)).toBeCloseTo(0.5, 1)
    expect(calibrate(curve, 2)).toBeCloseTo(1 / (1 + Math.exp(-3)), 1)
    // Outside the scores seen the curve holds its end values.
    expect(calibrate(curve, 10)).toBe(ys[63])
  })

  it('is empty without points and flat for one score', () => {
    expect(fitPlatt([])).toEqual([])
    expect(fitPlatt([{ x: 1, y: 1 }])).toHaveLength(1)
  })
})
