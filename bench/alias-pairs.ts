// Builds the labelled title pairs that measure `aliasKey`: pairs O*NET (or a mechanical rewrite of an O*NET title)
// says are one title, and pairs of titles of different occupations that share words. The labels never use
// aliasKey itself; "squash" (lower case, letters and digits only) is the only normalisation they rely on.

export interface LabelledPair {
  a: string
  b: string
  same: boolean
  category: string
}

export interface AlternateTitleRow {
  onetCode: string
  title: string
  shortTitle: string | null
}

/** Lower case, `&` as "and", letters and digits only: differences a reader would call spelling, not meaning. */
export function squash(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}+#]+/gu, '')
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
}

const PARENTHESISED = /^(.+?)\s*\((.+)\)\s*$/

/** Every labelled pair, deduplicated, in a stable order. */
export function buildLabelledPairs(rows: readonly AlternateTitleRow[]): LabelledPair[] {
  const pairs = new Map<string, LabelledPair>()
  const add = (pair: LabelledPair) => {
    if (pair.a === pair.b) return
    const [x, y] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a]
    const id = `${x}\u0000${y}`
    if (!pairs.has(id)) pairs.set(id, { ...pair, a: x, b: y })
  }

  // 1. O*NET writes one title two ways: "Dept Store Manager (Department Store Manager)", or gives a short title.
  for (const row of rows) {
    const match = PARENTHESISED.exec(row.title)
    if (match) add({ a: match[1]!, b: match[2]!, same: true, category: 'O*NET title and its bracketed form' })
    else if (row.shortTitle) add({ a: row.title, b: row.shortTitle, same: true, category: 'O*NET title and its short title' })
  }

  // 2. O*NET lists spellings of one title under one occupation ("X Ray Operator", "X-Ray Operator").
  const plainTitles = distinctPlainTitles(rows)
  const bySquash = new Map<string, { onetCode: string; title: string }[]>()
  for (const entry of plainTitles) {
    const list = bySquash.get(`${entry.onetCode}\u0000${squash(entry.title)}`) ?? []
    list.push(entry)
    bySquash.set(`${entry.onetCode}\u0000${squash(entry.title)}`, list)
  }
  for (const list of bySquash.values()) {
    for (let i = 1; i < list.length; i++) add({ a: list[0]!.title, b: list[i]!.title, same: true, category: 'O*NET spellings of one title' })
  }

  // 3. DMTF-style inversions: "Cost Accountant" is listed as "Accountant, Cost".
  // 4. Level numerals: "Accountant III" and "Accountant 3"; different levels are different titles.
  const simple = plainTitles.filter((entry) => /^[A-Za-z]+( [A-Za-z]+){1,2}$/.test(entry.title))
  simple.forEach((entry, index) => {
    const parts = entry.title.split(' ')
    const head = parts[parts.length - 1]!
    add({ a: entry.title, b: `${head}, ${parts.slice(0, -1).join(' ')}`, same: true, category: 'DMTF-style inversion' })
    if (index % 4 === 0) {
      add({ a: `${entry.title} III`, b: `${entry.title} 3`, same: true, category: 'level numeral and digit' })
      add({ a: `${entry.title} II`, b: `${entry.title} III`, same: false, category: 'different levels' })
    } else if (index % 4 === 1) {
      add({ a: `${entry.title} IV`, b: `${entry.title} 4`, same: true, category: 'level numeral and digit' })
      add({ a: `${entry.title} 2`, b: `${entry.title} III`, same: false, category: 'different levels' })
    } else if (index % 4 === 2) {
      add({ a: `${entry.title} II`, b: `${entry.title} 2`, same: true, category: 'level numeral and digit' })
      add({ a: `${entry.title} I`, b: `${entry.title}`, same: false, category: 'different levels' })
    }
  })

  // 5. Titles of different occupations that share words: for each title, the one with the most words in common
  // among titles of other SOC codes that contain its rarest word.
  const tokens = plainTitles.map((entry) => new Set(words(entry.title)))
  const postings = new Map<string, number[]>()
  tokens.forEach((set, index) => {
    for (const word of set) {
      const list = postings.get(word) ?? []
      list.push(index)
      postings.set(word, list)
    }
  })
  plainTitles.forEach((entry, index) => {
    const mine = tokens[index]!
    const rarest = [...mine].sort((x, y) => postings.get(x)!.length - postings.get(y)!.length || (x < y ? -1 : 1))
    let best: { index: number; overlap: number } | null = null
    for (const word of rarest.slice(0, 2)) {
      for (const other of postings.get(word)!.slice(0, 400)) {
        const theirs = plainTitles[other]!
        if (theirs.onetCode.slice(0, 7) === entry.onetCode.slice(0, 7)) continue
        if (squash(theirs.title) === squash(entry.title)) continue
        let shared = 0
        for (const w of tokens[other]!) if (mine.has(w)) shared++
        const overlap = shared / (mine.size + tokens[other]!.size - shared)
        if (best === null || overlap > best.overlap || (overlap === best.overlap && other < best.index)) best = { index: other, overlap }
      }
    }
    if (best) add({ a: entry.title, b: plainTitles[best.index]!.title, same: false, category: 'different occupations sharing words' })
  })

  // 6. Pairs that must never merge, whatever the data holds.
  const curated: [string, string][] = [
    ['Manager', 'Management'],
    ['Engineer', 'Engineering Manager'],
    ['Engineering Manager', 'Engineer Manager'],
    ['Engineer II', 'Engineer III'],
    ['Project Manager', 'Program Manager'],
    ['Product Manager', 'Production Manager'],
    ['Accountant', 'Accounting Clerk'],
    ['Nurse', 'Nursing Assistant'],
    ['Senior Engineer', 'Junior Engineer'],
    ['Vice President', 'Senior Vice President'],
    ['Assistant Director', 'Associate Director'],
    ['Administrator', 'Administrative Assistant'],
  ]
  for (const [a, b] of curated) add({ a, b, same: false, category: 'must not merge (curated)' })

  return [...pairs.values()]
}

/** Distinct alternate titles per O*NET code, with the bracketed part dropped ("CFO (Chief Financial Officer)" → CFO). */
function distinctPlainTitles(rows: readonly AlternateTitleRow[]): { onetCode: string; title: string }[] {
  const seen = new Set<string>()
  const out: { onetCode: string; title: string }[] = []
  for (const row of rows) {
    const title = (PARENTHESISED.exec(row.title)?.[1] ?? row.title).trim()
    const id = `${row.onetCode}\u0000${title}`
    if (title.length === 0 || seen.has(id)) continue
    seen.add(id)
    out.push({ onetCode: row.onetCode, title })
  }
  return out
}

export interface PairScore {
  category: string
  same: boolean
  pairs: number
  /** Pairs whose keys are equal. */
  merged: number
}

/** Precision and recall of "keys equal" as a prediction of "same alias", overall and per category. */
export function scorePairs(pairs: readonly LabelledPair[], key: (text: string) => string) {
  const byCategory = new Map<string, PairScore>()
  let truePositives = 0
  let falsePositives = 0
  let positives = 0
  const falsePositiveExamples: LabelledPair[] = []
  const falseNegativeExamples: LabelledPair[] = []
  for (const pair of pairs) {
    const merged = key(pair.a) === key(pair.b)
    const score = byCategory.get(pair.category) ?? { category: pair.category, same: pair.same, pairs: 0, merged: 0 }
    score.pairs++
    if (merged) score.merged++
    byCategory.set(pair.category, score)
    if (pair.same) {
      positives++
      if (merged) truePositives++
      else if (falseNegativeExamples.length < 12 && pair.category !== 'O*NET title and its bracketed form') falseNegativeExamples.push(pair)
    } else if (merged) {
      falsePositives++
      if (falsePositiveExamples.length < 12) falsePositiveExamples.push(pair)
    }
  }
  return {
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, positives),
    truePositives,
    falsePositives,
    positives,
    negatives: pairs.length - positives,
    categories: [...byCategory.values()].sort((a, b) => Number(b.same) - Number(a.same) || (a.category < b.category ? -1 : 1)),
    falsePositiveExamples,
    falseNegativeExamples,
  }
}
