// Candidate generation and features for one title: TF-IDF nearest reference titles (head noun weighted),
// per-code title centroids, head-noun agreement, definition/task text and residual/military flags. The fitted
// model turns the features into a score per candidate code (a conditional logit over the candidate set).

import type { ClassifierIndex, SparseRow } from './classifier-index.js'
import { textTokens } from './classifier-index.js'
import { HEAD_WEIGHT } from './index-parts.js'
import { scoreEsco } from './esco-index.js'
import { normalizeTitle, trigrams, type NormalizedTitle } from './normalize-title.js'
import { matchTasks, passagesOf, type TaskMatches } from './task-evidence.js'
import { unitTfIdf } from './tf-idf.js'

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
  'familyMatch', // the title's head noun marks a supervisor or helper title, and the code is one
  'familyMismatch', // the head noun marks a supervisor or helper title, and the code is not one (or the reverse)
  'maxSimSquared', // interactions the linear model cannot form itself
  'maxSimTimesHead',
  'textTimesHead',
  'voteTimesMajorVote',
  'maxSimDirectMatch', // best cosine among the code's BLS direct-match titles (the same kind of list as HRIS titles)
  'voteDirectMatch', // the code's share of the vote among the nearest BLS direct-match titles
  'minorCentroid', // cosine with the title centroid of the code's whole minor group
  'majorCentroid', // … of its whole major group
  'majorNaiveBayes', // IDF-weighted mean over all words of log P(major group | word)
  'escoVote', // the code's share of the nearest ESCO labels' vote (through ISCO-08 → SOC crosswalks)
  'escoMajorVote', // … of that vote in the code's major group
  'escoMajorVoteTimesBest', // escoMajorVote times the best ESCO label similarity (a weak match says less)
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
  /** How well the description's passages match the code's O*NET tasks, one by one (0 without a description). */
  taskMatch: number
  /** Nearest reference titles of this code, best first. */
  nearest: ScoredEntry[]
}

export interface ScoredQuery {
  normalized: NormalizedTitle
  /** True when a word of the (split) title is in no reference title. */
  unknownWord: boolean
  /** Query words that no reference title uses, read as similar vocabulary words. */
  respellings: { word: string; as: string; similarity: number }[]
  candidates: CandidateScore[]
  /** Tokens of the description that matched the best candidates' text (for evidence). */
  descriptionTokens: string[]
  /** A SOC coding rule that narrowed the candidates, in words (null when none applied). */
  rule: string | null
  /** The description's task matches (null without a description). */
  tasks: TaskMatches | null
}

const NEAREST = 40
const MAX_CANDIDATES = 40

/** A description's tokens and its cosine with every code's text: the same for every title of a role. */
export interface DescriptionScores {
  tokens: string[]
  /** Cosine per code (indexed by code number); null when no token is known. Read only. */
  cos: Float64Array | null
  /** Its passages' matches with the codes' task statements; null when no passage says enough. Read only. */
  tasks: TaskMatches | null
}

/** Cosine of text tokens with every code's text (definition, description, tasks), indexed by code number; null when no token is known. */
export function textCosine(index: ClassifierIndex, tokens: string[]): Float64Array | null {
  return tokens.length > 0 ? sparseCosine(index.textDocs, textQuery(index, tokens), new Float64Array(index.codes.length)) : null
}

/** Scores a description once, for `scoreCandidates` calls on several titles of one role. */
export function scoreDescription(index: ClassifierIndex, description?: string | null): DescriptionScores {
  const tokens = description ? textTokens(description) : []
  const cos = tokens.length > 0 ? sparseCosine(index.textDocs, textQuery(index, tokens), new Float64Array(index.codes.length)) : null
  const matches = description ? matchTasks(index, passagesOf([description])) : null
  return { tokens, cos, tasks: matches && matches.passages > 0 ? matches : null }
}

/**
 * The hand-written reading rules, all on by default. Switching one off is for measuring it
 * (`npm run bench -- classify-cv` with `CANON_CV_RULES`): a rule stays only if it helps on held-out folds.
 */
export interface ScoringRules {
  /**
   * Supervisor and helper titles keep only first-line supervisor / helper codes. Off: on held-out folds the
   * filter did not help (it also dropped the right code of military chiefs and sergeants, "Airport Ramp
   * Supervisor" 53-1041, "Postal Supervisor" 11-9131); the fitted family features weigh the same evidence.
   */
  socFamilies: boolean
  /** A word no title uses is read as two title words run together ("backend" → "back end"). */
  compounds: boolean
  /** A word no title uses is read as look-alike vocabulary words (trigram Dice ≥ 0.5). */
  respell: boolean
}

export const DEFAULT_RULES: Readonly<ScoringRules> = { socFamilies: false, compounds: true, respell: true }

/**
 * Scores candidate detailed codes for a title (and optional description, as text or scored by
 * `scoreDescription`). Pure given the index.
 */
export function scoreCandidates(
  index: ClassifierIndex,
  title: string,
  description?: string | DescriptionScores | null,
  rules: Readonly<ScoringRules> = DEFAULT_RULES,
): ScoredQuery {
  const { normalized, split } = rules.compounds ? splitCompounds(index, normalizeTitle(title)) : { normalized: normalizeTitle(title), split: [] }
  const { vector, respellings, headIds } = queryVector(index, normalized, rules.respell)
  respellings.unshift(...split)
  const scratch = index.scratch
  // The entries a word of the title reaches, in the order first reached (a work array of the index's size, reused).
  const touched = touchedScratch(scratch)
  let touchedCount = 0
  for (const [id, weight] of vector) {
    const list = index.postings.get(id)
    const weights = index.postingWeights.get(id)
    if (!list || !weights) continue
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!
      if (scratch[e] === 0) touched[touchedCount++] = e
      scratch[e]! += weight * weights[k]!
    }
  }
  // Per-code work arrays are reused across calls (zeroed here): allocating them per title costs more than scoring.
  const codeArray = (slot: number) => {
    const array = index.codeScratch[slot]!
    array.fill(0)
    return array
  }
  const maxSimByCode = codeArray(0)
  const maxSimHeadByCode = codeArray(1)
  const maxSimDirect = codeArray(13)
  const directVote = codeArray(14)
  const { entryDirect } = index
  let directVoteTotal = 0
  const nearestByCode = new Map<number, ScoredEntry[]>()
  const top: ScoredEntry[] = []
  let floor = 0
  const { entryCode, entryHead } = index
  const singleHead = headIds.size === 1 ? [...headIds][0]! : -1
  for (let t = 0; t < touchedCount; t++) {
    const e = touched[t]!
    const similarity = scratch[e]!
    scratch[e] = 0
    const code = entryCode[e]!
    if (similarity > maxSimByCode[code]!) maxSimByCode[code] = similarity
    if (entryDirect[e] === 1) {
      if (similarity > maxSimDirect[code]!) maxSimDirect[code] = similarity
      const mass = similarity ** 4
      directVote[code]! += mass
      directVoteTotal += mass
    }
    const head = entryHead[e]!
    if ((head === singleHead || (singleHead < 0 && headIds.has(head))) && similarity > maxSimHeadByCode[code]!) maxSimHeadByCode[code] = similarity
    if (top.length < NEAREST || similarity > floor) {
      insertSorted(top, { entry: e, similarity }, NEAREST)
      floor = top[top.length - 1]!.similarity
    }
  }
  const voteMass = codeArray(2)
  const voteCodes: number[] = []
  let voteTotal = 0
  for (const { entry: e, similarity } of top) {
    const code = entryCode[e]!
    const mass = index.entries[e]!.weight * similarity * similarity
    if (voteMass[code] === 0) voteCodes.push(code)
    voteMass[code]! += mass
    voteTotal += mass
    const list = nearestByCode.get(code)
    if (list) list.push({ entry: e, similarity })
    else nearestByCode.set(code, [{ entry: e, similarity }])
  }

  const centroid = sparseCosine(index.titleCentroids, vector, codeArray(10))
  const minorCentroid = sparseCosine(index.groupCentroids.minor, vector, new Float64Array(index.groupCount.minor))
  const majorCentroid = sparseCosine(index.groupCentroids.major, vector, new Float64Array(index.groupCount.major))
  // Computed once per major group that a candidate is in.
  const majorNaiveBayesCache = new Map<number, number>()
  const majorNaiveBayes = (major: number) => {
    let value = majorNaiveBayesCache.get(major)
    if (value === undefined) {
      let sum = 0
      let total = 0
      for (const [id, w] of vector) {
        sum += w * Math.log(shareOf(index.tokenMajorShare.get(id), major) + 0.001)
        total += w
      }
      value = total > 0 ? sum / total : Math.log(0.001)
      majorNaiveBayesCache.set(major, value)
    }
    return value
  }
  const esco = scoreEsco(index.esco, normalized, codeArray(15))
  const escoMajor = new Float64Array(index.groupCount.major)
  for (const code of esco.codes) escoMajor[index.groupOf.major[code]!]! += esco.byCode[code]!
  const textVector = textQuery(index, textTokens(normalized.tokens.join(' ')))
  const textCos = sparseCosine(index.textDocs, textVector, codeArray(11))
  const {
    tokens: descriptionTokens,
    cos: descriptionCos,
    tasks,
  } = typeof description === 'string' || !description ? scoreDescription(index, description) : description

  const exactMass = codeArray(3)
  const exactCodes: number[] = []
  let exactTotal = 0
  for (const e of index.exact.get(normalized.key) ?? []) {
    const code = entryCode[e]!
    if (exactMass[code] === 0) exactCodes.push(code)
    exactMass[code]! += index.entries[e]!.weight
    exactTotal += index.entries[e]!.weight
  }

  // Head-noun counts and word-to-code associations: generalise when no single reference title holds all the words.
  const headCounts = codeArray(4)
  const headShare = codeArray(5)
  const headTokenShare = codeArray(6)
  const modifierShare = codeArray(7)
  const associatedCodes: number[] = []
  const seenAssociated = codeArray(9)
  const noteAssociated = (code: number) => {
    if (seenAssociated[code] === 0) {
      seenAssociated[code] = 1
      associatedCodes.push(code)
    }
  }
  const maxInto = (target: Float64Array, row: SparseRow | undefined, track: boolean) => {
    if (!row) return
    for (let k = 0; k < row.codes.length; k++) {
      const code = row.codes[k]!
      if (row.values[k]! > target[code]!) target[code] = row.values[k]!
      if (track) noteAssociated(code)
    }
  }
  for (const head of headIds) {
    maxInto(headCounts, index.headMass.get(head), false)
    maxInto(headShare, index.headShare.get(head), true)
    maxInto(headTokenShare, index.tokenShare.get(head), false)
  }
  let modifierTotal = 0
  let allTotal = 0
  for (const [id, w] of vector) {
    allTotal += w
    if (!headIds.has(id)) modifierTotal += w
  }
  for (const [id, w] of vector) {
    if (headIds.has(id)) continue
    const row = index.tokenShare.get(id)
    if (!row) continue
    for (let k = 0; k < row.codes.length; k++) {
      const code = row.codes[k]!
      modifierShare[code]! += (w * row.values[k]!) / modifierTotal
      noteAssociated(code)
    }
  }
  const associated = codeArray(8)
  for (const code of associatedCodes) associated[code] = (headShare[code]! || headTokenShare[code]!) + modifierShare[code]!
  const naiveBayes = (code: number) => {
    let sum = 0
    for (const [id, w] of vector) sum += w * Math.log(shareOf(index.tokenShare.get(id), code) + 0.001)
    return allTotal > 0 ? sum / allTotal : Math.log(0.001)
  }

  const pool = new Set<number>(voteCodes)
  for (const code of topCodes(maxSimByCode, 10)) pool.add(code)
  for (const code of topCodes(centroid, 10)) pool.add(code)
  for (const code of topCodes(textCos, 5)) pool.add(code)
  for (const code of topCodes(headCounts, 5)) pool.add(code)
  for (const code of descriptionTopCodes(descriptionCos, tasks)) pool.add(code)
  for (const code of exactCodes) pool.add(code)
  for (const code of topCodes(associated, 10)) pool.add(code)
  for (const code of topCodes(esco.byCode, 5, esco.codes)) pool.add(code)

  const groupShares = (scores: Float64Array, codes: readonly number[], level: 'broad' | 'minor' | 'major') => {
    const groupOf = index.groupOf[level]
    const byGroup = new Float64Array(index.groupCount[level])
    let total = 0
    for (const code of codes) {
      byGroup[groupOf[code]!]! += scores[code]!
      total += scores[code]!
    }
    return (code: number) => (total > 0 ? byGroup[groupOf[code]!]! / total : 0)
  }
  const broadVote = groupShares(voteMass, voteCodes, 'broad')
  const minorVote = groupShares(voteMass, voteCodes, 'minor')
  const majorVote = groupShares(voteMass, voteCodes, 'major')
  const majorAssociation = groupShares(associated, associatedCodes, 'major')

  // Which SOC family the title's head noun points to: supervisor and helper titles are coded to their own codes.
  const familyMass = [0, 0, 0]
  for (const code of associatedCodes) familyMass[index.family[code]!]! += headShare[code]!
  const queryFamily = familyMass[1]! >= 0.5 ? 1 : familyMass[2]! >= 0.5 ? 2 : 0

  // Which candidates are kept is decided before their features are made (most of a call's garbage): by the family
  // rule, then, past MAX_CANDIDATES, by a cheap pre-score of the same values the features hold.
  const voteShare = (code: number) => (voteTotal > 0 ? voteMass[code]! / voteTotal : 0)
  const headFrac = (code: number) => headCounts[code]! / (index.codeMass[code]! || 1)
  const exactShare = (code: number) => (exactTotal > 0 ? exactMass[code]! / exactTotal : 0)
  let kept = [...pool]
  // SOC coding principle: a supervisor is coded as a first-line supervisor, a helper as a helper, not as the
  // workers they supervise or help. The family features carry it into the model; the hard filter (other codes
  // dropped) is only applied when `rules.socFamilies` is on.
  let rule: string | null = null
  const familyName = queryFamily === 1 ? 'first-line supervisor' : 'helper'
  if (queryFamily > 0 && kept.some((code) => index.family[code] === queryFamily)) {
    if (rules.socFamilies) {
      kept = kept.filter((code) => index.family[code] === queryFamily)
      rule =
        `head noun "${normalized.head}" marks a ${familyName} title: ` +
        `SOC codes it as ${queryFamily === 1 ? 'a supervisor, not as the workers supervised' : 'a helper, not as the trade helped'}`
    } else {
      rule = `head noun "${normalized.head}" marks a ${familyName} title: ${familyName} codes are preferred`
    }
  }
  // Keep the most plausible candidates by a cheap pre-score so scoring stays fast.
  if (kept.length > MAX_CANDIDATES) {
    const pre = new Map<number, number>()
    for (const code of kept) {
      pre.set(
        code,
        maxSimByCode[code]! +
          voteShare(code) +
          centroid[code]! +
          headFrac(code) +
          exactShare(code) +
          headShare[code]! +
          modifierShare[code]! +
          (descriptionCos?.[code] ?? 0) +
          (tasks?.score[code] ?? 0),
      )
    }
    kept = kept.sort((a, b) => pre.get(b)! - pre.get(a)! || a - b).slice(0, MAX_CANDIDATES)
  }
  const candidates: CandidateScore[] = []
  // One buffer for the kept candidates' features, each a view of its part: a typed array of its own per candidate
  // allocated a backing store each, which cost more than filling it.
  const featureBuffer = new ArrayBuffer(kept.length * FEATURES.length * Float64Array.BYTES_PER_ELEMENT)
  for (const [k, code] of kept.entries()) {
    const headMass = headCounts[code]!
    const features = new Float64Array(featureBuffer, k * FEATURES.length * Float64Array.BYTES_PER_ELEMENT, FEATURES.length)
    features[0] = maxSimByCode[code]!
    features[1] = maxSimHeadByCode[code]!
    features[2] = voteShare(code)
    features[3] = centroid[code]!
    features[4] = headFrac(code)
    features[5] = headMass > 0 ? 1 : 0
    features[6] = Math.log1p(headMass)
    features[7] = textCos[code]!
    features[8] = index.residual[code]!
    features[9] = index.military[code]!
    features[10] = Math.log1p(index.codeMass[code]!)
    features[11] = exactShare(code)
    features[12] = headShare[code]!
    features[13] = headTokenShare[code]!
    features[14] = modifierShare[code]!
    features[15] = naiveBayes(code)
    features[16] = broadVote(code)
    features[17] = minorVote(code)
    features[18] = majorVote(code)
    features[19] = majorAssociation(code)
    features[20] = queryFamily > 0 && index.family[code] === queryFamily ? 1 : 0
    features[21] = queryFamily !== index.family[code] && (queryFamily > 0 || headShare[code]! === 0) ? 1 : 0
    addInteractions(features, 22)
    features[26] = maxSimDirect[code]!
    features[27] = directVoteTotal > 0 ? directVote[code]! / directVoteTotal : 0
    features[28] = minorCentroid[index.groupOf.minor[code]!]!
    features[29] = majorCentroid[index.groupOf.major[code]!]!
    features[30] = majorNaiveBayes(index.groupOf.major[code]!)
    features[31] = esco.byCode[code]!
    features[32] = escoMajor[index.groupOf.major[code]!]!
    features[33] = features[32]! * esco.best
    candidates.push({ code, features, descriptionCos: descriptionCos?.[code] ?? 0, taskMatch: tasks?.score[code] ?? 0, nearest: nearestByCode.get(code) ?? [] })
  }
  const unknownWord = normalized.tokens.some((word) => !index.vocabulary.has(word))
  return { normalized, unknownWord, respellings, candidates, descriptionTokens, rule, tasks }
}

/** Fills the interaction features (see FEATURES) after the base features. */
function addInteractions(features: Float64Array, at: number): void {
  features[at] = features[0]! * features[0]!
  features[at + 1] = features[0]! * features[5]!
  features[at + 2] = features[7]! * features[5]!
  features[at + 3] = features[2]! * features[18]!
}

function shareOf(row: SparseRow | undefined, code: number): number {
  if (!row) return 0
  // Rows are sorted by code: binary search.
  let lo = 0
  let hi = row.codes.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const c = row.codes[mid]!
    if (c === code) return row.values[mid]!
    if (c < code) lo = mid + 1
    else hi = mid - 1
  }
  return 0
}

/**
 * Reads a word no reference title uses as two title words run together when the titles use them side by side
 * ("backend engineer" → "back end engineer"); the head noun follows its second half.
 */
function splitCompounds(index: ClassifierIndex, normalized: NormalizedTitle): { normalized: NormalizedTitle; split: ScoredQuery['respellings'] } {
  const split: ScoredQuery['respellings'] = []
  if (normalized.tokens.every((word) => index.vocabulary.has(word) || !index.compounds.has(word))) return { normalized, split }
  let head = normalized.head
  const tokens = normalized.tokens.flatMap((word) => {
    const parts = index.vocabulary.has(word) ? undefined : index.compounds.get(word)
    if (!parts) return [word]
    split.push({ word, as: parts.join(' '), similarity: 1 })
    if (word === normalized.head) head = parts[1]
    return [...parts]
  })
  return { normalized: { tokens, head, key: tokens.join(' '), bagKey: [...tokens].sort().join(' ') }, split }
}

/**
 * TF-IDF vector of a normalised title over the title vocabulary; unknown words are matched by trigrams. The norm
 * counts every word at full weight, so a word read only as a look-alike, or not at all, keeps the title from
 * matching a reference title perfectly ("Rabbi" is not "Rabbit", "Tornado Chaser" is not "Chaser").
 */
function queryVector(index: ClassifierIndex, normalized: NormalizedTitle, respelling = true) {
  const vector = new Map<number, number>()
  const respellings: ScoredQuery['respellings'] = []
  const headIds = new Set<number>()
  let unmatched = 0
  for (const word of normalized.tokens) {
    const isHead = word === normalized.head
    const known = index.vocabulary.get(word)
    // A word ESCO uses is a real occupational word the titles lack ("rabbi"), not a misspelling of one ("rabbit").
    const readings = known !== undefined ? [{ id: known, similarity: 1 }] : index.esco.vocabulary.has(word) || !respelling ? [] : respell(index, word)
    let fullWeight = readings.length > 0 ? 0 : index.unseenIdf * (isHead ? HEAD_WEIGHT : 1)
    let matched = 0
    for (const { id, similarity } of readings) {
      if (known === undefined) respellings.push({ word, as: index.words[id]!, similarity })
      const weight = index.idf[id]! * similarity * (isHead ? HEAD_WEIGHT : 1)
      vector.set(id, (vector.get(id) ?? 0) + weight)
      if (isHead) headIds.add(id)
      fullWeight = Math.max(fullWeight, index.idf[id]! * (isHead ? HEAD_WEIGHT : 1))
      matched += weight * weight
    }
    if (known === undefined) unmatched += Math.max(0, fullWeight * fullWeight - matched)
  }
  let norm = unmatched
  for (const value of vector.values()) norm += value * value
  norm = Math.sqrt(norm) || 1
  for (const [id, value] of vector) vector.set(id, value / norm)
  return { vector, respellings, headIds }
}

/** Vocabulary words that look like `word` (trigram Dice ≥ 0.5), at most two. */
function respell(index: ClassifierIndex, word: string): { id: number; similarity: number }[] {
  if (word.length < 4) return []
  const grams = [...new Set(trigrams(word))]
  const overlap = new Map<number, number>()
  for (const gram of grams) for (const id of index.trigramTokens.get(gram) ?? []) overlap.set(id, (overlap.get(id) ?? 0) + 1)
  const scored: { id: number; similarity: number }[] = []
  for (const [id, shared] of overlap) {
    const dice = (2 * shared) / (grams.length + index.trigramCount[id]!)
    if (dice >= 0.5) scored.push({ id, similarity: dice })
  }
  return scored.sort((a, b) => b.similarity - a.similarity || a.id - b.id).slice(0, 2)
}

function textQuery(index: ClassifierIndex, tokens: string[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const token of tokens) {
    const id = index.textVocabulary.get(token)
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return unitTfIdf(counts, index.textIdf)
}

function sparseCosine(postings: ClassifierIndex['textDocs'], vector: Map<number, number>, scores: Float64Array): Float64Array {
  for (const [id, weight] of vector) {
    const codes = postings.codes.get(id)
    const weights = postings.weights.get(id)
    if (!codes || !weights) continue
    for (let k = 0; k < codes.length; k++) scores[codes[k]!]! += weight * weights[k]!
  }
  return scores
}

/** An entry list as long as the index's entry scratch, one per index (scoring is single-threaded per index). */
const touchedLists = new WeakMap<Float64Array, Int32Array>()
function touchedScratch(scratch: Float64Array): Int32Array {
  let list = touchedLists.get(scratch)
  if (!list) touchedLists.set(scratch, (list = new Int32Array(scratch.length)))
  return list
}

/**
 * The codes a description adds to every title's candidates (its best text and task matches): the same for every
 * title of a role, so found once per description's scores.
 */
const descriptionTops = new WeakMap<Float64Array, number[]>()
function descriptionTopCodes(cos: Float64Array | null, tasks: TaskMatches | null): number[] {
  const key = cos ?? tasks?.score
  if (!key) return []
  let codes = descriptionTops.get(key)
  if (!codes) {
    codes = [...(cos ? topCodes(cos, 10) : []), ...(tasks ? topCodes(tasks.score, 10) : [])]
    descriptionTops.set(key, codes)
  }
  return codes
}

/** The `n` codes with the highest positive scores, best first; only among `among` when given (sparse scores). */
function topCodes(scores: Float64Array, n: number, among?: readonly number[]): number[] {
  const best: number[] = []
  const count = among ? among.length : scores.length
  for (let k = 0; k < count; k++) {
    const code = among ? among[k]! : k
    const score = scores[code]!
    if (score <= 0 || (best.length === n && score <= scores[best[n - 1]!]!)) continue
    let i = best.length
    while (i > 0 && scores[best[i - 1]!]! < score) i--
    best.splice(i, 0, code)
    if (best.length > n) best.pop()
  }
  return best
}

function insertSorted(list: ScoredEntry[], item: ScoredEntry, limit: number): void {
  let i = list.length
  while (i > 0 && (list[i - 1]!.similarity < item.similarity || (list[i - 1]!.similarity === item.similarity && list[i - 1]!.entry > item.entry))) i--
  list.splice(i, 0, item)
  if (list.length > limit) list.pop()
}
