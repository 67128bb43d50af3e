// ESCO occupation labels as a second, independent source of title evidence. ESCO codes occupations to ISCO-08
// unit groups, not SOC; the BLS crosswalks (ISCO-08 → SOC 2010 → SOC 2018) carry each label to the SOC 2018
// codes its unit group links to, many-to-many, each sharing the label's vote equally. ESCO's wording differs
// from O*NET's (European, often one-word titles such as "novelist" or "cellist"), so it mostly helps where the
// O*NET and BLS titles say nothing, and mostly about the major group: the crosswalk is too coarse for one code.

import type { ReferenceData } from '../model/index.js'
import { HEAD_WEIGHT, pushTo } from './index-parts.js'
import { normalizeTitle, type NormalizedTitle } from './normalize-title.js'

export interface EscoIndex {
  vocabulary: ReadonlyMap<string, number>
  /** ESCO token id → word. */
  words: string[]
  idf: Float64Array
  /** IDF a word no label uses would have. */
  unseenIdf: number
  /** Token id → labels holding it, and the token's weight in each label's unit vector. */
  postings: ReadonlyMap<number, Int32Array>
  postingWeights: ReadonlyMap<number, Float64Array>
  /** ISCO-08 unit group (dense number) of each label. */
  labelGroup: Int32Array
  /** Distinct token ids of each label. */
  labelTokens: Int32Array[]
  /** Per unit group: the detailed SOC 2018 codes (index numbers) the crosswalks link it to. */
  groupCodes: Int32Array[]
  labelCount: number
  /** Labels left out because they equal an excluded title (leak-free evaluation). */
  excludedCount: number
  /** Scratch buffer, one slot per label. */
  scratch: Float64Array
}

/** Nearest ESCO labels' votes, spread over the SOC codes their unit groups link to. Shares sum to 1. */
export interface EscoVotes {
  /** Share of the vote per detailed code (indexed by code number); all zero when no label matched. */
  byCode: Float64Array
  /** Codes with a non-zero share, ascending. */
  codes: number[]
  /** Best cosine between the title and one ESCO label (0 when none shares a word). */
  best: number
}

/** How many nearest ESCO labels vote. */
const ESCO_NEAREST = 20

/**
 * Indexes ESCO labels (preferred and alternative) for nearest-label search. `codeIndex` numbers detailed SOC
 * codes as the classifier index does; labels whose word bag is in `excludedBags` are left out.
 */
export function buildEscoIndex(reference: ReferenceData, codeIndex: ReadonlyMap<string, number>, excludedBags: ReadonlySet<string>): EscoIndex {
  // ISCO-08 unit group → detailed SOC 2018 codes, by inverting SOC 2018 → ISCO-08 candidates.
  const codesByIsco = new Map<string, Set<number>>()
  for (const [socCode, candidates] of reference.iscoBySoc) {
    const code = codeIndex.get(socCode)
    if (code === undefined) continue
    for (const { isco08 } of candidates) {
      const set = codesByIsco.get(isco08) ?? new Set<number>()
      set.add(code)
      codesByIsco.set(isco08, set)
    }
  }
  const groupNumber = new Map<string, number>()
  const groupCodes: Int32Array[] = []
  const vocabulary = new Map<string, number>()
  const documentFrequency: number[] = []
  const labels: { group: number; tokens: number[]; head: number }[] = []
  const seen = new Set<string>()
  let excludedCount = 0
  for (const occupation of reference.escoOccupations) {
    const codes = codesByIsco.get(occupation.isco08)
    if (!codes) continue
    let group = groupNumber.get(occupation.isco08)
    if (group === undefined) {
      group = groupCodes.length
      groupNumber.set(occupation.isco08, group)
      groupCodes.push(Int32Array.from([...codes].sort((a, b) => a - b)))
    }
    for (const label of [occupation.preferredLabel, ...occupation.altLabels]) {
      const normalized = normalizeTitle(label)
      if (!normalized.head) continue
      if (excludedBags.has(normalized.bagKey)) {
        excludedCount++
        continue
      }
      const id = `${group}|${normalized.key}`
      if (seen.has(id)) continue
      seen.add(id)
      const tokens = normalized.tokens.map((word) => {
        let token = vocabulary.get(word)
        if (token === undefined) {
          token = vocabulary.size
          vocabulary.set(word, token)
        }
        return token
      })
      for (const token of new Set(tokens)) documentFrequency[token] = (documentFrequency[token] ?? 0) + 1
      labels.push({ group, tokens, head: vocabulary.get(normalized.head)! })
    }
  }
  const idf = Float64Array.from({ length: vocabulary.size }, (_, id) => Math.log((labels.length + 1) / ((documentFrequency[id] ?? 0) + 1)) + 1)

  const postingLists = new Map<number, number[]>()
  const weightLists = new Map<number, number[]>()
  labels.forEach((label, i) => {
    const weights = new Map<number, number>()
    for (const token of label.tokens) weights.set(token, (weights.get(token) ?? 0) + idf[token]! * (token === label.head ? HEAD_WEIGHT : 1))
    let norm = 0
    for (const value of weights.values()) norm += value * value
    norm = Math.sqrt(norm) || 1
    for (const [token, value] of weights) {
      pushTo(postingLists, token, i)
      pushTo(weightLists, token, value / norm)
    }
  })
  const postings = new Map<number, Int32Array>()
  const postingWeights = new Map<number, Float64Array>()
  for (const [token, list] of postingLists) postings.set(token, Int32Array.from(list))
  for (const [token, list] of weightLists) postingWeights.set(token, Float64Array.from(list))
  return {
    vocabulary,
    words: [...vocabulary.keys()],
    idf,
    unseenIdf: Math.log(labels.length + 1) + 1,
    postings,
    postingWeights,
    labelGroup: Int32Array.from(labels, (label) => label.group),
    labelTokens: labels.map((label) => Int32Array.from(new Set(label.tokens))),
    groupCodes,
    labelCount: labels.length,
    excludedCount,
    scratch: new Float64Array(labels.length),
  }
}

/** Per ESCO index (keyed by its scratch array): a list as long as its labels, for the labels one title reaches. */
const touchedLists = new WeakMap<Float64Array, Int32Array>()

/**
 * Votes of the ESCO labels nearest to a normalised title (TF-IDF cosine, head noun weighted), each label's
 * vote (similarity squared) shared equally by the SOC codes its unit group links to. `byCode` is zeroed and
 * filled here. Words ESCO does not use are ignored.
 */
export function scoreEsco(esco: EscoIndex, normalized: NormalizedTitle, byCode: Float64Array): EscoVotes {
  byCode.fill(0)
  const query = new Map<number, number>()
  for (const word of normalized.tokens) {
    const token = esco.vocabulary.get(word)
    if (token === undefined) continue
    query.set(token, (query.get(token) ?? 0) + esco.idf[token]! * (word === normalized.head ? HEAD_WEIGHT : 1))
  }
  // Normalise by the whole title, counting a word ESCO never uses at the IDF of an unseen word, so a label that
  // matches one word of three is not taken for a near twin.
  let norm = 0
  for (const value of query.values()) norm += value * value
  for (const word of normalized.tokens) {
    if (!esco.vocabulary.has(word)) norm += (esco.unseenIdf * (word === normalized.head ? HEAD_WEIGHT : 1)) ** 2
  }
  norm = Math.sqrt(norm) || 1

  const { scratch } = esco
  // The labels a word reaches, in the order first reached (a work array of the index's size, reused).
  let touched = touchedLists.get(scratch)
  if (!touched) touchedLists.set(scratch, (touched = new Int32Array(scratch.length)))
  let touchedCount = 0
  for (const [token, value] of query) {
    const labels = esco.postings.get(token)!
    const weights = esco.postingWeights.get(token)!
    const w = value / norm
    for (let k = 0; k < labels.length; k++) {
      const label = labels[k]!
      if (scratch[label] === 0) touched[touchedCount++] = label
      scratch[label]! += w * weights[k]!
    }
  }
  const nearest: { label: number; similarity: number }[] = []
  let floor = 0
  for (let t = 0; t < touchedCount; t++) {
    const label = touched[t]!
    const similarity = scratch[label]!
    scratch[label] = 0
    if (nearest.length === ESCO_NEAREST && similarity <= floor) continue
    let i = nearest.length
    while (i > 0 && (nearest[i - 1]!.similarity < similarity || (nearest[i - 1]!.similarity === similarity && nearest[i - 1]!.label > label))) i--
    nearest.splice(i, 0, { label, similarity })
    if (nearest.length > ESCO_NEAREST) nearest.pop()
    floor = nearest[nearest.length - 1]!.similarity
  }
  const codes: number[] = []
  let total = 0
  for (const { label, similarity } of nearest) {
    const groupCodes = esco.groupCodes[esco.labelGroup[label]!]!
    const share = (similarity * similarity) / groupCodes.length
    for (const code of groupCodes) {
      if (byCode[code] === 0) codes.push(code)
      byCode[code]! += share
    }
    total += similarity * similarity
  }
  if (total > 0) for (const code of codes) byCode[code]! /= total
  codes.sort((a, b) => a - b)
  return { byCode, codes, best: nearest[0]?.similarity ?? 0 }
}
