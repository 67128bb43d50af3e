// parse: a page's tables read as its source profile lays them out, when the profile declares the table columns
// that hold the role and the level (`role.column`, `level.column`). Declared heading depths (`role.heading`,
// `level.heading`) are followed by the outline reader (outline-reader.ts). Pages without such a declaration, or
// whose content has none of it, are left to the general readers.

import { load } from 'cheerio/slim'
import { marked } from 'marked'
import { parse as parseYaml } from 'yaml'
import { collapse } from '../extract/rows.js'
import type { DraftProfile, PageFormat, SourceProfile } from '../model/index.js'
import { readLadderTable } from './data/ladder-table.js'

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/

/** Whether the profile says which table columns hold a page's roles or levels (so they are tried first). */
export function declaresLayout(source: SourceProfile): boolean {
  return source.role.column !== null || source.level.column !== null
}

/**
 * Drafts read from the page's tables by the declared columns, or null when there is no profile, it declares no
 * columns, or the page has no table with them. Text pages mark no tables: always null.
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
  const drafts = readDeclaredTables(html, format, source, declaredTitle)
  return drafts.length > 0 ? drafts : null
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

function frontMatterTitle(yaml: string): string | null {
  try {
    const data = parseYaml(yaml, { uniqueKeys: false }) as { title?: unknown } | null
    return typeof data?.title === 'string' && data.title.trim() !== '' ? data.title.trim() : null
  } catch {
    return null
  }
}
