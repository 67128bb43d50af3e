// Normalisation rules for job titles: the only language knowledge in the classifier. Everything about which
// title means which code comes from the reference data.

import { ABBREVIATIONS as TITLE_ABBREVIATIONS, CLASSIFIER_ABBREVIATIONS, LEVEL_WORDS } from '../vocabulary/title-words.js'

/** A title reduced to what the classifier compares: content tokens in natural order and its head noun. */
export interface NormalizedTitle {
  /** Content tokens, singular, natural word order ("accountant, cost" → ["cost", "accountant"]). */
  tokens: string[]
  /** The noun the title is about: "developer" in "Software Developer", "supervisor" in "Supervisor of Roofers". */
  head: string | null
  /** Tokens joined: equal keys mean the same title. */
  key: string
  /** Sorted tokens joined: equal for word-order variants ("Accountant, Cost" ≡ "Cost Accountant"). */
  bagKey: string
}

// Words that join or frame a title rather than say what the job is.
const STOPWORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'at', 'on', 'with', 'by', 'from', 'as', 'nos'])
// Words after which the head noun has already been said ("Supervisor of Roofers", "Assistant to the Director").
const HEAD_BREAKS = new Set(['of', 'for', 'to', 'in', 'at', 'on', 'with', 'by', 'from'])
// The classifier's abbreviations, expanded to the word the reference data uses (the head form).
const ABBREVIATIONS = new Map<string, string>(CLASSIFIER_ABBREVIATIONS.map((word) => [word, TITLE_ABBREVIATIONS.get(word)!.head]))
// Singular forms the plural rules below would get wrong.
const IRREGULAR = new Map<string, string>(
  Object.entries({
    women: 'woman',
    men: 'man',
    children: 'child',
    people: 'person',
    personnel: 'personnel',
    series: 'series',
    news: 'news',
    analyses: 'analysis',
    diagnoses: 'diagnosis',
    bases: 'base',
    statuses: 'status',
    devops: 'devops',
    mlops: 'mlops',
    chassis: 'chassis',
    glasses: 'glass',
  }),
)

/**
 * Folded short texts (words and titles: what foldText is mostly called on, many times each while a build codes
 * its roles), remembered. Bounded: cleared when full.
 */
const folded = new Map<string, string>()
const FOLD_MEMO_SIZE = 20_000
const FOLD_MEMO_MAX_LENGTH = 64

/** Lower-cases, folds accents and punctuation to spaces; keeps letters and digits. */
export function foldText(text: string): string {
  if (text.length > FOLD_MEMO_MAX_LENGTH) return fold(text)
  let result = folded.get(text)
  if (result === undefined) {
    if (folded.size >= FOLD_MEMO_SIZE) folded.clear()
    folded.set(text, (result = fold(text)))
  }
  return result
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Singular form of one lower-case word (rules, not a dictionary). */
export function singularize(word: string): string {
  const irregular = IRREGULAR.get(word)
  if (irregular) return irregular
  if (word.length <= 3) return word
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2)
  if (/(ss|us|is|ics)$/.test(word)) return word
  if (word.endsWith('s')) return word.slice(0, -1)
  return word
}

/** "Accountant, Cost" → "Cost Accountant"; "Helpers--Roofers" → "Roofers Helpers"; lists are left alone. */
export function uninvertTitle(title: string): string {
  const withoutParens = title
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const dashed = withoutParens.split(/\s*--\s*/)
  if (dashed.length === 2 && dashed[0] && dashed[1]) return `${dashed[1]} ${dashed[0]}`
  const parts = withoutParens.split(',')
  if (parts.length !== 2) return withoutParens
  const [before, after] = parts.map((p) => p.trim()) as [string, string]
  const beforeWords = before.split(/\s+/).length
  if (!before || !after || beforeWords > 2 || /\b(and|or)\b/i.test(after)) return withoutParens
  return `${after} ${before}`
}

/** Normalises a job title: un-inverted, folded, abbreviations expanded, singular, level markers dropped. */
export function normalizeTitle(title: string): NormalizedTitle {
  const words = foldText(uninvertTitle(title))
    .split(' ')
    .filter(Boolean)
    .flatMap((word) => (ABBREVIATIONS.get(word) ?? word).split(' '))
  const tokens: string[] = []
  let head: string | null = null
  let headClosed = false
  for (const word of words) {
    if (HEAD_BREAKS.has(word) && tokens.length > 0) headClosed = true
    if (STOPWORDS.has(word) || LEVEL_WORDS.has(word) || /^\d+$/.test(word) || /^[a-z]\d+$/.test(word)) continue
    const token = singularize(word)
    tokens.push(token)
    if (!headClosed) head = token
  }
  return { tokens, head, key: tokens.join(' '), bagKey: [...tokens].sort().join(' ') }
}

/** Character trigrams of a word with boundary marks, for matching spelling variants of rare words. */
export function trigrams(word: string): string[] {
  const padded = `#${word}#`
  const grams: string[] = []
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3))
  return grams
}
