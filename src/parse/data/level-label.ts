// parse, structured ladder files: what counts as a level label in a column header or a mapping key ("IC3",
// "L5", "GS-13", "Level 2", "Grade IV", "Senior"). A small recogniser for data files, where a label stands alone;
// pages' headings are segmented elsewhere.
// Overlaps the page rules (LEVEL_CODE_SOURCE and SENIORITY in src/vocabulary/page-words.ts, levelFromText in
// src/parse/outline-reader.ts), which are wider (APS 6, EL1, SEO/HEO, codes with a letter after the number) and
// give worded levels a name ("Grade 6" → G6 named Grade 6). Not yet unified: doing so changes which CSV headers
// and mapping keys read as levels, which wants its own test pass over the data-file fixtures.

/** Ladder codes: letters then a number (IC3, L10, P2, M4, TPM5, GS-13, G7, EL1, APS6). */
const LADDER_CODE = /^[A-Z]{1,4}[- ]?\d{1,2}$/
/** A level word and its number or roman numeral (Level 2, Grade IV, Band 3, Step 1). */
const WORDED_LEVEL = /^(?:level|grade|band|step|tier|rung|milestone|stage)\s*[-:#]?\s*(?:\d{1,2}|[ivx]{1,5})$/i
/** Seniority on its own, the way a matrix names its columns. */
const SENIORITY =
  /^(?:junior|associate|entry(?:[- ]level)?|graduate|intern|mid(?:[- ]level)?|intermediate|senior|staff|senior staff|principal|senior principal|distinguished|fellow|lead|head|director|senior director|vp|vice president|executive)$/i

/** Whether `text` alone names a level (a ladder code, "Level 2", a seniority word); a bare number does not. */
export function isLevelLabel(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim()
  if (t === '' || t.length > 24) return false
  return LADDER_CODE.test(t) || WORDED_LEVEL.test(t) || SENIORITY.test(t)
}

/**
 * The level code a label stands for: a ladder code as written (`GS 13` → `GS-13`), `Level 2` → `L2`, a number
 * → `L<n>`; other labels (seniority words, names) have no code and are kept as the level's name.
 */
export function levelCodeOf(label: string): string | null {
  const t = label.replace(/\s+/g, ' ').trim()
  if (/^\d{1,2}$/.test(t)) return `L${Number(t)}`
  if (LADDER_CODE.test(t)) return t.replace(' ', '-')
  const worded = /^level\s*[-:#]?\s*(\d{1,2})$/i.exec(t)
  if (worded) return `L${Number(worded[1])}`
  return null
}
