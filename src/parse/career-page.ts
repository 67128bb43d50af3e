// parse, shared pieces of the career-page readers: heading text without decoration, a framework's name
// without the word "framework", and an empty draft. Pages other than canon-app pages and YAML frameworks are
// read through their outline (outline-reader.ts).

import type { DraftProfile, PageFormat } from '../model/index.js'

/** Heading text without leading emoji or symbols ("🏆 Results" → "Results"). */
export function cleanHeading(text: string): string {
  return text
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** "🛠️ Backend Engineering Framework" → "Backend Engineering": a framework's name is not a role's. */
export function baseTitle(title: string | null): string | null {
  if (!title) return null
  const cleaned = cleanHeading(title)
    .replace(/\s+(?:progression |career |competency )?framework$/i, '')
    .trim()
  return cleaned === '' ? null : cleaned
}

function emptyDraft(format: PageFormat, title: string | null): DraftProfile {
  return {
    format,
    title,
    code: null,
    badges: null,
    level: null,
    summary: null,
    story: null,
    components: [],
    sectionCounts: [],
    coreOutputs: [],
    adjacentRoles: [],
    aliases: [],
    classifications: [],
    findings: [],
  }
}

export { emptyDraft }
