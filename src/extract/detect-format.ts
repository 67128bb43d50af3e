// Which reader a page needs: by its file name ending first, by its first bytes when the ending says nothing.

import { hasFrontMatter } from './markdown.js'

export type SourceKind = 'html' | 'markdown' | 'text'

/** The kind of page: `.html`/`.htm` → html, `.md`/`.markdown` → markdown, `.txt` → text; else sniffed. */
export function detectSourceKind(path: string, text: string): SourceKind {
  const lower = path.toLowerCase()
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html'
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown'
  if (lower.endsWith('.txt')) return 'text'
  const head = text.slice(0, 1024).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|div|main|article|h1|p)[\s>]/.test(head)) return 'html'
  if (hasFrontMatter(text) || /^#{1,6} \S/m.test(text.slice(0, 4096))) return 'markdown'
  return 'text'
}
