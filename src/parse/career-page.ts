// parse, other career-framework pages (HTML main content, Markdown bodies, plain text): rows → DraftProfiles.
// These pages declare a title, perhaps a level, and expectation statements grouped under headings. The
// statements become components tagged with their group headings; a page made of "Level N" sections yields one
// profile per level.

import type { DraftComponent, DraftProfile, PageFormat } from '../model/index.js'
import type { Row } from '../extract/rows.js'
import { levelCodeInTitle } from '../normalize/title.js'

export interface CareerPageOptions {
  format: PageFormat
  /** Title to use when the content has no heading (front matter title, Readability's or the document's title). */
  fallbackTitle: string | null
  /** A title the page declares outside its content (Markdown front matter); wins over headings. */
  declaredTitle?: string | null
  /** Component kind for statements whose headings name none (`responsibility`). */
  defaultKind: string
}

const LEVEL_HEADING = /^level\s+(\d{1,2})\b/i
// A heading that ends with one of these names the kind of the statements under it ("Responsibilities",
// "Junior Fullstack Engineer Requirements").
const KIND_HEADINGS: [RegExp, string][] = [
  [/\bresponsibilit(?:y|ies)$/i, 'responsibility'],
  [/\b(?:requirements?|qualifications?)$/i, 'qualification'],
  [/\bskills?$/i, 'skill'],
  [/^knowledge$/i, 'knowledge'],
  [/\btasks?$/i, 'task'],
  [/\bcompetenc(?:y|ies)$/i, 'competency'],
]

/** A heading that introduces one subsection per level ("Levels", "Job levels"). */
const LEVELS_HEADING = /^(?:job |career |role )?levels$/i
/** "The Junior Backend Engineer is grade 5": a job grade stated in a level section. */
const GRADE = /\bgrade\s+(\d{1,2})\b/i

/** Heading text without leading emoji or symbols ("🏆 Results" → "Results"). */
export function cleanHeading(text: string): string {
  return text
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Reads a career page's rows into one DraftProfile, or one per level section ("Level N", or under "Levels"). */
export function parseCareerRows(rows: readonly Row[], options: CareerPageOptions): DraftProfile[] {
  // The title: the declared one (front matter) if any, else the first heading that is not a level heading.
  let titleIndex = rows.findIndex((r) => r.kind === 'heading')
  if (titleIndex >= 0 && LEVEL_HEADING.test(cleanHeading(rows[titleIndex]!.text))) titleIndex = -1
  if (options.declaredTitle && titleIndex >= 0 && cleanHeading(rows[titleIndex]!.text) !== cleanHeading(options.declaredTitle)) titleIndex = -1
  // Plain text marks no headings: its first line that is not a list item is the title.
  if (titleIndex < 0 && options.format === 'text' && !options.declaredTitle) titleIndex = rows.findIndex((r) => r.kind === 'text')
  const title = options.declaredTitle ?? (titleIndex >= 0 ? rows[titleIndex]!.text : options.fallbackTitle)
  const body = titleIndex >= 0 ? rows.slice(titleIndex + 1) : [...rows]

  const levelHeadings = body
    .map((row, index) => ({ row, index, match: row.kind === 'heading' ? LEVEL_HEADING.exec(cleanHeading(row.text)) : null }))
    .filter((h) => h.match !== null)
  const depths = new Set(levelHeadings.map((h) => h.row.depth))
  if (levelHeadings.length >= 2 && depths.size === 1) {
    const base = baseTitle(title)
    return levelHeadings.map((heading, i) => {
      const end = i + 1 < levelHeadings.length ? levelHeadings[i + 1]!.index : sectionEnd(body, heading.index)
      const n = Number(heading.match![1])
      const draft = emptyDraft(options.format, base ? `${base} Level ${n}` : `Level ${n}`)
      draft.level = { code: `L${n}`, name: `Level ${n}`, descriptor: null, fields: [] }
      readStatements(body.slice(heading.index + 1, end), heading.row.depth, draft, options.defaultKind)
      return draft
    })
  }

  // "## Levels" followed by one subsection per level (job-family pages): one profile per subsection, with the
  // statements before the levels (shared by all of them) added to each.
  const levelsIndex = body.findIndex((r) => r.kind === 'heading' && LEVELS_HEADING.test(cleanHeading(r.text)))
  if (levelsIndex >= 0) {
    const depth = body[levelsIndex]!.depth ?? 0
    const end = sectionEnd(body, levelsIndex)
    const subsections = body
      .map((row, index) => ({ row, index }))
      .filter(({ row, index }) => index > levelsIndex && index < end && row.kind === 'heading' && row.depth === depth + 1)
    if (subsections.length >= 2) {
      const shared = emptyDraft(options.format, title)
      readStatements(body.slice(0, levelsIndex), titleIndex >= 0 ? rows[titleIndex]!.depth : null, shared, options.defaultKind)
      return subsections.map(({ row, index }, i) => {
        const sectionRows = body.slice(index + 1, i + 1 < subsections.length ? subsections[i + 1]!.index : end)
        const draft = emptyDraft(options.format, cleanHeading(row.text))
        const grade = sectionRows.map((r) => GRADE.exec(r.text)).find((m) => m !== null)
        const levelCode = grade ? `G${Number(grade[1])}` : levelCodeInTitle(draft.title!)
        if (levelCode) draft.level = { code: levelCode, name: grade ? `Grade ${Number(grade[1])}` : null, descriptor: null, fields: [] }
        readStatements(sectionRows, row.depth, draft, options.defaultKind, draft.title)
        draft.summary ??= shared.summary
        draft.components.push(...shared.components.map((c) => ({ ...c, tags: [...c.tags] })))
        return draft
      })
    }
  }

  const draft = emptyDraft(options.format, title)
  const levelCode = title ? levelCodeInTitle(title) : null
  if (levelCode) draft.level = { code: levelCode, name: null, descriptor: null, fields: [] }
  readStatements(body, titleIndex >= 0 ? rows[titleIndex]!.depth : null, draft, options.defaultKind)
  return [draft]
}

/** "🛠️ Backend Engineering Framework" → "Backend Engineering": a framework's name is not a role's. */
export function baseTitle(title: string | null): string | null {
  if (!title) return null
  const cleaned = cleanHeading(title)
    .replace(/\s+(?:progression |career |competency )?framework$/i, '')
    .trim()
  return cleaned === '' ? null : cleaned
}

function sectionEnd(rows: readonly Row[], start: number): number {
  const depth = rows[start]!.depth ?? 0
  for (let i = start + 1; i < rows.length; i++) {
    const row = rows[i]!
    if (row.kind === 'heading' && (row.depth ?? 0) <= depth) return i
  }
  return rows.length
}

/**
 * Statements of a section: list items, tagged with the headings above them (below `baseDepth`) and the bold
 * label that introduces their list; in a subsection without any list, each paragraph is a statement.
 */
function readStatements(rows: readonly Row[], baseDepth: number | null, draft: DraftProfile, defaultKind: string, sectionTitle: string | null = null): void {
  const stack: { depth: number; text: string }[] = []
  let label: string | null = null
  let pendingParagraphs: string[] = []
  let itemsInSubsection = 0
  const tags = () => [...stack.map((h) => h.text), ...(label ? [label] : [])]
  const kind = () => {
    for (const heading of [...stack].reverse()) {
      for (const [pattern, k] of KIND_HEADINGS) if (pattern.test(heading.text)) return k
    }
    return defaultKind
  }
  // Paragraphs are statements only in sections that have no lists at all (prose frameworks); elsewhere a
  // paragraph under a heading is context ("The Junior Engineer is grade 5"), not an expectation.
  const prose = !rows.some((r) => r.kind === 'item')
  const flushParagraphs = () => {
    if (prose && itemsInSubsection === 0 && stack.length > 0) {
      for (const text of pendingParagraphs) draft.components.push({ kind: kind(), text, tags: stack.map((h) => h.text) })
    } else if (draft.summary === null && stack.length === 0 && pendingParagraphs.length > 0) {
      draft.summary = pendingParagraphs[0]!
    }
    pendingParagraphs = []
    itemsInSubsection = 0
  }

  rows.forEach((row, i) => {
    if (row.kind === 'heading') {
      flushParagraphs()
      const depth = row.depth ?? 0
      if (baseDepth !== null && depth < baseDepth) return
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop()
      let text = cleanHeading(row.text)
      // "Junior Site Reliability Engineer Responsibilities" under "Junior Site Reliability Engineer" → "Responsibilities"
      if (sectionTitle && text.startsWith(`${sectionTitle} `)) text = text.slice(sectionTitle.length + 1)
      if (text !== '') stack.push({ depth, text })
      label = null
      return
    }
    if (row.kind === 'item') {
      const component: DraftComponent = { kind: kind(), text: row.text, tags: tags() }
      draft.components.push(component)
      itemsInSubsection++
      return
    }
    if (row.kind === 'header') return
    const next = rows[i + 1]
    if (row.lead && next?.kind === 'item') {
      label = cleanHeading(row.lead)
      return
    }
    if (draft.summary === null && stack.length === 0 && draft.components.length === 0) {
      draft.summary = row.text
      return
    }
    pendingParagraphs.push(row.text)
  })
  flushParagraphs()
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
