// Confidence bands, as DESIGN.md defines them for pages, aliases and codes alike.

import type { ConfidenceBand } from '../model/index.js'

/** Bands: high ≥ 0.80, medium ≥ 0.50, low below. */
export function bandOf(confidence: number): ConfidenceBand {
  if (confidence >= 0.8) return 'high'
  if (confidence >= 0.5) return 'medium'
  return 'low'
}
