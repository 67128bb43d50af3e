// extract, Markdown: YAML front matter (parsed with `yaml`) and the body rendered to HTML (with `marked`) so the
// same row reader serves Markdown and HTML.

import { marked } from 'marked'
import { parse as parseYaml } from 'yaml'
import { htmlRows } from './html.js'
import type { Row } from './rows.js'

export interface MarkdownContent {
  /** The parsed front matter, or null when the page has none. */
  frontMatter: unknown
  rows: Row[]
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/

/** Splits front matter from the body (a repeated key: the last wins) and reads the body into rows; throws a readable error on bad YAML. */
export function readMarkdown(text: string): MarkdownContent {
  const match = FRONT_MATTER.exec(text)
  let frontMatter: unknown = null
  let body = text
  if (match) {
    try {
      frontMatter = parseYaml(match[1]!, { uniqueKeys: false })
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
      throw new Error(`the YAML front matter is not valid YAML (${reason})`, { cause: error })
    }
    body = text.slice(match[0].length)
  }
  const html = marked.parse(body, { async: false, gfm: true })
  return { frontMatter, rows: htmlRows(`<body>${html}</body>`) }
}

/** Whether text opens with YAML front matter. */
export function hasFrontMatter(text: string): boolean {
  return FRONT_MATTER.test(text)
}
