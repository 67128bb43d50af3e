// The distance between two roles, in [0, 1]: a weighted sum of three documented parts (docs/adjacency.md).
//   level     0 same level; |Δrank| / 4 on one ladder; 0.25 + |Δrank| / 4 across ladders; 0.5 when unknown (capped at 1)
//   taxonomy  mean of the family part (0 same discipline, 0.5 same function, 1 else) and the SOC part
//             (0 same detailed, 0.25 broad, 0.5 minor, 0.75 major group, 1 else), the family part alone without SOC codes
//   content   1 − the MinHash estimate of the Jaccard similarity of the component words (0.5 when either has none)
// distance = 0.35 level + 0.30 taxonomy + 0.35 content, rounded to three decimals. Symmetric by construction.

import type { AdjacencyFeatures, MatchBand } from '../model/index.js'
import { estimateJaccard } from './features.js'

export const WEIGHTS = { level: 0.35, taxonomy: 0.3, content: 0.35 } as const

/** Band limits: a distance up to `high` is a high match, up to `medium` a medium one, low above. */
export const BAND_LIMITS = { high: 0.3, medium: 0.5 } as const

/** A level code split into its ladder ("P", "IC", "L") and rank (3), or null when it has no trailing number. */
export interface LevelPosition {
  ladder: string
  rank: number
}

/** "P3" → P/3, "IC 4" → IC/4, "M-2" → M/2; anything else → null. */
export function levelPosition(level: string | null): LevelPosition | null {
  if (level === null) return null
  const match = /^([A-Za-z]*)[\s-]?(\d{1,3})$/.exec(level.trim())
  return match ? { ladder: match[1]!.toUpperCase(), rank: Number(match[2]) } : null
}

const fold = (text: string | null) => (text === null ? null : text.trim().toLowerCase() || null)

/** What distances are computed from: a role's features with its level parsed and names folded, done once per role. */
export interface RoleCoordinates {
  features: AdjacencyFeatures
  level: LevelPosition | null
  function: string | null
  discipline: string | null
  /** Function and discipline (null without a discipline): roles of one family are the levels of one job. */
  family: string | null
}

export function coordinatesOf(features: AdjacencyFeatures): RoleCoordinates {
  const fn = fold(features.function)
  const discipline = fold(features.discipline)
  return { features, level: levelPosition(features.level), function: fn, discipline, family: discipline === null ? null : `${fn ?? ''}\u0000${discipline}` }
}

export function levelDistance(a: LevelPosition | null, b: LevelPosition | null): number {
  if (a === null || b === null) return 0.5
  const steps = Math.abs(a.rank - b.rank) / 4
  return Math.min(1, a.ladder === b.ladder ? steps : 0.25 + steps)
}

function familyDistance(a: RoleCoordinates, b: RoleCoordinates): number {
  if (a.family !== null && a.family === b.family) return 0
  return a.function !== null && a.function === b.function ? 0.5 : 1
}

/** SOC 2018 codes "15-1252": major "15", minor "15-12", broad "15-125", detailed "15-1252"; zeros mean "not coded that far". */
export function socDistance(a: string, b: string): number {
  const depth = (code: string) => (code.endsWith('0000') ? 1 : code.endsWith('00') ? 2 : code.endsWith('0') ? 3 : 4)
  const prefixes = [2, 5, 6, 7]
  const shared = Math.min(depth(a), depth(b))
  let same = 0
  for (let i = 0; i < shared; i++) {
    if (a.slice(0, prefixes[i]) !== b.slice(0, prefixes[i])) break
    same = i + 1
  }
  return [1, 0.75, 0.5, 0.25, 0][same]!
}

export function taxonomyDistance(a: RoleCoordinates, b: RoleCoordinates): number {
  const family = familyDistance(a, b)
  const socA = a.features.soc
  const socB = b.features.soc
  return socA !== null && socB !== null ? (family + socDistance(socA, socB)) / 2 : family
}

export function contentDistance(a: AdjacencyFeatures, b: AdjacencyFeatures): number {
  const similarity = estimateJaccard(a.minhash, b.minhash)
  return similarity === null ? 0.5 : 1 - similarity
}

const round3 = (value: number) => Math.round(value * 1000) / 1000

/** The distance between two roles' coordinates. */
export function coordinateDistance(a: RoleCoordinates, b: RoleCoordinates): number {
  const d =
    WEIGHTS.level * levelDistance(a.level, b.level) + WEIGHTS.taxonomy * taxonomyDistance(a, b) + WEIGHTS.content * contentDistance(a.features, b.features)
  return round3(Math.min(1, Math.max(0, d)))
}

/** The distance between two roles. */
export function roleDistance(a: AdjacencyFeatures, b: AdjacencyFeatures): number {
  return coordinateDistance(coordinatesOf(a), coordinatesOf(b))
}

export function bandOfDistance(distance: number): MatchBand {
  return distance <= BAND_LIMITS.high ? 'high' : distance <= BAND_LIMITS.medium ? 'medium' : 'low'
}
