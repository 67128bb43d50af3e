// parse: a page read as its source profile lays it out, when the profile declares where the role and the level
// are — table columns (`role.column`, `level.column`) or heading depths (`role.heading`, `level.heading`).
// Pages without such a declaration, or whose content has none of it, are left to the general readers.

import { load } from 'cheerio/slim'
import { marked } from 'marked'
import { parse as parseYaml } from 'yaml'
import { htmlRows } from '../extract/html.js'
import { collapse, type Row } from '../extract/rows.js'
import type { DraftProfile, PageFormat, SourceProfile } from '../model/index.js'
import { cleanHeading, parseCareerRows } from './career-page.js'
import { readLadderTable } from './data/ladder-table.js'
import { documentRole } from './data/ladder-tree.js'

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/

/** Whether the profile says where a page's roles or levels are (so the declared layout is tried first). */
export function declaresLayout(source: SourceProfile): boolean {
  return source.role.column !== null || source.level.column !== null || source.role.heading !== null || source.level.heading !== null
}

/**
 * Drafts read by the declared layout, or null when there is no profile, it declares no layout, or the page has
 * none of it (no such column or heading). Text pages mark no headings or tables: always null.
 */
export function readDeclaredLayout(kind: 'html' | 'markdown' | 'text', text: string, source: SourceProfile | undefined): DraftProfile[] | null {
  if (!source || kind === 'text' || !declaresLayout(source)) return null
  const format: PageFormat = kind
  let html = text
  let declaredTitle: string | null = null
  if (kind === 'markdown') {
    const match = FRONT_MATTER.exec(text)
    if (match) {
      declaredTitle = frontMatterTitle(match[1]!)
      html = text.slice(match[0].length)
    }
    html = `<body>${marked.parse(html, { async: false, gfm: true })}</body>`
  }
  if (source.role.column !== null || source.level.column !== null) {
    const drafts = readDeclaredTables(html, format, source, declaredTitle)
    if (drafts.length > 0) return drafts
  }
  if (source.role.heading !== null || source.level.heading !== null) {
    const drafts = readDeclaredHeadings(htmlRows(html), format, source, declaredTitle)
    if (drafts.length > 0) return drafts
  }
  return null
}

/** Every table whose header has the declared columns, read as a ladder table. */
function readDeclaredTables(html: string, format: PageFormat, source: SourceProfile, declaredTitle: string | null): DraftProfile[] {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } })
  const pageTitle = declaredTitle ?? (collapse($('h1').first().text()).trim() || null)
  const drafts: DraftProfile[] = []
  $('table').each((_, table) => {
    const rows = $(table)
      .find('tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .children('th,td')
          .toArray()
          .map((cell) => collapse($(cell).text()).trim()),
      )
    const reading = readLadderTable(rows, {
      format,
      roleTitle: source.role.title ?? (source.role.column === null ? pageTitle : null),
      roleColumn: source.role.column,
      levelColumn: source.level.column,
    })
    if (reading.ok) drafts.push(...reading.drafts)
  })
  return drafts
}

/**
 * Sections under the declared headings: a role heading starts a role, a level heading (one the level order
 * names, when there is an order) a (role, level) profile whose statements are read as on any career page.
 */
function readDeclaredHeadings(rows: Row[], format: PageFormat, source: SourceProfile, declaredTitle: string | null): DraftProfile[] {
  const order = source.level.order.map((l) => l.toLowerCase())
  const isLevel = (row: Row) => {
    if (row.kind !== 'heading' || row.depth !== source.level.heading) return false
    if (order.length === 0) return true
    const heading = cleanHeading(row.text).toLowerCase()
    return order.some((o) => heading === o || heading.startsWith(`${o} `) || heading.endsWith(` ${o}`))
  }
  const isRole = (row: Row) => row.kind === 'heading' && row.depth === source.role.heading
  const firstHeading = rows.find((r) => r.kind === 'heading' && !isRole(r) && !isLevel(r))
  // Without a role heading or title, the page's title names the role ("Data Engineering Levels" → Data Engineering).
  const pageTitle = declaredTitle ?? (firstHeading ? cleanHeading(firstHeading.text) : null)
  let role = source.role.title ?? (pageTitle ? documentRole(pageTitle) : null)
  const drafts: DraftProfile[] = []
  let section: { title: string | null; level: string | null; depth: number; rows: Row[] } | null = null
  const close = () => {
    if (!section?.title) return
    const [draft] = parseCareerRows(section.rows, { format, declaredTitle: section.title, fallbackTitle: section.title, defaultKind: 'responsibility' })
    if (!draft) return
    draft.title = section.title
    if (section.level !== null) draft.level = levelOfHeading(section.level)
    if (draft.components.length > 0 || draft.summary !== null) drafts.push(draft)
  }
  for (const row of rows) {
    if (isRole(row)) {
      close()
      role = cleanHeading(row.text)
      // Without level headings, each role heading is one profile.
      section = source.level.heading === null ? { title: role, level: null, depth: row.depth!, rows: [] } : null
      continue
    }
    if (isLevel(row)) {
      close()
      section = { title: role, level: cleanHeading(row.text), depth: row.depth!, rows: [] }
      continue
    }
    if (section && row.kind === 'heading' && (row.depth ?? 7) <= section.depth) {
      close()
      section = null
      continue
    }
    section?.rows.push(row)
  }
  close()
  return drafts
}

/** "IC3 – Senior Engineer" → IC3 and its name; "Level 2: Practitioner" → L2; else the heading is the code. */
function levelOfHeading(heading: string): DraftProfile['level'] {
  const code = /^([A-Z]{1,4}-?\d{1,2})\b\s*[-–—:]?\s*(.*)$/.exec(heading)
  if (code) return { code: code[1]!, name: code[2]! === '' ? null : code[2]!, descriptor: null, fields: [] }
  const level = /^level\s+(\d{1,2})\b\s*[-–—:]?\s*(.*)$/i.exec(heading)
  if (level) return { code: `L${Number(level[1])}`, name: level[2]! === '' ? null : level[2]!, descriptor: null, fields: [] }
  return { code: heading, name: null, descriptor: null, fields: [] }
}

function frontMatterTitle(yaml: string): string | null {
  try {
    const data = parseYaml(yaml) as { title?: unknown } | null
    return typeof data?.title === 'string' && data.title.trim() !== '' ? data.title.trim() : null
  } catch {
    return null
  }
}
