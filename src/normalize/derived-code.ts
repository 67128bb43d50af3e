// A code for a page that declares none. It must be stable across runs and machines (it is the role's identity
// in the canon), so it depends only on what the page says, never on its file name or the order of pages.

import { createHash } from 'node:crypto'

/**
 * Derived code rule: `<INITIALS>.<HASH>.<LEVEL>`.
 *  - INITIALS: the first letter of the function (if any) and of each word of the discipline, upper case, at
 *    most 5 letters (`Engineering`/`DevOps Engineering` → `EDE`; `Software Engineer` → `SE`).
 *  - HASH: the first 4 hex digits (upper case) of SHA-256 over the role name — function, discipline and track,
 *    lower-cased, joined with `|` — so that two disciplines with the same initials (Software / Security
 *    Engineer) still get different codes, and every level of one role shares it.
 *  - LEVEL: the level code (`IC3`, `L2`, `G5`); else the seniority word dropped from the title (`SENIOR`), so
 *    "Senior Backend Engineer" and "Backend Engineer" differ; else `X`.
 */
export function deriveCode(parts: {
  function: string | null
  discipline: string | null
  track: string | null
  levelCode: string | null
  seniority?: string | null
}): string {
  const words = [parts.function ? firstWord(parts.function) : '', ...(parts.discipline ?? '').split(/[\s/&-]+/)]
  const initials = words
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').charAt(0))
    .filter((c) => c !== '')
    .join('')
    .toUpperCase()
    .normalize('NFKD')
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 5)
  const name = [parts.function, parts.discipline, parts.track].map((p) => (p ?? '').trim().toLowerCase().replace(/\s+/g, ' ')).join('|')
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 4).toUpperCase()
  const level = (parts.levelCode ?? parts.seniority ?? 'X').toUpperCase().replace(/[^A-Z0-9]/g, '') || 'X'
  return `${initials || 'R'}.${hash}.${level}`
}

function firstWord(text: string): string {
  return text.trim().split(/\s+/)[0] ?? ''
}
