// extract, source profiles: the text of a `canon-source.yaml` → a validated SourceProfile, or a message naming
// the file and the line of every problem. Pure; discover reads the file and calls this.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml'
import type { SourceIgnore, SourceProfile, SourceSection } from '../model/index.js'

export { SOURCE_PROFILE_FILE } from './source-profile-file.js'

/** Component kinds a section may be mapped to; `ignore` leaves its statements out. */
export const SOURCE_SECTION_KINDS: readonly string[] = ['responsibility', 'task', 'skill', 'knowledge', 'competency', 'qualification', 'ignore']

export type SourceProfileReading = { ok: true; profile: SourceProfile } | { ok: false; message: string }

const TOP_KEYS = ['role', 'level', 'sections', 'ignore']
const ROLE_KEYS = ['heading', 'column', 'title']
const LEVEL_KEYS = ['heading', 'column', 'order']

/** Validates a source profile's text; `file` names it in messages (`pages/acme/canon-source.yaml line 4: …`). */
export function readSourceProfile(file: string, text: string): SourceProfileReading {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const errors: { line: number; message: string }[] = []
  const at = (node: Node | null | undefined, message: string) => {
    const offset = node?.range?.[0]
    errors.push({ line: offset === undefined ? 0 : lines.linePos(offset).line, message })
  }
  for (const error of doc.errors) errors.push({ line: lines.linePos(error.pos[0]).line, message: error.message.split('\n')[0] ?? '' })
  const profile: SourceProfile = {
    path: file,
    role: { heading: null, column: null, title: null },
    level: { heading: null, column: null, order: [] },
    sections: [],
    ignore: [],
  }
  if (errors.length === 0 && doc.contents !== null) {
    const root = doc.contents
    if (!isMap(root)) at(root, `expected a mapping of ${TOP_KEYS.join(', ')}`)
    else {
      for (const [key, value] of entries(root, TOP_KEYS, at)) {
        if (key === 'role') readLocator(value, ROLE_KEYS, profile.role, at)
        else if (key === 'level') readLocator(value, LEVEL_KEYS, profile.level, at)
        else if (key === 'sections') profile.sections = readSections(value, at)
        else if (key === 'ignore') profile.ignore = readIgnore(value, at)
      }
    }
  }
  if (errors.length > 0) {
    const listed = errors.sort((a, b) => a.line - b.line).map((e) => (e.line > 0 ? `line ${e.line}: ${e.message}` : e.message))
    return { ok: false, message: `${file}: ${listed.join('; ')}` }
  }
  return { ok: true, profile }
}

type At = (node: Node | null | undefined, message: string) => void

/** The pairs of a mapping whose keys are known; unknown and non-string keys are reported. */
function entries(map: YAMLMap, known: readonly string[], at: At): [string, Node | null][] {
  const out: [string, Node | null][] = []
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null
    const key = isScalar(keyNode) ? String(keyNode.value) : null
    if (key === null || !known.includes(key)) {
      at(keyNode, `unknown key ${key === null ? '(not a name)' : `"${key}"`} (expected ${known.join(', ')})`)
      continue
    }
    out.push([key, pair.value as Node | null])
  }
  return out
}

function readLocator(
  node: Node | null,
  known: readonly string[],
  target: { heading: number | null; column: string | number | null; title?: string | null; order?: string[] },
  at: At,
): void {
  if (!isMap(node)) {
    at(node, `expected a mapping of ${known.join(', ')}`)
    return
  }
  for (const [key, value] of entries(node, known, at)) {
    const scalar = isScalar(value) ? value.value : undefined
    if (key === 'heading') {
      if (typeof scalar === 'number' && Number.isInteger(scalar) && scalar >= 1 && scalar <= 6) target.heading = scalar
      else at(value ?? node, 'heading: expected a heading depth from 1 to 6 (2 for ## headings)')
    } else if (key === 'column') {
      if (typeof scalar === 'number' && Number.isInteger(scalar) && scalar >= 1) target.column = scalar
      else if (typeof scalar === 'string' && scalar.trim() !== '') target.column = scalar.trim()
      else at(value ?? node, 'column: expected a column header (text) or a column number counted from 1')
    } else if (key === 'title') {
      if (typeof scalar === 'string' && scalar.trim() !== '') target.title = scalar.trim()
      else at(value ?? node, 'title: expected the role’s title (text)')
    } else if (key === 'order') {
      if (isSeq(value) && value.items.length > 0 && value.items.every((item) => isScalar(item) && String(item.value).trim() !== '')) {
        target.order = value.items.map((item) => String((item as { value: unknown }).value).trim())
      } else at(value ?? node, 'order: expected a list of level codes or names, lowest first ([IC1, IC2, IC3])')
    }
  }
}

function readSections(node: Node | null, at: At): SourceSection[] {
  if (!isMap(node)) {
    at(node, 'sections: expected a mapping of section heading → kind ("What you will do": responsibility)')
    return []
  }
  const out: SourceSection[] = []
  for (const pair of node.items) {
    const key = pair.key as Node | null
    const value = pair.value as Node | null
    const heading = isScalar(key) ? String(key.value).trim() : ''
    const kind = isScalar(value) ? String(value.value).trim().toLowerCase() : ''
    if (heading === '') at(key, 'sections: expected a section heading')
    else if (!SOURCE_SECTION_KINDS.includes(kind))
      at(value ?? key, `sections: "${heading}" maps to "${kind}"; expected one of ${SOURCE_SECTION_KINDS.join(', ')}`)
    else out.push({ heading, kind })
  }
  return out
}

function readIgnore(node: Node | null, at: At): SourceIgnore[] {
  if (!isSeq(node)) {
    at(node, 'ignore: expected a list of texts or /regular expressions/')
    return []
  }
  const out: SourceIgnore[] = []
  for (const item of node.items as (Node | null)[]) {
    const text = isScalar(item) && typeof item.value === 'string' ? item.value : null
    if (text === null || text.trim() === '') {
      at(item, 'ignore: expected a text or a /regular expression/')
      continue
    }
    const regex = /^\/(.+)\/$/.exec(text.trim())
    if (regex) {
      try {
        new RegExp(regex[1]!, 'iu')
      } catch (error) {
        at(item, `ignore: ${text.trim()} is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`)
        continue
      }
      out.push({ text: regex[1]!, regex: true })
    } else out.push({ text: text.trim(), regex: false })
  }
  return out
}
