// The visible structure of a page's main content as a flat sequence of rows: headings, list or table items,
// and text blocks, each with the separately marked pieces it is made of (a badge in its own <span> is its own
// part). Text pages copied from a browser and HTML pages of the same content give the same rows, which is what
// lets one parser read both. Only tag names and visible text are used, never class names or ids.

import type { AnyNode, Element } from 'domhandler'
import { CHROME_ROLES, INLINE, isElement, NOT_CONTENT } from './html-elements.js'

export type RowKind = 'heading' | 'item' | 'header' | 'text'

export interface RowPart {
  /** The piece's text, white space collapsed and trimmed. */
  text: string
  /** The piece's text as written (white space kept), so that parts can be glued back together faithfully. */
  raw: string
  /** Whether the piece is an element of its own (a badge, a table cell, a link) rather than loose text. */
  element: boolean
}

export interface Row {
  kind: RowKind
  /** Heading depth 1–6 in HTML; null on text pages, where headings are not marked. */
  depth: number | null
  /** For items: whether the list is numbered. */
  ordered: boolean
  /** The row's visible text, white space collapsed. */
  text: string
  parts: RowPart[]
  /** The text of a bold lead-in (`<p><strong>Scope</strong> …`), a group label on many career pages. */
  lead: string | null
}

const BULLET = /^\s*[•·●▪◦‣∙*-]\s+/
const NUMBERED = /^\s*\d{1,3}[.)]\s+/

/** Rows of a page copied as text: one per non-blank line; `•` and `1.` lines are items. */
export function textToRows(text: string): Row[] {
  const rows: Row[] = []
  for (const line of text.split('\n')) {
    const trimmed = collapse(line).trim()
    if (trimmed === '') continue
    let kind: RowKind = 'text'
    let ordered = false
    let content = trimmed
    if (BULLET.test(trimmed)) {
      kind = 'item'
      content = trimmed.replace(BULLET, '')
    } else if (NUMBERED.test(trimmed)) {
      kind = 'item'
      ordered = true
      content = trimmed.replace(NUMBERED, '')
    }
    rows.push({ kind, depth: null, ordered, text: content, parts: [{ text: content, raw: content, element: false }], lead: null })
  }
  return rows
}

const SKIPPED: ReadonlySet<string> = NOT_CONTENT
const INLINE_OR_IMAGE: ReadonlySet<string> = new Set([...INLINE, 'img'])
const HEADING = /^h([1-6])$/

/**
 * Rows of an HTML element's visible content. Site chrome is left out by structure: <nav>, <aside>, ARIA
 * landmark roles for navigation/banner/contentinfo, and <header>/<footer> outside <main>/<article>.
 */
export function htmlToRows(root: AnyNode): Row[] {
  const rows: Row[] = []
  walkBlock(root, rows, { inContent: false, ordered: false })
  return rows
}

interface WalkContext {
  /** Inside <main> or <article>: a <header>/<footer> there is the content's own, not the site's. */
  inContent: boolean
  /** Inside an <ol>: items are numbered. */
  ordered: boolean
}

function isSkipped(el: Element, ctx: WalkContext): boolean {
  if (SKIPPED.has(el.name)) return true
  const attribs = el.attribs
  if (attribs.hidden !== undefined || attribs['aria-hidden'] === 'true') return true
  const role = attribs.role
  if (role !== undefined && CHROME_ROLES.has(role)) return true
  if (!ctx.inContent && (el.name === 'header' || el.name === 'footer')) return true
  return false
}

function isBlock(node: AnyNode): boolean {
  return isElement(node) && !INLINE_OR_IMAGE.has(node.name)
}

function walkBlock(node: AnyNode, rows: Row[], ctx: WalkContext): void {
  const children = 'children' in node ? (node.children as AnyNode[]) : []
  let inline: AnyNode[] = []
  const flush = () => {
    if (inline.length > 0) pushRow(rows, 'text', null, false, inline, ctx)
    inline = []
  }
  for (const child of children) {
    if (child.type === 'text') {
      inline.push(child)
      continue
    }
    if (!isElement(child)) continue
    if (isSkipped(child, ctx)) continue
    if (!isBlock(child)) {
      inline.push(child)
      continue
    }
    flush()
    walkElement(child, rows, ctx)
  }
  flush()
}

function walkElement(el: Element, rows: Row[], ctx: WalkContext): void {
  const name = el.name
  const heading = HEADING.exec(name)
  if (heading) {
    pushRow(rows, 'heading', Number(heading[1]), false, el.children, ctx)
    return
  }
  if (name === 'main' || name === 'article' || el.attribs.role === 'main') {
    walkBlock(el, rows, { ...ctx, inContent: true })
    return
  }
  if (el.attribs.role === 'heading') {
    const level = Number(el.attribs['aria-level'])
    pushRow(rows, 'heading', Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, false, el.children, ctx)
    return
  }
  if (name === 'dl') {
    // A term and its definitions are one row (`Scope` + `Features or a sub-system end-to-end`), like a table row.
    let group: AnyNode[] = []
    const flush = () => {
      if (group.length > 0) pushRow(rows, 'item', null, false, group, ctx)
      group = []
    }
    const take = (nodes: AnyNode[]) => {
      for (const child of nodes) {
        if (!isElement(child) || isSkipped(child, ctx)) continue
        if (child.name === 'dt' && group.some((n) => isElement(n) && n.name === 'dd')) flush()
        if (child.name === 'dt' || child.name === 'dd') group.push(child)
        else if (child.name === 'div') take(child.children) // <dl><div><dt/><dd/></div></dl> is valid HTML too
      }
    }
    take(el.children)
    flush()
    return
  }
  if (name === 'ul' || name === 'ol' || name === 'menu') {
    walkBlock(el, rows, { ...ctx, ordered: name === 'ol' })
    return
  }
  if (name === 'li') {
    // The item's own content is everything but nested lists; nested lists follow as items of their own.
    const own = el.children.filter((c) => !(isElement(c) && (c.name === 'ul' || c.name === 'ol')))
    pushRow(rows, 'item', null, ctx.ordered, own, ctx)
    for (const child of el.children) {
      if (isElement(child) && (child.name === 'ul' || child.name === 'ol')) walkElement(child, rows, ctx)
    }
    return
  }
  if (name === 'tr') {
    const cells = el.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'))
    const header = cells.length > 0 && (cells.every((c) => c.name === 'th') || (el.parent?.type === 'tag' && (el.parent as Element).name === 'thead'))
    pushRow(rows, header ? 'header' : 'item', null, false, cells, ctx)
    return
  }
  if (hasBlockChild(el)) {
    walkBlock(el, rows, ctx)
    return
  }
  // A line drawn as a list item without a list (`<div>• text</div>`, `<div>1. text</div>`): an item.
  const first = el.children.find((c) => c.type === 'text' && (c as unknown as { data: string }).data.trim() !== '') as { data: string } | undefined
  if (first && el.children[0] === (first as unknown) && (BULLET.test(first.data) || NUMBERED.test(first.data))) {
    const ordered = !BULLET.test(first.data)
    const stripped = { ...first, data: first.data.replace(ordered ? NUMBERED : BULLET, '') }
    pushRow(rows, 'item', null, ordered, [stripped as unknown as AnyNode, ...el.children.slice(1)], ctx)
    return
  }
  pushRow(rows, 'text', null, false, el.children, ctx)
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isBlock(c))
}

function pushRow(rows: Row[], kind: RowKind, depth: number | null, ordered: boolean, nodes: AnyNode[], ctx: WalkContext): void {
  const parts: RowPart[] = []
  for (const node of nodes) collectParts(node, parts, ctx, false)
  let joined = ''
  for (const part of parts) joined += part.raw
  const text = collapse(joined).trim()
  if (text === '') return
  const visible = parts.filter((p) => p.text !== '')
  rows.push({ kind, depth, ordered, text, parts: visible, lead: leadOf(nodes) })
}

/** Splits inline content into parts: loose text, and each element that holds only text. */
function collectParts(node: AnyNode, parts: RowPart[], ctx: WalkContext, insideElement: boolean): void {
  if (node.type === 'text') {
    const raw = (node as unknown as { data: string }).data
    if (BLANK.test(raw)) {
      if (raw !== '') parts.push(SPACE)
      return
    }
    parts.push({ text: collapse(raw).trim(), raw, element: insideElement })
    return
  }
  if (!isElement(node) || isSkipped(node, ctx)) return
  if (node.name === 'br') {
    parts.push(SPACE)
    return
  }
  const elementChildren = node.children.filter((c) => isElement(c) && !isSkipped(c, ctx))
  if (elementChildren.length === 0) {
    const raw = textOf(node, ctx)
    parts.push({ text: collapse(raw).trim(), raw: isBlock(node) ? ` ${raw} ` : raw, element: true })
    return
  }
  if (isBlock(node)) parts.push(SPACE)
  for (const child of node.children) collectParts(child, parts, ctx, true)
  if (isBlock(node)) parts.push(SPACE)
}

function textOf(node: AnyNode, ctx: WalkContext): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data
  if (!isElement(node) || isSkipped(node, ctx)) return ''
  if (node.name === 'br') return ' '
  let out = ''
  for (const child of node.children) out += textOf(child, ctx)
  return out
}

/** The text of a leading <strong>/<b> (after white space), if the content opens with one. */
function leadOf(nodes: AnyNode[]): string | null {
  for (const node of nodes) {
    if (node.type === 'text') {
      if ((node as unknown as { data: string }).data.trim() === '') continue
      return null
    }
    if (!isElement(node)) continue
    if (node.name === 'strong' || node.name === 'b') {
      const text = collapse(textOf(node, { inContent: true, ordered: false })).trim()
      return text === '' ? null : text
    }
    return null
  }
  return null
}

const NEEDS_COLLAPSE = /[^\S ]| {2}/

/** Collapses runs of white space (including non-breaking spaces) to one space. */
export function collapse(text: string): string {
  // Most text is already single-spaced; testing first saves building a new string (this runs for every node).
  return NEEDS_COLLAPSE.test(text) ? text.replace(/[\s\u00a0]+/g, ' ') : text
}

const BLANK = /^[\s\u00a0]*$/
// White space between elements: one shared part instead of one per text node (pretty-printed HTML has many).
const SPACE: RowPart = Object.freeze({ text: '', raw: ' ', element: false })
