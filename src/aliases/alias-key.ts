// The normalised key of a title: two titles with the same key are the same alias. The key is meant for
// equality only (dedupe, conflict detection, matching), never for display. Every rule is listed in order in the
// JSDoc of `aliasKey`; the README ("Alias keys") repeats it for users.

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

/**
 * Abbreviations and their expansions. `head` is used when the token is the head noun of the title (the last
 * word, ignoring trailing level tokens), `modifier` when another word follows it: "Sys Admin" is a system
 * administrator but "Admin Assistant" an administrative assistant, "Software Eng" an engineer but
 * "Eng Manager" an engineering manager.
 */
interface Expansion {
  head: string
  modifier: string
}

function same(expansion: string): Expansion {
  return { head: expansion, modifier: expansion }
}

const ABBREVIATIONS: ReadonlyMap<string, Expansion> = new Map<string, Expansion>([
  ['sr', same('senior')],
  ['snr', same('senior')],
  ['jr', same('junior')],
  ['jnr', same('junior')],
  ['mgr', same('manager')],
  ['mngr', same('manager')],
  ['mgmt', same('management')],
  ['eng', { head: 'engineer', modifier: 'engineering' }],
  ['engr', { head: 'engineer', modifier: 'engineering' }],
  ['dev', { head: 'developer', modifier: 'development' }],
  ['ops', same('operations')],
  ['admin', { head: 'administrator', modifier: 'administrative' }],
  ['sysadmin', same('system administrator')],
  ['assoc', same('associate')],
  ['asst', same('assistant')],
  ['dir', same('director')],
  ['vp', same('vice president')],
  ['svp', same('senior vice president')],
  ['evp', same('executive vice president')],
  ['avp', same('assistant vice president')],
  ['gm', same('general manager')],
  ['exec', same('executive')],
  ['tech', { head: 'technician', modifier: 'technical' }],
  ['techn', same('technician')],
  ['mech', { head: 'mechanic', modifier: 'mechanical' }],
  ['elec', { head: 'electrician', modifier: 'electrical' }],
  ['rep', same('representative')],
  ['coord', same('coordinator')],
  ['spec', same('specialist')],
  ['supv', same('supervisor')],
  ['supvr', same('supervisor')],
  ['insp', same('inspector')],
  ['tchr', same('teacher')],
  ['maint', same('maintenance')],
  ['dept', same('department')],
  ['svc', same('service')],
  ['svcs', same('services')],
  ['mfg', same('manufacturing')],
  ['mktg', same('marketing')],
  ['lab', same('laboratory')],
  ['hr', same('human resources')],
  ['it', same('information technology')],
  ['qa', same('quality assurance')],
  ['sw', same('software')],
])

/** Two-token spellings of one word ("Dev Ops", "Dev-Ops"), joined before abbreviations are expanded. */
const JOINED_WORDS: ReadonlyMap<string, string> = new Map([
  ['dev ops', 'devops'],
  ['dev sec ops', 'devsecops'],
  ['fin ops', 'finops'],
  ['ml ops', 'mlops'],
])

/** Roman numerals that become digits anywhere except as the first word. */
const MULTI_LETTER_NUMERALS: ReadonlyMap<string, string> = new Map(
  ['ii', 'iii', 'vi', 'vii', 'viii', 'ix', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'].map(
    (numeral) => [numeral, String(romanValue(numeral))],
  ),
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

const APOSTROPHES = /['’‘`´ʼ]/g
const MARKS = /\p{M}/gu
// Everything that is not a letter, a digit, or part of a name like C++ / C# separates words.
const SEPARATORS = /[^\p{L}\p{N}+#]+/gu
const SINGLE_LETTER = /^\p{L}$/u
const DIGITS = /^\d+$/

/**
 * The normalised key of an alias or title, used for dedupe within a role and conflict detection across roles.
 * Rules, in order:
 *  1. Unicode: NFKD, combining marks removed (é → e), a few letters folded (ß → ss, æ → ae, ø → o …), lower case.
 *  2. `&` reads "and"; apostrophes are removed ("Bachelor's" → bachelors); every other run of punctuation,
 *     dashes of any kind (- – — ‑), slashes, brackets and whitespace is one word break. `+` and `#` stay
 *     inside words (C++, C#).
 *  3. A run of two or more single-letter words is one word: "A/V", "I.T." → av, it.
 *  4. Known two-word spellings are joined: "Dev Ops" → devops.
 *  5. Abbreviations expand (table `ABBREVIATIONS`): Sr/Snr → senior, Jr → junior, Mgr → manager, VP → vice
 *     president, Ops → operations, Assoc → associate, Asst → assistant, Dir → director, …; Eng/Engr, Dev,
 *     Admin, Tech, Mech and Elec expand to the person ("engineer") when they are the head word and to the
 *     field ("engineering") when another word follows them.
 *  6. Roman numerals become digits (III ≡ 3): II, III and VI–XX anywhere but the first word; I, IV and V,
 *     which are also words or initials ("Title I Director", "IV Nurse"), only as the last word of a title of
 *     two or more words ("Engineer I" → engineer 1, "Nurse IV" → nurse 4). A lone X stays a letter
 *     ("Group X"); CIV, MIX, DI … are not level numerals and stay words.
 *     Leading zeros of numbers are dropped ("Level 03" ≡ "Level 3").
 *  7. Words are joined by single spaces.
 * Nothing else changes: no stemming ("Manager" ≠ "Management"), no reordering, no stop words.
 */
export function aliasKey(text: string): string {
  let folded = text.normalize('NFKD').replace(MARKS, '').toLowerCase()
  folded = folded.replace(/[ßæœøłđðþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
  folded = folded.replace(/&/g, ' and ').replace(APOSTROPHES, '')
  const words = folded.split(SEPARATORS).filter((word) => word.length > 0)
  return expandWords(joinTwoWordSpellings(joinSingleLetters(words))).join(' ')
}

function joinSingleLetters(words: string[]): string[] {
  const joined: string[] = []
  let run = ''
  const flush = (): void => {
    if (run.length > 0) joined.push(run)
    run = ''
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    const single = SINGLE_LETTER.test(word)
    const runContinues = single && (run.length > 0 || SINGLE_LETTER.test(words[i + 1] ?? ''))
    if (runContinues) {
      run += word
    } else {
      flush()
      joined.push(word)
    }
  }
  flush()
  return joined
}

function joinTwoWordSpellings(words: string[]): string[] {
  const joined: string[] = []
  for (let i = 0; i < words.length; i++) {
    const three = JOINED_WORDS.get(`${words[i]} ${words[i + 1]} ${words[i + 2]}`)
    if (three !== undefined && i + 2 < words.length) {
      joined.push(three)
      i += 2
      continue
    }
    const two = JOINED_WORDS.get(`${words[i]} ${words[i + 1]}`)
    if (two !== undefined && i + 1 < words.length) {
      joined.push(two)
      i += 1
      continue
    }
    joined.push(words[i]!)
  }
  return joined
}

function isLevelWord(word: string, index: number, count: number): boolean {
  return DIGITS.test(word) || levelDigits(word, index, count) !== undefined
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
  words.forEach((word, index) => {
    const digits = levelDigits(word, index, words.length)
    if (digits !== undefined) {
      out.push(digits)
      return
    }
    if (DIGITS.test(word)) {
      out.push(word.replace(/^0+(?=\d)/, ''))
      return
    }
    const expansion = ABBREVIATIONS.get(word)
    if (expansion === undefined) {
      out.push(word)
      return
    }
    out.push(index >= head ? expansion.head : expansion.modifier)
  })
  return out
}
