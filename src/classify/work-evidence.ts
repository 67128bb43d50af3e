// The role's text against each occupation's work as a whole: one document per SOC detailed code made of its
// SOC definition, its O*NET descriptions, task statements and technology skills (the products and tools it
// uses, and their commodity classes: "Git", "Development environment software"). Words are weighted by how few
// codes' documents use them (IDF without a floor, so a word nearly every occupation uses counts for nothing),
// and a role's text is compared with a candidate's document by cosine. Where the task match (task-evidence.ts)
// asks "does each sentence read like one of the code's tasks", this asks "does the text, taken together, talk
// about this code's work and tools", which career ladders (competencies more than tasks) answer better.
// Pure: reference data in, an index of plain arrays out (part of the classifier index and its snapshot). The
// tokeniser is the classifier's (`textTokens`), passed in.

import type { ReferenceData, SocGroup } from '../model/index.js'
import { unitTfIdf } from './tf-idf.js'

/** Weights of the parts of a code's document (per token occurrence). */
const DEFINITION_WEIGHT = 2
const TASK_WEIGHT = 1
const SUPPLEMENTAL_TASK_WEIGHT = 0.5
const TECHNOLOGY_WEIGHT = 1
/** A commodity class counts once per code, whatever the number of its products. */
const COMMODITY_WEIGHT = 0.5

/** Each detailed code's work document as an L2-normalised TF-IDF vector, in one packed array. */
export interface WorkIndex {
  vocabulary: ReadonlyMap<string, number>
  /** Per word: ln((codes + 1) / (codes using it + 1)). */
  idf: Float64Array
  /** Code `c`'s entries are `start[c]` … `start[c + 1]` in `words` and `weights`. */
  start: Int32Array
  words: Int32Array
  weights: Float64Array
}

/** Content words of a text (the classifier's text tokeniser). */
export type Tokenizer = (text: string) => string[]

/** Builds the work documents of `codes` (numbered as given). */
export function buildWorkIndex(reference: ReferenceData, codes: readonly SocGroup[], codeIndex: ReadonlyMap<string, number>, textTokens: Tokenizer): WorkIndex {
  const counts = codes.map(() => new Map<string, number>())
  // Products recur across occupations ("Microsoft Excel" in hundreds): each distinct text is tokenised once.
  const tokensOf = new Map<string, string[]>()
  const add = (socCode: string, text: string, weight: number) => {
    const code = codeIndex.get(socCode)
    if (code === undefined) return
    const map = counts[code]!
    let tokens = tokensOf.get(text)
    if (!tokens) tokensOf.set(text, (tokens = textTokens(text)))
    for (const token of tokens) map.set(token, (map.get(token) ?? 0) + weight)
  }
  for (const group of codes) if (group.definition) add(group.code, group.definition.replace(/\bExcludes\b.*$/s, ''), DEFINITION_WEIGHT)
  for (const occupation of reference.onetOccupations.values()) add(occupation.socCode, occupation.description, DEFINITION_WEIGHT)
  for (const task of reference.tasks) add(task.socCode, task.task, task.type === 'Supplemental' ? SUPPLEMENTAL_TASK_WEIGHT : TASK_WEIGHT)
  const commodities = new Set<string>()
  for (const skill of reference.technologySkills) {
    add(skill.socCode, skill.example, TECHNOLOGY_WEIGHT)
    const key = `${skill.socCode}\u0000${skill.commodity}`
    if (!commodities.has(key)) {
      commodities.add(key)
      add(skill.socCode, skill.commodity, COMMODITY_WEIGHT)
    }
  }
  const vocabulary = new Map<string, number>()
  const frequency: number[] = []
  for (const map of counts) {
    for (const token of map.keys()) {
      let id = vocabulary.get(token)
      if (id === undefined) vocabulary.set(token, (id = vocabulary.size))
      frequency[id] = (frequency[id] ?? 0) + 1
    }
  }
  const idf = Float64Array.from(frequency, (df) => Math.log((codes.length + 1) / (df + 1)))
  const start = new Int32Array(codes.length + 1)
  counts.forEach((map, c) => {
    start[c + 1] = start[c]! + map.size
  })
  const words = new Int32Array(start[codes.length]!)
  const weights = new Float64Array(start[codes.length]!)
  counts.forEach((map, c) => {
    const entries = [...map].map(([token, count]) => [vocabulary.get(token)!, (1 + Math.log(count)) * idf[vocabulary.get(token)!]!] as const)
    entries.sort((a, b) => a[0] - b[0])
    const norm = Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0)) || 1
    entries.forEach(([id, w], k) => {
      words[start[c]! + k] = id
      weights[start[c]! + k] = w / norm
    })
  })
  return { vocabulary, idf, start, words, weights }
}

/** A role's text as a query: its TF-IDF vector over the work vocabulary, without `omit` words. */
export interface WorkQuery {
  vector: Map<number, number>
  /** Distinct known words (how much the text says). */
  size: number
}

/**
 * The text's query. `omit` holds words of the role's titles: they already count through the title, and in the
 * text they would favour every code whose documents use them ("engineer" in a software ladder pulls towards
 * the engineering occupations).
 */
export function workQuery(index: WorkIndex, text: string, omit: readonly string[], textTokens: Tokenizer): WorkQuery {
  const skip = new Set(omit.flatMap(textTokens).flatMap(stemForms))
  const counts = new Map<number, number>()
  for (const token of textTokens(text)) {
    if (skip.has(token)) continue
    const id = index.vocabulary.get(token)
    if (id !== undefined && index.idf[id]! > 0) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return { vector: unitTfIdf(counts, index.idf), size: counts.size }
}

/** A word and its field/agent forms ("engineer" ↔ "engineering", "design" ↔ "designer"). */
export function stemForms(word: string): string[] {
  const stem = word.replace(/(?:ing|er|or)$/, '')
  return [word, stem, `${stem}ing`, `${stem}er`, `${stem}or`]
}

/** Cosine between the query and code `code`'s work document. */
export function workCosine(index: WorkIndex, query: WorkQuery, code: number): number {
  let sum = 0
  for (let k = index.start[code]!, end = index.start[code + 1]!; k < end; k++) {
    const q = query.vector.get(index.words[k]!)
    if (q !== undefined) sum += q * index.weights[k]!
  }
  return sum
}

/** The words that contribute most to the cosine with `code`, best first (for the evidence line). */
export function workWords(index: WorkIndex, query: WorkQuery, code: number, count = 6): string[] {
  const words = wordList(index)
  const parts: { word: number; value: number }[] = []
  for (let k = index.start[code]!, end = index.start[code + 1]!; k < end; k++) {
    const q = query.vector.get(index.words[k]!)
    if (q !== undefined) parts.push({ word: index.words[k]!, value: q * index.weights[k]! })
  }
  return parts
    .sort((a, b) => b.value - a.value || a.word - b.word)
    .slice(0, count)
    .map((part) => words[part.word]!)
}

/** Word id → word, made once per index (not once per evidence line). */
const wordLists = new WeakMap<WorkIndex, string[]>()
function wordList(index: WorkIndex): string[] {
  let words = wordLists.get(index)
  if (!words) wordLists.set(index, (words = [...index.vocabulary.keys()]))
  return words
}
