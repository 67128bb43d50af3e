// One page in, its role profiles out: decode → detect → extract → parse → normalize. Pure (no I/O); the build
// and `canon parse` call it per page, directly or from worker threads.

import type { DraftProfile, Finding, PageInput, PageResult } from '../model/index.js'
import { decodeBytes } from '../extract/decode.js'
import { detectSourceKind } from '../extract/detect-format.js'
import { htmlRows, readableRows, truncationFinding } from '../extract/html.js'
import { readMarkdown } from '../extract/markdown.js'
import { textToRows } from '../extract/rows.js'
import { normalizeDraft } from '../normalize/normalize-draft.js'
import { readCanonAppPage } from './canon-app.js'
import { parseCareerRows } from './career-page.js'
import { isFrameworkYaml, parseFrameworkYaml } from './framework-yaml.js'

/** Per-page limits parsePage enforces itself (the time budget is the worker pool's: see worker-pool.ts). */
export interface ParseLimits {
  /** Largest number of HTML elements (start tags) a page may have; over it, the page is quarantined unparsed. */
  maxElements?: number
}

/** Longest title a role may have: longer is a heading left open (`<h1>…</h2>` swallowing the page), not a title. */
export const MAX_TITLE_LENGTH = 200

/** Default element budget: real role pages have hundreds; a page with a million tags would take minutes and gigabytes. */
export const DEFAULT_MAX_PAGE_ELEMENTS = 50_000

/** Parses one page into RoleProfiles; never throws for bad input (it is quarantined with a reason instead). */
export function parsePage(input: PageInput, limits: ParseLimits = {}): PageResult {
  try {
    return parsePageUnguarded(input, limits.maxElements ?? DEFAULT_MAX_PAGE_ELEMENTS)
  } catch (error) {
    // A parser bug on one page must not stop the batch: quarantine the page with the reason.
    const reason = error instanceof Error ? error.message : String(error)
    return {
      path: input.path,
      profiles: [],
      rejected: [{ file: input.path, stage: 'parse', message: `${input.path}: the parser failed on this page (${reason})` }],
      warnings: [],
    }
  }
}

/** Whether `text` has more than `max` start tags (`<` then a letter), counted up to max + 1 only. */
function overElementBudget(text: string, max: number): boolean {
  let count = 0
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const next = text.charCodeAt(at + 1) | 0x20
    if (next >= 0x61 && next <= 0x7a && ++count > max) return true
  }
  return false
}

function parsePageUnguarded(input: PageInput, maxElements: number): PageResult {
  const reject = (reason: string): PageResult => ({
    path: input.path,
    profiles: [],
    rejected: [{ file: input.path, stage: 'parse', message: `${input.path}: ${reason}` }],
    warnings: [],
  })
  const decoded = decodeBytes(input.bytes)
  if (!decoded.ok) return reject(decoded.reason)
  // Parse time and memory grow with the element count (the square of it for some nestings): a page over the
  // budget is refused before any parser sees it.
  if (overElementBudget(decoded.text, maxElements)) {
    return reject(`has more than ${maxElements} HTML elements, the per-page budget (--max-page-elements); quarantined unparsed`)
  }

  let drafts: DraftProfile[]
  const pageFindings: Finding[] = [...decoded.findings]
  try {
    drafts = extractDrafts(input.path, decoded.text, pageFindings)
  } catch (error) {
    return reject(`cannot be read: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (drafts.length === 0) return reject('no role found (no title, level sections or framework topics)')

  const result: PageResult = { path: input.path, profiles: [], rejected: [], warnings: [] }
  const source = (format: string) => ({ path: input.path, format, contentHash: input.contentHash })
  for (const draft of drafts) {
    if (!draft.title || draft.title.trim() === '') {
      result.rejected.push({
        file: input.path,
        stage: 'parse',
        message: `${input.path}: no recognisable title (expected a heading, or the line above the role code on a canon-app page); add a title to the page`,
      })
      continue
    }
    const length = [...draft.title.trim()].length
    if (length > MAX_TITLE_LENGTH) {
      result.rejected.push({
        file: input.path,
        stage: 'parse',
        message: `${input.path}: the title is ${length} characters, over the ${MAX_TITLE_LENGTH}-character limit (a heading left open?); fix the page's heading`,
      })
      continue
    }
    const profile = normalizeDraft(draft, source(draft.format), pageFindings)
    result.profiles.push(profile)
    for (const finding of profile.findings) {
      if (finding.severity !== 'info') result.warnings.push({ ...finding, file: input.path })
    }
  }
  return result
}

function extractDrafts(path: string, text: string, pageFindings: Finding[]): DraftProfile[] {
  const kind = detectSourceKind(path, text)
  if (kind === 'text') {
    const rows = textToRows(text)
    const canon = readCanonAppPage(rows, 'canon-app-text')
    if (canon) return [canon]
    return parseCareerRows(rows, { format: 'text', fallbackTitle: null, defaultKind: 'responsibility' })
  }
  if (kind === 'markdown') {
    const { frontMatter, rows } = readMarkdown(text)
    const fmTitle = frontMatterTitle(frontMatter)
    if (isFrameworkYaml(frontMatter)) return parseFrameworkYaml(frontMatter, fmTitle)
    const canon = readCanonAppPage(rows, 'canon-app-text')
    if (canon) return [canon]
    return parseCareerRows(rows, { format: 'markdown', declaredTitle: fmTitle, fallbackTitle: null, defaultKind: 'responsibility' })
  }
  const truncated = truncationFinding(text)
  if (truncated) pageFindings.push(truncated)
  const rows = htmlRows(text)
  const canon = readCanonAppPage(rows, 'canon-app-html')
  if (canon) return [canon]
  const readable = readableRows(text)
  const contentRows = readable?.rows ?? rows
  return parseCareerRows(contentRows, {
    format: 'html',
    fallbackTitle: readable?.title ?? readable?.documentTitle ?? null,
    defaultKind: 'responsibility',
  })
}

function frontMatterTitle(frontMatter: unknown): string | null {
  if (frontMatter && typeof frontMatter === 'object') {
    const title = (frontMatter as { title?: unknown }).title
    if (typeof title === 'string' && title.trim() !== '') return title.trim()
  }
  return null
}
