// The adjacency stage: for every role of a release, its nearest roles by `roleDistance`, each with a band and a
// kind, and the pairs that look like one role twice. Not all pairs: candidates come from blocks (family, SOC
// minor group at one level, function at one level, title and alias keys) and from locality-sensitive hashing
// of the MinHash signatures (16 bands of 4), so the cost grows with the number of roles times the candidates
// each has. A block larger than MAX_BLOCK pairs each member with its WINDOW successors in a fixed order
// instead of with every member. Pure: the result depends on the set of roles, not on their order.

import { compareCodes } from '../common/code-order.js'
import type { AdjacencyFeatures, AdjacencyKind, AdjacencyResult, Neighbour, PossibleDuplicate, RoleNeighbours } from '../model/index.js'
import { bandOfDistance, coordinateDistance, coordinatesOf, taxonomyDistance, type RoleCoordinates } from './distance.js'
import { estimateJaccard, MINHASH_SIZE } from './features.js'

/** Neighbours kept per role besides its next and previous levels. */
export const MAX_NEIGHBOURS = 8
/** Neighbours farther than this are not kept (next and previous levels always are). */
export const MAX_DISTANCE = 0.6
/** Blocks up to this size pair every two members; larger ones pair each member with its WINDOW successors. */
export const MAX_BLOCK = 48
export const WINDOW = 12
/** LSH: the signature in BANDS bands of ROWS values; roles equal on a whole band become candidates. */
const BANDS = 16
const ROWS = MINHASH_SIZE / BANDS
/** Possible duplicates: same level and same or cross-claimed title keys, or components at least this alike. */
export const DUPLICATE_CONTENT = 0.9
/** …and never farther apart than this. */
export const DUPLICATE_DISTANCE = 0.2

export interface AdjacencyOptions {
  maxNeighbours?: number
  maxDistance?: number
}

type Prepared = RoleCoordinates

/** Neighbours and possible duplicates of every role in `roles` (codes unique). */
export function computeAdjacency(roles: readonly AdjacencyFeatures[], options: AdjacencyOptions = {}): AdjacencyResult {
  const maxNeighbours = options.maxNeighbours ?? MAX_NEIGHBOURS
  const maxDistance = options.maxDistance ?? MAX_DISTANCE
  // Code order first: every later step (blocks, windows, ties) is then independent of the input's order.
  const sorted = [...roles].sort((a, b) => compareCodes(a.code, b.code))
  const items: Prepared[] = sorted.map(coordinatesOf)
  const near: { index: number; distance: number }[][] = items.map(() => [])
  const duplicates: PossibleDuplicate[] = []
  let pairsScored = 0
  forEachCandidatePair(items, (i, j) => {
    const a = items[i]!
    const b = items[j]!
    const distance = coordinateDistance(a, b)
    pairsScored += 1
    near[i]!.push({ index: j, distance })
    near[j]!.push({ index: i, distance })
    const duplicate = duplicateReason(a, b, distance)
    if (duplicate) duplicates.push({ codes: [a.features.code, b.features.code], titles: [a.features.title, b.features.title], distance, reason: duplicate })
  })

  const result: RoleNeighbours[] = items.map((item, i) => {
    const candidates = near[i]!.sort((x, y) => x.distance - y.distance || x.index - y.index)
    const steps = familySteps(
      item,
      candidates.map((c) => items[c.index]!),
    )
    let kept = 0
    const neighbours: Neighbour[] = []
    for (const candidate of candidates) {
      const other = items[candidate.index]!
      const kind = kindOf(item, other, steps)
      const step = kind === 'next-level' || kind === 'previous-level'
      if (!step && (candidate.distance > maxDistance || kept >= maxNeighbours)) continue
      if (!step) kept += 1
      neighbours.push({ code: other.features.code, title: other.features.title, distance: candidate.distance, band: bandOfDistance(candidate.distance), kind })
    }
    return { code: item.features.code, neighbours }
  })
  duplicates.sort((a, b) => compareCodes(a.codes[0], b.codes[0]) || compareCodes(a.codes[1], b.codes[1]))
  return { roles: result, duplicates, pairsScored }
}

/** The ranks just above and below a role's in its family and ladder, among the roles it was compared with. */
function familySteps(item: Prepared, others: readonly Prepared[]): { above: number | null; below: number | null } {
  let above: number | null = null
  let below: number | null = null
  if (item.family === null || item.level === null) return { above, below }
  for (const other of others) {
    if (other.family !== item.family || other.level === null || other.level.ladder !== item.level.ladder) continue
    const rank = other.level.rank
    if (rank > item.level.rank && (above === null || rank < above)) above = rank
    if (rank < item.level.rank && (below === null || rank > below)) below = rank
  }
  return { above, below }
}

function kindOf(item: Prepared, other: Prepared, steps: { above: number | null; below: number | null }): AdjacencyKind {
  const sameFamily = item.family !== null && item.family === other.family
  const sameLadder = item.level !== null && other.level !== null && item.level.ladder === other.level.ladder
  if (sameFamily && sameLadder && other.level!.rank === steps.above) return 'next-level'
  if (sameFamily && sameLadder && other.level!.rank === steps.below) return 'previous-level'
  if (sameLadder && other.level!.rank === item.level!.rank && !sameFamily && taxonomyDistance(item, other) <= 0.5) return 'lateral'
  return 'related'
}

function sameLevel(a: Prepared, b: Prepared): boolean {
  if (a.level === null || b.level === null) return (a.features.level ?? '').toLowerCase() === (b.features.level ?? '').toLowerCase()
  return a.level.ladder === b.level.ladder && a.level.rank === b.level.rank
}

/** Why two roles look like one (null when they do not). */
function duplicateReason(a: Prepared, b: Prepared, distance: number): string | null {
  if (!sameLevel(a, b)) return null
  const x = a.features
  const y = b.features
  if (x.titleKey !== '' && x.titleKey === y.titleKey) return 'same title key'
  if (y.aliasKeys.includes(x.titleKey) || x.aliasKeys.includes(y.titleKey)) return 'the title of one is an alias of the other'
  const similarity = estimateJaccard(x.minhash, y.minhash)
  if (similarity !== null && similarity >= DUPLICATE_CONTENT && distance <= DUPLICATE_DISTANCE) return `components ${similarity.toFixed(2)} alike`
  return null
}

/** A 32-bit hash of one LSH band of a signature. */
function bandHash(signature: readonly number[], band: number): number {
  let hash = band + 1
  for (let r = band * ROWS; r < (band + 1) * ROWS; r++) hash = (Math.imul(hash ^ signature[r]!, 0x9e3779b1) + 0x7f4a7c15) | 0
  return hash >>> 0
}

/**
 * Calls `visit(i, j)` once for every candidate pair, i < j (indexes into the code-ordered roles), role by role:
 * no set of all pairs is held, only a mark per role of the last role it was paired with.
 */
function forEachCandidatePair(items: readonly Prepared[], visit: (i: number, j: number) => void): void {
  const blocks = new Map<string, number[]>()
  const add = (key: string, index: number) => {
    const block = blocks.get(key)
    if (block) {
      if (block[block.length - 1] !== index) block.push(index)
    } else blocks.set(key, [index])
  }
  items.forEach((item, index) => {
    const role = item.features
    const at = item.level ? `${item.level.ladder}${item.level.rank}` : (role.level ?? '-')
    if (item.family !== null) add(`f\u0000${item.family}`, index)
    if (role.soc !== null) add(`s\u0000${role.soc.slice(0, 5)}\u0000${at}`, index)
    if (item.function !== null) add(`u\u0000${item.function}\u0000${at}`, index)
    if (role.titleKey !== '') add(`k\u0000${role.titleKey}`, index)
    for (const key of role.aliasKeys) add(`k\u0000${key}`, index)
    if (role.minhash.length === MINHASH_SIZE) for (let band = 0; band < BANDS; band++) add(`h${band}\u0000${bandHash(role.minhash, band)}`, index)
  })
  // Each role's places in the blocks it shares with others. Indexes were added in code order, so every block
  // is sorted and its windows do not depend on the input's order.
  const places: { block: number[]; at: number }[][] = items.map(() => [])
  for (const block of blocks.values()) {
    if (block.length < 2) continue
    for (let at = 0; at < block.length; at++) places[block[at]!]!.push({ block, at })
  }
  const mark = new Int32Array(items.length).fill(-1)
  for (let i = 0; i < items.length; i++) {
    for (const { block, at } of places[i]!) {
      const end = Math.min(block.length, block.length <= MAX_BLOCK ? block.length : at + WINDOW + 1)
      for (let y = at + 1; y < end; y++) {
        const j = block[y]!
        if (mark[j] === i) continue
        mark[j] = i
        visit(i, j)
      }
    }
  }
}
