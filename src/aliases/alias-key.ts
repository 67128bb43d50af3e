// The normalised key of a title: two titles with the same key are the same alias. The key is meant for
// equality only (dedupe, conflict detection, matching), never for display. Every rule is listed in order in the
// JSDoc of `aliasKey`; the README ("Alias keys") repeats it for users.

import { ABBREVIATIONS } from '../vocabulary/title-words.js'

/** Letters NFKD does not decompose into a base letter plus marks. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
}

/** Spellings of one word in two or three parts ("Dev Ops", "Lay-out"), joined before abbreviations expand. */
const JOINED_WORDS: ReadonlyMap<string, string> = new Map([
  ['dev ops', 'devops'],
  ['dev sec ops', 'devsecops'],
  ['fin ops', 'finops'],
  ['ml ops', 'mlops'],
  ['x ray', 'xray'],
  ['lay out', 'layout'],
  ['set up', 'setup'],
  ['web site', 'website'],
  ['data base', 'database'],
  ['work force', 'workforce'],
  ['audio visual', 'audiovisual'],
  ['wild life', 'wildlife'],
  ['fiber glass', 'fiberglass'],
  ['waste water', 'wastewater'],
  ['dry wall', 'drywall'],
  ['trouble shooter', 'troubleshooter'],
  ['ob gyn', 'obgyn'],
  ['on site', 'onsite'],
  ['off site', 'offsite'],
  ['e commerce', 'ecommerce'],
  ['e learning', 'elearning'],
])
const JOINED_FIRST_WORDS: ReadonlySet<string> = new Set([...JOINED_WORDS.keys()].map((phrase) => phrase.split(' ')[0]!))

/** Prefixes written apart, hyphenated or joined ("Non-Profit", "Non Profit", "Nonprofit"): joined to the next word. */
const JOINING_PREFIXES: ReadonlySet<string> = new Set(['non', 'pre', 'co', 'sub', 'semi', 'multi', 'anti', 'cyber', 'electro', 'ultra', 'counter'])

/** Second halves of compounds written apart or joined ("Sales Person", "Salesperson", "Health Care"). */
const JOINING_SUFFIXES: ReadonlySet<string> = new Set([
  'person',
  'persons',
  'people',
  'man',
  'men',
  'woman',
  'women',
  'maker',
  'makers',
  'worker',
  'workers',
  'keeper',
  'keepers',
  'fitter',
  'fitters',
  'layer',
  'layers',
  'fighter',
  'fighters',
  'giver',
  'givers',
  'taker',
  'takers',
  'tender',
  'tenders',
  'master',
  'masters',
  'care',
])

/** Roman numerals that become digits anywhere except as the first word. */
const MULTI_LETTER_NUMERALS: ReadonlyMap<string, string> = new Map(
  ['ii', 'iii', 'vi', 'vii', 'viii', 'ix', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'].map((numeral) => [
    numeral,
    String(romanValue(numeral)),
  ]),
)

/** Roman numerals that are also words or initials ("Title I", "IV Nurse", "Vitamin V"): digits only at the end. */
const FINAL_ONLY_NUMERALS: ReadonlyMap<string, string> = new Map([
  ['i', '1'],
  ['iv', '4'],
  ['v', '5'],
])

function romanValue(numeral: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10 }
  let total = 0
  for (let i = 0; i < numeral.length; i++) {
    const value = values[numeral[i]!]!
    const next = values[numeral[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total
}

const MARKS = /\p{M}/gu
const FOLDED_LETTERS = /[ßæœøłđðþı]/g
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u

/**
 * The normalised key of an alias or title, used for dedupe within a role and conflict detection across roles.
 * Rules, in order:
 *  1. Unicode: NFKD, combining marks removed (é → e), a few letters folded (ß → ss, æ → ae, ø → o …), lower case.
 *  2. `&` reads "and"; apostrophes are removed ("Bachelor's" → bachelors); every other run of punctuation,
 *     dashes of any kind (- – — ‑), slashes, brackets and whitespace is one word break. `+` and `#` stay
 *     inside words (C++, C#).
 *  3. A DMTF-style inversion is turned around: with exactly one comma, no brackets, one word before the comma
 *     (plus any level) and one to four words after it without "and"/"or", "Accountant, Cost" reads
 *     "Cost Accountant" and "Engineer, Software III" reads "Software Engineer III".
 *  4. A run of two or more single-letter words is one word: "A/V", "I.T." → av, it.
 *  5. Known split spellings are joined (table `JOINED_WORDS`): "Dev Ops" → devops, "X Ray" → xray.
 *  6. Abbreviations expand (table `ABBREVIATIONS`): Sr/Snr → senior, Jr → junior, Mgr → manager, VP → vice
 *     president, Ops → operations, Assoc → associate, Asst → assistant, Dir → director, …; Eng/Engr, Dev,
 *     Admin, Tech, Mech and Elec expand to the person ("engineer") when they are the head word (the last
 *     word before any level) and to the field ("engineering") when another word follows them.
 *  7. Roman numerals become digits (III ≡ 3): II, III and VI–XX anywhere but the first word; I, IV and V,
 *     which are also words or initials ("Title I Director", "IV Nurse"), only as the last word of a title of
 *     two or more words ("Engineer I" → engineer 1, "Nurse IV" → nurse 4). A lone X stays a letter
 *     ("Group X"); CIV, MIX, DI … are not level numerals and stay words. Leading zeros of numbers are
 *     dropped ("Level 03" ≡ "Level 3").
 *  8. Compounds written apart are joined: a prefix (non, pre, co, sub, semi, multi, anti, cyber, electro,
 *     ultra, counter) with the next word, and a word with a following person/man/maker/worker/keeper/fitter/
 *     layer/fighter/giver/taker/tender/master/care ("Sales Person" ≡ "Salesperson", "Health Care" ≡
 *     "Healthcare"); joins chain ("Child Care Worker" ≡ "Childcare Worker" ≡ childcareworker).
 *  9. Words are joined by single spaces.
 * Nothing else changes: no stemming ("Manager" ≠ "Management"), no other reordering, no stop words.
 */
export function aliasKey(text: string): string {
  // Most titles are ASCII plus dashes and quotes: they skip Unicode normalisation, which costs more than the rest.
  let folded = text.toLowerCase()
  if (tokenize(folded, false) === null) {
    folded = text.normalize('NFKD').replace(MARKS, '').toLowerCase()
    folded = folded.replace(FOLDED_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
  }
  const words = uninvert(folded) ?? tokenize(folded, true)!
  return joinCompounds(expandWords(joinSpellings(joinSingleLetters(words)))).join(' ')
}

const BREAK = 0
const WORD = 1
const SKIP = 2
const AND = 3
const UNKNOWN = 4

/** What one UTF-16 unit is to the tokenizer; UNKNOWN (a non-ASCII letter or symbol) needs Unicode folding. */
function charKind(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 35) return WORD
  if (c < 128) return c === 39 || c === 96 ? SKIP : c === 38 ? AND : BREAK
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0xb4) return SKIP
  // No-break space, « » · and the General Punctuation block (dashes, quotes, bullets, spaces), minus, BOM.
  if (c === 0xa0 || c === 0xab || c === 0xbb || c === 0xb7 || (c >= 0x2000 && c <= 0x206f) || c === 0x2212 || c === 0x3000 || c === 0xfeff) {
    return BREAK
  }
  return UNKNOWN
}

/**
 * Splits lower-cased text into words (rule 2). Without `unicode`, returns null at the first character that
 * needs Unicode folding; with it, any other letter or digit is part of a word and anything else a break.
 */
function tokenize(text: string, unicode: boolean): string[] | null {
  const words: string[] = []
  let word = ''
  let start = 0
  const end = (i: number) => {
    word += text.slice(start, i)
    if (word.length > 0) words.push(word)
    word = ''
    start = i + 1
  }
  for (let i = 0; i < text.length; i++) {
    let kind = charKind(text.charCodeAt(i))
    if (kind === UNKNOWN) {
      if (!unicode) return null
      const point = text.codePointAt(i)!
      const char = String.fromCodePoint(point)
      kind = LETTER_OR_DIGIT.test(char) ? WORD : BREAK
      if (point > 0xffff) {
        // A letter outside the BMP takes two units; a break ends the word before it and skips both.
        if (kind === BREAK) end(i)
        i++
        if (kind === BREAK) start = i + 1
        continue
      }
    }
    if (kind === WORD) continue
    if (kind === SKIP) {
      word += text.slice(start, i)
      start = i + 1
    } else {
      end(i)
      if (kind === AND) words.push('and')
    }
  }
  end(text.length)
  return words
}

/** "accountant, cost" → [cost, accountant]; null when the text is not a single inversion (rule 3). */
function uninvert(text: string): string[] | null {
  const comma = text.indexOf(',')
  if (comma < 0 || text.indexOf(',', comma + 1) >= 0 || text.includes('(') || text.includes('[')) return null
  const before = tokenize(text.slice(0, comma), true)!
  const after = tokenize(text.slice(comma + 1), true)!
  if (before.length === 0 || after.length === 0 || after.length > 4) return null
  if (!before.slice(1).every(isNumeralOrNumber) || isNumeralOrNumber(before[0]!)) return null
  if (after.includes('and') || after.includes('or')) return null
  let levelsFrom = after.length
  while (levelsFrom > 0 && isNumeralOrNumber(after[levelsFrom - 1]!)) levelsFrom--
  if (levelsFrom === 0) return null
  return [...after.slice(0, levelsFrom), before[0]!, ...before.slice(1), ...after.slice(levelsFrom)]
}

function isNumeralOrNumber(word: string): boolean {
  return isDigits(word) || MULTI_LETTER_NUMERALS.has(word) || FINAL_ONLY_NUMERALS.has(word)
}

function isDigits(word: string): boolean {
  if (word.length === 0) return false
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i)
    if (code < 48 || code > 57) return false
  }
  return true
}

function isSingleLetter(word: string | undefined): boolean {
  if (word === undefined || word.length !== 1) return false
  const code = word.charCodeAt(0)
  return (code >= 97 && code <= 122) || (code > 127 && /\p{L}/u.test(word))
}

function joinSingleLetters(words: string[]): string[] {
  let hasRun = false
  for (let i = 0; i + 1 < words.length; i++) {
    if (isSingleLetter(words[i]) && isSingleLetter(words[i + 1])) {
      hasRun = true
      break
    }
  }
  if (!hasRun) return words
  const joined: string[] = []
  let run = ''
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (isSingleLetter(word) && (run.length > 0 || isSingleLetter(words[i + 1]))) {
      run += word
      continue
    }
    if (run.length > 0) joined.push(run)
    run = ''
    joined.push(word)
  }
  if (run.length > 0) joined.push(run)
  return joined
}

function joinSpellings(words: string[]): string[] {
  let joined: string[] | null = null
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (JOINED_FIRST_WORDS.has(word) && i + 1 < words.length) {
      const three = i + 2 < words.length ? JOINED_WORDS.get(`${word} ${words[i + 1]} ${words[i + 2]}`) : undefined
      const two = three === undefined ? JOINED_WORDS.get(`${word} ${words[i + 1]}`) : undefined
      if (three !== undefined || two !== undefined) {
        joined ??= words.slice(0, i)
        joined.push((three ?? two)!)
        i += three !== undefined ? 2 : 1
        continue
      }
    }
    joined?.push(word)
  }
  return joined ?? words
}

/** Rule 8: a prefix joins the next word, a person/man/… word joins the one before; joins chain left to right. */
function joinCompounds(words: string[]): string[] {
  let joined: string[] | null = null
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    const previous = joined === null ? words[i - 1]! : joined[joined.length - 1]!
    if (isCompoundPart(previous) && isCompoundPart(word) && (JOINING_PREFIXES.has(previous) || JOINING_SUFFIXES.has(word))) {
      joined ??= words.slice(0, i)
      joined[joined.length - 1] = previous + word
      continue
    }
    joined?.push(word)
  }
  return joined ?? words
}

function isCompoundPart(word: string): boolean {
  return word.length >= 2 && !isDigits(word)
}

function isLevelWord(word: string, index: number, count: number): boolean {
  return isDigits(word) || levelDigits(word, index, count) !== undefined
}

function levelDigits(word: string, index: number, count: number): string | undefined {
  if (index > 0) {
    const multi = MULTI_LETTER_NUMERALS.get(word)
    if (multi !== undefined) return multi
  }
  if (index === count - 1 && count >= 2) return FINAL_ONLY_NUMERALS.get(word)
  return undefined
}

function expandWords(words: string[]): string[] {
  // The head word is the last one that is not a level ("Sr Eng III": eng is the head).
  let head = words.length - 1
  while (head > 0 && isLevelWord(words[head]!, head, words.length)) head--
  const out: string[] = []
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!
    const digits = levelDigits(word, index, words.length)
    if (digits !== undefined) {
      out.push(digits)
    } else if (isDigits(word)) {
      out.push(word.length > 1 && word.charCodeAt(0) === 48 ? word.replace(/^0+(?=\d)/, '') : word)
    } else {
      const expansion = ABBREVIATIONS.get(word)
      if (expansion === undefined) out.push(word)
      else for (const part of (index >= head ? expansion.head : expansion.modifier).split(' ')) out.push(part)
    }
  }
  return out
}
