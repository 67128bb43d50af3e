// The role's text as evidence, task by task: each passage of a role's text (a responsibility, a task, a skill, a
// sentence of its summary) is compared with every O*NET task statement, words weighted by how few occupations'
// text uses them (TF-IDF over the codes' documents). A code's task match is the mean, over the passages, of the
// passage's best match among the code's tasks: a role whose responsibilities read like a code's tasks, one by one,
// scores high, whatever the title says. The evidence line quotes the tasks that matched best.

import type { ClassifierIndex, TaskIndex } from './classifier-index.js'
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
  /** For a code with a match: the O*NET occupation scored, and its best-matching tasks (task number, cosine), best first, at most 3. */
  best: (code: number) => { occupation: string; tasks: { task: number; similarity: number }[] } | undefined
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
  let memo = passageMemo.get(taskIndex)
  if (!memo) passageMemo.set(taskIndex, (memo = new Map()))
  const matched: PassageMatch[] = []
  for (const passage of passages) {
    let matches = memo.get(passage)
    if (matches === undefined) {
      matches = matchPassage(index, passage)
      if (memo.size >= MEMO_PASSAGES) memo.clear()
      memo.set(passage, matches)
    }
    if (matches === null) continue
    matched.push(matches)
    for (let k = 0; k < matches.occupations.length; k++) occupationScore[matches.occupations[k]!]! += matches.similarities[k]!
  }
  const counted = matched.length
  const score = new Float64Array(index.codes.length)
  const bestOccupation = new Int32Array(index.codes.length).fill(-1)
  for (let o = 0; o < occupations; o++) {
    const value = counted > 0 ? occupationScore[o]! / counted : 0
    const code = taskIndex.occupationSoc[o]!
    if (value > score[code]!) {
      score[code] = value
      bestOccupation[code] = o
    }
  }
  // The quoted tasks are gathered only for the codes whose evidence is written.
  const best = (code: number) => {
    const o = bestOccupation[code]!
    if (o < 0) return undefined
    const tasks = new Map<number, number>()
    for (const matches of matched) {
      const k = matches.occupations.indexOf(o)
      if (k >= 0 && matches.similarities[k]! > (tasks.get(matches.tasks[k]!) ?? 0)) tasks.set(matches.tasks[k]!, matches.similarities[k]!)
    }
    return {
      occupation: taskIndex.occupationCodes[o]!,
      tasks: [...tasks]
        .map(([task, similarity]) => ({ task, similarity }))
        .sort((a, b) => b.similarity - a.similarity || a.task - b.task)
        .slice(0, 3),
    }
  }
  return { score, best, passages: counted }
}

/** A passage's best task per O*NET occupation (cosine at least `MIN_TASK_SIMILARITY`); null when it says too little. */
interface PassageMatch {
  occupations: Int32Array
  tasks: Int32Array
  similarities: Float64Array
}

/**
 * Passages seen before and their matches, per task index. Levels of one role repeat passages (shared sections,
 * the same competencies), on one page and across pages: each is matched once. Bounded (cleared when full).
 */
const passageMemo = new WeakMap<TaskIndex, Map<string, PassageMatch | null>>()
const MEMO_PASSAGES = 5000
const scratch = new WeakMap<TaskIndex, { sims: Float64Array; bestSimilarity: Float64Array; bestTask: Int32Array }>()

/** Work arrays for matching one passage (zero between calls), per task index. */
function scratchFor(taskIndex: TaskIndex) {
  let arrays = scratch.get(taskIndex)
  if (!arrays) {
    const occupations = taskIndex.occupationCodes.length
    arrays = { sims: new Float64Array(taskIndex.occupation.length), bestSimilarity: new Float64Array(occupations), bestTask: new Int32Array(occupations) }
    scratch.set(taskIndex, arrays)
  }
  return arrays
}

function matchPassage(index: ClassifierIndex, passage: string): PassageMatch | null {
  const { taskIndex } = index
  const vector = tfidfVector(textTokens(passage), index.textVocabulary, index.textIdf)
  if (vector.size < MIN_PASSAGE_TOKENS) return null
  const { sims, bestSimilarity, bestTask } = scratchFor(taskIndex)
  const touched: number[] = []
  for (const [id, weight] of vector) {
    const { start, tasks, weights } = taskIndex
    for (let k = start[id]!, end = start[id + 1]!; k < end; k++) {
      const t = tasks[k]!
      if (sims[t] === 0) touched.push(t)
      sims[t]! += weight * weights[k]!
    }
  }
  const occupations: number[] = []
  for (const t of touched) {
    const similarity = sims[t]!
    sims[t] = 0
    if (similarity < MIN_TASK_SIMILARITY) continue
    const occupation = taskIndex.occupation[t]!
    if (bestSimilarity[occupation] === 0) occupations.push(occupation)
    if (similarity > bestSimilarity[occupation]!) {
      bestSimilarity[occupation] = similarity
      bestTask[occupation] = t
    }
  }
  const match: PassageMatch = {
    occupations: Int32Array.from(occupations),
    tasks: Int32Array.from(occupations, (o) => bestTask[o]!),
    similarities: Float64Array.from(occupations, (o) => bestSimilarity[o]!),
  }
  for (const o of occupations) bestSimilarity[o] = 0
  return match
}
