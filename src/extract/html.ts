// extract, HTML: the cheap path reads the page's structure with cheerio (htmlparser2 mode, ~2.5× faster than
// parse5) and leaves site chrome out by landmark; Readability is used only for pages that are not canon-app
// pages, where telling content from navigation needs its scoring (it costs ~10× a cheerio load).

import { createRequire } from 'node:module'
import type { Readability } from '@mozilla/readability'
// cheerio/slim: the same htmlparser2 parser the xml option selects, without parse5 and undici (about 0.1 s
// less to load).
import { load } from 'cheerio/slim'
import type { parseHTML } from 'linkedom'
import type { AnyNode, Element } from 'domhandler'
import type { Finding } from '../model/index.js'
import { domOutline, loadHtml, type Outline, repairHeadingTags } from './outline.js'
import { collapse, htmlToRows, type Row } from './rows.js'

/** Rows of the whole document (chrome landmarks left out). */
export function htmlRows(html: string): Row[] {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } })
  const root = $.root()[0]!
  return htmlToRows(findElement(root, 'body') ?? root)
}

export interface ReadableContent {
  rows: Row[]
  /** Readability's idea of the title (often the site name on framework pages); a fallback only. */
  title: string | null
  /** The document's <title>. */
  documentTitle: string | null
}

/** The first element named `name`, depth first (cheaper than a CSS query for one lookup). */
function findElement(node: AnyNode, name: string): AnyNode | null {
  if (node.type === 'tag' && (node as Element).name === name) return node
  if (!('children' in node)) return null
  for (const child of node.children as AnyNode[]) {
    if (child.type !== 'tag' && child.type !== 'root') continue
    const found = findElement(child, name)
    if (found) return found
  }
  return null
}

// linkedom and Readability (about 0.2 s to load) serve only pages that are not canon-app pages: a process that
// parses none never loads them. Required on first use (their CommonJS builds), as the callers are synchronous.
const require = createRequire(import.meta.url)
let readabilityTools: { Readability: typeof Readability; parseHTML: typeof parseHTML } | null = null
function loadReadability(): { Readability: typeof Readability; parseHTML: typeof parseHTML } {
  return (readabilityTools ??= {
    Readability: (require('@mozilla/readability') as { Readability: typeof Readability }).Readability,
    parseHTML: (require('linkedom') as { parseHTML: typeof parseHTML }).parseHTML,
  })
}

/** Main content isolated by Readability (linkedom DOM), then read into rows; null when Readability finds none. */
export function readableRows(html: string): ReadableContent | null {
  const { Readability, parseHTML } = loadReadability()
  const { document } = parseHTML(html)
  const documentTitle = document.querySelector('title')?.textContent?.trim() || null
  const h1s = [...document.querySelectorAll('h1')].map((h) => collapse(h.textContent ?? '').trim()).filter((t) => t !== '')
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { keepClasses: false }).parse()
  if (!article?.content) return null
  const $ = load(article.content, { xml: { xmlMode: false, decodeEntities: true } })
  const rows = htmlToRows($.root()[0]!)
  // Readability drops a heading that repeats the document title ("Site Reliability Engineer" under
  // <title>Site Reliability Engineer | The Handbook</title>); that heading is the role's title, so put it back.
  const title = article.title?.trim() || null
  const dropped = h1s.find((h) => (title?.includes(h) || documentTitle?.includes(h)) && !rows.some((r) => r.kind === 'heading' && r.text === h))
  if (dropped) rows.unshift({ kind: 'heading', depth: 1, ordered: false, text: dropped, parts: [{ text: dropped, raw: dropped, element: true }], lead: null })
  return { rows, title, documentTitle }
}

/** Pages longer than this are not given to Readability (see readableOutline). */
export const READABILITY_MAX_CHARS = 400_000

function textContent(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data
  return 'children' in node ? (node.children as AnyNode[]).map(textContent).join('') : ''
}

export interface ReadableOutline {
  outline: Outline
  /** Readability's idea of the title (often the site name on framework pages); a fallback only. */
  title: string | null
  /** The document's <title>. */
  documentTitle: string | null
}

/**
 * The outline of the main content Readability isolates (the whole body when it finds none). Headings are
 * closed as a browser closes them first (`<h1>…</h2>` is one h1), and a top heading Readability drops because
 * it repeats the document title is put back: it is the page's title.
 */
export function readableOutline(html: string): ReadableOutline {
  const repaired = repairHeadingTags(html)
  // Readability costs ~10× a parse; on a very large page (a whole framework in one file) the landmarks the
  // outline already leaves out (nav, aside, banner, footer) are enough, and the page still parses in time.
  if (repaired.length > READABILITY_MAX_CHARS) {
    const root = loadHtml(repaired)
    const title = findElement(root, 'title')
    const documentTitle = title ? collapse(textContent(title)).trim() || null : null
    return { outline: domOutline(root), title: null, documentTitle }
  }
  const { Readability, parseHTML } = loadReadability()
  const { document } = parseHTML(repaired)
  const documentTitle = collapse(document.querySelector('title')?.textContent ?? '').trim() || null
  const h1s = [...document.querySelectorAll('h1')].map((h) => collapse(h.textContent ?? '').trim()).filter((t) => t !== '')
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { keepClasses: false }).parse()
  if (!article?.content) return { outline: domOutline(loadHtml(repaired)), title: null, documentTitle }
  const outline = domOutline(loadHtml(article.content))
  const title = article.title?.trim() || null
  const dropped = h1s.find((h) => (title?.includes(h) || documentTitle?.includes(h)) && !outline.nodes.some((n) => n.type === 'heading' && n.text === h))
  if (dropped) outline.nodes.unshift({ type: 'heading', depth: 1, text: dropped, pos: 0 })
  return { outline, title, documentTitle }
}

/** A warning when HTML looks cut off: it opens a document but never closes it. */
export function truncationFinding(html: string): Finding | null {
  const head = html.slice(0, 2048).toLowerCase()
  const tail = html.slice(-2048).toLowerCase()
  if ((head.includes('<html') || head.includes('<!doctype')) && !tail.includes('</html>') && !tail.includes('</body>')) {
    return {
      severity: 'warning',
      code: 'html-truncated',
      message: 'HTML page has no closing </body> or </html>; it may be truncated, so sections at its end may be missing',
    }
  }
  return null
}
