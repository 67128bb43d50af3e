// Which reader a page needs: by its file name ending first, by its first bytes when the ending says nothing.

import { hasFrontMatter } from './markdown.js'

/** A page (html, markdown, text), a structured data file (yaml, json, csv), or program source (script). */
export type SourceKind = 'html' | 'markdown' | 'text' | DataKind

/**
 * Files read as data, never as lines of text: a ladder in them is read by its shape, anything else quarantined;
 * `script` (program source) and `markup` (markup canon has no reader for) are always quarantined.
 */
export type DataKind = 'yaml' | 'json' | 'csv' | 'script' | 'markup'

/**
 * File name endings of data files and program source, and the kind each is read as. reStructuredText is not
 * here: it is read as text (the text outline knows its underlined headings and skips its directives).
 */
export const DATA_EXTENSIONS: Readonly<Record<string, DataKind>> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.js': 'script',
  '.mjs': 'script',
  '.cjs': 'script',
  '.ts': 'script',
  '.jsx': 'script',
  '.tsx': 'script',
  '.adoc': 'markup',
  '.asciidoc': 'markup',
  '.org': 'markup',
  '.tex': 'markup',
  '.rtf': 'markup',
}

/** Whether a kind is read as data (yaml, json, csv, script) rather than as a page. */
export function isDataKind(kind: SourceKind): kind is DataKind {
  return kind === 'yaml' || kind === 'json' || kind === 'csv' || kind === 'script' || kind === 'markup'
}

/**
 * The kind of page: `.html`/`.htm` → html, `.md`/`.markdown` → markdown, `.txt` → text, `.yaml`/`.yml`/`.json`/
 * `.csv`/`.tsv` → data, `.js`/`.ts`/… → script, `.adoc`/`.org`/`.tex`/`.rtf` → markup (`.rst` is text); else sniffed (a text that is a JSON object or array is json).
 */
export function detectSourceKind(path: string, text: string): SourceKind {
  const lower = path.toLowerCase()
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html'
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown'
  if (lower.endsWith('.txt')) return 'text'
  const dot = lower.lastIndexOf('.')
  const data = dot >= 0 && !lower.slice(dot).includes('/') ? DATA_EXTENSIONS[lower.slice(dot)] : undefined
  if (data) return data
  const head = text.slice(0, 1024).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|div|main|article|h1|p)[\s>]/.test(head)) return 'html'
  if ((head.startsWith('{') || head.startsWith('[')) && isJson(text)) return 'json'
  if (hasFrontMatter(text) || /^#{1,6} \S/m.test(text.slice(0, 4096))) return 'markdown'
  return 'text'
}

function isJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null
  } catch {
    return false
  }
}
