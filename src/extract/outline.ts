// extract, outline: every page (HTML as a browser parses it, Markdown, a text copy, front matter) becomes one
// outline — headings with depth, list items with nesting, tables with header cells, definition lists,
// paragraphs and front-matter fields, each with its source position. Readers work on the outline, never on
// markup. Template-language markup (Liquid `{% … %}`, `{{ … }}`) is removed first. One pass over the DOM, no
// backtracking: linear in the page's size.

import { load } from 'cheerio/slim'
import type { AnyNode, Element } from 'domhandler'
import { marked } from 'marked'
import { isScalar, parseDocument, visit } from 'yaml'
import { collapse } from './rows.js'
import { CHROME_ROLES, INLINE, isElement, MEDIA, NOT_CONTENT } from './html-elements.js'

export interface OutlineHeading {
  type: 'heading'
  /** 1–6 from the markup. */
  depth: number
  text: string
  pos: number
}

export interface OutlineParagraph {
  type: 'paragraph'
  text: string
  /** A bold lead-in (`**Scope:** …`), or the whole text when the paragraph is only bold (a pseudo-heading). */
  lead: string | null
  /** The paragraph is nothing but bold or italic text (`**Qualifications:**`): a label, not a statement. */
  label: boolean
  /** Inside a blockquote. */
  quote: boolean
  pos: number
}

export interface OutlineItem {
  type: 'item'
  text: string
  /** List nesting: 0 for a top-level item. */
  depth: number
  ordered: boolean
  lead: string | null
  quote: boolean
  pos: number
}

export interface OutlineCell {
  text: string
  /** The statements in the cell: its list items or paragraphs (or lines split at `<br>`), else the text. */
  items: string[]
  header: boolean
}

export interface OutlineTable {
  type: 'table'
  /** The header row's cells (a `<thead>` row, a row of `<th>`, or a first row of short labels), or null. */
  header: OutlineCell[] | null
  rows: OutlineCell[][]
  pos: number
}

export interface OutlineTerm {
  type: 'term'
  term: string
  definitions: string[]
  pos: number
}

export type OutlineNode = OutlineHeading | OutlineParagraph | OutlineItem | OutlineTable | OutlineTerm

export interface Outline {
  nodes: OutlineNode[]
  /** Front matter (YAML) as parsed; null when the page has none. */
  frontMatter: Record<string, unknown> | null
  /** Which unit `pos` counts: source lines (Markdown, text) or character offsets (HTML). */
  positions: 'line' | 'offset'
}

// ---------------------------------------------------------------------------------------------------------
// Template markup and malformed HTML

const LIQUID_BLOCK = /\{%-?\s*(comment|raw)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/g
const LIQUID_TAG = /\{%[\s\S]{0,2000}?%\}|\{\{[\s\S]{0,2000}?\}\}/g

/** Text without Liquid/Jinja template markup (`{% comment %}…{% endcomment %}`, `{% include x %}`, `{{ var }}`). */
export function stripTemplateMarkup(text: string): string {
  if (!text.includes('{%') && !text.includes('{{')) return text
  // Keep line count so that source positions stay right.
  const blank = (m: string) => m.replace(/[^\n]/g, '')
  return text.replace(LIQUID_BLOCK, blank).replace(LIQUID_TAG, blank)
}

const HEADING_TAG = /<(\/?)h([1-6])\b[^>]*>/gi

/**
 * Closes headings as a browser does: an end tag `</hN>` closes whichever heading is open (`<h1>…</h2>` is
 * one h1). htmlparser2 would ignore the stray end tag and run the heading to the end of the page.
 */
export function repairHeadingTags(html: string): string {
  let open: string | null = null
  let changed = false
  const out = html.replace(HEADING_TAG, (tag, slash: string, n: string) => {
    if (slash === '') {
      open = n
      return tag
    }
    if (open !== null && open !== n) {
      changed = true
      const fixed = `</h${open}>`
      open = null
      return fixed
    }
    open = null
    return tag
  })
  return changed ? out : html
}

// ---------------------------------------------------------------------------------------------------------
// Front matter

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/

export interface FrontMatterSplit {
  frontMatter: Record<string, unknown> | null
  /** Keys written more than once in one mapping of the front matter (the last value wins), in order. */
  repeatedKeys: string[]
  body: string
  bodyLine: number
}

/** Splits YAML front matter off a Markdown page; duplicate keys are tolerated (the last wins) and listed. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const match = FRONT_MATTER.exec(text)
  if (!match) return { frontMatter: null, repeatedKeys: [], body: text, bodyLine: 1 }
  let data: unknown
  const repeatedKeys: string[] = []
  try {
    const doc = parseDocument(match[1]!, { uniqueKeys: false })
    if (doc.errors.length > 0) throw doc.errors[0]
    data = doc.toJS()
    visit(doc, {
      Map(_, map) {
        const seen = new Set<string>()
        for (const pair of map.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
          if (seen.has(key) && !repeatedKeys.includes(key)) repeatedKeys.push(key)
          seen.add(key)
        }
      },
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new Error(`the YAML front matter is not valid YAML (${reason})`, { cause: error })
  }
  const frontMatter = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null
  return { frontMatter, repeatedKeys, body: text.slice(match[0].length), bodyLine: match[0].split('\n').length }
}

// ---------------------------------------------------------------------------------------------------------
// Entry points

/** The outline of an HTML page (or fragment). */
export function htmlOutline(html: string): Outline {
  return domOutline(loadHtml(html))
}

/** Parses HTML for the outline (template markup removed, headings closed as a browser closes them). */
export function loadHtml(html: string): AnyNode {
  return load(repairHeadingTags(stripTemplateMarkup(html)), { xml: { xmlMode: false, decodeEntities: true, withStartIndices: true } }).root()[0]!
}

/** The outline of a parsed document (its <body>, or the whole fragment). */
export function domOutline(root: AnyNode): Outline {
  const nodes: OutlineNode[] = []
  new Walker(nodes).block(findBody(root) ?? root, { quote: false, inContent: false, listDepth: -1, ordered: false })
  return { nodes, frontMatter: null, positions: 'offset' }
}

/**
 * HTML wrappers that ask for Markdown inside (`<div class="note" markdown="1">`, Kramdown's convention): the
 * wrapper line goes, so the Markdown in it is rendered instead of kept as raw text.
 */
const MARKDOWN_WRAPPER = /^[ \t]*<div\b[^>\n]*\bmarkdown=["']?(?:1|block|span)["']?[^>\n]*>[ \t]*$/gm

/** ATX headings written without the space (`##Required Qualifications`): authors mean a heading. */
const TIGHT_HEADING = /^(#{1,6})(?=[^\s#])/gm

/** The outline of a Markdown page: front matter as fields, the body rendered (GFM) and read as HTML. */
export function markdownOutline(text: string): Outline {
  return markdownDocument(text).outline()
}

export interface MarkdownDocument {
  frontMatter: Record<string, unknown> | null
  /** Front matter keys written more than once (the last value wins). */
  repeatedKeys: string[]
  /** The rendered body, parsed once: the row reader and the outline both read it. */
  root: AnyNode
  outline(): Outline
}

/** A Markdown page's front matter and its body rendered (GFM) to a DOM. */
export function markdownDocument(text: string): MarkdownDocument {
  const { frontMatter, repeatedKeys, body, bodyLine } = splitFrontMatter(text)
  const source = stripTemplateMarkup(body).replace(TIGHT_HEADING, '$1 ').replace(MARKDOWN_WRAPPER, '\n')
  const html = marked.parse(source, { async: false, gfm: true })
  const root = loadHtml(`<body>${html}</body>`)
  return {
    frontMatter,
    repeatedKeys,
    root,
    outline() {
      const outline = domOutline(root)
      locateLines(outline.nodes, source, bodyLine)
      return { nodes: outline.nodes, frontMatter, positions: 'line' }
    },
  }
}

const BULLET = /^\s*[•·●▪◦‣∙*-]\s+/
const NUMBERED = /^\s*\d{1,3}[.)]\s+/

const UNDERLINE = /^([=\-~^*#+`'"])\1{2,}\s*$/
const DIRECTIVE = /^\s*\.\. |^\s*:[\w-]+:(?:\s|$)/

/**
 * The outline of a text copy: one node per line (`•`, `-` and `1.` lines are items); a line underlined with
 * `===` or `---` (setext, reStructuredText) is a heading, its depth by the order underline characters first
 * appear; a hard-wrapped line that continues in lower case joins the line before; reStructuredText directives
 * and their indented blocks are markup, not text.
 */
export function textOutline(text: string): Outline {
  const nodes: OutlineNode[] = []
  const lines = text.split('\n')
  const underlines: string[] = []
  let inDirective = false
  let last: OutlineParagraph | OutlineItem | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const trimmed = collapse(line).trim()
    if (trimmed === '') {
      last = null
      continue
    }
    if (inDirective && /^\s/.test(line)) continue
    inDirective = false
    if (DIRECTIVE.test(line)) {
      inDirective = true
      last = null
      continue
    }
    if (UNDERLINE.test(trimmed)) {
      last = null
      continue
    }
    const next = lines[i + 1]?.trim() ?? ''
    if (UNDERLINE.test(next) && next.length >= Math.min(3, trimmed.length) && !BULLET.test(trimmed)) {
      const char = next.charAt(0)
      if (!underlines.includes(char)) underlines.push(char)
      nodes.push({ type: 'heading', depth: Math.min(6, underlines.indexOf(char) + 1), text: trimmed, pos: i + 1 })
      last = null
      continue
    }
    if (BULLET.test(trimmed) || NUMBERED.test(trimmed)) {
      const ordered = !BULLET.test(trimmed)
      const content = trimmed.replace(ordered ? NUMBERED : BULLET, '')
      last = { type: 'item', text: content, depth: 0, ordered, lead: null, quote: false, pos: i + 1 }
      nodes.push(last)
      continue
    }
    if (last && /^\p{Ll}/u.test(trimmed) && !/[.!?:]$/.test(last.text)) {
      last.text = `${last.text} ${trimmed}`
      continue
    }
    last = { type: 'paragraph', text: trimmed, lead: null, label: false, quote: false, pos: i + 1 }
    nodes.push(last)
  }
  return { nodes, frontMatter: null, positions: 'line' }
}

/** The text of a node for display (`canon parse --outline`). */
export function describeNode(node: OutlineNode): string {
  switch (node.type) {
    case 'heading':
      return `${'#'.repeat(node.depth)} ${node.text}`
    case 'paragraph':
      return `${node.quote ? '> ' : ''}${node.label ? '[label] ' : ''}${node.text}`
    case 'item':
      return `${'  '.repeat(node.depth)}${node.ordered ? '1.' : '-'} ${node.text}`
    case 'term':
      return `${node.term}: ${node.definitions.join(' / ')}`
    case 'table':
      return `table ${node.header ? `[${node.header.map((c) => c.text).join(' | ')}] ` : ''}${node.rows.length} rows`
  }
}

// Source lines for Markdown nodes: each node's first words are looked up after the previous node's line, so the
// search moves forward only (linear in the page).
function locateLines(nodes: OutlineNode[], source: string, firstLine: number): void {
  const lineStarts: number[] = [0]
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  let cursor = 0
  let line = 0
  for (const node of nodes) {
    const text = node.type === 'table' ? (node.header?.[0]?.text ?? node.rows[0]?.[0]?.text ?? '') : node.type === 'term' ? node.term : node.text
    // The first long word: Markdown puts markup between words (`**Owns**:`), never inside one.
    const probe = /[\p{L}\p{N}]{4,}/u.exec(text)?.[0] ?? text.slice(0, 24)
    const found = probe === '' ? -1 : source.indexOf(probe, cursor)
    if (found >= 0 && found - cursor < 20000) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= found) line++
      // The next node starts after this one's first word (the same word may open both).
      cursor = found + probe.length
    }
    node.pos = line + firstLine
  }
}

// ---------------------------------------------------------------------------------------------------------
// The DOM walk

const SKIPPED: ReadonlySet<string> = new Set([...NOT_CONTENT, ...MEDIA])

/** "Grade: PO6", "Job title: Data Scientist": a labelled field on a line of its own. */
const KEY_VALUE = /^[^:]{2,40}:\s*\S/
const EMPHASIS = new Set(['strong', 'b', 'em', 'i', 'u'])
const HEADING = /^h([1-6])$/
/** A `<div>` line that is a bullet or a number (`• text`, `1. text`): a list item written without a list. */
const DIV_BULLET = /^(?:[•·●▪◦‣∙]|\d{1,3}[.)])\s+/

/** Element nesting beyond which the walk reads text only (a page of 5,000 nested <div>s must not overflow the stack). */
const MAX_DEPTH = 200

interface Context {
  /** Element nesting so far. */
  depth?: number
  quote: boolean
  inContent: boolean
  listDepth: number
  ordered: boolean
}

function findBody(node: AnyNode): AnyNode | null {
  if (node.type === 'tag' && (node as Element).name === 'body') return node
  if (!('children' in node)) return null
  for (const child of node.children as AnyNode[]) {
    if (child.type !== 'tag' && child.type !== 'root') continue
    const found = findBody(child)
    if (found) return found
  }
  return null
}

function posOf(node: AnyNode): number {
  return (node as { startIndex?: number | null }).startIndex ?? 0
}

class Walker {
  constructor(private readonly nodes: OutlineNode[]) {}

  skipped(el: Element, ctx: Context): boolean {
    if (SKIPPED.has(el.name)) return true
    const a = el.attribs
    if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true
    if (a.role !== undefined && CHROME_ROLES.has(a.role)) return true
    if (!ctx.inContent && (el.name === 'header' || el.name === 'footer')) return true
    return false
  }

  isBlock(node: AnyNode): boolean {
    return isElement(node) && !INLINE.has(node.name)
  }

  /** Walks a block's children: runs of inline content become paragraphs, block children are walked. */
  block(node: AnyNode, ctx: Context): void {
    const children = 'children' in node ? (node.children as AnyNode[]) : []
    let inline: AnyNode[] = []
    const flush = () => {
      if (inline.length > 0) this.paragraph(inline, ctx)
      inline = []
    }
    for (const child of children) {
      if (child.type === 'text') {
        inline.push(child)
        continue
      }
      if (!isElement(child) || this.skipped(child, ctx)) continue
      if (child.name === 'br') {
        // Lines of a block separated by <br> are separate paragraphs (`<div>• one<br>• two</div>`).
        flush()
        continue
      }
      if (!this.isBlock(child)) {
        inline.push(child)
        continue
      }
      flush()
      this.element(child, ctx)
    }
    flush()
  }

  element(el: Element, outer: Context): void {
    const ctx = { ...outer, depth: (outer.depth ?? 0) + 1 }
    if (ctx.depth > MAX_DEPTH) {
      // Too deep to walk: its visible text, gathered without recursion, is one paragraph.
      const text = clean(flatText(el))
      if (text !== '') this.nodes.push({ type: 'paragraph', text, lead: null, label: false, quote: ctx.quote, pos: posOf(el) })
      return
    }
    const name = el.name
    const heading = HEADING.exec(name)
    if (heading) {
      const text = this.text(el.children, ctx)
      if (text !== '') this.nodes.push({ type: 'heading', depth: Number(heading[1]), text, pos: posOf(el) })
      return
    }
    if (el.attribs.role === 'heading') {
      const level = Number(el.attribs['aria-level'])
      const text = this.text(el.children, ctx)
      if (text !== '') this.nodes.push({ type: 'heading', depth: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, text, pos: posOf(el) })
      return
    }
    if (name === 'main' || name === 'article' || el.attribs.role === 'main') {
      this.block(el, { ...ctx, inContent: true })
      return
    }
    if (name === 'blockquote') {
      this.block(el, { ...ctx, quote: true })
      return
    }
    if (name === 'pre') {
      // Preformatted blocks hold code or ASCII diagrams, not statements.
      return
    }
    if (name === 'ul' || name === 'ol' || name === 'menu') {
      this.block(el, { ...ctx, listDepth: ctx.listDepth + 1, ordered: name === 'ol' })
      return
    }
    if (name === 'li') {
      this.item(el, ctx)
      return
    }
    if (name === 'table') {
      this.table(el, ctx)
      return
    }
    if (name === 'dl') {
      this.definitions(el, ctx)
      return
    }
    if (el.children.some((c) => this.isBlock(c))) {
      this.block(el, ctx)
      return
    }
    this.paragraph(el.children, ctx, el)
  }

  paragraph(inline: AnyNode[], ctx: Context, el?: Element): void {
    const text = this.text(inline, ctx)
    if (text === '') return
    const pos = posOf(el ?? inline[0]!)
    // `<div>• text</div>` and `<div>1. text</div>`: list items drawn with characters.
    if (el && el.name !== 'p' && DIV_BULLET.test(text)) {
      const ordered = /^\d/.test(text)
      this.nodes.push({ type: 'item', text: text.replace(DIV_BULLET, ''), depth: Math.max(0, ctx.listDepth), ordered, lead: null, quote: ctx.quote, pos })
      return
    }
    // A block of "Key: value" lines (a posting's header, one field a line): one paragraph per field.
    const fields = this.lines(inline, ctx, true)
    if (fields.length >= 2 && fields.every((l) => KEY_VALUE.test(l))) {
      for (const line of fields) this.nodes.push({ type: 'paragraph', text: line, lead: null, label: false, quote: ctx.quote, pos })
      return
    }
    const emphasis = this.emphasisOnly(inline)
    this.nodes.push({ type: 'paragraph', text, lead: this.lead(inline, ctx) ?? (emphasis ? text : null), label: emphasis, quote: ctx.quote, pos })
  }

  item(el: Element, ctx: Context): void {
    const own: AnyNode[] = []
    const nested: Element[] = []
    for (const child of el.children) {
      if (isElement(child) && (child.name === 'ul' || child.name === 'ol')) nested.push(child)
      else own.push(child)
    }
    const text = this.text(own, ctx)
    if (text !== '') {
      this.nodes.push({
        type: 'item',
        text,
        depth: Math.max(0, ctx.listDepth),
        ordered: ctx.ordered,
        lead: this.lead(own, ctx),
        quote: ctx.quote,
        pos: posOf(el),
      })
    }
    for (const list of nested) this.element(list, ctx)
  }

  table(el: Element, ctx: Context): void {
    const rows: { cells: OutlineCell[]; head: boolean }[] = []
    const visit = (node: Element, head: boolean) => {
      for (const child of node.children) {
        if (!isElement(child)) continue
        if (child.name === 'tr') {
          const cells = child.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map((c) => this.cell(c, ctx))
          if (cells.length > 0) rows.push({ cells, head: head || cells.every((c) => c.header) })
        } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') visit(child, child.name === 'thead')
      }
    }
    visit(el, false)
    if (rows.length === 0) return
    let header: OutlineCell[] | null = null
    let body = rows
    if (rows[0]!.head) {
      header = rows[0]!.cells
      body = rows.slice(1)
    } else if (rows.length >= 3 && firstRowIsHeader(rows.map((r) => r.cells))) {
      header = rows[0]!.cells.map((c) => ({ ...c, header: true }))
      body = rows.slice(1)
    }
    this.nodes.push({ type: 'table', header, rows: body.map((r) => r.cells), pos: posOf(el) })
  }

  cell(el: Element, ctx: Context): OutlineCell {
    const text = this.text(el.children, ctx)
    const items: string[] = []
    const collect = (node: Element) => {
      for (const child of node.children) {
        if (!isElement(child)) continue
        if (child.name === 'li' || child.name === 'p') {
          const own = child.children.filter((c) => !(isElement(c) && (c.name === 'ul' || c.name === 'ol')))
          const t = this.text(own, ctx)
          if (t !== '') items.push(t)
          collect(child)
        } else if (this.isBlock(child)) collect(child)
      }
    }
    collect(el)
    if (items.length === 0 && text !== '') {
      // Lines separated by <br> are the cell's statements.
      const lines = this.lines(el.children, ctx)
      items.push(...(lines.length > 1 ? lines : [text]))
    }
    return { text, items, header: el.name === 'th' }
  }

  definitions(el: Element, ctx: Context): void {
    let term: string | null = null
    let definitions: string[] = []
    let pos = posOf(el)
    const flush = () => {
      if (term !== null) this.nodes.push({ type: 'term', term, definitions, pos })
      term = null
      definitions = []
    }
    const take = (nodes: AnyNode[]) => {
      for (const child of nodes) {
        if (!isElement(child) || this.skipped(child, ctx)) continue
        if (child.name === 'dt') {
          flush()
          term = this.text(child.children, ctx)
          pos = posOf(child)
        } else if (child.name === 'dd') {
          const t = this.text(child.children, ctx)
          if (t !== '') definitions.push(t)
        } else if (child.name === 'div') take(child.children)
      }
    }
    take(el.children)
    flush()
  }

  /** Visible text of inline nodes, white space collapsed (a `<br>` is a space). */
  text(nodes: AnyNode[], ctx: Context): string {
    let out = ''
    const visit = (node: AnyNode) => {
      if (node.type === 'text') {
        out += (node as unknown as { data: string }).data
        return
      }
      if (!isElement(node)) return
      if (node.name === 'br') {
        out += ' '
        return
      }
      // Images and media inside a cell or paragraph are not text; nor is hidden content.
      if (this.skipped(node, { ...ctx, inContent: true })) return
      const block = this.isBlock(node)
      if (block) out += ' '
      for (const child of node.children) visit(child)
      if (block) out += ' '
    }
    for (const node of nodes) visit(node)
    return clean(out)
  }

  /** Inline content split at `<br>` (and at block children), each piece trimmed, empty pieces dropped. */
  lines(nodes: AnyNode[], ctx: Context, newlines = false): string[] {
    const lines: string[] = []
    let current = ''
    const visit = (node: AnyNode) => {
      if (node.type === 'text') {
        const data = (node as unknown as { data: string }).data
        if (newlines && data.includes('\n')) {
          const pieces = data.split('\n')
          current += pieces[0]
          for (const piece of pieces.slice(1)) {
            lines.push(current)
            current = piece
          }
        } else current += data
        return
      }
      if (!isElement(node)) return
      if (node.name === 'br' || this.isBlock(node)) {
        if (node.name !== 'br') for (const child of node.children) visit(child)
        lines.push(current)
        current = ''
        return
      }
      if (this.skipped(node, { ...ctx, inContent: true })) return
      for (const child of node.children) visit(child)
    }
    for (const node of nodes) visit(node)
    lines.push(current)
    return lines.map(clean).filter((l) => l !== '')
  }

  /** The text of a leading <strong>/<b> (after white space), if the content opens with one. */
  lead(nodes: AnyNode[], ctx: Context): string | null {
    for (const node of nodes) {
      if (node.type === 'text') {
        if ((node as unknown as { data: string }).data.trim() === '') continue
        return null
      }
      if (!isElement(node)) continue
      if (node.name === 'strong' || node.name === 'b') {
        const text = this.text(node.children, ctx)
        return text === '' ? null : text
      }
      return null
    }
    return null
  }

  /** Whether inline content is only emphasis (bold, italic, underline) around all of its text. */
  emphasisOnly(nodes: AnyNode[]): boolean {
    let emphasised = false
    for (const node of nodes) {
      if (node.type === 'text') {
        if ((node as unknown as { data: string }).data.replace(/[\s:]/g, '') !== '') return false
        continue
      }
      if (!isElement(node)) continue
      if (node.name === 'br') continue
      if (!EMPHASIS.has(node.name)) return false
      emphasised = true
    }
    return emphasised
  }
}

/** The text below a node, gathered with an explicit stack (no recursion), skipping scripts and styles. */
function flatText(root: AnyNode): string {
  let out = ''
  const stack: AnyNode[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'text') {
      out += ` ${(node as unknown as { data: string }).data}`
      continue
    }
    if (!isElement(node) || SKIPPED.has(node.name)) continue
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return out
}

/** A first row of short labels over rows with longer text: a header row drawn with `<td>`s. */
function firstRowIsHeader(rows: OutlineCell[][]): boolean {
  const first = rows[0]!
  if (first.length < 2 || first.some((c) => c.text.length > 40 || c.items.length > 1)) return false
  const longest = (cells: OutlineCell[]) => Math.max(0, ...cells.map((c) => c.text.length))
  const bodyLongest = Math.max(...rows.slice(1).map(longest))
  return bodyLongest > 2 * longest(first) && rows.slice(1).every((r) => r.length === first.length)
}

/** Collapses white space, drops zero-width characters and trims. */
function clean(text: string): string {
  return collapse(text.replace(/\u200b|\u200c|\u200d|\ufeff/g, '')).trim()
}
