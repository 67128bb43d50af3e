// The role's text as evidence, task by task: each passage of a role's text (a responsibility, a task, a skill, a
// sentence of its summary) is compared with every O*NET task statement, words weighted by how few occupations'
// text uses them (TF-IDF over the codes' documents). A code's task match is the mean, over the passages, of the
// passage's best match among the code's tasks: a role whose responsibilities read like a code's tasks, one by one,
// scores high, whatever the title says. The evidence line quotes the tasks that matched best.

import type { ClassifierIndex } from './classifier-index.js'
import { textTokens, tfidfVector } from './classifier-index.js'

/** A passage's match with one task below this cosine is not counted (a shared common word or two). */
const MIN_TASK_SIMILARITY = 0.15
/** Passages with fewer known content words than this say too little to match a task. */
const MIN_PASSAGE_TOKENS = 3
/** At most this many passages are compared (a long page's first ones): bounds the cost of a very long page. */
const MAX_PASSAGES = 400

/** What a role's text says about each code through its tasks. */
export interface TaskMatches {
  /**
   * Per code number: its best O*NET occupation's task match, the mean over the passages of the passage's best
   * task cosine (0 when no task matched). Per occupation, not per code: a residual code holding several O*NET
   * occupations would otherwise match more passages only because it has more tasks.
   */
  score: Float64Array
  /** Per code number with a match: the O*NET occupation scored, and its best-matching tasks (task number, cosine), best first, at most 3. */
  best: Map<number, { occupation: string; tasks: { task: number; similarity: number }[] }>
  /** Passages compared. */
  passages: number
}

/** Splits role text into passages: its parts, and sentences of long parts. */
export function passagesOf(parts: readonly string[]): string[] {
  const out: string[] = []
  for (const part of parts) {
    for (const sentence of part.split(/(?<=[.;!?])\s+|\n+|\s+[•·]\s+/)) {
      const trimmed = sentence.trim()
      if (trimmed) out.push(trimmed)
    }
  }
  return [...new Set(out)].slice(0, MAX_PASSAGES)
}

/** Compares each passage with every task; pure given the index. */
export function matchTasks(index: ClassifierIndex, passages: readonly string[]): TaskMatches {
  const { taskIndex } = index
  const occupations = taskIndex.occupationCodes.length
  const occupationScore = new Float64Array(occupations)
  const bestTasks = new Map<number, Map<number, number>>()
  const sims = new Float64Array(taskIndex.occupation.length)
  const perOccupation = new Map<number, { task: number; similarity: number }>()
  let counted = 0
  for (const passage of passages) {
    const vector = tfidfVector(textTokens(passage), index.textVocabulary, index.textIdf)
    if (vector.size < MIN_PASSAGE_TOKENS) continue
    counted += 1
    const touched: number[] = []
    for (const [id, weight] of vector) {
      const list = taskIndex.postings.get(id)
      const weights = taskIndex.weights.get(id)
      if (!list || !weights) continue
      for (let k = 0; k < list.length; k++) {
        const t = list[k]!
        if (sims[t] === 0) touched.push(t)
        sims[t]! += weight * weights[k]!
      }
    }
    perOccupation.clear()
    for (const t of touched) {
      const similarity = sims[t]!
      sims[t] = 0
      if (similarity < MIN_TASK_SIMILARITY) continue
      const occupation = taskIndex.occupation[t]!
      const current = perOccupation.get(occupation)
      if (!current || similarity > current.similarity) perOccupation.set(occupation, { task: t, similarity })
    }
    for (const [occupation, { task, similarity }] of perOccupation) {
      occupationScore[occupation]! += similarity
      let tasks = bestTasks.get(occupation)
      if (!tasks) bestTasks.set(occupation, (tasks = new Map()))
      if (similarity > (tasks.get(task) ?? 0)) tasks.set(task, similarity)
    }
  }
  const score = new Float64Array(index.codes.length)
  const bestOccupation = new Map<number, number>()
  for (let o = 0; o < occupations; o++) {
    const value = counted > 0 ? occupationScore[o]! / counted : 0
    const code = taskIndex.occupationSoc[o]!
    if (value > score[code]!) {
      score[code] = value
      bestOccupation.set(code, o)
    }
  }
  const best: TaskMatches['best'] = new Map()
  for (const [code, o] of bestOccupation) {
    const tasks = [...(bestTasks.get(o) ?? [])]
      .map(([task, similarity]) => ({ task, similarity }))
      .sort((a, b) => b.similarity - a.similarity || a.task - b.task)
      .slice(0, 3)
    best.set(code, { occupation: taskIndex.occupationCodes[o]!, tasks })
  }
  return { score, best, passages: counted }
}
