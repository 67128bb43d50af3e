// Helpers for parse tests: pages as PageInput, from inline text or from raw/.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { hashContent } from '../../src/discover/read-pages.js'
import type { PageInput, RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'

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

/** The seed page's role (the canon-app DevOps Engineering P3 page, parsed). */
export function seedRole(): RoleProfile {
  const { profiles } = parsePage(rawPage('pages/canon/role-page-devops-engineering-p3.txt'))
  if (profiles.length !== 1) throw new Error(`the seed page gave ${profiles.length} profiles`)
  return profiles[0]!
}

/** A bare role on page `path`: a title and its responsibilities, nothing else declared. */
export function pageRole(path: string, title: string, responsibilities: string[] = []): RoleProfile {
  return {
    ...seedRole(),
    code: `${path}#${title}`,
    title,
    function: null,
    discipline: null,
    track: null,
    level: null,
    summary: null,
    story: null,
    components: responsibilities.map((text) => ({ kind: 'responsibility', text, tags: [] })),
    coreOutputs: [],
    aliases: [],
    classifications: [],
    source: { path, format: 'md', contentHash: '' },
  }
}
