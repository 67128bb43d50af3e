// Leak-free evaluation helpers shared by the classify bench and the model-fitting script: a fixed split of the
// BLS direct-match development titles, and the scores a classifier gets on one half with that half's titles
// (and every title equal to one of them after normalisation or word-order inversion) removed from the index.

import type { DirectMatchTitle, ReferenceData } from '../src/model/index.js'
import { normalizeTitle } from '../src/classify/normalize-title.js'

export type Half = 'fit' | 'report'

/**
 * FNV-1a, 32 bits, with murmur3's finaliser (FNV's low bits alone are just a parity of the characters): a fixed
 * hash so the split never changes between runs or machines.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b) >>> 0
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0
  hash ^= hash >>> 16
  return hash >>> 0
}

/**
 * Splits the direct-match titles in two by a hash of the normalised word bag, so word-order variants of one
 * title land in the same half. `fit` fits the model's weights and calibration; `report` is what the bench reports.
 */
export function splitDirectMatchTitles(reference: ReferenceData, salt = ''): Record<Half, DirectMatchTitle[]> {
  const halves: Record<Half, DirectMatchTitle[]> = { fit: [], report: [] }
  for (const title of reference.directMatchTitles) {
    const key = normalizeTitle(title.title).bagKey
    halves[fnv1a(salt + key) % 2 === 0 ? 'fit' : 'report'].push(title)
  }
  return halves
}

/** Splits a list in two by the same hash (for cross-fitting inside the fit half). */
export function splitInTwo<T extends { title: string }>(items: readonly T[], salt: string): [T[], T[]] {
  const a: T[] = []
  const b: T[] = []
  for (const item of items) (fnv1a(salt + normalizeTitle(item.title).bagKey) % 2 === 0 ? a : b).push(item)
  return [a, b]
}

/** The SOC group of `code` at a level, via the hierarchy (minor groups do not follow digit prefixes everywhere). */
export function groupAt(reference: ReferenceData, code: string, level: 'major' | 'minor' | 'broad' | 'detailed'): string | null {
  const group = reference.soc.get(code)
  if (!group) return null
  if (level === 'detailed') return group.level === 'detailed' ? group.code : null
  if (level === 'broad') return group.broad
  if (level === 'minor') return group.minor
  return group.major
}

/** Folds of the cross-validation bench and of `npm run fit:classifier`. */
export const FOLDS = 5

/**
 * Assigns each direct-match title to one of `k` folds by a hash of its normalised word bag (word-order variants
 * of one title share a fold), for cross-validation across the whole development file.
 */
export function foldOf(title: string, k: number): number {
  return fnv1a(`cv:${normalizeTitle(title).bagKey}`) % k
}
