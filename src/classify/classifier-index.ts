// In-memory indexes over the reference data, built once per run: every reference title (BLS direct-match,
// O*NET occupation, alternate, short and reported titles, SOC titles) with a source-quality weight, token
// postings for TF-IDF nearest-title search, per-code head-noun counts and title centroids, a per-code text
// document (SOC definition, O*NET description and tasks) for matching a role's prose, and ESCO labels.

import type { OnetAlternateTitle, ReferenceData, SocGroup } from '../model/index.js'
import { buildEscoIndex, type EscoIndex } from './esco-index.js'
import { HEAD_WEIGHT, pushTo } from './index-parts.js'
import { type ClassifierModel, fittedModel } from './fitted-model.js'
import { foldText, normalizeTitle, singularize, trigrams } from './normalize-title.js'
import { buildWorkIndex, type WorkIndex } from './work-evidence.js'
import { unitTfIdf } from './tf-idf.js'

export type TitleSource = 'bls_direct_match' | 'onet_occupation' | 'soc_title' | 'onet_alternate' | 'onet_short' | 'onet_reported'

export interface TitleEntry {
  /** The title as the reference file spells it. */
  label: string
  source: TitleSource
  /** Source-quality weight in (0, 1]. */
  weight: number
  code: number
  onetCode: string | null
  head: number
}

/** A title entry while the index is built: with its tokens and their weights in its unit vector (kept in `postings`). */
interface BuiltEntry extends TitleEntry {
  tokens: Int32Array
  tokenWeights: Float64Array
}

/** Per-code values for one token, sorted by code index. */
export interface SparseRow {
  codes: Int32Array
  values: Float64Array
}

/** Sparse vectors per code: token id → list of (code index, weight). */
export interface CodePostings {
  codes: ReadonlyMap<number, Int32Array>
  weights: ReadonlyMap<number, Float64Array>
}

/**
 * A list of ids (entries, tokens): an array when the index is built, a view of the snapshot's shared block when
 * it is loaded (shared-tables.ts).
 */
export type IdList = readonly number[] | Int32Array

export interface ClassifierIndex {
  reference: ReferenceData
  model: ClassifierModel
  /** Detailed SOC codes, by index. */
  codes: SocGroup[]
  codeIndex: Map<string, number>
  /** 1 for an "All Other" residual code (SOC coding rule: used only when no specific code fits). */
  residual: Uint8Array
  /** 1 for a military code (major group 55). */
  military: Uint8Array
  /**
   * SOC coding rules as code families, read from SOC titles: 1 "First-Line Supervisors of …" (supervisors are
   * coded apart from the workers they supervise), 2 "Helpers--…" (helpers apart from the trade they help), 0 other.
   */
  family: Uint8Array
  vocabulary: ReadonlyMap<string, number>
  words: string[]
  /** Inverse document frequency of each token over reference titles. */
  idf: Float64Array
  /** IDF a word no reference title uses would have. */
  unseenIdf: number
  entries: readonly TitleEntry[]
  /** Code and head token of each entry, as typed arrays for the scoring loop. */
  entryCode: Int32Array
  entryHead: Int32Array
  /** 1 for a BLS direct-match title entry. */
  entryDirect: Uint8Array
  /** Token id → entries holding it. */
  postings: ReadonlyMap<number, Int32Array>
  /** Token id → the token's weight in each of those entries' unit vectors. */
  postingWeights: ReadonlyMap<number, Float64Array>
  /** Normalised title key → entries with exactly that key. */
  exact: ReadonlyMap<string, IdList>
  /** Per code: sum of entry weights, and per head token the weighted count of its titles with that head. */
  codeMass: Float64Array
  headMass: ReadonlyMap<number, SparseRow>
  /** Per head token: P(code | head noun), from the weighted titles with that head. */
  headShare: ReadonlyMap<number, SparseRow>
  /** Per token: P(code | a title contains the token), weighted by source quality. */
  tokenShare: ReadonlyMap<number, SparseRow>
  /** Dense group number of each code at each level, for summing scores by group. */
  groupOf: Record<'broad' | 'minor' | 'major', Int32Array>
  groupCount: Record<'broad' | 'minor' | 'major', number>
  /** Title centroid per code (L2-normalised TF-IDF of its titles). */
  titleCentroids: CodePostings
  /** Title centroids of whole minor and major groups (indexed by `groupOf` numbers): evidence that generalises. */
  groupCentroids: Record<'minor' | 'major', CodePostings>
  /** P(major group | word anywhere in a title), rows indexed by `groupOf.major` numbers. */
  tokenMajorShare: ReadonlyMap<number, SparseRow>
  /** Text document per code (definition, O*NET descriptions, tasks), TF-IDF over codes. */
  textDocs: CodePostings
  textVocabulary: ReadonlyMap<string, number>
  textIdf: Float64Array
  /** O*NET task statements, one vector each, for matching a role's text task by task (task-evidence.ts). */
  taskIndex: TaskIndex
  /** Each code's work (definition, tasks, technology skills) as one document, for role text (work-evidence.ts). */
  workIndex: WorkIndex
  /** Two adjacent title words run together ("backend") → the two words ("back", "end"), from reference titles. */
  compounds: ReadonlyMap<string, readonly [string, string]>
  /** Trigram → vocabulary token ids, for spelling variants of words no reference title uses. */
  trigramTokens: ReadonlyMap<string, IdList>
  /** Number of distinct trigrams of each vocabulary word (0 for words too short to be respelled to). */
  trigramCount: Int32Array
  /** ESCO labels for nearest-label votes through the ISCO-08 crosswalks (see esco-index.ts). */
  esco: EscoIndex
  /** Titles left out for leak-free evaluation (ESCO labels included). */
  excludedCount: number
  /** Scratch buffer for scoring (one query at a time; JavaScript runs one at a time). */
  scratch: Float64Array
  /** Per-code scratch arrays for scoring, reused across titles. */
  codeScratch: Float64Array[]
}

/** O*NET task statements (see task-evidence.ts) as TF-IDF unit vectors over the classifier's text vocabulary, with postings. */
export interface TaskIndex {
  /** O*NET occupation number of each task (tasks in `reference.tasks` order; -1 for a task of an unknown code). */
  occupation: Int32Array
  /** Each O*NET occupation's code (8 characters) and SOC code number. */
  occupationCodes: string[]
  occupationSoc: Int32Array
  /**
   * Postings in three flat arrays (a few large arrays snapshot and load much faster than one per token): the
   * tasks holding text token `id` are `tasks[start[id]]` … `tasks[start[id + 1] - 1]`, with the token's weight
   * in each task's unit vector at the same places of `weights`.
   */
  start: Int32Array
  tasks: Int32Array
  weights: Float64Array
}

export interface ClassifierIndexOptions {
  /**
   * Titles to leave out: every reference title equal to one of these after normalisation or word-order
   * inversion is dropped from every source, so an evaluation never finds its own answer.
   */
  excludeTitles?: Iterable<string>
  /** Weights and calibration; the fitted model shipped with canon by default. */
  model?: ClassifierModel
}

/** Weight of one ESCO label in word-to-code associations, shared by the SOC codes it is linked to. */
const ESCO_LABEL_WEIGHT = 0.5

// O*NET alternate-title sources (data dictionary codes) and how much a title from each is trusted.
const ONET_SOURCE_WEIGHT: Record<string, number> = {
  '01': 0.8,
  '02': 0.8,
  '03': 0.9,
  '04': 1,
  '05': 0.8,
  '06': 0.9,
  '07': 0.9,
  '08': 0.7,
  '09': 0.5,
  '10': 0.7,
}
const SOURCE_WEIGHT: Record<Exclude<TitleSource, 'onet_alternate' | 'onet_short'>, number> = {
  bls_direct_match: 1,
  onet_occupation: 1,
  soc_title: 0.8,
  onet_reported: 0.9,
}

/** Builds the classifier's indexes from reference data. */
export function buildClassifierIndex(reference: ReferenceData, options: ClassifierIndexOptions = {}): ClassifierIndex {
  const excluded = new Set<string>()
  for (const title of options.excludeTitles ?? []) {
    const normalized = normalizeTitle(title)
    if (normalized.bagKey) excluded.add(normalized.bagKey)
  }
  const codes = [...reference.soc.values()].filter((group) => group.level === 'detailed')
  const codeIndex = new Map(codes.map((group, i) => [group.code, i]))

  // Collect raw titles, one per (code, normalised key), keeping the most trusted source.
  interface RawEntry {
    label: string
    source: TitleSource
    weight: number
    code: number
    onetCode: string | null
    tokens: string[]
    head: string
  }
  const raw = new Map<string, RawEntry>()
  let excludedCount = 0
  const add = (label: string, source: TitleSource, weight: number, socCode: string, onetCode: string | null) => {
    const code = codeIndex.get(socCode)
    if (code === undefined) return
    const normalized = normalizeTitle(label)
    if (!normalized.head) return
    if (excluded.has(normalized.bagKey)) {
      excludedCount++
      return
    }
    const id = `${code}|${normalized.key}`
    const existing = raw.get(id)
    if (existing && existing.weight >= weight) {
      if (existing.weight < 1) existing.weight = Math.min(1, existing.weight + 0.05)
      return
    }
    raw.set(id, { label, source, weight: Math.min(1, existing ? weight + 0.05 : weight), code, onetCode, tokens: normalized.tokens, head: normalized.head })
  }
  for (const title of reference.directMatchTitles) add(title.title, 'bls_direct_match', SOURCE_WEIGHT.bls_direct_match, title.socCode, null)
  for (const occupation of reference.onetOccupations.values()) {
    add(occupation.title, 'onet_occupation', SOURCE_WEIGHT.onet_occupation, occupation.socCode, occupation.onetCode)
  }
  for (const group of codes) add(group.title, 'soc_title', SOURCE_WEIGHT.soc_title, group.code, null)
  for (const alternate of reference.alternateTitles) {
    const weight = alternateWeight(alternate)
    add(alternate.title, 'onet_alternate', weight, alternate.socCode, alternate.onetCode)
    if (alternate.shortTitle) add(alternate.shortTitle, 'onet_short', weight, alternate.socCode, alternate.onetCode)
    // "DevOps Architect (Development and Operations Architect)": the parenthesis spells out the same title.
    const spelledOut = /\(([^)]+)\)/.exec(alternate.title)?.[1]
    if (spelledOut?.trim().includes(' ')) add(spelledOut, 'onet_alternate', weight * 0.9, alternate.socCode, alternate.onetCode)
  }
  for (const reported of reference.reportedTitles) {
    add(reported.title, 'onet_reported', SOURCE_WEIGHT.onet_reported, reported.socCode, reported.onetCode)
  }

  // Vocabulary and IDF over distinct normalised titles.
  const vocabulary = new Map<string, number>()
  const words: string[] = []
  const tokenId = (word: string) => {
    let id = vocabulary.get(word)
    if (id === undefined) {
      id = words.length
      vocabulary.set(word, id)
      words.push(word)
    }
    return id
  }
  const rawEntries = [...raw.values()]
  const documentFrequency: number[] = []
  const seenKeys = new Set<string>()
  for (const entry of rawEntries) {
    const ids = entry.tokens.map(tokenId)
    tokenId(entry.head)
    const key = entry.tokens.join(' ')
    if (seenKeys.has(key)) continue
    seenKeys.add(key)
    for (const id of new Set(ids)) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1
  }
  const idf = new Float64Array(words.length)
  const documents = seenKeys.size
  for (let id = 0; id < words.length; id++) idf[id] = Math.log((documents + 1) / ((documentFrequency[id] ?? 0) + 1)) + 1

  const entries: BuiltEntry[] = rawEntries.map((entry) => {
    const head = vocabulary.get(entry.head)!
    const counts = new Map<number, number>()
    for (const word of entry.tokens) {
      const id = vocabulary.get(word)!
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    const tokens = Int32Array.from(counts.keys())
    const tokenWeights = Float64Array.from(tokens, (id) => idf[id]! * (id === head ? HEAD_WEIGHT : 1))
    normalizeInPlace(tokenWeights)
    return { label: entry.label, source: entry.source, weight: entry.weight, code: entry.code, onetCode: entry.onetCode, head, tokens, tokenWeights }
  })

  const postingLists = new Map<number, number[]>()
  const postingWeightLists = new Map<number, number[]>()
  const exact = new Map<string, number[]>()
  const codeMass = new Float64Array(codes.length)
  const headMass = new Map<number, Map<number, number>>()
  const centroids = codes.map(() => new Map<number, number>())
  entries.forEach((entry, i) => {
    entry.tokens.forEach((id, k) => {
      pushTo(postingLists, id, i)
      pushTo(postingWeightLists, id, entry.tokenWeights[k]!)
    })
    pushTo(exact, rawEntries[i]!.tokens.join(' '), i)
    codeMass[entry.code]! += entry.weight
    const byCode = headMass.get(entry.head) ?? new Map<number, number>()
    byCode.set(entry.code, (byCode.get(entry.code) ?? 0) + entry.weight)
    headMass.set(entry.head, byCode)
    const centroid = centroids[entry.code]!
    entry.tokens.forEach((id, k) => {
      centroid.set(id, (centroid.get(id) ?? 0) + entry.weight * entry.tokenWeights[k]!)
    })
  })
  const postings = new Map<number, Int32Array>()
  const postingWeights = new Map<number, Float64Array>()
  for (const [id, list] of postingLists) postings.set(id, Int32Array.from(list))
  for (const [id, list] of postingWeightLists) postingWeights.set(id, Float64Array.from(list))

  const headShare = toRows(toShares(headMass))
  const tokenMass = new Map<number, Map<number, number>>()
  const addTokenMass = (id: number, code: number, mass: number) => {
    const byCode = tokenMass.get(id) ?? new Map<number, number>()
    byCode.set(code, (byCode.get(code) ?? 0) + mass)
    tokenMass.set(id, byCode)
  }
  for (const entry of entries) for (const id of entry.tokens) addTokenMass(id, entry.code, entry.weight)
  // ESCO labels widen P(code | word) for words the SOC-side titles use in only a few codes ("magician" in one
  // amusement-attendant title): each label's weight is shared by the codes its ISCO-08 unit group links to.
  const esco = buildEscoIndex(reference, codeIndex, excluded)
  esco.labelTokens.forEach((tokens, label) => {
    const groupCodes = esco.groupCodes[esco.labelGroup[label]!]!
    for (const token of tokens) {
      const id = vocabulary.get(esco.words[token]!)
      if (id === undefined) continue
      for (const code of groupCodes) addTokenMass(id, code, ESCO_LABEL_WEIGHT / groupCodes.length)
    }
  })
  const tokenShare = toRows(toShares(tokenMass))
  const groupOf = { broad: groupNumbers(codes, 'broad'), minor: groupNumbers(codes, 'minor'), major: groupNumbers(codes, 'major') }
  const tokenMajorMass = new Map<number, Map<number, number>>()
  for (const [id, byCode] of tokenMass) {
    const byMajor = new Map<number, number>()
    for (const [code, mass] of byCode) {
      const major = groupOf.major.groupOf[code]!
      byMajor.set(major, (byMajor.get(major) ?? 0) + mass)
    }
    tokenMajorMass.set(id, byMajor)
  }
  const groupCentroid = (level: 'minor' | 'major') => {
    const vectors = Array.from({ length: groupOf[level].count }, () => new Map<number, number>())
    centroids.forEach((centroid, code) => {
      const vector = vectors[groupOf[level].groupOf[code]!]!
      let norm = 0
      for (const value of centroid.values()) norm += value * value
      norm = Math.sqrt(norm) || 1
      for (const [id, value] of centroid) vector.set(id, (vector.get(id) ?? 0) + value / norm)
    })
    return toCodePostings(vectors)
  }

  // Closed compounds of open ones the titles use ("Back End Engineer" → "backend"), for query words no title uses.
  const compounds = new Map<string, readonly [string, string]>()
  for (const key of seenKeys) {
    const tokens = key.split(' ')
    for (let i = 0; i + 1 < tokens.length; i++) {
      const [first, second] = [tokens[i]!, tokens[i + 1]!]
      if (first.length > 1 && second.length > 1 && !vocabulary.has(first + second)) compounds.set(first + second, [first, second])
    }
  }
  const trigramTokens = new Map<string, number[]>()
  const trigramCount = new Int32Array(words.length)
  words.forEach((word, id) => {
    if (word.length < 4) return
    const grams = new Set(trigrams(word))
    trigramCount[id] = grams.size
    for (const gram of grams) pushTo(trigramTokens, gram, id)
  })

  const { textDocs, textVocabulary, textIdf, taskTokens } = buildTextDocs(reference, codes, codeIndex)
  return {
    reference,
    model: options.model ?? fittedModel,
    codes,
    codeIndex,
    residual: Uint8Array.from(codes, (group) => (/\bAll Other\b/.test(group.title) ? 1 : 0)),
    military: Uint8Array.from(codes, (group) => (group.major === '55-0000' ? 1 : 0)),
    family: Uint8Array.from(codes, codeFamily),
    vocabulary,
    words,
    idf,
    unseenIdf: Math.log(documents + 1) + 1,
    // The scorers read each title's tokens from the postings: the index keeps the entries without them.
    entries: entries.map(({ tokens: _tokens, tokenWeights: _weights, ...entry }) => entry),
    entryCode: Int32Array.from(entries, (e) => e.code),
    entryHead: Int32Array.from(entries, (e) => e.head),
    entryDirect: Uint8Array.from(entries, (e) => (e.source === 'bls_direct_match' ? 1 : 0)),
    postings,
    postingWeights,
    exact,
    codeMass,
    headMass: toRows(headMass),
    headShare,
    tokenShare,
    groupOf: { broad: groupOf.broad.groupOf, minor: groupOf.minor.groupOf, major: groupOf.major.groupOf },
    groupCount: { broad: groupOf.broad.count, minor: groupOf.minor.count, major: groupOf.major.count },
    titleCentroids: toCodePostings(centroids),
    groupCentroids: { minor: groupCentroid('minor'), major: groupCentroid('major') },
    tokenMajorShare: toRows(toShares(tokenMajorMass)),
    textDocs,
    textVocabulary,
    textIdf,
    taskIndex: buildTaskIndex(reference.tasks, taskTokens, codeIndex, textVocabulary, textIdf),
    workIndex: buildWorkIndex(reference, codes, codeIndex, textTokens),
    compounds,
    trigramTokens,
    trigramCount,
    esco,
    excludedCount: excludedCount + esco.excludedCount,
    scratch: new Float64Array(entries.length),
    codeScratch: Array.from({ length: 16 }, () => new Float64Array(codes.length)),
  }
}

/** The reference data the classifier reads once its index is built (classify-title.ts, classify-roles.ts). */
export const CLASSIFIER_REFERENCE_FIELDS = ['dir', 'soc', 'onetOccupations', 'onetBySoc', 'tasks', 'iscoBySoc'] as const

// Every field of ReferenceData (the compiler checks the list is complete).
const REFERENCE_FIELDS = Object.keys({
  dir: 0,
  soc: 0,
  onetOccupations: 0,
  onetBySoc: 0,
  alternateTitles: 0,
  alternateTitlesBySoc: 0,
  reportedTitles: 0,
  tasks: 0,
  directMatchTitles: 0,
  iscoSoc2010: 0,
  soc2010Soc2018: 0,
  iscoBySoc: 0,
  escoOccupations: 0,
  technologySkills: 0,
} satisfies Record<keyof ReferenceData, 0>) as (keyof ReferenceData)[]

/**
 * `reference` with only what classifying with a built index reads, for a thread that holds nothing else of it
 * (a classify worker): about two thirds of its memory are titles and labels only the index build reads. The
 * other fields throw when read, naming what to add to CLASSIFIER_REFERENCE_FIELDS, instead of reading as empty.
 */
export function classifierReference(reference: ReferenceData): ReferenceData {
  const kept: Record<string, unknown> = {}
  for (const field of CLASSIFIER_REFERENCE_FIELDS) kept[field] = reference[field]
  const fields: readonly (keyof ReferenceData)[] = REFERENCE_FIELDS
  for (const field of fields) {
    if (field in kept) continue
    Object.defineProperty(kept, field, {
      enumerable: false,
      get() {
        throw new Error(`reference.${field} is not kept for classifying: add it to CLASSIFIER_REFERENCE_FIELDS (classifier-index.ts)`)
      },
    })
  }
  return kept as unknown as ReferenceData
}

function alternateWeight(alternate: OnetAlternateTitle): number {
  const weights = alternate.sources.map((source) => ONET_SOURCE_WEIGHT[source] ?? 0.6)
  if (weights.length === 0) return 0.6
  return Math.min(1, Math.max(...weights) + 0.05 * (weights.length - 1))
}

// Words too common in occupational prose to tell occupations apart.
const TEXT_STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'for',
  'to',
  'in',
  'at',
  'on',
  'with',
  'by',
  'from',
  'as',
  'such',
  'that',
  'this',
  'these',
  'those',
  'is',
  'are',
  'be',
  'may',
  'other',
  'including',
  'include',
  'includes',
  'excludes',
  'which',
  'who',
  'their',
  'its',
  'it',
  'into',
  'all',
  'any',
  'not',
  'using',
  'use',
  'work',
  'worker',
  'our',
  'we',
  'you',
  'your',
  'will',
  'across',
  'within',
  'also',
  'both',
  'through',
  'than',
  'more',
  'most',
  'can',
  'has',
  'have',
  'been',
  'was',
  'were',
])

/** Content words of free text: folded, singular, without stop words. */
export function textTokens(text: string): string[] {
  return foldText(text)
    .split(' ')
    .filter((word) => word.length > 1 && !TEXT_STOPWORDS.has(word) && !/^\d+$/.test(word))
    .map(singularize)
}

function buildTextDocs(reference: ReferenceData, codes: SocGroup[], codeIndex: Map<string, number>) {
  const counts = codes.map(() => new Map<string, number>())
  const addText = (socCode: string, text: string, weight: number): string[] => {
    const code = codeIndex.get(socCode)
    if (code === undefined) return []
    const map = counts[code]!
    const tokens = textTokens(text)
    for (const token of tokens) map.set(token, (map.get(token) ?? 0) + weight)
    return tokens
  }
  for (const group of codes) if (group.definition) addText(group.code, group.definition.replace(/\bExcludes\b.*$/s, ''), 2)
  for (const occupation of reference.onetOccupations.values()) addText(occupation.socCode, occupation.description, 2)
  // Each task's tokens, kept for the task index (tokenising is most of the cost of building it).
  const taskTokens = reference.tasks.map((task) => addText(task.socCode, task.task, task.type === 'Supplemental' ? 0.5 : 1))
  const textVocabulary = new Map<string, number>()
  const documentFrequency: number[] = []
  for (const map of counts) {
    for (const token of map.keys()) {
      let id = textVocabulary.get(token)
      if (id === undefined) {
        id = textVocabulary.size
        textVocabulary.set(token, id)
      }
      documentFrequency[id] = (documentFrequency[id] ?? 0) + 1
    }
  }
  const textIdf = Float64Array.from(documentFrequency, (df) => Math.log((codes.length + 1) / (df + 1)) + 1)
  const vectors = counts.map((map) => {
    const vector = new Map<number, number>()
    for (const [token, count] of map) {
      const id = textVocabulary.get(token)!
      vector.set(id, (1 + Math.log(count)) * textIdf[id]!)
    }
    return vector
  })
  return { textDocs: toCodePostings(vectors), textVocabulary, textIdf, taskTokens }
}

function toCodePostings(vectors: Map<number, number>[]): CodePostings {
  const lists = new Map<number, { codes: number[]; weights: number[] }>()
  vectors.forEach((vector, code) => {
    let norm = 0
    for (const value of vector.values()) norm += value * value
    norm = Math.sqrt(norm) || 1
    for (const [id, value] of vector) {
      const list = lists.get(id) ?? { codes: [], weights: [] }
      list.codes.push(code)
      list.weights.push(value / norm)
      lists.set(id, list)
    }
  })
  const codes = new Map<number, Int32Array>()
  const weights = new Map<number, Float64Array>()
  for (const [id, list] of lists) {
    codes.set(id, Int32Array.from(list.codes))
    weights.set(id, Float64Array.from(list.weights))
  }
  return { codes, weights }
}

/** The SOC coding-rule family of a detailed code, from its title (see ClassifierIndex.family). */
export function codeFamily(group: SocGroup): number {
  if (/^First-Line Supervisors\b/i.test(group.title)) return 1
  if (/^Helpers\b/i.test(group.title)) return 2
  return 0
}

function toRows(map: Map<number, Map<number, number>>): Map<number, SparseRow> {
  const rows = new Map<number, SparseRow>()
  for (const [id, byCode] of map) {
    const sorted = [...byCode].sort((a, b) => a[0] - b[0])
    rows.set(id, { codes: Int32Array.from(sorted, ([code]) => code), values: Float64Array.from(sorted, ([, value]) => value) })
  }
  return rows
}

function groupNumbers(codes: SocGroup[], level: 'broad' | 'minor' | 'major'): { groupOf: Int32Array; count: number } {
  const numbers = new Map<string, number>()
  const groupOf = Int32Array.from(codes, (group) => {
    const key = group[level] ?? group.code
    let n = numbers.get(key)
    if (n === undefined) {
      n = numbers.size
      numbers.set(key, n)
    }
    return n
  })
  return { groupOf, count: numbers.size }
}

function toShares(mass: Map<number, Map<number, number>>): Map<number, Map<number, number>> {
  const shares = new Map<number, Map<number, number>>()
  for (const [id, byCode] of mass) {
    let total = 0
    for (const value of byCode.values()) total += value
    shares.set(id, new Map([...byCode].map(([code, value]) => [code, value / total])))
  }
  return shares
}

function normalizeInPlace(vector: Float64Array): void {
  let norm = 0
  for (const value of vector) norm += value * value
  norm = Math.sqrt(norm) || 1
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm
}

/** Builds the task index from the reference's task statements . */
function buildTaskIndex(
  tasks: readonly { onetCode: string; socCode: string }[],
  taskTokens: readonly string[][],
  codeIndex: ReadonlyMap<string, number>,
  vocabulary: ReadonlyMap<string, number>,
  idf: Float64Array,
): TaskIndex {
  const occupationCodes: string[] = []
  const occupationSocCodes: number[] = []
  const occupationNumbers = new Map<string, number>()
  const occupation = Int32Array.from(tasks, (task) => {
    const soc = codeIndex.get(task.socCode)
    if (soc === undefined) return -1
    let n = occupationNumbers.get(task.onetCode)
    if (n === undefined) {
      n = occupationCodes.length
      occupationNumbers.set(task.onetCode, n)
      occupationCodes.push(task.onetCode)
      occupationSocCodes.push(soc)
    }
    return n
  })
  const vectors = taskTokens.map((tokens, t) => (occupation[t]! < 0 ? new Map<number, number>() : tfidfVector(tokens, vocabulary, idf)))
  const start = new Int32Array(vocabulary.size + 1)
  for (const vector of vectors) for (const id of vector.keys()) start[id + 1]! += 1
  for (let id = 0; id < vocabulary.size; id++) start[id + 1]! += start[id]!
  const fill = start.slice(0, vocabulary.size)
  const postedTasks = new Int32Array(start[vocabulary.size]!)
  const weights = new Float64Array(start[vocabulary.size]!)
  vectors.forEach((vector, t) => {
    for (const [id, weight] of vector) {
      const at = fill[id]!++
      postedTasks[at] = t
      weights[at] = weight
    }
  })
  return { occupation, occupationCodes, occupationSoc: Int32Array.from(occupationSocCodes), start, tasks: postedTasks, weights }
}

/** An L2-normalised TF-IDF vector of tokens over a vocabulary (unknown tokens dropped). */
export function tfidfVector(tokens: readonly string[], vocabulary: ReadonlyMap<string, number>, idf: Float64Array): Map<number, number> {
  const counts = new Map<number, number>()
  for (const token of tokens) {
    const id = vocabulary.get(token)
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return unitTfIdf(counts, idf)
}
