// One page in, its role profiles out: decode → detect → extract → parse → normalize. Pure (no I/O); the build
// and `canon parse` call it per page, directly or from worker threads.

import type { DraftProfile, Finding, PageInput, PageResult } from '../model/index.js'
import { decodeBytes } from '../extract/decode.js'
import { detectSourceKind, isDataKind } from '../extract/detect-format.js'
import { SOURCE_PROFILE_FILE } from '../extract/source-profile.js'
import { htmlRows, readableRows, truncationFinding } from '../extract/html.js'
import { readMarkdown } from '../extract/markdown.js'
import { textToRows } from '../extract/rows.js'
import { normalizeDraft } from '../normalize/normalize-draft.js'
import { applySourceProfile } from './apply-source-profile.js'
import { readCanonAppPage } from './canon-app.js'
import { parseCareerRows } from './career-page.js'
import { readDataFile } from './data/read-data-file.js'
import { readDeclaredLayout } from './declared-layout.js'
import { isFrameworkYaml, parseFrameworkYaml } from './framework-yaml.js'

/** Parses one page into RoleProfiles; never throws for bad input (it is quarantined with a reason instead). */
export function parsePage(input: PageInput): PageResult {
  try {
    return parsePageUnguarded(input)
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

function parsePageUnguarded(input: PageInput): PageResult {
  const reject = (reason: string): PageResult => ({
    path: input.path,
    profiles: [],
    rejected: [{ file: input.path, stage: 'parse', message: `${input.path}: ${reason}` }],
    warnings: [],
  })
  const decoded = decodeBytes(input.bytes)
  if (!decoded.ok) return reject(decoded.reason)

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
      // A source profile that says where roles and levels are is followed first (declared-layout.ts).
      drafts = readDeclaredLayout(kind, decoded.text, input.sourceProfile) ?? extractDrafts(input.path, decoded.text, pageFindings)
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
