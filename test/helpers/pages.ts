// Helpers for parse tests: pages as PageInput, from inline text or from raw/.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { hashContent } from '../../src/discover/read-pages.js'
import type { PageInput } from '../../src/model/index.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A PageInput from text (UTF-8) or bytes, as discover would make it. */
export function pageOf(path: string, content: string | Uint8Array): PageInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content
  return { path, bytes, contentHash: hashContent(bytes) }
}

/** A page under raw/ (path relative to raw/, as readPages gives it). */
export function rawPage(relative: string): PageInput {
  return pageOf(relative, readFileSync(new URL(`../../raw/${relative}`, import.meta.url)))
}

/** A golden file under test/golden. */
export function golden(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8'))
}
