// parse, canon-app pages: rows (from the text copy or the HTML of a canon-app role page) → DraftProfile.
// The canon app lays every role page out the same way; the parser finds its sections by their visible
// headings ("Components", "Title aliases", ...) and reads each by its shape. Where the text copy runs values
// together (`…pipelinescommonlevel`, `P3P3 — Mid-Level Professionalmedium0.70draftglobalv1`), the split
// follows the vocabularies below; where HTML keeps them in separate elements, the elements are used.

import type {
  DraftAlias,
  DraftBadges,
  DraftClassification,
  DraftComponent,
  DraftLevel,
  DraftProfile,
  DraftSectionCount,
  DraftStory,
  Finding,
  PageFormat,
} from '../model/index.js'
import { collapse, type Row } from '../extract/rows.js'
import { APPROVAL_MARK, LEVEL_FIELD_LABELS } from '../vocabulary/title-words.js'
import { emptyDraft } from './career-page.js'

/** A canon code: upper-case segments joined by dots (`EDE.GEN.P3`). */
export const CANON_CODE = /^[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+){2,}$/

/**
 * Badge words the canon app puts after a component (`common`: shared by the discipline, `level`: specific to
 * the level, ...). On text copies a badge is recognised only if it is one of these, or if the page's HTML showed
 * it as a badge element of its own, glued to the text without a space, each at most once per row.
 */
export const KNOWN_COMPONENT_BADGES: readonly string[] = [
  'common',
  'level',
  'core',
  'role',
  'discipline',
  'function',
  'track',
  'family',
  'specific',
  'unique',
  'custom',
  'inherited',
  'shared',
  'optional',
  'required',
  'derived',
  'manual',
  'generated',
  'inferred',
]

/** Alias types the canon app shows (used to split text rows like `Engineer IIIcommonmedium0.70`). */
export const KNOWN_ALIAS_TYPES: readonly string[] = [
  'common',
  'formal',
  'informal',
  'abbreviation',
  'acronym',
  'legacy',
  'internal',
  'external',
  'seniority',
  'level',
  'variant',
  'synonym',
  'translation',
  'localized',
  'historical',
  'alternate',
  'spelling',
  'declared',
  'market',
  'posting',
  'reported',
  'onet',
  'esco',
]

/** Keys of a classification row (`code=15-0000title=…source=…reviewStatus=…`): the Classification fields. */
export const CLASSIFICATION_KEYS: readonly string[] = ['system', 'code', 'title', 'source', 'confidence', 'reviewStatus', 'evidence']

const STATUS = '(?<status>draft|review|in_review|approved|deprecated|retired|published)'
const BAND = '(?<band>low|medium|high)'

export type Section =
  | 'top'
  | 'story'
  | 'who'
  | 'problem'
  | 'plan'
  | 'stakes'
  | 'success'
  | 'summary'
  | 'level'
  | 'coreOutputs'
  | 'adjacentRoles'
  | 'components'
  | 'aliases'
  | 'classifications'

const SECTION_LABELS: [RegExp, Section][] = [
  [/^the story of this role$/, 'story'],
  [/^who does this work$/, 'who'],
  [/^the problem this role solves$/, 'problem'],
  [/^the plan$/, 'plan'],
  [/^what'?s at stake$/, 'stakes'],
  [/^success looks like$/, 'success'],
  [/^summary$/, 'summary'],
  [/^level\s*[—–-]\s*\S/, 'level'],
  [/^core outputs$/, 'coreOutputs'],
  [/^adjacent roles$/, 'adjacentRoles'],
  [/^components$/, 'components'],
  [/^title aliases$/, 'aliases'],
  [/^classification mappings$/, 'classifications'],
]

const PLACEHOLDER = /^no\b.*\b(?:recorded|yet|defined)\b/i

const COMPONENT_HEADING = /^(responsibilit(?:y|ies)|tasks?|skills?|knowledge|competenc(?:y|ies)|qualifications?)\s*(?:[·•:—–-]\s*)?(?:\(?\s*(\d+)\s*\)?)?$/i

function kindOf(word: string): string {
  const w = word.toLowerCase()
  if (w.startsWith('responsibilit')) return 'responsibility'
  if (w.startsWith('task')) return 'task'
  if (w.startsWith('skill')) return 'skill'
  if (w.startsWith('knowledge')) return 'knowledge'
  if (w.startsWith('competenc')) return 'competency'
  return 'qualification'
}

function labelKey(text: string): string {
  // Row text is already trimmed and single-spaced; only quotes and a trailing colon need unifying.
  let key = text.toLowerCase()
  if (key.includes('’') || key.includes('‘') || key.includes('`')) key = key.replace(/[’‘`]/g, "'")
  if (key.endsWith(':') || key.endsWith('：')) key = key.slice(0, -1).trimEnd()
  return key
}

function sectionOf(row: Row): Section | null {
  // Section headings are short (a level heading starts with "Level"); most rows are not, and need no closer look.
  if (row.kind === 'item' || (row.text.length > 32 && !/^level/i.test(row.text))) return null
  const key = labelKey(row.text)
  for (const [pattern, section] of SECTION_LABELS) if (pattern.test(key)) return section
  return null
}

/** Whether the rows are a canon-app role page: a canon code line and two of its section headings, or four of them. */
export function isCanonAppPage(rows: readonly Row[], sections: readonly (Section | null)[] = rows.map(sectionOf)): boolean {
  let code = false
  const seen = new Set<Section>()
  rows.forEach((row, i) => {
    if (!code && row.text.length < 40 && CANON_CODE.test(row.text)) code = true
    const section = sections[i]
    if (section === 'components' || section === 'aliases' || section === 'classifications' || section === 'story' || section === 'level') {
      seen.add(section)
    }
  })
  return (code && seen.size >= 2) || seen.size >= 4
}

/** A canon-app page's DraftProfile, or null when the rows are not a canon-app page (classifies rows once). */
export function readCanonAppPage(rows: readonly Row[], format: PageFormat): DraftProfile | null {
  const sections = rows.map(sectionOf)
  return isCanonAppPage(rows, sections) ? parseCanonAppRows(rows, format, sections) : null
}

/** Reads a canon-app role page's rows into a DraftProfile (what the page declares, as strings). */
export function parseCanonAppRows(rows: readonly Row[], format: PageFormat, rowSections: readonly (Section | null)[] = rows.map(sectionOf)): DraftProfile {
  const draft = emptyDraft(format, null)
  const findings = draft.findings

  // Split rows into sections by their visible headings.
  const sections: { section: Section; heading: Row | null; rows: Row[] }[] = [{ section: 'top', heading: null, rows: [] }]
  rows.forEach((row, i) => {
    const section = rowSections[i]
    if (section) sections.push({ section, heading: row, rows: [] })
    else sections[sections.length - 1]!.rows.push(row)
  })

  const story: DraftStory = { who: null, externalProblem: null, internalProblem: null, whyItMatters: null, plan: [], stakes: null, success: null }
  let storySeen = false
  let introSummary: string | null = null
  const badgeVocabulary = learnBadgeVocabulary(rows)

  for (const { section, heading, rows: body } of sections) {
    switch (section) {
      case 'top': {
        // ← back link, title, code, badge row, summary: the code (or, without one, the badge row) anchors the title.
        const codeIndex = body.findIndex((r) => CANON_CODE.test(r.text))
        const badgesOf = (r: Row) => (/v\d+$/.test(r.text) ? (parseBadgeParts(r.parts.map((p) => p.text)) ?? parseBadges(r.text)) : null)
        const badgeIndex = body.findIndex((r, i) => i > codeIndex && badgesOf(r) !== null)
        if (codeIndex >= 0) draft.code = body[codeIndex]!.text
        if (badgeIndex >= 0) draft.badges = badgesOf(body[badgeIndex]!)
        const anchor = codeIndex >= 0 ? codeIndex : badgeIndex
        const before = (anchor >= 0 ? body.slice(0, anchor) : body).filter((r) => !r.text.startsWith('←'))
        const h1 = before.filter((r) => r.kind === 'heading' && r.depth === 1)
        const titleRow = anchor >= 0 ? (h1.pop() ?? before[before.length - 1]) : (h1[0] ?? before[0])
        draft.title = titleRow?.text ?? null
        const textRows = body.slice(Math.max(codeIndex, badgeIndex) + 1).filter((r) => r.kind === 'text')
        if (anchor >= 0 && textRows.length > 0) introSummary = textRows.map((r) => r.text).join('\n')
        break
      }
      case 'story':
        storySeen = true
        break
      case 'who':
        storySeen = true
        story.who = joinText(body)
        break
      case 'problem':
        storySeen = true
        for (const row of body) {
          const text = row.text
          const match = /^(the external problem|the internal problem|why it matters)\s*:?\s*(.*)$/i.exec(text)
          if (!match) {
            findings.push(unreadable('story', `story problem row not recognised: "${clip(text)}"`))
            continue
          }
          const label = match[1]!.toLowerCase()
          if (label === 'the external problem') story.externalProblem = match[2]!
          else if (label === 'the internal problem') story.internalProblem = match[2]!
          else story.whyItMatters = match[2]!
        }
        break
      case 'plan':
        storySeen = true
        story.plan = body.filter((r) => r.kind !== 'heading' && r.kind !== 'header').map((r) => r.text.replace(/^\d{1,3}[.)]\s+/, ''))
        break
      case 'stakes':
        storySeen = true
        story.stakes = joinText(body)
        break
      case 'success':
        storySeen = true
        story.success = joinText(body)
        break
      case 'summary':
        draft.summary = joinText(body)
        break
      case 'level':
        draft.level = parseLevelSection(heading!, body, findings)
        break
      case 'coreOutputs':
        draft.coreOutputs = body.filter((r) => r.kind === 'item').map((r) => r.text)
        break
      case 'adjacentRoles':
        draft.adjacentRoles = body.filter((r) => r.kind === 'item').map((r) => ({ text: r.text, parts: r.parts.map((p) => p.text) }))
        break
      case 'components': {
        const parsed = parseComponents(body, badgeVocabulary, findings)
        draft.components = parsed.components
        draft.sectionCounts = parsed.counts
        break
      }
      case 'aliases':
        draft.aliases = parseAliases(body, findings)
        break
      case 'classifications':
        draft.classifications = parseClassifications(body, findings)
        break
    }
  }
  if (draft.summary === null) draft.summary = introSummary
  if (storySeen) draft.story = story
  if (draft.level === null && draft.badges?.levelCode) {
    draft.level = { code: draft.badges.levelCode, name: levelNameOf(draft.badges.levelLabel), descriptor: null, fields: [] }
  } else if (draft.level && draft.badges) {
    draft.level.code ??= draft.badges.levelCode
    draft.level.name ??= levelNameOf(draft.badges.levelLabel)
  }
  return draft
}

// Known statuses split a run-together row reliably; any other lower-case status is read with the known scopes.
const SCOPES = '(?<scope>global|regional|national|local|country|company|org|division|site|team)'
const BADGE_ROW_ANY_STATUS = new RegExp(
  `^(?<code>[A-Z]{1,3}\\d{1,2})\\s*(?<label>\\k<code>\\s*[—–-]\\s*.+?)\\s*(?<band>low|medium|high)\\s*(?<confidence>[01](?:\\.\\d+)?)\\s*(?<status>[a-z][a-z_]*?)\\s*${SCOPES}?\\s*v(?<version>\\d+)$`,
)
const BADGE_ROW = new RegExp(
  `^(?<code>[A-Z]{1,3}\\d{1,2})\\s*(?<label>\\k<code>\\s*[—–-]\\s*.+?)\\s*${BAND}\\s*(?<confidence>[01](?:\\.\\d+)?)\\s*${STATUS}\\s*(?<scope>[a-z][a-z_-]*?)?\\s*v(?<version>\\d+)$`,
)

/**
 * Splits the badge row: level code, level label (`P3 — Mid-Level Professional`), band, confidence, status,
 * scope and version, run together on text copies, separate (any white space between) in HTML.
 */
export function parseBadges(text: string): DraftBadges | null {
  const trimmed = text.trim()
  const match = BADGE_ROW.exec(trimmed) ?? BADGE_ROW_ANY_STATUS.exec(trimmed)
  if (!match?.groups) return null
  const g = match.groups
  return {
    levelCode: g.code ?? null,
    levelLabel: collapseSpaces(g.label ?? '').trim() || null,
    band: g.band ?? null,
    confidence: g.confidence ?? null,
    status: g.status ?? null,
    scope: g.scope ?? null,
    version: g.version ?? null,
  }
}

/**
 * The badge row from its separate elements (HTML): each badge is recognised by its shape — level code, level
 * label (`P3 — …`), band word, number, version (`v1`) — and the two remaining words are status, then scope.
 */
export function parseBadgeParts(parts: readonly string[]): DraftBadges | null {
  if (parts.length < 4) return null
  const badges: DraftBadges = { levelCode: null, levelLabel: null, band: null, confidence: null, status: null, scope: null, version: null }
  const words: string[] = []
  for (const part of parts) {
    if (badges.levelCode === null && /^[A-Z]{1,3}\d{1,2}$/.test(part)) badges.levelCode = part
    else if (badges.levelLabel === null && /^[A-Z]{1,3}\d{1,2}\s*[—–-]\s*\S/.test(part)) badges.levelLabel = part
    else if (badges.band === null && /^(?:low|medium|high)$/.test(part)) badges.band = part
    else if (badges.confidence === null && /^[01](?:\.\d+)?$/.test(part)) badges.confidence = part
    else if (badges.version === null && /^v\d+$/.test(part)) badges.version = part.slice(1)
    else if (/^[a-z][a-z_ -]*$/.test(part)) words.push(part)
    else return null
  }
  if (badges.levelCode === null || badges.version === null) return null
  badges.status = words[0] ?? null
  badges.scope = words[1] ?? null
  return badges
}

function levelNameOf(label: string | null): string | null {
  if (!label) return null
  const parts = label.split(/\s*[—–]\s*|\s+-\s+/)
  return parts.length > 1 ? parts.slice(1).join(' — ') : null
}

function parseLevelSection(heading: Row, body: Row[], findings: Finding[]): DraftLevel {
  // "Level — P3 — Mid-Level Professional"
  const pieces = heading.text.split(/\s*[—–]\s*|\s+-\s+/).slice(1)
  const level: DraftLevel = { code: pieces[0] ?? null, name: pieces.length > 1 ? pieces.slice(1).join(' — ') : null, descriptor: null, fields: [] }
  let pending: string | null = null
  for (const row of body) {
    const first = row.parts[0]?.text ?? row.text
    if (pending !== null) {
      level.fields.push({ label: pending, value: row.text })
      pending = null
      continue
    }
    if (row.parts.length > 1 && isLevelLabel(first)) {
      level.fields.push({
        label: stripColon(first),
        value: collapseSpaces(
          row.parts
            .slice(1)
            .map((p) => p.raw)
            .join(''),
        ).trim(),
      })
      continue
    }
    const inline = /^([^:]{3,40}):\s+(.+)$/.exec(row.text)
    if (inline && isLevelLabel(inline[1]!)) {
      level.fields.push({ label: inline[1]!, value: inline[2]! })
      continue
    }
    if (isLevelLabel(row.text)) {
      pending = stripColon(row.text)
      continue
    }
    if (level.descriptor === null && level.fields.length === 0) {
      level.descriptor = row.text
      continue
    }
    findings.push(unreadable('level', `level section row not recognised: "${clip(row.text)}"`))
  }
  if (pending !== null) findings.push(unreadable('level', `level field "${pending}" has no value`))
  return level
}

function isLevelLabel(text: string): boolean {
  return labelKey(text) in LEVEL_FIELD_LABELS
}

function stripColon(text: string): string {
  return text.replace(/\s*[:：]\s*$/, '').trim()
}

/**
 * Badge words for this page: the known ones, plus any word that HTML shows as a trailing element of its own on
 * at least two component rows (a page-specific badge the known list lacks).
 */
function learnBadgeVocabulary(rows: readonly Row[]): Set<string> {
  const vocabulary = new Set(KNOWN_COMPONENT_BADGES)
  const counts = new Map<string, number>()
  for (const row of rows) {
    if (row.kind !== 'item' || row.parts.length < 2) continue
    for (let i = row.parts.length - 1; i >= 1; i--) {
      const part = row.parts[i]!
      if (!part.element || !/^[a-z][a-z_-]*$/.test(part.text)) break
      counts.set(part.text, (counts.get(part.text) ?? 0) + 1)
    }
  }
  for (const [word, count] of counts) if (count >= 2) vocabulary.add(word)
  return vocabulary
}

/** Splits a component row into its text and its badges. */
export function splitComponentRow(row: Row, vocabulary: ReadonlySet<string>): { text: string; tags: string[] } {
  // HTML: badges are trailing elements of their own.
  if (row.parts.length > 1) {
    let end = row.parts.length
    while (end > 1) {
      const part = row.parts[end - 1]!
      if (part.element && vocabulary.has(part.text)) end--
      else break
    }
    if (end < row.parts.length) {
      const text = collapseSpaces(
        row.parts
          .slice(0, end)
          .map((p) => p.raw)
          .join(''),
      ).trim()
      const tags = row.parts.slice(end).map((p) => p.text)
      return { text, tags }
    }
  }
  // Text copy: badges are glued to the end of the text (`…pipelinescommonlevel`).
  let text = row.text
  const tags: string[] = []
  for (;;) {
    const found = [...vocabulary]
      .filter((word) => !tags.includes(word) && text.endsWith(word) && text.length > word.length)
      .sort((a, b) => b.length - a.length)
      .find((word) => !/\s/.test(text.charAt(text.length - word.length - 1)))
    if (!found) break
    tags.unshift(found)
    text = text.slice(0, text.length - found.length)
  }
  return { text: text.trim(), tags }
}

/**
 * Copies made with spaces or tabs between the badges (`Automation scripting common level`) are recognised from
 * the page's structure: when no row has badges glued on, a known badge word that ends (with other badge words)
 * at least half of three or more component rows is a badge; a badge word ending only an odd row ("… similar
 * role") is part of that row's text.
 */
function spacedBadgeRows(body: Row[], vocabulary: ReadonlySet<string>): Map<Row, { text: string; tags: string[] }> {
  const rows = body.filter(
    (r) => r.parts.length === 1 && (r.kind === 'item' || (r.kind === 'text' && !COMPONENT_HEADING.test(r.text) && !PLACEHOLDER.test(r.text))),
  )
  const out = new Map<Row, { text: string; tags: string[] }>()
  if (rows.length < 3 || rows.some((r) => splitComponentRow(r, vocabulary).tags.length > 0)) return out
  const trailing = (words: string[], badges: ReadonlySet<string>) => {
    const tags: string[] = []
    while (words.length > 1 && badges.has(words[words.length - 1]!) && !tags.includes(words[words.length - 1]!)) tags.unshift(words.pop()!)
    return tags
  }
  const counts = new Map<string, number>()
  for (const row of rows) for (const word of trailing(row.text.split(' '), vocabulary)) counts.set(word, (counts.get(word) ?? 0) + 1)
  const badges = new Set([...counts].filter(([, n]) => n >= Math.max(2, Math.ceil(rows.length / 2))).map(([word]) => word))
  if (badges.size === 0) return out
  for (const row of rows) {
    const words = row.text.split(' ')
    const tags = trailing(words, badges)
    out.set(row, { text: words.join(' '), tags })
  }
  return out
}

function parseComponents(body: Row[], vocabulary: ReadonlySet<string>, findings: Finding[]): { components: DraftComponent[]; counts: DraftSectionCount[] } {
  const components: DraftComponent[] = []
  const counts: DraftSectionCount[] = []
  let current: DraftSectionCount | null = null
  const spaced = spacedBadgeRows(body, vocabulary)
  for (const row of body) {
    if (row.kind !== 'item') {
      const match = COMPONENT_HEADING.exec(row.text.trim())
      if (match) {
        current = { heading: row.text, kind: kindOf(match[1]!), declared: match[2] ?? null, found: 0 }
        counts.push(current)
        continue
      }
      // Markup without list semantics (rows of <div>s) still lists components, one per row; placeholders
      // such as "No skills recorded yet." are not components.
      if (row.kind === 'header' || PLACEHOLDER.test(row.text)) continue
    }
    if (!current) {
      findings.push(unreadable('components', `component listed before any section heading: "${clip(row.text)}"`))
      continue
    }
    const { text, tags } = spaced.get(row) ?? splitComponentRow(row, vocabulary)
    components.push({ kind: current.kind, text, tags })
    current.found++
  }
  return { components, counts }
}

function parseAliases(body: Row[], findings: Finding[]): DraftAlias[] {
  const aliases: DraftAlias[] = []
  const types = [...KNOWN_ALIAS_TYPES].sort((a, b) => b.length - a.length).join('|')
  // Run together on a browser copy; tabs or spaces between the columns when copied from a table.
  const glued = new RegExp(`^(?<text>.+?)\\s*(?<type>${types})\\s*${BAND}\\s*(?<confidence>[01](?:\\.\\d+)?)\\s*(?<approved>\\S.*)?$`)
  const gluedAnyType = new RegExp(`^(?<text>.*[^a-z_\\s])(?<type>[a-z][a-z_]*)${BAND}(?<confidence>[01](?:\\.\\d+)?)(?<approved>\\S.*)?$`)
  body.forEach((row, index) => {
    if (row.kind === 'header') return
    if (index === 0 && /^alias\s*type/i.test(row.text)) return // the column headings of a text copy
    if (row.parts.length > 2) {
      aliases.push(aliasFromParts(row.parts.map((p) => p.text)))
      return
    }
    const match = glued.exec(row.text) ?? gluedAnyType.exec(row.text)
    if (!match?.groups) {
      findings.push(unreadable('aliases', `alias row not recognised (expected text, type, band and confidence): "${clip(row.text)}"`))
      return
    }
    const g = match.groups
    aliases.push({ text: g.text!.trim(), type: g.type ?? null, band: g.band ?? null, confidence: g.confidence ?? null, approved: g.approved?.trim() || null })
  })
  return aliases
}

function aliasFromParts(parts: string[]): DraftAlias {
  const alias: DraftAlias = { text: parts[0]!, type: null, band: null, confidence: null, approved: null }
  for (const piece of parts.slice(1).flatMap((p) => p.split(/\s+|(?<=[a-z])(?=\d)/))) {
    if (piece === '') continue
    if (/^(low|medium|high)$/.test(piece) && alias.band === null) alias.band = piece
    else if (/^[01](?:\.\d+)?$/.test(piece) && alias.confidence === null) alias.confidence = piece
    else if (APPROVAL_MARK.test(piece)) alias.approved = piece
    else if (alias.type === null) alias.type = piece
  }
  return alias
}

function parseClassifications(body: Row[], findings: Finding[]): DraftClassification[] {
  const out: DraftClassification[] = []
  let systemHint: string | null = null
  let columns: string[] | null = null
  let record: DraftClassification | null = null
  // Keys glued to the previous value (`15-0000title=…`, a text copy) or after a space (`code=15-0000 title=…`).
  const keyPattern = new RegExp(`(${CLASSIFICATION_KEYS.join('|')})=`, 'g')
  for (const row of body) {
    if (row.kind === 'header') {
      columns = row.parts.map((p) => p.text)
      continue
    }
    if (row.text.includes('=')) {
      const values: Record<string, string> = {}
      const matches = [...row.text.matchAll(keyPattern)]
      matches.forEach((m, i) => {
        const start = m.index! + m[0].length
        const end = i + 1 < matches.length ? matches[i + 1]!.index! : row.text.length
        values[m[1]!] = row.text.slice(start, end).trim()
      })
      if (matches.length === 0) findings.push(unreadable('classifications', `classification row not recognised: "${clip(row.text)}"`))
      else out.push({ systemHint, values })
      continue
    }
    const key = row.parts[0]?.text
    if (row.parts.length >= 2 && key !== undefined && CLASSIFICATION_KEYS.includes(key)) {
      // One field per row (a definition list: `code` → `15-0000`); a new `code` starts a new mapping.
      const value = row.parts
        .slice(1)
        .map((p) => p.text)
        .join(' ')
      if (!record || (key === 'code' && 'code' in record.values)) {
        record = { systemHint, values: {} }
        out.push(record)
      }
      record.values[key] = value
      continue
    }
    record = null
    if (columns && row.kind === 'item' && row.parts.length === columns.length) {
      const values: Record<string, string> = {}
      columns.forEach((column, i) => {
        values[column] = row.parts[i]!.text
      })
      out.push({ systemHint, values })
      continue
    }
    systemHint = row.text
  }
  return out
}

function joinText(rows: Row[]): string | null {
  const text = rows
    .filter((r) => r.kind !== 'heading')
    .map((r) => r.text)
    .join('\n')
    .trim()
  return text === '' ? null : text
}

function collapseSpaces(text: string): string {
  return collapse(text)
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

function unreadable(field: string, message: string): Finding {
  return { severity: 'warning', code: 'row-unreadable', message, field }
}
