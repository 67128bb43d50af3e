// `canon parse --outline`: a page's outline and the decisions the reader made on it, as text for a person —
// which node became a role or a level, which became a component of which kind, what was left out and why.

import { decodeBytes } from '../extract/decode.js'
import { detectSourceKind, isDataKind } from '../extract/detect-format.js'
import { describeNode } from '../extract/outline.js'
import type { PageInput } from '../model/index.js'
import { parsePage, readPageOutline } from './parse-page.js'

/** The outline report of one page (never throws: an unreadable page says why). */
export function outlineReport(input: PageInput): string {
  const lines: string[] = [`== ${input.path}`]
  const decoded = decodeBytes(input.bytes)
  if (!decoded.ok) return [...lines, `cannot be read: ${decoded.reason}`, ''].join('\n')
  const kind = detectSourceKind(input.path, decoded.text)
  let reading: ReturnType<typeof readPageOutline> | null = null
  try {
    // Structured files are read as data by their shape (src/parse/data/), never through an outline.
    if (!isDataKind(kind)) reading = readPageOutline(input.path, decoded.text, [], input.sourceProfile ?? null)
  } catch (error) {
    return [...lines, `cannot be read: ${error instanceof Error ? error.message : String(error)}`, ''].join('\n')
  }
  if (reading === null) {
    lines.push(`structured file (${kind}): read as data by its shape, not through an outline`)
  } else if (reading.kind !== 'outline') {
    lines.push(`${reading.kind === 'canon-app' ? 'canon-app page' : 'framework in YAML front matter'}: read by its own reader, not through an outline`)
  } else {
    const unit = reading.outline.positions === 'line' ? 'L' : '@'
    lines.push('', `outline (${reading.outline.nodes.length} nodes):`)
    if (reading.outline.frontMatter) lines.push(`  front matter: ${Object.keys(reading.outline.frontMatter).join(', ')}`)
    for (const node of reading.outline.nodes) lines.push(`  ${`${unit}${node.pos}`.padEnd(8)}${clip(describeNode(node), 140)}`)
    lines.push('', 'decisions:')
    for (const d of reading.reading.decisions) lines.push(`  ${`${unit}${d.pos}`.padEnd(8)}${clip(d.node, 70)} → ${d.decision}`)
    const left = Object.entries(reading.reading.leftOut)
    if (left.length > 0) lines.push(`  left out as not role content: ${left.map(([reason, n]) => `${reason} ${n}`).join(', ')}`)
  }
  const result = parsePage(input)
  lines.push('', `profiles (${result.profiles.length}):`)
  for (const p of result.profiles) {
    const kinds = new Map<string, number>()
    for (const c of p.components) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1)
    lines.push(`  ${p.title}${p.level ? ` [level ${p.level.code}${p.level.name && p.level.name !== p.level.code ? ` ${p.level.name}` : ''}]` : ''} — ${p.code}`)
    lines.push(`    components: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}${p.summary ? `; summary: ${clip(p.summary, 60)}` : ''}`)
  }
  for (const r of result.rejected) lines.push(`  quarantined: ${r.message}`)
  lines.push('')
  return lines.join('\n')
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
