// The adjacency stage's view of a role: its structural coordinates (function, discipline, level, SOC code),
// its title and alias keys, and a MinHash signature of the words of its component statements. Computed from a
// role alone, so a role version's features never change and can be kept beside it.

import { aliasKey } from '../aliases/alias-key.js'
import type { AdjacencyFeatures, RoleProfile } from '../model/index.js'

/** Changes whenever the features computed from one profile could change: stored features of another version are computed again. */
export const FEATURES_VERSION = 'adjacency-features-1'

/** Hash functions in a signature; LSH splits them into bands (candidates.ts). */
export const MINHASH_SIZE = 64

/** Words too common in role statements to say anything about a role. */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'the and for with from into onto that this these those their them they you your our are was were will would can could ' +
    'should may might must has have had not but all any each other such than then there where which while who whom whose ' +
    "what when how why its it's own per via across within without about above below over under more most less least " +
    'also able ensure ensures ensuring including include includes work works working team teams role roles'
  ).split(' '),
)

/** The normalised words of a statement: folded case and accents, letters and digits only, 3+ characters, no stopwords. */
export function statementWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
  const words: string[] = []
  for (const raw of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOPWORDS.has(raw)) continue
    // A light stem: plural -s (not -ss, -us, -is) goes, so "pipelines" meets "pipeline".
    words.push(raw.length > 4 && raw.endsWith('s') && !/(ss|us|is)$/.test(raw) ? raw.slice(0, -1) : raw)
  }
  return words
}

/** FNV-1a, 32 bits. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Fixed odd multipliers and offsets of the signature's hash functions (a seeded xorshift; never changes). */
const SEEDS = (() => {
  let state = 0x9e3779b9
  const next = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return state >>> 0
  }
  return Array.from({ length: MINHASH_SIZE }, () => ({ a: next() | 1, b: next() }))
})()

/** The MinHash signature of a set of words: per hash function, the least hash of any word (empty set: []). */
export function minhashOf(words: Iterable<string>): number[] {
  const hashes = [...new Set([...words].map(hashWord))]
  if (hashes.length === 0) return []
  const signature = new Array<number>(MINHASH_SIZE)
  for (let i = 0; i < MINHASH_SIZE; i++) {
    const { a, b } = SEEDS[i]!
    let least = 0xffffffff
    for (const hash of hashes) {
      let h = (Math.imul(hash, a) + b) | 0
      h ^= h >>> 16
      h = Math.imul(h, 0x85ebca6b)
      h ^= h >>> 13
      h >>>= 0
      if (h < least) least = h
    }
    signature[i] = least
  }
  return signature
}

/** The share of equal positions of two signatures: an estimate of the Jaccard similarity of their word sets. */
export function estimateJaccard(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0 || b.length === 0) return null
  let same = 0
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same += 1
  return same / MINHASH_SIZE
}

/** The role's SOC 2018 code: its most confident SOC classification that a reviewer did not reject. */
function socOf(profile: RoleProfile): string | null {
  let best: { code: string; confidence: number } | null = null
  for (const item of profile.classifications) {
    if (item.system !== 'SOC2018' || item.reviewStatus === 'rejected') continue
    if (!best || item.confidence > best.confidence || (item.confidence === best.confidence && item.code < best.code)) best = item
  }
  return best?.code ?? null
}

/** The features of one role (pure: the same profile gives the same features). */
export function adjacencyFeatures(profile: RoleProfile): AdjacencyFeatures {
  const words = profile.components.flatMap((component) => statementWords(component.text))
  const aliasKeys = [...new Set(profile.aliases.map((alias) => alias.key || aliasKey(alias.text)).filter((key) => key !== ''))].sort()
  return {
    code: profile.code,
    title: profile.title,
    titleKey: aliasKey(profile.title),
    aliasKeys,
    function: profile.function,
    discipline: profile.discipline,
    track: profile.track,
    level: profile.level?.code ?? null,
    soc: socOf(profile),
    // A role without components is compared by the words of its title instead.
    minhash: minhashOf(words.length > 0 ? words : statementWords(profile.title)),
  }
}
