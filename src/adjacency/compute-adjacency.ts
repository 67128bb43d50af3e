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
  // Code order first: every later step (blocks, windows, ties) is then independent of the input's order.
  const items = prepare(roles)
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
  const result = items.map((item, i) => neighboursOf(item, near[i]!, items, options))
  duplicates.sort((a, b) => compareCodes(a.codes[0], b.codes[0]) || compareCodes(a.codes[1], b.codes[1]))
  return { roles: result, duplicates, pairsScored }
}

/** What `updateAdjacency` computes: the lists and duplicates of the roles a change reaches. */
export interface AdjacencyUpdate {
  /** The roles whose neighbour lists may differ from before (and the roles asked for), in code order. */
  affected: Set<string>
  /** Their neighbour lists, in code order. */
  roles: RoleNeighbours[]
  /** The possible duplicates with at least one role in `affected`, in code order of the pair. */
  duplicates: PossibleDuplicate[]
  pairsScored: number
}

/**
 * The adjacency of `after` given that of `before` (two sets of roles, codes unique): only the roles whose
 * neighbour lists may differ from those computed over `before` are computed again, with every role of `after`
 * as candidates. A role's list is computed from its candidate pairs (the blocks it shares and, in a block of
 * more than MAX_BLOCK, its WINDOW nearest members on either side) and their features: a role is `affected` when
 * its features changed (or it is new), when it shares a block with a role that changed, came or went (a whole
 * block up to MAX_BLOCK, the WINDOW members on either side of that role in a larger one, or the whole block when
 * it crossed the size), or when `also` names it. For every other role, list and duplicate pairs are as before.
 * computeAdjacency(after) gives the same lists and duplicates for the affected roles; the others are as in
 * computeAdjacency(before), and so are the duplicate pairs of two roles of `after` neither of which is affected.
 */
export function updateAdjacency(
  before: readonly AdjacencyFeatures[],
  after: readonly AdjacencyFeatures[],
  also: Iterable<string> = [],
  options: AdjacencyOptions = {},
): AdjacencyUpdate {
  const items = prepare(after)
  const byCode = new Map(items.map((item, index) => [item.features.code, index]))
  const oldByCode = new Map(before.map((features) => [features.code, features]))
  // Roles whose features changed, came or went, with their block keys before (none for a new role).
  const changed = new Map<string, Set<string>>()
  for (const item of items) {
    const was = oldByCode.get(item.features.code)
    if (was === undefined || !sameFeatures(was, item.features)) changed.set(item.features.code, new Set(was ? blockKeys(coordinatesOf(was)) : []))
  }
  for (const features of before) if (!byCode.has(features.code)) changed.set(features.code, new Set(blockKeys(coordinatesOf(features))))

  const affected = new Set<string>()
  for (const code of also) if (byCode.has(code)) affected.add(code)
  for (const code of changed.keys()) if (byCode.has(code)) affected.add(code)
  const touched = new Set<string>()
  // Block key → the changed roles whose features had it.
  const hadKey = new Map<string, string[]>()
  for (const [code, keys] of changed) {
    for (const key of keys) {
      touched.add(key)
      const list = hadKey.get(key)
      if (list) list.push(code)
      else hadKey.set(key, [code])
    }
    const now = byCode.get(code)
    if (now !== undefined) for (const key of blockKeys(items[now]!)) touched.add(key)
  }
  // Only the blocks a change touched are gathered (most of a canon's blocks are single LSH bands nobody shares).
  const keys = itemKeys(items)
  const touchedBlocks = wantedBlocks(items, touched, keys)
  for (const key of touched) {
    const is = (touchedBlocks.get(key) ?? []).map((index) => items[index]!.features.code)
    // The block before: its unchanged members are the same roles (an unchanged role has the same keys), the
    // changed ones are those whose features had the key; in code order.
    const was = [...is.filter((code) => !changed.has(code)), ...(hadKey.get(key) ?? [])].sort(compareCodes)
    const members = (list: readonly string[]) => {
      for (const code of list) if (byCode.has(code)) affected.add(code)
    }
    if (was.length <= MAX_BLOCK || is.length <= MAX_BLOCK) {
      // Every pair of a small block is a candidate pair; a block that crossed the size changes its pairs whole.
      members(was)
      members(is)
      continue
    }
    // A large block: a member's pairs in it are its WINDOW nearest members on either side. Where no role that
    // changed is among them, before or after, they are the same unchanged roles in both.
    for (const list of [was, is]) {
      list.forEach((code, at) => {
        if (changed.has(code)) members(list.slice(Math.max(0, at - WINDOW), at + WINDOW + 1))
      })
    }
  }

  // The affected roles' candidates in `after`, from every block they are in.
  const affectedKeys = new Set<string>()
  for (const code of affected) for (const key of blockKeys(items[byCode.get(code)!]!)) affectedKeys.add(key)
  const places = blockPlaces(items, wantedBlocks(items, affectedKeys, keys))
  const mark = new Int32Array(items.length).fill(-1)
  const duplicates: PossibleDuplicate[] = []
  const roles: RoleNeighbours[] = []
  let pairsScored = 0
  const indexes = [...affected].map((code) => byCode.get(code)!).sort((a, b) => a - b)
  for (const i of indexes) {
    const near: { index: number; distance: number }[] = []
    mark[i] = i
    for (const { block, at } of places[i]!) {
      const from = block.length <= MAX_BLOCK ? 0 : Math.max(0, at - WINDOW)
      const to = block.length <= MAX_BLOCK ? block.length : Math.min(block.length, at + WINDOW + 1)
      for (let y = from; y < to; y++) {
        const j = block[y]!
        if (mark[j] === i) continue
        mark[j] = i
        // Scored as computeAdjacency scores the pair: the role first in code order first.
        const [a, b] = i < j ? [items[i]!, items[j]!] : [items[j]!, items[i]!]
        const distance = coordinateDistance(a, b)
        pairsScored += 1
        near.push({ index: j, distance })
        // A pair of two affected roles is reported once, from the first.
        if (j < i && affected.has(items[j]!.features.code)) continue
        const duplicate = duplicateReason(a, b, distance)
        if (duplicate) duplicates.push({ codes: [a.features.code, b.features.code], titles: [a.features.title, b.features.title], distance, reason: duplicate })
      }
    }
    roles.push(neighboursOf(items[i]!, near, items, options))
  }
  duplicates.sort((a, b) => compareCodes(a.codes[0], b.codes[0]) || compareCodes(a.codes[1], b.codes[1]))
  return { affected, roles, duplicates, pairsScored }
}

function sameFeatures(a: AdjacencyFeatures, b: AdjacencyFeatures): boolean {
  return (
    a.title === b.title &&
    a.titleKey === b.titleKey &&
    a.function === b.function &&
    a.discipline === b.discipline &&
    a.track === b.track &&
    a.level === b.level &&
    a.soc === b.soc &&
    a.aliasKeys.length === b.aliasKeys.length &&
    a.aliasKeys.every((key, i) => key === b.aliasKeys[i]) &&
    a.minhash.length === b.minhash.length &&
    a.minhash.every((value, i) => value === b.minhash[i])
  )
}

/** The roles in code order, with their coordinates. */
function prepare(roles: readonly AdjacencyFeatures[]): Prepared[] {
  return [...roles].sort((a, b) => compareCodes(a.code, b.code)).map(coordinatesOf)
}

/** A role's neighbour list from its candidates (indexes into `items`, with distances). */
function neighboursOf(item: Prepared, near: { index: number; distance: number }[], items: readonly Prepared[], options: AdjacencyOptions): RoleNeighbours {
  const maxNeighbours = options.maxNeighbours ?? MAX_NEIGHBOURS
  const maxDistance = options.maxDistance ?? MAX_DISTANCE
  const candidates = near.sort((x, y) => x.distance - y.distance || x.index - y.index)
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

/** The blocks a role is in: its family, SOC minor group and function at its level, title and alias keys, LSH bands. */
function blockKeys(item: Prepared): string[] {
  const keys = fieldKeys(item)
  const role = item.features
  if (role.minhash.length === MINHASH_SIZE) for (let band = 0; band < BANDS; band++) keys.push(bandKey(band, bandHash(role.minhash, band)))
  return keys
}

/** The block keys of a role but its LSH bands. */
function fieldKeys(item: Prepared): string[] {
  const role = item.features
  const at = item.level ? `${item.level.ladder}${item.level.rank}` : (role.level ?? '-')
  const keys: string[] = []
  if (item.family !== null) keys.push(`f\u0000${item.family}`)
  if (role.soc !== null) keys.push(`s\u0000${role.soc.slice(0, 5)}\u0000${at}`)
  if (item.function !== null) keys.push(`u\u0000${item.function}\u0000${at}`)
  if (role.titleKey !== '') keys.push(`k\u0000${role.titleKey}`)
  for (const key of role.aliasKeys) keys.push(`k\u0000${key}`)
  return keys
}

const bandKey = (band: number, hash: number) => `h${band}\u0000${hash}`

/** Block key → its members (indexes into the code-ordered roles, each once, in code order). */
function candidateBlocks(items: readonly Prepared[]): Map<string, number[]> {
  const blocks = new Map<string, number[]>()
  items.forEach((item, index) => {
    for (const key of blockKeys(item)) addMember(blocks, key, index)
  })
  return blocks
}

function addMember(blocks: Map<string, number[]>, key: string, index: number): void {
  const block = blocks.get(key)
  if (block) {
    if (block[block.length - 1] !== index) block.push(index)
  } else blocks.set(key, [index])
}

/** Each role's block keys but its LSH bands, and its band hashes (BANDS per role; none for a short signature). */
interface ItemKeys {
  fields: string[][]
  bands: (Uint32Array | null)[]
}

/** The keys wantedBlocks looks up, made once for calls over the same roles. */
function itemKeys(items: readonly Prepared[]): ItemKeys {
  return {
    fields: items.map(fieldKeys),
    bands: items.map((item) => {
      const signature = item.features.minhash
      if (signature.length !== MINHASH_SIZE) return null
      const hashes = new Uint32Array(BANDS)
      for (let band = 0; band < BANDS; band++) hashes[band] = bandHash(signature, band)
      return hashes
    }),
  }
}

/** The blocks `wanted` names, with their members as candidateBlocks gives them; a band's key is made only when its hash is wanted. */
function wantedBlocks(items: readonly Prepared[], wanted: ReadonlySet<string>, keys: ItemKeys = itemKeys(items)): Map<string, number[]> {
  const bands = Array.from({ length: BANDS }, () => new Set<number>())
  for (const key of wanted) {
    // A band's key: "h", the band, NUL, the hash (bandKey); other keys start with another letter.
    if (!key.startsWith('h')) continue
    const separator = key.indexOf('\u0000')
    bands[Number(key.slice(1, separator))]!.add(Number(key.slice(separator + 1)))
  }
  const blocks = new Map<string, number[]>()
  for (let index = 0; index < items.length; index++) {
    for (const key of keys.fields[index]!) if (wanted.has(key)) addMember(blocks, key, index)
    const hashes = keys.bands[index]
    if (!hashes) continue
    for (let band = 0; band < BANDS; band++) {
      const hash = hashes[band]!
      if (bands[band]!.has(hash)) addMember(blocks, bandKey(band, hash), index)
    }
  }
  return blocks
}

/** Each role's places in the blocks it shares with others. */
function blockPlaces(items: readonly Prepared[], blocks: ReadonlyMap<string, number[]>): { block: number[]; at: number }[][] {
  const places: { block: number[]; at: number }[][] = items.map(() => [])
  for (const block of blocks.values()) {
    if (block.length < 2) continue
    for (let at = 0; at < block.length; at++) places[block[at]!]!.push({ block, at })
  }
  return places
}

/**
 * Calls `visit(i, j)` once for every candidate pair, i < j (indexes into the code-ordered roles), role by role:
 * no set of all pairs is held, only a mark per role of the last role it was paired with.
 */
function forEachCandidatePair(items: readonly Prepared[], visit: (i: number, j: number) => void): void {
  // Indexes were added in code order, so every block is sorted and its windows do not depend on the input's order.
  const places = blockPlaces(items, candidateBlocks(items))
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
