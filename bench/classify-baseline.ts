// The comparison baseline for the classify bench: a character-trigram TF-IDF nearest-title vote with a
// head-noun bonus, over the same (leak-free) reference titles as the classifier's index.

import type { ClassifierIndex } from '../src/classify/classifier-index.js'
import { normalizeTitle } from '../src/classify/normalize-title.js'

const NEIGHBOURS = 10
const HEAD_BONUS = 1.5

export interface Baseline {
  classify(title: string): string | null
}

function gramsOf(key: string): Map<string, number> {
  const padded = `#${key}#`
  const counts = new Map<string, number>()
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = padded.slice(i, i + 3)
    counts.set(gram, (counts.get(gram) ?? 0) + 1)
  }
  return counts
}

/** Builds the baseline from the classifier index's entries (so it sees exactly the same titles). */
export function buildBaseline(index: ClassifierIndex): Baseline {
  const keys = index.entries.map((e) => normalizeTitle(e.label).key)
  const documentFrequency = new Map<string, number>()
  const entryGrams = keys.map(gramsOf)
  for (const grams of entryGrams) for (const gram of grams.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1)
  const idf = (gram: string) => Math.log((keys.length + 1) / ((documentFrequency.get(gram) ?? 0) + 1))
  const postings = new Map<string, { entry: number; weight: number }[]>()
  entryGrams.forEach((grams, entry) => {
    let norm = 0
    for (const [gram, count] of grams) norm += (count * idf(gram)) ** 2
    norm = Math.sqrt(norm) || 1
    for (const [gram, count] of grams) {
      const list = postings.get(gram) ?? []
      list.push({ entry, weight: (count * idf(gram)) / norm })
      postings.set(gram, list)
    }
  })
  const scores = new Float64Array(keys.length)
  return {
    classify(title) {
      const normalized = normalizeTitle(title)
      const grams = gramsOf(normalized.key)
      let norm = 0
      for (const [gram, count] of grams) norm += (count * idf(gram)) ** 2
      norm = Math.sqrt(norm) || 1
      const touched: number[] = []
      for (const [gram, count] of grams) {
        const weight = (count * idf(gram)) / norm
        for (const posting of postings.get(gram) ?? []) {
          if (scores[posting.entry] === 0) touched.push(posting.entry)
          scores[posting.entry]! += weight * posting.weight
        }
      }
      const nearest: { entry: number; similarity: number }[] = []
      for (const entry of touched) {
        const similarity = scores[entry]!
        scores[entry] = 0
        if (nearest.length === NEIGHBOURS && similarity <= nearest[NEIGHBOURS - 1]!.similarity) continue
        nearest.push({ entry, similarity })
        nearest.sort((a, b) => b.similarity - a.similarity || a.entry - b.entry)
        if (nearest.length > NEIGHBOURS) nearest.pop()
      }
      const votes = new Map<number, number>()
      for (const { entry, similarity } of nearest) {
        const e = index.entries[entry]!
        const bonus = index.words[e.head] === normalized.head ? HEAD_BONUS : 1
        votes.set(e.code, (votes.get(e.code) ?? 0) + similarity * bonus)
      }
      const best = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]
      return best ? index.codes[best[0]]!.code : null
    },
  }
}
