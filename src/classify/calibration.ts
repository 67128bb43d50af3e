// Confidence calibration: isotonic regression (pool adjacent violators) fitted on held-out titles, and the
// mapping of a raw score (a probability, or the detailed confidence score) through the fitted curve. The fitting runs in bench/fit-classifier.ts.

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
