// parse, any career page that is not a canon-app page: outline → DraftProfiles, read as an analyst reads it.
//  1. Sections: the outline's headings (and bold label lines, as pseudo-headings) nest into a tree.
//  2. Left out: sections and lines that are not role content (benefits, how to apply, EEO, navigation, salary
//     lines, template placeholders) — counted in an info finding, never silently.
//  3. Segmentation: role or level headings (two or more at one depth), else ladder tables (levels or roles as
//     columns, levels as rows), else one profile for the page. Headings that repeat under several categories
//     (an inverted ladder) gather into one profile.
//  4. Statements: list items, table cells and paragraphs under subheadings become components, their kind from
//     the nearest heading that names one, category headings and labels as tags.
// Every decision is recorded for `canon parse --outline`.

import type { DraftComponent, DraftLevel, DraftProfile, Finding, PageFormat, SourceProfile } from '../model/index.js'
import type { Outline, OutlineCell, OutlineHeading, OutlineNode, OutlineTable } from '../extract/outline.js'
import {
  BOILERPLATE_LINES,
  BOILERPLATE_SECTIONS,
  DOCUMENT_TITLE,
  GRADE_KEY,
  KIND_HEADINGS,
  LEVEL_CODE_SOURCE,
  METADATA_KEY,
  ROLE_NOUN,
  ROMAN,
  SECTION_TITLE,
  SHARED_SECTION,
  TITLE_KEY,
} from '../vocabulary/page-words.js'
import { foldHeading, ignoreMatcher } from './apply-source-profile.js'
import { cleanHeading, emptyDraft } from './career-page.js'
import { documentRole } from './data/ladder-tree.js'
import { LEVEL_GRADE_LABEL, LEVEL_PAY_LABEL } from '../vocabulary/title-words.js'

export interface OutlineReadOptions {
  format: PageFormat
  /** A title from outside the content (Readability's, the document's <title>), used when nothing better names the role. */
  fallbackTitle: string | null
  /** Statement kind when no heading names one. */
  defaultKind: string
  /**
   * The page's source profile (canon-source.yaml), when it has one. Its role and level headings segment the page
   * before the general rules; the sections it names and the text it ignores are its own to decide, so the reader
   * leaves them to it (applySourceProfile maps, leaves out and counts them) instead of leaving them out itself.
   */
  source?: SourceProfile | null
}

export interface OutlineDecision {
  /** Source position of the node (line or offset, as the outline says). */
  pos: number
  node: string
  decision: string
}

export interface OutlineReading {
  drafts: DraftProfile[]
  decisions: OutlineDecision[]
  /** Blocks left out as not role content, by reason. */
  leftOut: Record<string, number>
}

interface Section {
  heading: OutlineHeading | null
  /** Cleaned heading text ('' for the root). */
  text: string
  depth: number
  /** A bold label line rather than a heading. */
  label: boolean
  nodes: OutlineNode[]
  children: Section[]
  parent: Section | null
  /** Why the section is left out (boilerplate), or null. */
  dropped: string | null
  pos: number
}

interface RoleName {
  title: string | null
  level: DraftLevel | null
}

const LEVEL_CODE = new RegExp(`^${LEVEL_CODE_SOURCE}$`, 'i')
const CODE_FIRST = new RegExp(`^(${LEVEL_CODE_SOURCE})\\s*(?:[-–—:|.]\\s*|\\s+)(.+)$`, 'i')
const CODE_LAST = new RegExp(`^(.+?)\\s*(?:[-–—:|,(]\\s*|\\s+)(${LEVEL_CODE_SOURCE})\\)?$`, 'i')
const ROLE_NOUN_END = new RegExp(`${ROLE_NOUN.source}\\s*$`, 'iu')

/** Reads an outline into drafts: one per role and level found, or one for the page. */
export function readOutline(outline: Outline, options: OutlineReadOptions): OutlineReading {
  const reader = new Reader(outline, options)
  return reader.read()
}

class Reader {
  readonly decisions: OutlineDecision[] = []
  readonly leftOut: Record<string, number> = {}
  readonly fields: { key: string; value: string }[] = []
  /** The source profile's sections (folded heading → kind or `ignore`) and ignore list. */
  private readonly declaredSections: Map<string, string>
  private readonly declaredIgnores: ((text: string) => boolean)[]

  constructor(
    private readonly outline: Outline,
    private readonly options: OutlineReadOptions,
  ) {
    this.declaredSections = new Map((options.source?.sections ?? []).map((s) => [foldHeading(s.heading), s.kind]))
    this.declaredIgnores = (options.source?.ignore ?? []).map(ignoreMatcher)
  }

  /**
   * Whether the source profile decides about this statement: its text matches the profile's ignore list, or it
   * sits under a section the profile leaves out. It is then kept as written for the profile to leave out and count.
   */
  declared(text: string, tags: readonly string[]): boolean {
    if (this.declaredIgnores.some((matches) => matches(text))) return true
    return tags.some((t) => this.declaredSections.get(foldHeading(t)) === 'ignore')
  }

  decide(pos: number, node: string, decision: string): void {
    this.decisions.push({ pos, node: node.length > 90 ? `${node.slice(0, 87)}...` : node, decision })
  }

  leave(reason: string, pos: number, node: string): void {
    this.leftOut[reason] = (this.leftOut[reason] ?? 0) + 1
    this.decide(pos, node, `left out: ${reason}`)
  }

  read(): OutlineReading {
    const root = this.sections()
    const fm = this.outline.frontMatter
    const fmTitle = typeof fm?.title === 'string' && fm.title.trim() !== '' ? collapseSpace(fm.title) : null
    const fmLevel = fm && (typeof fm.level === 'string' || typeof fm.level === 'number') ? String(fm.level) : null

    // The page's own title: its first heading (unless it names a section), else the front matter's.
    const top = firstHeading(root)
    const topName = top && !SECTION_TITLE.test(top.text) && !roleName(top.text, null)?.level ? top.text : null
    const docTitle = top?.depth === 1 && topName ? topName : (fmTitle ?? topName ?? this.options.fallbackTitle)

    const drafts =
      this.byDeclaredHeadings(root, docTitle) ?? this.byHeadings(root, docTitle) ?? this.byTables(root, docTitle) ?? this.single(root, top, fmTitle, fmLevel)
    this.applyLevelMap(root, drafts)
    const finding = this.leftOutFinding()
    if (finding) for (const draft of drafts) draft.findings.push(finding)
    return { drafts, decisions: this.decisions, leftOut: this.leftOut }
  }

  /**
   * A table that maps titles to ladder codes ("Engineer 1 | IC2", "Engineering Manager 1 | M2") gives those
   * titles' profiles their codes; the title's own number stays the level's name.
   */
  applyLevelMap(root: Section[], drafts: DraftProfile[]): void {
    const map = new Map<string, string>()
    for (const node of root.flatMap(flatNodes)) {
      if (node.type !== 'table') continue
      const width = Math.max(...node.rows.map((r) => r.length))
      for (let c = 0; c < width; c++) {
        const codes = node.rows.map((r) => cleanLabel(r[c]?.text ?? ''))
        const coded = codes.filter((t) => /\d/.test(t) && isLevelToken(t)).length
        if (coded < 2 || coded * 10 < codes.filter((t) => t !== '').length * 7) continue
        // The title column next to it: the nearest column of role names.
        for (const t of [c - 1, c + 1, c - 2, c + 2]) {
          if (t < 0 || t >= width) continue
          const titles = node.rows.map((r) => cleanLabel(r[t]?.text ?? ''))
          if (titles.filter((x) => x !== '').every((x) => roleName(x, null)?.title)) {
            node.rows.forEach((_, i) => {
              const code = codes[i]!
              if (titles[i] && /\d/.test(code) && isLevelToken(code) && !map.has(titles[i]!.toLowerCase())) map.set(titles[i]!.toLowerCase(), code)
            })
            break
          }
        }
      }
    }
    if (map.size === 0) return
    for (const draft of drafts) {
      const code = draft.title ? map.get(draft.title.toLowerCase()) : undefined
      if (!code || draft.level?.code === code) continue
      this.decide(0, draft.title!, `level ${code} from the title mapping table`)
      draft.level = { code, name: draft.level?.name ?? null, descriptor: null, fields: draft.level?.fields ?? [] }
    }
  }

  leftOutFinding(): Finding | null {
    const entries = Object.entries(this.leftOut)
    if (entries.length === 0) return null
    const total = entries.reduce((n, [, c]) => n + c, 0)
    return {
      severity: 'info',
      code: 'not-role-content',
      message: `left out ${total} block${total === 1 ? '' : 's'} that are not role content (${entries.map(([r, c]) => `${r} ${c}`).join(', ')}); \`canon parse --outline\` lists them`,
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // 1. Sections

  sections(): Section[] {
    const root: Section = { heading: null, text: '', depth: 0, label: false, nodes: [], children: [], parent: null, dropped: null, pos: 0 }
    let current = root
    const nodes = this.outline.nodes
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      let depth: number | null = null
      let text = ''
      if (node.type === 'heading') {
        depth = node.depth
        text = cleanLabel(node.text)
      } else if (isLabel(node, nodes[i + 1])) {
        depth = 7
        text = cleanLabel(node.type === 'paragraph' ? (node.lead ?? node.text) : '')
      }
      if (depth === null) {
        current.nodes.push(node)
        continue
      }
      while (current.parent && current.depth >= depth) current = current.parent
      const section: Section = {
        heading: node.type === 'heading' ? node : { type: 'heading', depth, text, pos: node.pos },
        text,
        depth,
        label: depth === 7,
        nodes: [],
        children: [],
        parent: current,
        dropped: null,
        pos: node.pos,
      }
      const reason = this.declaredSections.has(foldHeading(text)) ? null : boilerplateSection(text)
      if (reason && !(reason === 'about the organisation' && current.dropped === null && ROLE_NOUN.test(text))) section.dropped = reason
      current.children.push(section)
      current = section
    }
    // Mark left-out sections (once, at their top).
    const mark = (s: Section, inDropped: boolean) => {
      if (s.dropped && !inDropped) this.leave(s.dropped, s.pos, `${s.label ? '[label] ' : '#'.repeat(s.depth)} ${s.text}`)
      for (const c of s.children) mark(c, inDropped || s.dropped !== null)
    }
    mark(root, false)
    return [root]
  }

  // -------------------------------------------------------------------------------------------------------
  // 3. Segmentation by the source profile's headings

  /**
   * The source profile's `role.heading` / `level.heading`: a heading of the role depth starts a role; one of the
   * level depth (one the level order names, when there is an order) a (role, level) profile. Role headings alone
   * give one profile per role; level headings alone take the role from `role.title`, else the page's title less
   * the words naming the document. Null when the profile declares no headings or the page has none of them.
   */
  byDeclaredHeadings(roots: Section[], docTitle: string | null): DraftProfile[] | null {
    const source = this.options.source
    if (!source || (source.role.heading === null && source.level.heading === null)) return null
    const order = source.level.order.map((l) => l.toLowerCase())
    const isLevel = (s: Section) => {
      if (s.label || s.depth !== source.level.heading) return false
      if (order.length === 0) return true
      const heading = s.text.toLowerCase()
      return order.some((o) => heading === o || heading.startsWith(`${o} `) || heading.endsWith(` ${o}`))
    }
    const isRole = (s: Section) => !s.label && s.depth === source.role.heading
    let role = source.role.title ?? (docTitle ? documentRole(docTitle) : null)
    const drafts: DraftProfile[] = []
    const profile = (s: Section, title: string | null, level: DraftLevel | null) => {
      if (!title) return
      const draft = emptyDraft(this.options.format, title)
      draft.level = level
      this.statements(s, draft, [], true, title)
      if (draft.components.length > 0 || draft.summary !== null) {
        drafts.push(draft)
        this.decide(s.pos, s.text, `profile "${title}"${level ? ` at level ${level.code ?? level.name}` : ''} (the source profile's headings)`)
      }
    }
    const walk = (s: Section) => {
      for (const c of s.children) {
        // A heading the vocabulary leaves out (Benefits, How to apply) is neither a role nor a level.
        if (c.dropped === null && isRole(c)) {
          role = c.text
          if (source.level.heading === null) profile(c, role, null)
          else walk(c)
        } else if (c.dropped === null && isLevel(c)) {
          profile(c, role, declaredLevel(c.text))
        } else {
          walk(c)
        }
      }
    }
    for (const r of roots) walk(r)
    return drafts.length > 0 ? drafts : null
  }

  // -------------------------------------------------------------------------------------------------------
  // 3a. Segmentation by headings

  byHeadings(roots: Section[], docTitle: string | null): DraftProfile[] | null {
    const all: Section[] = []
    const walk = (s: Section) => {
      if (s.dropped) return
      if (s.heading && !s.label) all.push(s)
      for (const c of s.children) walk(c)
    }
    for (const r of roots) walk(r)
    // The shallowest depth with two or more role or level headings (of different names) whose sections hold
    // statements.
    const depths = [...new Set(all.map((s) => s.depth))].sort((a, b) => a - b)
    for (const depth of depths) {
      const atDepth = all.filter((s) => s.depth === depth)
      const named = atDepth.map((s) => ({ s, name: roleName(s.text, docTitle) })).filter((x) => x.name !== null)
      const distinct = new Set(named.map((x) => keyOf(x.name!)))
      if (distinct.size < 2) continue
      // Role headings must be most of their siblings (a page of "Responsibilities", "Skills", … is one role).
      if (named.length * 2 < atDepth.length && !named.every((x) => x.name!.level)) continue
      const withContent = named.filter((x) => hasStatements(x.s))
      if (withContent.length < 2) continue
      return this.segments(named as { s: Section; name: RoleName }[], docTitle)
    }
    return null
  }

  segments(named: { s: Section; name: RoleName }[], docTitle: string | null): DraftProfile[] {
    const drafts = new DraftSet(this.options.format, baseName(docTitle))
    const order = drafts.order
    // Sections shared by every level: an "All levels" sibling, or the statements before a "Levels" heading.
    const shared: DraftComponent[] = []
    let sharedSummary: string | null = null
    const parent = named[0]!.s.parent
    if (parent) {
      for (const sibling of parent.children) {
        if (sibling.dropped || named.some((x) => x.s === sibling)) continue
        if (SHARED_SECTION.test(sibling.text)) {
          const tmp = emptyDraft(this.options.format, null)
          this.statements(sibling, tmp, [], false)
          shared.push(...tmp.components.map((c) => ({ ...c, tags: [...c.tags, 'inherited'] })))
          this.decide(sibling.pos, sibling.text, 'shared by every level (inherited)')
        }
      }
      if (/^(?:job |career |role )?levels$/i.test(parent.text) && parent.parent) {
        const tmp = emptyDraft(this.options.format, null)
        for (const node of parent.parent.nodes) this.take(node, tmp, [], tmp.summary === null)
        for (const sibling of parent.parent.children) {
          if (sibling === parent) break
          if (!sibling.dropped) this.statements(sibling, tmp, [sibling.text], false)
        }
        shared.push(...tmp.components)
        sharedSummary = tmp.summary
      }
    }
    for (const { s, name } of named) {
      if (!hasStatements(s)) {
        this.decide(s.pos, s.text, 'role or level heading without statements: no profile')
        continue
      }
      const { draft, created } = drafts.get(name)
      if (created) this.decide(s.pos, s.text, `profile "${draft.title}"${name.level ? ` at level ${name.level.code ?? name.level.name}` : ''}`)
      else this.decide(s.pos, s.text, `more statements for "${draft.title}" (the heading repeats under another category)`)
      // Categories above the role heading (an inverted ladder: "## Technical Skills" › "### Engineer - Grade 1").
      const categories: string[] = []
      for (let p = s.parent; p?.heading; p = p.parent) if (p.depth > 1 && p.text !== '' && !/levels$/i.test(p.text)) categories.unshift(p.text)
      const before = draft.components.length
      // A level written as prose (no lists): each paragraph is a statement.
      const prose = !flatNodes(s).some((n) => n.type === 'item' || n.type === 'table')
      this.statements(s, draft, categories, !prose, draft.title, null, prose)
      this.gradeFromSection(s, draft)
      if (draft.components.length === before && categories.length === 0) this.decide(s.pos, s.text, 'no statements found under this heading')
    }
    // A cumulative ladder ("each level includes the one below"): every level also holds the levels below it.
    if (cumulative(this.outline.nodes)) {
      const own = order.map((d) => d.components.slice())
      order.forEach((draft, i) => {
        for (const below of own.slice(0, i)) draft.components.push(...below.map((c) => ({ ...c, tags: [...c.tags, 'inherited'] })))
      })
      this.decide(0, 'cumulative ladder', 'each level also holds the statements of the levels below it (tagged inherited)')
    }
    for (const draft of order) {
      draft.components.push(...shared.map((c) => ({ ...c, tags: [...c.tags] })))
      draft.summary ??= sharedSummary
    }
    for (const draft of order) if (draft.components.length === 0) this.decide(0, draft.title ?? '', 'no statements: no profile')
    return order.filter((d) => d.components.length > 0)
  }

  gradeFromSection(s: Section, draft: DraftProfile): void {
    if (draft.level?.code) return
    for (const node of flatNodes(s)) {
      if (node.type !== 'paragraph') continue
      const grade = /\bgrade\s+(\d{1,2})\b/i.exec(node.text)
      if (grade) {
        draft.level = { code: `G${Number(grade[1])}`, name: `Grade ${Number(grade[1])}`, descriptor: null, fields: [] }
        return
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // 3b. Segmentation by tables

  byTables(roots: Section[], docTitle: string | null): DraftProfile[] | null {
    const set = new DraftSet(this.options.format, baseName(docTitle))
    const draftFor = (name: RoleName): DraftProfile => set.get(name).draft
    const visit = (s: Section, tags: string[]) => {
      if (s.dropped) return
      const here = s.heading && s.depth > 1 ? [...tags, s.text] : tags
      for (const node of s.nodes) {
        if (node.type !== 'table') continue
        const columns = roleColumns(node, docTitle)
        if (columns) {
          this.decide(node.pos, describeTable(node), `roles or levels as columns: ${columns.map((c) => c.name.title ?? c.name.level?.code).join(', ')}`)
          const labelColumn = columns[0]!.index > 0
          for (const row of node.rows) {
            const rowTag = labelColumn ? cleanLabel(row[0]?.text ?? '') : ''
            for (const { index, name } of columns) {
              const cell = row[index]
              if (!cell) continue
              const draft = draftFor(name)
              this.cellStatements(cell, draft, rowTag ? [...here.slice(-1), rowTag] : here.slice(-1))
            }
          }
          continue
        }
        const rows = roleRows(node, docTitle)
        if (rows) {
          this.decide(node.pos, describeTable(node), `levels as rows: ${rows.map((r) => r.name.title ?? r.name.level?.code).join(', ')}`)
          for (const { cells, name, skip } of rows) {
            const draft = draftFor(name)
            cells.forEach((cell, i) => {
              if (skip.has(i)) return
              const header = node.header?.[i]?.text
              this.cellStatements(cell, draft, header ? [cleanLabel(header)] : [])
            })
          }
        }
      }
      for (const c of s.children) visit(c, here)
    }
    for (const r of roots) visit(r, [])
    const drafts = set.order.filter((d) => d.components.length > 0)
    return drafts.length >= 2 ? drafts : null
  }

  cellStatements(cell: OutlineCell, draft: DraftProfile, tags: string[]): void {
    for (const item of cell.items) {
      const text = stripBullet(item)
      if (text === '') continue
      const reason = this.declared(text, tags) ? null : boilerplateLine(text)
      if (reason) {
        this.leave(reason, 0, text)
        continue
      }
      draft.components.push({ kind: kindOf(tags) ?? this.options.defaultKind, text, tags: tags.filter((t) => t !== '') })
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // 3c. One profile for the page

  single(roots: Section[], top: Section | null, fmTitle: string | null, fmLevel: string | null): DraftProfile[] {
    const root = roots[0]!
    // Metadata lines anywhere on the page (a vacancy form's "POST TITLE:", a posting's "Job title:").
    const fieldTitle = this.metadataTitle(root)
    const candidates: { text: string; from: string }[] = []
    const headingName = top ? roleName(top.text, null) : null
    if (top && headingName?.title && !DOCUMENT_TITLE.test(top.text) && !SECTION_TITLE.test(top.text)) candidates.push({ text: top.text, from: 'first heading' })
    // The first heading that names a role, when the page's first heading does not (a file-name slug, the
    // framework's name): "### Software Engineer - Grade 6" under "# A06-SeniorSoftwareEngineer".
    const roleHeading = headingsInOrder(root)
      .slice(0, 5)
      .find((h) => roleName(h.text, null)?.title && !DOCUMENT_TITLE.test(h.text))
    if (roleHeading && roleHeading !== top) candidates.push({ text: roleHeading.text, from: 'first role heading' })
    if (fmTitle && !DOCUMENT_TITLE.test(fmTitle)) candidates.push({ text: fmTitle, from: 'front matter title' })
    if (fieldTitle) candidates.push({ text: fieldTitle, from: 'title field' })
    if (top && !DOCUMENT_TITLE.test(top.text) && !SECTION_TITLE.test(top.text) && boilerplateSection(top.text) === null && !/^vacancy/i.test(top.text))
      candidates.push({ text: top.text, from: 'first heading' })
    const firstLine = root.nodes.find((n) => n.type === 'paragraph' && !n.quote)
    if (firstLine?.type === 'paragraph' && firstLine.text.length <= 80 && ROLE_NOUN.test(firstLine.text) && !/[.:]$/.test(firstLine.text))
      candidates.push({ text: firstLine.text, from: 'first line' })
    if (this.options.fallbackTitle) candidates.push({ text: this.options.fallbackTitle, from: 'document title' })
    // A text copy marks no headings: its first line is the title.
    if (!top && firstLine?.type === 'paragraph' && looksLikeTitle(firstLine.text)) candidates.push({ text: firstLine.text, from: 'first line' })
    if (top) candidates.push({ text: top.text, from: 'first heading' })
    const chosen = candidates[0] ?? null
    const title = chosen ? roleTitle(chosen.text) : null
    if (chosen) this.decide(top?.pos ?? 0, chosen.text, `title (from the ${chosen.from})`)

    const name = title ? roleName(title, null) : null
    // "Software Engineer - Grade 6": the level goes to the level, the role's name is the title.
    const draft = emptyDraft(this.options.format, chosen?.from === 'first role heading' && name?.title ? name.title : title)
    if (name?.level) draft.level = name.level
    if (!draft.level && fmLevel) draft.level = levelFromText(fmLevel)
    const body: Section = chosen?.from === 'first heading' && top ? top : root
    // Everything but the title heading's own text is read: statements before and after it.
    this.statements(root, draft, [], true, title, body === top ? top : null)
    if (!draft.level) this.gradeFromFields(draft)
    if (!draft.level) this.gradeFromStatement(root, draft)
    // Grade and pay, when the page states them, are the level's facts; with no level to hold them, a finding says so.
    const levelFacts = this.fields.filter((f) => LEVEL_GRADE_LABEL.test(f.key) || (LEVEL_PAY_LABEL.test(f.key) && /\d/.test(f.value)))
    if (draft.level) for (const f of levelFacts) draft.level.fields.push({ label: f.key, value: f.value })
    else if (levelFacts.length > 0)
      draft.findings.push({
        severity: 'info',
        code: 'level-facts-without-level',
        field: 'level',
        message: `the page states ${levelFacts.map((f) => `${f.key} "${f.value}"`).join(', ')} but no level to keep them with`,
      })
    // A page that names no role and holds no role statements (a team page, an "apply now" page) is not a role.
    const named = title !== null && (ROLE_NOUN.test(title) || roleName(title, null)?.level)
    const kinds = draft.components.some((c) => kindOf(c.tags) !== null)
    if (title !== null && top !== null && !named && !kinds && !draft.level) {
      this.decide(0, title ?? '(no title)', 'no role: the page names no role and has no role statements')
      return []
    }
    return [draft]
  }

  metadataTitle(root: Section): string | null {
    for (const node of flatNodes(root)) {
      const pair = keyValue(node)
      if (pair && TITLE_KEY.test(pair.key) && pair.value.length <= 80) return pair.value
      if (node.type === 'table') {
        for (const row of node.rows) {
          if (row.length === 2 && TITLE_KEY.test(cleanLabel(row[0]!.text)) && row[1]!.text.length <= 80) return row[1]!.text
        }
      }
    }
    return null
  }

  /** "This role is classified as an IT-03", "designated as an AS-06": the grade a posting states in a sentence. */
  gradeFromStatement(root: Section, draft: DraftProfile): void {
    for (const node of flatNodes(root)) {
      if (node.type !== 'paragraph' && node.type !== 'item') continue
      const match = /\b(?:[Cc]lassified|[Dd]esignated|[Gg]raded|[Bb]anded|[Aa]dvertised|[Rr]ecruited)\s+(?:as|at)\s+(?:an?\s+)?([A-Z]{1,4}-?\d{1,2})\b/.exec(
        node.text,
      )
      if (match) {
        draft.level = { code: match[1]!, name: null, descriptor: null, fields: [] }
        this.decide(node.pos, node.text, `level ${match[1]} (the grade the page states)`)
        return
      }
    }
  }

  gradeFromFields(draft: DraftProfile): void {
    for (const { key, value } of this.fields) {
      if (!GRADE_KEY.test(key)) continue
      // "Grade: 7" is grade 7; "Level: 3" level 3.
      const bare = /^\d{1,2}$/.test(value.trim()) ? `${/grade/i.test(key) ? 'Grade' : 'Level'} ${value.trim()}` : value
      // "PAYBAND: A", "Band: B2": a band named by a letter is the level's code.
      const letter = /^[A-Z]\d?$/i.exec(value.trim()) && /band|grade/i.test(key) ? value.trim().toUpperCase() : null
      const level = letter ? { code: letter, name: `${sentenceCase(cleanLabel(key))} ${letter}`, descriptor: null, fields: [] } : levelFromText(bare)
      if (level) {
        draft.level = level
        return
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // 4. Statements

  /**
   * Reads a section's statements into a draft: list items and table rows anywhere below it; paragraphs under a
   * subheading that has no list; the first paragraph before any subheading as the summary.
   */
  statements(
    section: Section,
    draft: DraftProfile,
    tags: string[],
    summary: boolean,
    roleTitle: string | null = null,
    skipHeading: Section | null = null,
    proseTop = false,
  ): void {
    const visit = (s: Section, path: string[], top: boolean) => {
      if (s.dropped) return
      const here = top || s === skipHeading || !s.heading ? path : [...path, stripRoleTitle(s.text, roleTitle)].filter((t) => t !== '')
      if (s.heading && !top && METADATA_KEY.test(s.text) && !this.declaredSections.has(foldHeading(s.text))) {
        // "Job Grade", "Location": a section that states a fact about the posting, not statements. What is not a
        // short fact (a list under "Office life") is left out and counted, never dropped silently.
        for (const node of s.nodes) {
          if (node.type === 'heading' || (node.type === 'paragraph' && this.metadata(s.text, node.text, node.pos))) continue
          this.leave('job details', node.pos, node.type === 'table' ? describeTable(node) : node.type === 'term' ? node.term : node.text)
        }
        for (const c of s.children) visit(c, here, false)
        return
      }
      const hasList = s.nodes.some((n) => n.type === 'item' || n.type === 'table' || n.type === 'term')
      for (const node of s.nodes)
        this.take(
          node,
          draft,
          here,
          summary && (top || s === skipHeading || !s.heading) && draft.components.length === 0,
          !hasList && ((top && proseTop) || (!top && s !== skipHeading && s.heading !== null)),
        )
      for (const c of s.children) visit(c, here, false)
    }
    visit(section, tags, true)
  }

  /** One outline node into the draft. `prose`: paragraphs here are statements (a subsection without a list). */
  take(node: OutlineNode, draft: DraftProfile, tags: string[], summaryPlace: boolean, prose = false): void {
    if (node.type === 'heading') return
    if (node.type === 'table') {
      this.tableStatements(node, draft, tags)
      return
    }
    if (node.type === 'term') {
      const text = `${node.term}: ${node.definitions.join(' ')}`
      if (this.metadata(node.term, node.definitions.join(' '), node.pos)) return
      draft.components.push({ kind: kindOf(tags) ?? this.options.defaultKind, text, tags: [...tags] })
      return
    }
    const text = node.text
    if ((node.type === 'item' || prose) && !node.quote && this.declared(text, tags)) {
      draft.components.push({ kind: kindOf(tags) ?? this.options.defaultKind, text, tags: [...tags] })
      return
    }
    const pair = keyValue(node)
    if (pair && this.metadata(pair.key, pair.value, node.pos)) return
    const reason = boilerplateLine(text)
    if (reason) {
      // "Compensation: Up to $125,000 (depending on experience)": too long for a job detail, still the level's pay.
      if (reason === 'salary' && pair && LEVEL_PAY_LABEL.test(pair.key) && /\d/.test(pair.value))
        this.fields.push({ key: cleanLabel(pair.key), value: pair.value })
      this.leave(reason, node.pos, text)
      return
    }
    if (node.type === 'item') {
      if (node.quote) {
        this.decide(node.pos, text, 'quoted aside: not a statement')
        return
      }
      draft.components.push({ kind: kindOf(tags) ?? this.options.defaultKind, text, tags: [...tags] })
      return
    }
    if (summaryPlace && draft.summary === null && isSummary(text, draft.title)) {
      draft.summary = text
      this.decide(node.pos, text, 'summary')
      return
    }
    if (prose && !node.quote) {
      draft.components.push({ kind: kindOf(tags) ?? this.options.defaultKind, text, tags: [...tags] })
      return
    }
    this.decide(node.pos, text, 'context paragraph: not a statement')
  }

  tableStatements(table: OutlineTable, draft: DraftProfile, tags: string[]): void {
    const width = Math.max(...table.rows.map((r) => r.length), table.header?.length ?? 0)
    // Two columns of short label | value without a header: a metadata table.
    if (width === 2 && table.rows.every((r) => (r[0]?.text.length ?? 0) <= 40)) {
      const meta = table.rows.filter((r) => r.length === 2 && METADATA_KEY.test(cleanLabel(r[0]!.text))).length
      const all = [...(table.header ? [table.header] : []), ...table.rows]
      if (meta * 2 >= all.length) {
        for (const r of all) if (r.length === 2) this.metadata(cleanLabel(r[0]!.text), r[1]!.text, table.pos)
        return
      }
    }
    // Navigation tables: cells that are all in-page links or short values repeating the page's headings.
    let group: string | null = null
    for (const row of table.rows) {
      const filled = row.filter((c) => c.text !== '')
      if (filled.length === 0) continue
      if (filled.length === 1 && row.length > 1 && row[0]!.text !== '' && row[0]!.text.length <= 60) {
        // A row with only its first cell: a group label for the rows below.
        group = cleanLabel(row[0]!.text)
        continue
      }
      // Flag columns (E/D, Yes/No, ✓): tags, not text.
      const flags: string[] = []
      const texts: { cell: OutlineCell; i: number }[] = []
      row.forEach((cell, i) => {
        const t = cell.text.trim()
        if (t === '') return
        if (/^(?:[EDPR]|E\/D|yes|no|[✓✔✗x×])$/i.test(t)) flags.push(flagTag(t, table.header?.[i]?.text))
        else texts.push({ cell, i })
      })
      if (texts.length === 0) continue
      // The statement is the longest cell; a short first cell before it is the row's label.
      const longest = texts.reduce((a, b) => (b.cell.text.length > a.cell.text.length ? b : a))
      const label = texts[0] !== longest && texts[0]!.cell.text.length <= 60 ? cleanLabel(texts[0]!.cell.text) : null
      const rowTags = [...tags, ...(group ? [group] : []), ...(label ? [label] : []), ...flags.filter((f) => f !== '')]
      for (const item of longest.cell.items) {
        const text = stripBullet(item)
        if (text === '') continue
        const reason = this.declared(text, rowTags) ? null : boilerplateLine(text)
        if (reason) {
          this.leave(reason, table.pos, text)
          continue
        }
        draft.components.push({ kind: kindOf([...tags, ...(group ? [group] : [])]) ?? this.options.defaultKind, text, tags: rowTags })
      }
    }
  }

  /** Records a "Key: value" line as page metadata when the key describes the posting; true when it did. */
  metadata(key: string, value: string, pos: number): boolean {
    const k = cleanLabel(key)
    // A fact is short ("Grade: 7", "Location: London"); a sentence after a label is a statement.
    if (!METADATA_KEY.test(k) || value.split(' ').length > 8) return false
    this.fields.push({ key: k, value })
    this.leftOut['job details'] = (this.leftOut['job details'] ?? 0) + 1
    this.decide(pos, `${k}: ${value}`, 'posting metadata: not a statement')
    return true
  }
}

/** One draft per role name (title and level), in the order first seen; a name without a title takes the page's. */
class DraftSet {
  readonly order: DraftProfile[] = []
  private readonly byKey = new Map<string, DraftProfile>()

  constructor(
    private readonly format: PageFormat,
    private readonly base: string | null,
  ) {}

  get(name: RoleName): { draft: DraftProfile; created: boolean } {
    const title = name.title ?? (this.base ? `${this.base} ${levelLabel(name.level)}` : levelLabel(name.level))
    const key = keyOf({ title, level: name.level })
    const known = this.byKey.get(key)
    if (known) return { draft: known, created: false }
    const draft = emptyDraft(this.format, title)
    draft.level = name.level
    this.byKey.set(key, draft)
    this.order.push(draft)
    return { draft, created: true }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names of roles and levels

/**
 * What a heading names: a role (with its level, if the heading marks one), a level only, or nothing (null).
 * "D1 - Developer 1", "Level 3: Product Manager II", "Apprentice Software Engineer - Grade 1", "Level II",
 * "IC3 Software Engineer", "Engineer L3", "Product designer II", "Senior QA/QE Engineer".
 */
export function roleName(text: string, docTitle: string | null): RoleName | null {
  const t = cleanLabel(text)
  if (t === '' || t.length > 80 || SECTION_TITLE.test(t) || boilerplateSection(t) !== null) return null
  if (LEVEL_CODE.test(t)) return { title: null, level: levelFromText(t) }
  const first = CODE_FIRST.exec(t)
  if (first && isLevelToken(first[1]!)) {
    const rest = cleanLabel(first[2]!)
    if (rest !== '' && (ROLE_NOUN.test(rest) || /^level\b/i.test(first[1]!))) return { title: rest, level: levelFromText(first[1]!) }
  }
  const last = CODE_LAST.exec(t)
  if (last && isLevelToken(last[2]!) && ROLE_NOUN.test(last[1]!)) return { title: cleanLabel(last[1]!), level: levelFromText(last[2]!) }
  if (DOCUMENT_TITLE.test(t) && !(docTitle && t === docTitle && ROLE_NOUN_END.test(t))) return null
  const words = t.split(' ')
  const suffix = words[words.length - 1]!
  const head = words.slice(0, -1).join(' ')
  // "Engineer II", "Product designer 3", "RSE 1" (an acronym before the number names the role too).
  if (words.length > 1 && (ROMAN.test(suffix) || /^\d{1,2}$/.test(suffix)) && (ROLE_NOUN.test(head) || /^[A-Z]{2,5}$/.test(head))) {
    return { title: t, level: { code: suffix.toUpperCase(), name: suffix.toUpperCase(), descriptor: null, fields: [] } }
  }
  // A role noun must end the heading (or precede a parenthesis): "Engineering Manager", not "Manager training".
  const core = t.replace(/\s*\(.*\)\s*$/, '')
  // A plural names a group of roles ("Designers", "Individual Contributors"), not one role.
  const lastWord = core.split(' ').pop()!
  if (/s$/i.test(lastWord) && ROLE_NOUN_END.test(lastWord.slice(0, -1)) && !/ss$/i.test(lastWord)) return null
  if (ROLE_NOUN_END.test(core) && core.split(' ').length <= 7) return { title: core, level: null }
  if (
    /^(?:(?:senior|executive|associate|assistant|deputy) )?(?:head|director|vp|vice president|chief [\p{L}]+ officer) of [\p{L} &,]+$/iu.test(core) &&
    core.split(' ').length <= 7
  )
    return { title: core, level: null }
  return null
}

/** A paragraph that can summarise a role: a sentence, not a field ("Closing: Continuous") or the title again. */
function isSummary(text: string, title: string | null): boolean {
  if (title && text.toLowerCase() === title.toLowerCase()) return false
  const field = /^([^:]{2,40}):\s*\S/.exec(text)
  if (field && (field[1]!.split(' ').length <= 3 || text.split(' ').length <= 10)) return false
  return text.split(' ').length >= 5 && !/^\(/.test(text)
}

/**
 * The role's own name from a posting title: "Localization Specialist — Communications Team" → "Localization
 * Specialist", "Interim - People Operations Team Lead" → "People Operations Team Lead", "Research Software
 * Engineer at Princeton University" → "Research Software Engineer". The part that names a role is kept.
 */
export function roleTitle(title: string): string {
  let t = collapseSpace(title)
  // "Senior Backend Engineer (Payments)": the team or product in brackets is not the role's name.
  const bracket = /^(.+?)\s*\([^()]*\)$/.exec(t)
  if (bracket && ROLE_NOUN_END.test(bracket[1]!)) t = bracket[1]!
  const at = /^(.+?)\s+(?:at|@|with|for)\s+(?:the\s+)?\p{Lu}.*$/u.exec(t)
  if (at && ROLE_NOUN_END.test(at[1]!)) return at[1]!
  const split = /^(.+?)\s*(?:\s[-–—]\s|:\s|\s\|\s)\s*(.+)$/.exec(t)
  if (!split) return t
  const [left, right] = [split[1]!.trim(), split[2]!.trim()]
  const leftRole = ROLE_NOUN_END.test(left.replace(/\s*\(.*\)$/, ''))
  const rightRole = ROLE_NOUN_END.test(right.replace(/\s*\(.*\)$/, ''))
  if (leftRole && !rightRole) return left
  if (rightRole && !leftRole) return right
  return t
}

/** A line that can be a title: words, not code or data (`// @flow`, `{`, `page_title:`, `name: Operations`). */
function looksLikeTitle(text: string): boolean {
  return text.length <= 120 && /^[\p{L}\p{N}]/u.test(text) && !/[{}[\];=<>]|^\w+:|:$/u.test(text)
}

function isLevelToken(token: string): boolean {
  const t = token.trim()
  if (!LEVEL_CODE.test(t)) return false
  // Two-letter words that look like codes but are words (no digit): only the known grade names.
  return /\d|^(?:level|grade|band|tier|step)\b|^(?:SEO|HEO|SCS)$/i.test(t)
}

/** "PAYBAND" → "Payband"; text in mixed case stays as written. */
function sentenceCase(text: string): string {
  return text === text.toUpperCase() ? `${text.charAt(0)}${text.slice(1).toLowerCase()}` : text
}

/** A level from its written form: "Level 3" → L3, "Grade 6" → G6, "IC3" → IC3, "Level II" → II. */
export function levelFromText(text: string): DraftLevel | null {
  const t = text.trim()
  const word = /^(level|grade|band|tier|step)\s+(\d{1,2}|[ivx]{1,4})$/i.exec(t)
  if (word) {
    const n = word[2]!
    const kind = word[1]!.toLowerCase()
    const name = `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${/^\d/.test(n) ? Number(n) : n.toUpperCase()}`
    const code = /^\d/.test(n) ? `${kind === 'level' ? 'L' : kind === 'grade' ? 'G' : kind.charAt(0).toUpperCase()}${Number(n)}` : n.toUpperCase()
    return { code, name, descriptor: null, fields: [] }
  }
  const code = new RegExp(`\\b(${LEVEL_CODE_SOURCE})\\b`).exec(t)
  if (code && /\d|^(?:SEO|HEO|SCS)$/.test(code[1]!)) return { code: code[1]!.replace(/\s+/g, ''), name: null, descriptor: null, fields: [] }
  if (/^\d{1,2}$/.test(t)) return { code: `L${Number(t)}`, name: `Level ${Number(t)}`, descriptor: null, fields: [] }
  return null
}

/**
 * A declared level heading: "E1 – Engineer" → E1 named Engineer, "Level 2: Practitioner" → L2 named
 * Practitioner, "Grade 6" → G6; any other heading is the level's code as written ("Senior").
 */
function declaredLevel(heading: string): DraftLevel {
  const first = CODE_FIRST.exec(heading)
  if (first && isLevelToken(first[1]!)) {
    const level = levelFromText(first[1]!)
    if (level) return { ...level, name: cleanLabel(first[2]!) || level.name }
  }
  if (LEVEL_CODE.test(heading)) {
    const level = levelFromText(heading)
    if (level) return level
  }
  return { code: heading, name: null, descriptor: null, fields: [] }
}

function levelLabel(level: DraftLevel | null): string {
  if (!level) return ''
  return level.name ?? level.code ?? ''
}

function keyOf(name: RoleName): string {
  return `${(name.title ?? '').toLowerCase()}|${name.level?.code ?? name.level?.name ?? ''}`
}

/** "Site Reliability Engineer Levels" → "Site Reliability Engineer": the role a ladder document is about. */
function baseName(docTitle: string | null): string | null {
  if (!docTitle) return null
  const cleaned = cleanLabel(docTitle)
    .replace(/\s+(?:progression |career |competency |engineering )?(?:framework|levels|ladder|career pathway|roles)$/i, '')
    .replace(/\s+(?:career )?(?:development )?framework$/i, '')
    .trim()
  return cleaned === '' ? null : cleaned
}

// ---------------------------------------------------------------------------------------------------------
// Tables as ladders

function describeTable(table: OutlineTable): string {
  return `table [${(table.header ?? table.rows[0] ?? []).map((c) => c.text).join(' | ')}]`
}

/** Columns that are roles or levels: header cells (from the second on, or all) that name one. */
function roleColumns(table: OutlineTable, docTitle: string | null): { index: number; name: RoleName }[] | null {
  const header = table.header
  if (!header || header.length < 2 || table.rows.length < 2) return null
  const named = header.map((c, index) => ({ index, name: roleName(c.text, docTitle) })).filter((x) => x.name !== null) as { index: number; name: RoleName }[]
  if (named.length < 2) return null
  const expected = named[0]!.index === 0 ? header.length : header.length - 1
  if (named.length < expected) return null
  // The body must hold statements, not more names (a title-mapping table is not a ladder).
  const long = table.rows.flatMap((r) => named.map((n) => r[n.index]?.text ?? '')).filter((t) => t.split(' ').length >= 5).length
  return long >= named.length ? named : null
}

/** Rows that are levels: a first (or second) column of level codes or role names, the other cells statements. */
function roleRows(table: OutlineTable, docTitle: string | null): { cells: OutlineCell[]; name: RoleName; skip: Set<number> }[] | null {
  if (table.rows.length < 2) return null
  const out: { cells: OutlineCell[]; name: RoleName; skip: Set<number> }[] = []
  for (const row of table.rows) {
    let level: DraftLevel | null = null
    let title: string | null = null
    const skip = new Set<number>()
    for (let i = 0; i < Math.min(row.length, 3); i++) {
      const t = cleanLabel(row[i]!.text)
      if (t === '' || t.length > 60) continue
      if (!level && (/^\d{1,2}$/.test(t) || LEVEL_CODE.test(t)) && isLevelish(t)) {
        level = levelFromText(t)
        skip.add(i)
        continue
      }
      const name = roleName(t, docTitle)
      if (!title && name?.title) {
        title = name.title
        level ??= name.level
        skip.add(i)
      }
    }
    if (!level && !title) return null
    out.push({ cells: row, name: { title, level }, skip })
  }
  const long = out.filter((r) => r.cells.some((c, i) => !r.skip.has(i) && c.text.split(' ').length >= 5)).length
  return out.length >= 2 && long >= 2 ? out : null
}

function isLevelish(text: string): boolean {
  return /^\d{1,2}$/.test(text) || isLevelToken(text)
}

function flagTag(flag: string, header: string | undefined): string {
  const f = flag.toUpperCase()
  if (f === 'E') return 'essential'
  if (f === 'D') return 'desirable'
  if (header && /^(?:yes|✓|✔|x)$/i.test(flag)) return cleanLabel(header)
  return ''
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function firstHeading(roots: Section[]): Section | null {
  let best: Section | null = null
  const walk = (s: Section) => {
    for (const c of s.children) {
      if (c.label || c.dropped) continue
      if (!best || c.depth < best.depth) best = c
      if (best.depth === 1) return
      walk(c)
    }
  }
  for (const r of roots) walk(r)
  // The first heading in page order among the shallowest ones.
  if (!best) return null
  const depth = (best as Section).depth
  const inOrder: Section[] = []
  const collect = (s: Section) => {
    for (const c of s.children) {
      if (c.label || c.dropped) continue
      if (c.depth === depth) inOrder.push(c)
      collect(c)
    }
  }
  for (const r of roots) collect(r)
  return inOrder[0] ?? null
}

const CUMULATIVE =
  /\b(?:(?:each|every) level (?:includes|builds on|inherits|contains|encompasses)|(?:includes|builds on|in addition to) (?:all )?(?:the )?(?:expectations|requirements|criteria|skills)? ?(?:of|from)? ?(?:the )?(?:previous|lower|prior|preceding) levels?|levels? (?:are|is) cumulative)\b/i

/** Whether the page says its levels build on each other. */
function cumulative(nodes: readonly OutlineNode[]): boolean {
  return nodes.some((n) => (n.type === 'paragraph' || n.type === 'item') && CUMULATIVE.test(n.text))
}

function headingsInOrder(root: Section): Section[] {
  const out: Section[] = []
  const walk = (s: Section) => {
    for (const c of s.children) {
      if (c.dropped) continue
      if (!c.label) out.push(c)
      walk(c)
    }
  }
  walk(root)
  return out
}

function flatNodes(section: Section): OutlineNode[] {
  const out: OutlineNode[] = []
  const walk = (s: Section) => {
    if (s.dropped) return
    out.push(...s.nodes)
    for (const c of s.children) walk(c)
  }
  walk(section)
  return out
}

function hasStatements(section: Section): boolean {
  return flatNodes(section).some((n) => n.type === 'item' || n.type === 'table' || n.type === 'term' || n.type === 'paragraph')
}

function isLabel(node: OutlineNode, next: OutlineNode | undefined): boolean {
  if (node.type !== 'paragraph' || node.quote) return false
  const text = node.label ? (node.lead ?? node.text) : node.text
  if (text.length > 80 || text.split(' ').length > 10) return false
  if (node.label) return !/[.!?]$/.test(text) || /:$/.test(text)
  // "Key Responsibilities:" before a list, or a short line without a full stop ("Responsibilities") before one.
  if (next?.type !== 'item') return false
  return /:$/.test(text) || (text.split(' ').length <= 6 && /^\p{Lu}/u.test(text) && !/[.!?,;]$/.test(text))
}

/** Heading or label text without emoji, emphasis marks, trailing colons or footnote stars. */
export function cleanLabel(text: string): string {
  return cleanHeading(text)
    .replace(/^[_*]+|[_*]+$/g, '')
    .replace(/\s*[:：*]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function stripRoleTitle(text: string, roleTitle: string | null): string {
  if (roleTitle && text.toLowerCase().startsWith(`${roleTitle.toLowerCase()} `)) return text.slice(roleTitle.length + 1)
  return text
}

function stripBullet(text: string): string {
  return text
    .replace(/^\s*(?:[-–—*•·]+|\d{1,3}[.)])\s+/, '')
    .replace(/^-+(?=\S)/, '')
    .trim()
}

function boilerplateSection(text: string): string | null {
  const t = cleanLabel(text)
  // "Minimum Qualifications, Substitutions, Conditions of Employment": a heading that names statements wins.
  if (KIND_HEADINGS.some(([pattern, kind]) => kind !== 'outcome' && pattern.test(t)) && !/^about\b/i.test(t)) return null
  for (const [pattern, reason] of BOILERPLATE_SECTIONS) if (pattern.test(t)) return reason
  return null
}

function boilerplateLine(text: string): string | null {
  for (const [pattern, reason] of BOILERPLATE_LINES) if (pattern.test(text)) return reason
  return null
}

function keyValue(node: OutlineNode): { key: string; value: string } | null {
  if (node.type !== 'paragraph' && node.type !== 'item') return null
  const m = /^([^:]{2,40}):\s*(.+)$/.exec(node.text)
  if (!m) return null
  return { key: cleanLabel(m[1]!), value: m[2]!.trim() }
}

/** The kind the nearest heading or label names, with an essential/desirable strength noted in the tags. */
function kindOf(tags: readonly string[]): string | null {
  for (let i = tags.length - 1; i >= 0; i--) {
    for (const [pattern, kind] of KIND_HEADINGS) if (pattern.test(tags[i]!)) return kind
  }
  return null
}
