// Confidence calibration: isotonic regression (pool adjacent violators) or Platt scaling fitted on held-out titles, the
// mapping of a raw score (a probability, or the detailed confidence score) through the fitted curve, and the choice of
// the auto-accept threshold on a curve. The fitting runs in bench/fit-classifier.ts.

import type { CalibrationCurve } from './fitted-model.js'

/** Pool-adjacent-violators isotonic regression → breakpoints (block mean x, smoothed block mean y). */
export function fitIsotonic(points: readonly { x: number; y: number }[]): CalibrationCurve {
  const sorted = [...points].sort((a, b) => a.x - b.x)
  const blocks: { sx: number; sy: number; n: number }[] = []
  for (const { x, y } of sorted) {
    blocks.push({ sx: x, sy: y, n: 1 })
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!
      const prev = blocks[blocks.length - 2]!
      if (prev.sy / prev.n < last.sy / last.n) break
      blocks.splice(blocks.length - 2, 2, { sx: prev.sx + last.sx, sy: prev.sy + last.sy, n: prev.n + last.n })
    }
  }
  // Shrink small blocks towards the overall rate so a lucky handful of titles does not claim certainty, then
  // pool again where shrinking broke the order (weighted by block size: a tiny block at the bottom, shrunk up
  // towards the rate, must not lift every larger block above it).
  const rate = sorted.reduce((s, p) => s + p.y, 0) / Math.max(1, sorted.length)
  const shrunk: { sx: number; y: number; n: number }[] = []
  for (const block of blocks) {
    shrunk.push({ sx: block.sx, y: (block.sy + 2 * rate) / (block.n + 2), n: block.n })
    while (shrunk.length > 1) {
      const last = shrunk[shrunk.length - 1]!
      const prev = shrunk[shrunk.length - 2]!
      if (prev.y <= last.y) break
      shrunk.splice(shrunk.length - 2, 2, { sx: prev.sx + last.sx, y: (prev.y * prev.n + last.y * last.n) / (prev.n + last.n), n: prev.n + last.n })
    }
  }
  return shrunk.map((block) => [Math.round((block.sx / block.n) * 10000) / 10000, Math.round(block.y * 10000) / 10000] as const)
}

/** Maps a raw score through an isotonic calibration curve (linear between breakpoints). */
export function calibrate(curve: CalibrationCurve, p: number): number {
  if (curve.length === 0) return p
  const first = curve[0]!
  if (p <= first[0]) return first[1]
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i]!
    if (p <= x1) {
      const [x0, y0] = curve[i - 1]!
      return x1 === x0 ? y1 : y0 + ((p - x0) * (y1 - y0)) / (x1 - x0)
    }
  }
  return curve[curve.length - 1]![1]
}

/**
 * Platt scaling: a logistic regression of "right" (y = 1) on the raw score, over held-out titles, by maximum
 * likelihood (Adam, 2,000 steps, L2 0.001: the arithmetic of `fitConditionalLogit` in bench/classify-fit.ts on a
 * title against an all-zero alternative), returned as a calibration curve: breakpoints at 64 evenly spaced
 * scores over the range seen (`calibrate` interpolates between them and holds the end values outside). Unlike the
 * isotonic curve it pools no titles into blocks of equal confidence, so a threshold can fall anywhere.
 */
export function fitPlatt(points: readonly { x: number; y: number }[]): CalibrationCurve {
  if (points.length === 0) return []
  const w = [0, 1]
  const m = [0, 0]
  const v = [0, 0]
  for (let t = 1; t <= 2000; t++) {
    const grad = [0, 0]
    for (const { x, y } of points) {
      const u = 0 + 1 * w[0]! + x * w[1]!
      const max = Math.max(u, 0)
      const right = Math.exp(u - max)
      const wrong = Math.exp(0 - max)
      const total = 0 + right + wrong
      // The title's alternative is the chosen one when it is right; the all-zero alternative adds nothing.
      const step = (y === 1 ? 1 : 0) - right / total
      grad[0] = grad[0]! + step * 1
      grad[1] = grad[1]! + step * x
    }
    for (let i = 0; i < 2; i++) {
      const g = grad[i]! / points.length - 0.001 * w[i]!
      m[i] = 0.9 * m[i]! + 0.1 * g
      v[i] = 0.999 * v[i]! + 0.001 * g * g
      const mHat = m[i]! / (1 - 0.9 ** t)
      const vHat = v[i]! / (1 - 0.999 ** t)
      w[i] = w[i]! + (0.05 * mHat) / (Math.sqrt(vHat) + 1e-8)
    }
  }
  let low = Number.POSITIVE_INFINITY
  let high = Number.NEGATIVE_INFINITY
  for (const p of points) {
    low = Math.min(low, p.x)
    high = Math.max(high, p.x)
  }
  const steps = high > low ? 63 : 0
  return Array.from({ length: steps + 1 }, (_, i) => {
    const x = steps === 0 ? low : low + ((high - low) * i) / steps
    return [Math.round(x * 10000) / 10000, Math.round((1 / (1 + Math.exp(-(w[0]! + w[1]! * x)))) * 10000) / 10000] as const
  })
}

/** `chooseBoundThreshold`'s least number of titles at or above the threshold: fewer, and the share right is too noisy to read. */
const BOUND_MIN_TITLES = 50

/** Titles' scores at or above a threshold: how many, and how many of them right. */
export interface ThresholdChoice {
  value: number
  accepted: number
  right: number
}

/**
 * The lowest score at which the titles scoring at or above it (`n` of them, `right` right) satisfy `qualifies`,
 * walking from the highest score down and never splitting titles of one score. Null when no score qualifies.
 * (The auto-accept rules differ only in `qualifies`.)
 */
export function lowestQualifyingScore(
  points: readonly { score: number; y: number }[],
  qualifies: (n: number, right: number, score: number) => boolean,
): ThresholdChoice | null {
  const sorted = [...points].sort((a, b) => b.score - a.score)
  let chosen: ThresholdChoice | null = null
  let right = 0
  for (let i = 0; i < sorted.length; i++) {
    right += sorted[i]!.y
    const score = sorted[i]!.score
    if ((sorted[i + 1]?.score ?? Number.NEGATIVE_INFINITY) < score && qualifies(i + 1, right, score)) chosen = { value: score, accepted: i + 1, right }
  }
  return chosen
}

/** Calibrated confidences of `points`, rounded as `acceptConfidence` rounds them. */
export function calibratedScores(curve: CalibrationCurve, points: readonly { x: number; y: number }[]) {
  return points.map((p) => ({ score: Math.round(calibrate(curve, p.x) * 1000) / 1000, y: p.y }))
}

/**
 * The auto-accept threshold of `npm run fit:classifier` (rule `platt-bound` in bench/classify-fit.ts): the lowest
 * calibrated confidence (rounded as `acceptConfidence` rounds it) at which the titles at or above it (at least
 * `BOUND_MIN_TITLES`) are right at `precision` even one standard error below the share observed:
 * p − √(p(1 − p)/n) ≥ precision. The margin asks more of few titles than of many. Never splits titles of one
 * confidence; `value` 1 and nothing accepted when no threshold qualifies.
 */
export function chooseBoundThreshold(curve: CalibrationCurve, points: readonly { x: number; y: number }[], precision: number): ThresholdChoice {
  const chosen = lowestQualifyingScore(calibratedScores(curve, points), (n, right) => {
    const share = right / n
    return n >= BOUND_MIN_TITLES && share - Math.sqrt((share * (1 - share)) / n) >= precision
  })
  return chosen ?? { value: 1, accepted: 0, right: 0 }
}
