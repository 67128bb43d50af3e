// One page in, its role profiles out: decode → detect → extract → parse → normalize. Pure (no I/O); the build
// and `canon parse` call it per page, directly or from worker threads.

import type { DraftProfile, Finding, PageInput, PageResult, SourceProfile } from '../model/index.js'
import { decodeBytes } from '../extract/decode.js'
import { detectSourceKind, isDataKind } from '../extract/detect-format.js'
import { htmlRows, readableOutline, truncationFinding } from '../extract/html.js'
import { markdownDocument, type Outline, textOutline } from '../extract/outline.js'
import { htmlToRows, textToRows } from '../extract/rows.js'
import { SOURCE_PROFILE_FILE } from '../extract/source-profile.js'
import { normalizeDraft } from '../normalize/normalize-draft.js'
import { applySourceProfile } from './apply-source-profile.js'
import { readCanonAppPage } from './canon-app.js'
import { readDataFile } from './data/read-data-file.js'
import { readDeclaredLayout } from './declared-layout.js'
import { isFrameworkYaml, parseFrameworkYaml } from './framework-yaml.js'
import { type OutlineReading, readOutline } from './outline-reader.js'

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
  // Structured files (YAML, JSON, CSV, program source) are read as data, never as lines of text.
  const kind = detectSourceKind(input.path, decoded.text)
  if (isDataKind(kind)) {
    const name = input.path.split('/').pop()?.toLowerCase()
    if (name === SOURCE_PROFILE_FILE) return reject('is a source profile (how to read the pages in its folder and below), not a page')
    if (name === 'canon-source.yml') return reject(`looks like a source profile, but discover reads only files named ${SOURCE_PROFILE_FILE}; rename it`)
    const reading = readDataFile(kind, decoded.text, input.sourceProfile ?? null)
    if (!reading.ok) return reject(reading.reason)
    drafts = reading.drafts
  } else {
    try {
      // A source profile's table columns are followed first (declared-layout.ts); its headings, sections and
      // ignore list by the outline reader.
      drafts = readDeclaredLayout(kind, decoded.text, input.sourceProfile) ?? extractDrafts(input.path, decoded.text, pageFindings, input.sourceProfile ?? null)
    } catch (error) {
      return reject(`cannot be read: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  if (input.sourceProfile) drafts = applySourceProfile(drafts, input.sourceProfile)
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

function extractDrafts(path: string, text: string, pageFindings: Finding[], source: SourceProfile | null): DraftProfile[] {
  const read = readPageOutline(path, text, pageFindings, source)
  return 'drafts' in read ? read.drafts : read.reading.drafts
}

/** How a page was read: a canon-app or framework page's drafts, or the outline and what the reader made of it. */
export type PageReading = { kind: 'canon-app' | 'framework'; drafts: DraftProfile[] } | { kind: 'outline'; outline: Outline; reading: OutlineReading }

/**
 * Reads a page: canon-app pages and YAML frameworks by their own readers, every other page through its outline
 * (following its source profile, when it has one). Structured data files are not pages: see readDataFile.
 */
export function readPageOutline(path: string, text: string, pageFindings: Finding[] = [], source: SourceProfile | null = null): PageReading {
  const kind = detectSourceKind(path, text)
  if (kind === 'text') {
    const rows = textToRows(text)
    const canon = readCanonAppPage(rows, 'canon-app-text')
    if (canon) return { kind: 'canon-app', drafts: [canon] }
    const outline = textOutline(text)
    return { kind: 'outline', outline, reading: readOutline(outline, { format: 'text', fallbackTitle: null, defaultKind: 'responsibility', source }) }
  }
  if (kind === 'markdown') {
    const doc = markdownDocument(text)
    if (doc.repeatedKeys.length > 0) pageFindings.push(repeatedKeysFinding(doc.repeatedKeys))
    const fmTitle = frontMatterTitle(doc.frontMatter)
    if (isFrameworkYaml(doc.frontMatter)) return { kind: 'framework', drafts: parseFrameworkYaml(doc.frontMatter, fmTitle) }
    const canon = mayBeCanonApp(text) ? readCanonAppPage(htmlToRows(bodyOf(doc.root)), 'canon-app-text') : null
    if (canon) return { kind: 'canon-app', drafts: [canon] }
    const outline = doc.outline()
    return { kind: 'outline', outline, reading: readOutline(outline, { format: 'markdown', fallbackTitle: null, defaultKind: 'responsibility', source }) }
  }
  const truncated = truncationFinding(text)
  if (truncated) pageFindings.push(truncated)
  const rows = htmlRows(text)
  const canon = readCanonAppPage(rows, 'canon-app-html')
  if (canon) return { kind: 'canon-app', drafts: [canon] }
  const readable = readableOutline(text)
  return {
    kind: 'outline',
    outline: readable.outline,
    reading: readOutline(readable.outline, {
      format: 'html',
      fallbackTitle: readable.title ?? readable.documentTitle ?? null,
      defaultKind: 'responsibility',
      source,
    }),
  }
}

const CANON_SECTIONS = /\b(components|title aliases|classification mappings|the story of this role|level\s*[—–-])/gi

/** A canon-app page shows at least two of its section headings; a page without them need not be read as rows. */
function mayBeCanonApp(text: string): boolean {
  const seen = new Set<string>()
  for (const match of text.matchAll(CANON_SECTIONS)) {
    seen.add(match[1]!.toLowerCase().slice(0, 5))
    if (seen.size >= 2) return true
  }
  return false
}

function bodyOf(root: import('domhandler').AnyNode): import('domhandler').AnyNode {
  const children = 'children' in root ? (root.children as import('domhandler').AnyNode[]) : []
  for (const child of children) {
    if (child.type === 'tag' && (child as import('domhandler').Element).name === 'body') return child
    const found = child.type === 'tag' ? bodyOf(child) : null
    if (found && found !== child) return found
  }
  return root
}

/** Front matter that repeats a key is read (the last value wins, as YAML readers in site generators do), and said. */
function repeatedKeysFinding(keys: readonly string[]): Finding {
  return {
    severity: 'info',
    code: 'front-matter-repeated-key',
    field: 'frontMatter',
    message: `the front matter repeats ${keys.length === 1 ? 'the key' : 'the keys'} ${keys.map((k) => `"${k}"`).join(', ')}; the last value is used`,
  }
}

function frontMatterTitle(frontMatter: unknown): string | null {
  if (frontMatter && typeof frontMatter === 'object') {
    const title = (frontMatter as { title?: unknown }).title
    if (typeof title === 'string' && title.trim() !== '') return title.trim()
  }
  return null
}
