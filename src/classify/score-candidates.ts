// Candidate generation and features for one title: TF-IDF nearest reference titles (head noun weighted),
// per-code title centroids, head-noun agreement, definition/task text and residual/military flags. The fitted
// model turns the features into a score per candidate code (a conditional logit over the candidate set).

import type { ClassifierIndex } from './classifier-index.js'
import { HEAD_WEIGHT, textTokens } from './classifier-index.js'
import { normalizeTitle, trigrams, type NormalizedTitle } from './normalize-title.js'

/** Feature names, in the order of `CandidateScore.features` and the model's weights. */
export const FEATURES = [
  'maxSim', // best cosine between the title and one reference title of the code
  'maxSimHead', // best cosine among reference titles sharing the head noun
  'vote', // the code's share of the weighted similarity among the nearest titles
  'centroid', // cosine with the code's title centroid (all its titles together)
  'headFrac', // share of the code's titles with the same head noun
  'headAny', // 1 when any title of the code has the same head noun
  'headLog', // log(1 + weighted count of those titles)
  'textCos', // cosine of the title's words with the code's definition, description and tasks
  'allOther', // the code is an "All Other" residual code
  'military', // the code is in major group 55 (military)
  'logMass', // log of the code's weighted number of reference titles
  'exact', // share of exact (normalised) title matches that point to the code
  'headShare', // P(code | head noun): share of the titles with this head noun that belong to the code
  'headTokenShare', // P(code | head word anywhere in a title)
  'modifierShare', // IDF-weighted mean over the other words of P(code | word)
  'naiveBayes', // IDF-weighted mean over all words of log P(code | word)
  'broadVote', // share of the nearest titles' vote in the code's broad group
  'minorVote', // … in its minor group
  'majorVote', // … in its major group
  'majorAssociation', // share of the word-to-code association mass in the code's major group
] as const

export interface ScoredEntry {
  entry: number
  similarity: number
}

export interface CandidateScore {
  code: number
  features: Float64Array
  /** Similarity of the role's description text to the code's text (0 without a description). */
  descriptionCos: number
  /** Nearest reference titles of this code, best first. */
  nearest: ScoredEntry[]
}

export interface ScoredQuery {
  normalized: NormalizedTitle
  /** Query words that no reference title uses, read as similar vocabulary words. */
  respellings: { word: string; as: string; similarity: number }[]
  candidates: CandidateScore[]
  /** Tokens of the description that matched the best candidates' text (for evidence). */
  descriptionTokens: string[]
}

const NEAREST = 40
const MAX_CANDIDATES = 40

/** Scores candidate detailed codes for a title (and optional description). Pure given the index. */
export function scoreCandidates(index: ClassifierIndex, title: string, description?: string | null): ScoredQuery {
  const normalized = normalizeTitle(title)
  const { vector, respellings, headIds } = queryVector(index, normalized)
  const scratch = index.scratch
  const touched: number[] = []
  for (const [id, weight] of vector) {
    const list = index.postings.get(id)
    const weights = index.postingWeights.get(id)
    if (!list || !weights) continue
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!
      if (scratch[e] === 0) touched.push(e)
      scratch[e]! += weight * weights[k]!
    }
  }
  const codeCount = index.codes.length
  const maxSimByCode = new Float64Array(codeCount)
  const maxSimHeadByCode = new Float64Array(codeCount)
  const touchedCodes: number[] = []
  const nearestByCode = new Map<number, ScoredEntry[]>()
  const top: ScoredEntry[] = []
  let floor = 0
  const { entryCode, entryHead } = index
  const singleHead = headIds.size === 1 ? [...headIds][0]! : -1
  for (const e of touched) {
    const similarity = scratch[e]!
    scratch[e] = 0
    const code = entryCode[e]!
    const best = maxSimByCode[code]!
    if (best === 0) touchedCodes.push(code)
    if (similarity > best) maxSimByCode[code] = similarity
    const head = entryHead[e]!
    if ((head === singleHead || (singleHead < 0 && headIds.has(head))) && similarity > maxSimHeadByCode[code]!) maxSimHeadByCode[code] = similarity
    if (top.length < NEAREST || similarity > floor) {
      insertSorted(top, { entry: e, similarity }, NEAREST)
      floor = top[top.length - 1]!.similarity
    }
  }
  const maxSim = new Map<number, number>(touchedCodes.map((code) => [code, maxSimByCode[code]!]))
  const maxSimHead = new Map<number, number>()
  for (const code of touchedCodes) if (maxSimHeadByCode[code]! > 0) maxSimHead.set(code, maxSimHeadByCode[code]!)
  const voteMass = new Map<number, number>()
  let voteTotal = 0
  for (const { entry: e, similarity } of top) {
    const entry = index.entries[e]!
    const mass = entry.weight * similarity * similarity
    voteMass.set(entry.code, (voteMass.get(entry.code) ?? 0) + mass)
    voteTotal += mass
    const list = nearestByCode.get(entry.code) ?? []
    list.push({ entry: e, similarity })
    nearestByCode.set(entry.code, list)
  }

  const centroid = sparseCosine(index.titleCentroids, vector, codeCount)
  const textVector = textQuery(index, textTokens(normalized.tokens.join(' ')))
  const textCos = sparseCosine(index.textDocs, textVector, codeCount)
  const descriptionTokens = description ? textTokens(description) : []
  const descriptionCos = descriptionTokens.length > 0 ? sparseCosine(index.textDocs, textQuery(index, descriptionTokens), codeCount) : null

  const exactEntries = index.exact.get(normalized.key) ?? []
  const exactMass = new Map<number, number>()
  let exactTotal = 0
  for (const e of exactEntries) {
    const entry = index.entries[e]!
    exactMass.set(entry.code, (exactMass.get(entry.code) ?? 0) + entry.weight)
    exactTotal += entry.weight
  }

  const headCounts = new Map<number, number>()
  for (const head of headIds) {
    for (const [code, mass] of index.headMass.get(head) ?? []) headCounts.set(code, Math.max(headCounts.get(code) ?? 0, mass))
  }

  // Word-to-code associations: generalise when no single reference title holds all the words.
  const modifiers = [...vector].filter(([id]) => !headIds.has(id))
  const modifierTotal = modifiers.reduce((sum, [id, w]) => sum + w, 0)
  const allTotal = [...vector.values()].reduce((sum, w) => sum + w, 0)
  const headShare = new Map<number, number>()
  const headTokenShare = new Map<number, number>()
  for (const head of headIds) {
    for (const [code, share] of index.headShare.get(head) ?? []) headShare.set(code, Math.max(headShare.get(code) ?? 0, share))
    for (const [code, share] of index.tokenShare.get(head) ?? []) headTokenShare.set(code, Math.max(headTokenShare.get(code) ?? 0, share))
  }
  const modifierShare = new Map<number, number>()
  for (const [id, w] of modifiers) {
    for (const [code, share] of index.tokenShare.get(id) ?? []) modifierShare.set(code, (modifierShare.get(code) ?? 0) + (w * share) / modifierTotal)
  }
  const naiveBayes = (code: number) => {
    let sum = 0
    for (const [id, w] of vector) sum += w * Math.log((index.tokenShare.get(id)?.get(code) ?? 0) + 0.001)
    return allTotal > 0 ? sum / allTotal : Math.log(0.001)
  }
  const associated = new Map<number, number>()
  for (const [code, share] of headShare) associated.set(code, share + (modifierShare.get(code) ?? 0))
  for (const [code, share] of modifierShare) if (!associated.has(code)) associated.set(code, share + (headTokenShare.get(code) ?? 0))

  const pool = new Set<number>(voteMass.keys())
  for (const code of topMap(maxSim, 10)) pool.add(code)
  for (const code of topCodes(centroid, 10)) pool.add(code)
  for (const code of topCodes(textCos, 5)) pool.add(code)
  for (const code of topMap(headCounts, 5)) pool.add(code)
  if (descriptionCos) for (const code of topCodes(descriptionCos, 10)) pool.add(code)
  for (const code of exactMass.keys()) pool.add(code)
  for (const code of topMap(associated, 10)) pool.add(code)

  const groupShares = (scores: Map<number, number>, level: 'broad' | 'minor' | 'major') => {
    const byGroup = new Map<string, number>()
    let total = 0
    for (const [code, score] of scores) {
      const group = index.codes[code]![level]!
      byGroup.set(group, (byGroup.get(group) ?? 0) + score)
      total += score
    }
    return (code: number) => (total > 0 ? (byGroup.get(index.codes[code]![level]!) ?? 0) / total : 0)
  }
  const broadVote = groupShares(voteMass, 'broad')
  const minorVote = groupShares(voteMass, 'minor')
  const majorVote = groupShares(voteMass, 'major')
  const majorAssociation = groupShares(associated, 'major')

  let candidates: CandidateScore[] = []
  for (const code of pool) {
    const headMass = headCounts.get(code) ?? 0
    const features = Float64Array.from([
      maxSim.get(code) ?? 0,
      maxSimHead.get(code) ?? 0,
      voteTotal > 0 ? (voteMass.get(code) ?? 0) / voteTotal : 0,
      centroid[code]!,
      headMass / (index.codeMass[code]! || 1),
      headMass > 0 ? 1 : 0,
      Math.log1p(headMass),
      textCos[code]!,
      index.residual[code]!,
      index.military[code]!,
      Math.log1p(index.codeMass[code]!),
      exactTotal > 0 ? (exactMass.get(code) ?? 0) / exactTotal : 0,
      headShare.get(code) ?? 0,
      headTokenShare.get(code) ?? 0,
      modifierShare.get(code) ?? 0,
      naiveBayes(code),
      broadVote(code),
      minorVote(code),
      majorVote(code),
      majorAssociation(code),
    ])
    candidates.push({ code, features, descriptionCos: descriptionCos?.[code] ?? 0, nearest: nearestByCode.get(code) ?? [] })
  }
  // Keep the most plausible candidates by a cheap pre-score so scoring stays fast.
  if (candidates.length > MAX_CANDIDATES) {
    const pre = (c: CandidateScore) =>
      c.features[0]! + c.features[2]! + c.features[3]! + c.features[4]! + c.features[11]! + c.features[12]! + c.features[14]! + c.descriptionCos
    candidates = candidates.sort((a, b) => pre(b) - pre(a) || a.code - b.code).slice(0, MAX_CANDIDATES)
  }
  return { normalized, respellings, candidates, descriptionTokens }
}

/** TF-IDF vector of a normalised title over the title vocabulary; unknown words are matched by trigrams. */
function queryVector(index: ClassifierIndex, normalized: NormalizedTitle) {
  const vector = new Map<number, number>()
  const respellings: ScoredQuery['respellings'] = []
  const headIds = new Set<number>()
  for (const word of normalized.tokens) {
    const isHead = word === normalized.head
    const known = index.vocabulary.get(word)
    const readings = known !== undefined ? [{ id: known, similarity: 1 }] : respell(index, word)
    for (const { id, similarity } of readings) {
      if (known === undefined) respellings.push({ word, as: index.words[id]!, similarity })
      const weight = index.idf[id]! * similarity * (isHead ? HEAD_WEIGHT : 1)
      vector.set(id, (vector.get(id) ?? 0) + weight)
      if (isHead) headIds.add(id)
    }
  }
  let norm = 0
  for (const value of vector.values()) norm += value * value
  norm = Math.sqrt(norm) || 1
  for (const [id, value] of vector) vector.set(id, value / norm)
  return { vector, respellings, headIds }
}

/** Vocabulary words that look like `word` (trigram Dice ≥ 0.6), at most two. */
function respell(index: ClassifierIndex, word: string): { id: number; similarity: number }[] {
  if (word.length < 4) return []
  const grams = [...new Set(trigrams(word))]
  const overlap = new Map<number, number>()
  for (const gram of grams) for (const id of index.trigramTokens.get(gram) ?? []) overlap.set(id, (overlap.get(id) ?? 0) + 1)
  const scored: { id: number; similarity: number }[] = []
  for (const [id, shared] of overlap) {
    const other = new Set(trigrams(index.words[id]!)).size
    const dice = (2 * shared) / (grams.length + other)
    if (dice >= 0.6) scored.push({ id, similarity: dice })
  }
  return scored.sort((a, b) => b.similarity - a.similarity || a.id - b.id).slice(0, 2)
}

function textQuery(index: ClassifierIndex, tokens: string[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const token of tokens) {
    const id = index.textVocabulary.get(token)
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const vector = new Map<number, number>()
  let norm = 0
  for (const [id, count] of counts) {
    const value = (1 + Math.log(count)) * index.textIdf[id]!
    vector.set(id, value)
    norm += value * value
  }
  norm = Math.sqrt(norm) || 1
  for (const [id, value] of vector) vector.set(id, value / norm)
  return vector
}

function sparseCosine(postings: ClassifierIndex['textDocs'], vector: Map<number, number>, size: number): Float64Array {
  const scores = new Float64Array(size)
  for (const [id, weight] of vector) {
    const codes = postings.codes.get(id)
    const weights = postings.weights.get(id)
    if (!codes || !weights) continue
    for (let k = 0; k < codes.length; k++) scores[codes[k]!]! += weight * weights[k]!
  }
  return scores
}

function topCodes(scores: Float64Array, n: number): number[] {
  const best: number[] = []
  for (let code = 0; code < scores.length; code++) {
    const score = scores[code]!
    if (score <= 0 || (best.length === n && score <= scores[best[n - 1]!]!)) continue
    let i = best.length
    while (i > 0 && scores[best[i - 1]!]! < score) i--
    best.splice(i, 0, code)
    if (best.length > n) best.pop()
  }
  return best
}

function topMap(scores: Map<number, number>, n: number): number[] {
  const best: [number, number][] = []
  for (const [code, score] of scores) {
    if (best.length === n && score <= best[n - 1]![1]) continue
    let i = best.length
    while (i > 0 && (best[i - 1]![1] < score || (best[i - 1]![1] === score && best[i - 1]![0] > code))) i--
    best.splice(i, 0, [code, score])
    if (best.length > n) best.pop()
  }
  return best.map(([code]) => code)
}

function insertSorted(list: ScoredEntry[], item: ScoredEntry, limit: number): void {
  let i = list.length
  while (i > 0 && (list[i - 1]!.similarity < item.similarity || (list[i - 1]!.similarity === item.similarity && list[i - 1]!.entry > item.entry))) i--
  list.splice(i, 0, item)
  if (list.length > limit) list.pop()
}
