// parse, structured ladder files (YAML, JSON): a data tree → DraftProfiles, read by the tree's shape, never by
// the file's name. Three shapes are ladders:
//   - roles (or tracks) with levels: an object with a name and a `levels` list or mapping (also grades, bands,
//     milestones, …), each level with its own title or code and its criteria → one profile per (role, level);
//   - a competency matrix: several competencies, each with the same positional levels and no level titles →
//     one profile per level of the role the document names, the criteria tagged with their competency;
//   - a list of roles (`roles`, `jobs`, `positions`, …) each with a name and its text, or one role object with
//     a name and lists named by kind (responsibilities, skills, …) → one profile per role.
// Anything else is not a ladder, and the caller quarantines the file with the reason given here.

import type { DraftProfile, Finding, PageFormat } from '../../model/index.js'
import { baseTitle, cleanHeading, emptyDraft } from '../career-page.js'
import { isFrameworkYaml, parseFrameworkYaml } from '../framework-yaml.js'
import { isLevelLabel, levelCodeOf } from './level-label.js'

export type LadderReading = { ok: true; drafts: DraftProfile[] } | { ok: false; reason: string }

export interface LadderTreeOptions {
  format: PageFormat
  /** The role every profile describes when the data does not name one (a source profile's `role.title`). */
  roleTitle: string | null
}

/** What the shapes above expect, for the message that quarantines a file of another shape. */
export const LADDER_TREE_EXPECTED =
  'expected a ladder: roles or tracks with `levels` (each level with a title or code and its criteria), a competency matrix (competencies each with the same levels), or a list of `roles` each with a name and text'

type Data = Record<string, unknown>

/** Ladders are a few levels deep; deeper data is not one (and the readers below recurse). */
const MAX_DEPTH = 64

// Keys are compared by their last word: `delivery_roles`, `jobLevels`, `career-levels`.
const LEVEL_KEYS = new Set(['levels', 'level', 'grades', 'bands', 'rungs', 'milestones', 'tiers', 'ranks', 'steps', 'seniorities'])
const ROLE_KEYS = new Set(['roles', 'jobs', 'positions', 'ladders', 'professions', 'occupations', 'disciplines', 'titles'])
/** Containers whose entries may be roles or competencies: their mapping keys name what they hold. */
const LEVEL_OWNER_KEYS = new Set(['tracks', 'paths', 'families', 'functions'])
const COMPETENCY_KEYS = new Set([
  'competencies',
  'topics',
  'skills',
  'areas',
  'dimensions',
  'themes',
  'pillars',
  'categories',
  'attributes',
  'behaviours',
  'behaviors',
  'capabilities',
  'axes',
])
const NAME_KEYS = ['title', 'name', 'displayname', 'label', 'heading', 'role', 'jobtitle', 'position']
const LEVEL_ID_KEYS = ['level', 'code', 'grade', 'band', 'rank', 'key', 'id']
const SUMMARY_KEYS = new Set(['summary', 'description', 'overview', 'text', 'about', 'intro', 'introduction', 'purpose', 'body', 'content'])
/** Fields that point somewhere or style something: never statements. */
const META_KEYS = new Set([
  'path',
  'slug',
  'url',
  'href',
  'link',
  'links',
  'image',
  'images',
  'icon',
  'color',
  'colour',
  'emoji',
  'id',
  'order',
  'sort',
  'weight',
  'points',
  'minpoints',
  'maxpoints',
  'type',
  'layout',
  'permalink',
  'date',
])
/** The kind a list's key names; other lists get the shape's default kind. */
const KIND_WORDS: [RegExp, string][] = [
  [/^responsibilit(?:y|ies)$|^accountabilit(?:y|ies)$|^duties$/, 'responsibility'],
  [/^tasks?$|^activities$/, 'task'],
  [/^skills?$/, 'skill'],
  [/^knowledge$/, 'knowledge'],
  [/^competenc(?:y|ies)$|^criteria$|^criterion$|^expectations?$|^behaviou?rs?$|^signals?$|^examples?$|^indicators?$/, 'competency'],
  [/^qualifications?$|^requirements?$|^essential$|^desirable$/, 'qualification'],
]

/** Reads a parsed YAML or JSON document as a ladder, or says why it is not one. */
export function readLadderTree(data: unknown, options: LadderTreeOptions): LadderReading {
  if (isFrameworkYaml(data)) {
    const drafts = parseFrameworkYaml(data, options.roleTitle)
    for (const draft of drafts) draft.format = options.format
    return drafts.length > 0 ? { ok: true, drafts } : { ok: false, reason: `${LADDER_TREE_EXPECTED}; found topics without levels` }
  }
  if (nestedDeeperThan(data, MAX_DEPTH)) return { ok: false, reason: `${LADDER_TREE_EXPECTED}; found data nested more than ${MAX_DEPTH} levels deep` }
  const documentName = isObject(data) ? nameOf(data) : null
  const roleName = options.roleTitle ?? (documentName ? documentRole(documentName) : null)
  const references: string[] = []
  const sets: LevelSet[] = []
  findLevelSets(data, null, sets)
  const records: Data[][] = []
  findLevelRecords(data, null, records)
  let drafts: DraftProfile[] = []
  const matrix = sets.length > 0 && isMatrix(sets)
  if (matrix && !roleName) {
    return {
      ok: false,
      reason: `a competency matrix (${sets.length} competencies × ${Math.max(...sets.map((s) => s.entries.length))} levels) that names no role: add a top-level \`title\` naming the role, or declare \`role: { title: … }\` in canon-source.yaml`,
    }
  }
  if (matrix) drafts = readMatrix(sets, roleName!, options.format, references)
  else if (sets.length > 0 || records.length > 0) {
    const ladder = readRoleLevels(sets, roleName, options.format, references)
    if (records.length > 0) {
      const unplaced = readLevelRecords(records, ladder, roleName, options.format, references, idNames(data))
      if (unplaced !== null) return { ok: false, reason: unplaced }
    }
    drafts = ladder.drafts.filter((d) => ladder.titled.has(d) || d.components.length > 0 || d.summary !== null)
  } else {
    drafts = readRoleList(data, options.format, references)
  }
  if (drafts.length === 0 && sets.length > 0 && !roleName && sets.every((set) => !set.ownerName && set.entries.every((e) => !e.title))) {
    return { ok: false, reason: 'levels that name no role: add a `title` naming the role, or declare `role: { title: … }` in canon-source.yaml' }
  }
  if (drafts.length === 0) return { ok: false, reason: `${LADDER_TREE_EXPECTED}; found ${describe(data)}` }
  if (references.length > 0) {
    const finding: Finding = {
      severity: 'info',
      code: 'references-not-read',
      field: 'components',
      message: `${references.length} reference(s) to other files of the framework are not read (${references.slice(0, 3).join(', ')}${references.length > 3 ? ', …' : ''})`,
    }
    for (const draft of drafts) draft.findings.push(finding)
  }
  return { ok: true, drafts }
}

interface LevelEntry {
  /** The level's code or label as written (`IC3`, `2`, `Senior`), or null for a positional entry. */
  id: string | null
  /** The entry's own title (`Junior Software Engineer`), when it is more than a level label. */
  title: string | null
  value: unknown
  position: number
}

interface LevelSet {
  ownerName: string | null
  /** The last word of the key the owner sits under (`roles`, `competencies`), or null at the top. */
  ownerKey: string | null
  entries: LevelEntry[]
}

/**
 * Every object holding levels: under a key naming levels (`levels: [...]`), or as a mapping keyed by level
 * labels (`Communication: { L1: [...], L2: [...] }`). `keyName` is the mapping key an object sits under, its
 * name when it has none of its own (`roles: { Software Engineer: { levels: … } }`).
 */
function findLevelSets(value: unknown, parentKey: string | null, sets: LevelSet[], keyName: string | null = null): void {
  if (Array.isArray(value)) {
    for (const item of value) findLevelSets(item, parentKey, sets)
    return
  }
  if (!isObject(value)) return
  const named = parentKey !== null && (ROLE_KEYS.has(parentKey) || COMPETENCY_KEYS.has(parentKey) || LEVEL_OWNER_KEYS.has(parentKey))
  for (const [key, child] of Object.entries(value)) {
    const word = lastWord(key)
    const entries = LEVEL_KEYS.has(word) ? levelEntries(child) : []
    if (entries.length > 0) {
      sets.push({ ownerName: nameOf(value) ?? keyName, ownerKey: parentKey, entries })
    } else if (isLevelMapping(child)) {
      // The levels are this key's value: the key names their owner (a competency or role), `value` holds them.
      const levels = Object.fromEntries(Object.entries(child as Data).filter(([k]) => !META_KEYS.has(fold(k)) && !NAME_KEYS.includes(fold(k))))
      sets.push({ ownerName: nameOf(child as Data) ?? key, ownerKey: named ? parentKey : word, entries: levelEntries(levels) })
    } else {
      // An entry of a mapping of roles or competencies sits, like a list's, under the container's key.
      const entry = isObject(child) && named
      findLevelSets(child, entry ? parentKey : word, sets, entry ? key : null)
    }
  }
}

/** A mapping with two or more keys, every one a level label (`IC1`, `Level 2`, `Senior`) or a number. */
function isLevelMapping(value: unknown): boolean {
  if (!isObject(value)) return false
  const keys = Object.keys(value).filter((k) => !META_KEYS.has(fold(k)) && !NAME_KEYS.includes(fold(k)))
  return (
    keys.length >= 2 &&
    keys.every((k) => isLevelLabel(k) || /^\d{1,2}$/.test(k.trim())) &&
    levelEntries(Object.fromEntries(keys.map((k) => [k, value[k]]))).length > 0
  )
}

function levelEntries(value: unknown): LevelEntry[] {
  const entries: LevelEntry[] = []
  const add = (id: string | null, item: unknown, position: number) => {
    let title: string | null = null
    if (isObject(item)) {
      const declaredId = scalarOf(item, LEVEL_ID_KEYS)
      const name = nameOf(item)
      if (name && isLevelLabel(name)) id ??= name
      else title = name
      if (declaredId !== null && !looksLikeReference(declaredId)) id ??= declaredId
    }
    entries.push({ id, title, value: item, position })
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) add(null, item, i)
  } else if (isObject(value)) {
    for (const [i, [key, item]] of Object.entries(value).entries()) add(key, item, i)
  }
  // A list of plain numbers or one-word codes is a level scale, not levels with criteria.
  return entries.some((e) => typeof e.value === 'object' && e.value !== null) ||
    entries.some((e) => typeof e.value === 'string' && /\s/.test(e.value as string))
    ? entries
    : []
}

/** Several competencies, none of whose levels has a title or a code of its own: a competency matrix. */
function isMatrix(sets: LevelSet[]): boolean {
  if (sets.length < 2) return false
  if (sets.some((s) => s.entries.some((e) => e.title !== null))) return false
  if (sets.some((s) => s.ownerKey !== null && ROLE_KEYS.has(s.ownerKey))) return false
  return sets.every((s) => s.ownerKey !== null && COMPETENCY_KEYS.has(s.ownerKey)) || sets.every((s) => s.entries.every((e) => e.id === null))
}

function readMatrix(sets: LevelSet[], roleName: string, format: PageFormat, references: string[]): DraftProfile[] {
  const byLevel = new Map<string, DraftProfile>()
  for (const set of sets) {
    for (const entry of set.entries) {
      const label = entry.id ?? String(entry.position + 1)
      let draft = byLevel.get(label)
      if (!draft) {
        draft = emptyDraft(format, roleName)
        draft.level = levelOf(label, entry.position)
        byLevel.set(label, draft)
      }
      const tag = set.ownerName ? cleanHeading(set.ownerName) : null
      collectStatements(entry.value, draft, tag ? [tag] : [], 'competency', references, false)
    }
  }
  return [...byLevel.values()].filter((d) => d.components.length > 0 || d.summary !== null)
}

interface RoleLadder {
  drafts: DraftProfile[]
  /** Drafts of levels with a title of their own: a role at that level even when the file says nothing more. */
  titled: Set<DraftProfile>
  /** Drafts by their level's id and title, lower case: where criteria records naming a level go. */
  byLevel: Map<string, DraftProfile>
}

function readRoleLevels(sets: LevelSet[], roleName: string | null, format: PageFormat, references: string[]): RoleLadder {
  const ladder: RoleLadder = { drafts: [], titled: new Set(), byLevel: new Map() }
  for (const set of sets) {
    const owner = set.ownerName ? baseTitle(set.ownerName) : roleName
    for (const entry of set.entries) {
      const title = entry.title ? cleanHeading(entry.title) : owner
      if (!title) continue
      const draft = emptyDraft(format, title)
      draft.level = levelOf(entry.id, entry.position)
      collectStatements(entry.value, draft, [], 'responsibility', references, true)
      ladder.drafts.push(draft)
      if (entry.title) ladder.titled.add(draft)
      for (const key of [entry.id, entry.title]) if (key && !ladder.byLevel.has(key.toLowerCase())) ladder.byLevel.set(key.toLowerCase(), draft)
    }
  }
  return ladder
}

const LEVEL_FIELDS = ['level', 'levels', 'grade', 'grades', 'band', 'bands']
const TAG_KEYS = new Set([
  'theme',
  'area',
  'category',
  'competency',
  'topic',
  'pillar',
  'dimension',
  'domain',
  'attribute',
  'trait',
  'group',
  'section',
  'skill',
])

/**
 * Criteria records: lists of two or more unnamed objects most of which state a level (`{ level: junior, area:
 * technical, summary: … }`), wherever they sit except as the entries of a level list.
 */
function findLevelRecords(value: unknown, parentKey: string | null, out: Data[][]): void {
  if (Array.isArray(value)) {
    const objects = value.filter(isObject)
    const stating = objects.filter((o) => nameOf(o) === null && recordLevels(o).length > 0)
    if (parentKey !== null && LEVEL_KEYS.has(parentKey)) return
    if (stating.length >= 2 && stating.length * 2 >= value.length) {
      out.push(stating)
      return
    }
    for (const item of value) findLevelRecords(item, parentKey, out)
    return
  }
  if (isObject(value)) for (const [key, child] of Object.entries(value)) findLevelRecords(child, lastWord(key), out)
}

/** The levels a record states: `level: junior`, `grades: [1, 2]`, `grade: 1|2`. */
function recordLevels(record: Data): string[] {
  for (const [key, value] of Object.entries(record)) {
    if (!LEVEL_FIELDS.includes(fold(key))) continue
    const values = Array.isArray(value) ? value : [value]
    return values
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .flatMap((v) => String(v).split(/\s*[|;]\s*/))
      .map((v) => v.trim())
      .filter((v) => v !== '')
  }
  return []
}

/**
 * Puts each record's statements in the profile of the level it states: the ladder's level of that id or title,
 * else a profile of the document's role at that level. Returns why not when no role is named for them.
 */
function readLevelRecords(
  records: Data[][],
  ladder: RoleLadder,
  roleName: string | null,
  format: PageFormat,
  references: string[],
  names: Map<string, string>,
): string | null {
  for (const list of records) {
    for (const record of list) {
      const tags: string[] = []
      const statements: Data = {}
      for (const [key, value] of Object.entries(record)) {
        const folded = fold(key)
        if (LEVEL_FIELDS.includes(folded) || META_KEYS.has(folded) || value === null) continue
        if (typeof value === 'string' && (TAG_KEYS.has(lastWord(key)) || (!/\n/.test(value) && value.length <= 40 && !SUMMARY_KEYS.has(folded)))) {
          tags.push(names.get(value) ?? value)
          continue
        }
        statements[key] = value
      }
      for (const level of recordLevels(record)) {
        let draft = ladder.byLevel.get(level.toLowerCase())
        if (!draft) {
          if (!roleName) {
            return `criteria for levels (${level}, …) that name no role: add a top-level \`title\` naming the role, or declare \`role: { title: … }\` in canon-source.yaml`
          }
          draft = emptyDraft(format, roleName)
          draft.level = levelOf(level, 0)
          ladder.byLevel.set(level.toLowerCase(), draft)
          ladder.drafts.push(draft)
        }
        collectRecord(statements, draft, tags, references)
      }
    }
  }
  return null
}

/** A record's statements: every text (summaries too) is a criterion, lists by the kind their key names. */
function collectRecord(statements: Data, draft: DraftProfile, tags: string[], references: string[]): void {
  for (const [key, value] of Object.entries(statements)) {
    const kind = kindOfKey(key) ?? 'competency'
    if (typeof value === 'string') addText(value, draft, tags, kind, references, false)
    else collectStatements(value, draft, SUMMARY_KEYS.has(fold(key)) ? tags : [...tags, humanize(key)], kind, references, false)
  }
}

/** Every `id` in the data with the name of the object it identifies: records refer to themes by id. */
function idNames(data: unknown): Map<string, string> {
  const names = new Map<string, string>()
  const stack: unknown[] = [data]
  while (stack.length > 0) {
    const value = stack.pop()
    // One push per item: a data file's array can be longer than a call takes arguments.
    if (Array.isArray(value)) for (const item of value) stack.push(item)
    else if (isObject(value)) {
      const id = value.id ?? value.key
      const name = nameOf(value)
      if ((typeof id === 'string' || typeof id === 'number') && name && !names.has(String(id))) names.set(String(id), cleanHeading(name))
      for (const item of Object.values(value)) stack.push(item)
    }
  }
  return names
}

/** Roles without levels: lists under a key naming roles, or the document itself as one role. */
function readRoleList(data: unknown, format: PageFormat, references: string[]): DraftProfile[] {
  const drafts: DraftProfile[] = []
  // A role: a named entry under a key naming roles, or anywhere a named object with lists named by kind.
  const isRole = (item: unknown, parentKey: string | null): item is Data =>
    isObject(item) && nameOf(item) !== null && ((parentKey !== null && ROLE_KEYS.has(parentKey)) || Object.keys(item).some((k) => kindOfKey(k) !== null))
  const visit = (value: unknown, parentKey: string | null) => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isRole(item, parentKey)) drafts.push(roleDraft(item, format, references))
        else visit(item, parentKey)
      }
      return
    }
    if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        // `roles: { Data Analyst: { responsibilities: […] } }`: the key names the role.
        if (parentKey !== null && ROLE_KEYS.has(parentKey) && isObject(child) && !nameOf(child) && Object.keys(child).some((k) => kindOfKey(k) !== null)) {
          drafts.push(roleDraft({ title: key, ...child }, format, references))
        } else visit(child, lastWord(key))
      }
    }
  }
  visit(data, null)
  const said = drafts.filter((d) => d.components.length > 0 || d.summary !== null)
  if (said.length === 0 && isObject(data) && nameOf(data) && Object.keys(data).some((k) => kindOfKey(k) !== null)) {
    const one = roleDraft(data, format, references)
    if (one.components.length > 0 || one.summary !== null) said.push(one)
  }
  return said
}

function roleDraft(item: Data, format: PageFormat, references: string[]): DraftProfile {
  const draft = emptyDraft(format, cleanHeading(nameOf(item)!))
  const id = scalarOf(item, ['level', 'grade', 'band'])
  if (id) draft.level = levelOf(id, 0)
  collectStatements(item, draft, [], 'responsibility', references, true)
  return draft
}

function levelOf(label: string | null, position: number): DraftProfile['level'] {
  if (label === null) return { code: `L${position + 1}`, name: null, descriptor: null, fields: [] }
  const code = levelCodeOf(label)
  return { code: code ?? label, name: code && code !== label ? label : null, descriptor: null, fields: [] }
}

/**
 * The statements under a value: strings and lists of strings become components of the kind their key names
 * (else `kind`), tagged with the keys and names above them; the first summary-like text is the summary.
 */
function collectStatements(value: unknown, draft: DraftProfile, tags: string[], kind: string, references: string[], topLevel: boolean): void {
  if (typeof value === 'string') {
    addText(value, draft, tags, kind, references, false)
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) collectStatements(item, draft, tags, kind, references, false)
    return
  }
  if (!isObject(value)) return
  const name = topLevel ? null : nameOf(value)
  const here = name ? [...tags, cleanHeading(name)] : tags
  for (const [key, child] of Object.entries(value)) {
    const folded = fold(key)
    if (META_KEYS.has(folded) || NAME_KEYS.includes(folded) || LEVEL_ID_KEYS.includes(folded)) continue
    if (SUMMARY_KEYS.has(folded) && typeof child === 'string') {
      // Only the level's (or role's) own summary is the profile's; deeper down a summary is a criterion.
      addText(child, draft, here, kind, references, topLevel && draft.summary === null)
      continue
    }
    const childKind = kindOfKey(key) ?? kind
    collectStatements(child, draft, [...here, humanize(key)], childKind, references, false)
  }
}

/** Paragraphs and list items of a (Markdown) text; the first paragraph is the summary when `summary` is set. */
function addText(text: string, draft: DraftProfile, tags: string[], kind: string, references: string[], summary: boolean): void {
  const trimmed = text.trim()
  if (trimmed === '') return
  if (looksLikeReference(trimmed)) {
    references.push(trimmed)
    return
  }
  const pieces = splitText(trimmed)
  pieces.forEach((piece, i) => {
    if (i === 0 && summary) {
      draft.summary = piece
      return
    }
    // A single word or code ("DEX", "A") is a value, not a statement.
    if (!/\s/.test(piece)) return
    const label = /^([^:.!?]{2,60}):\s+(.+)$/.exec(piece)
    const labelKind = label ? kindInLabel(label[1]!) : null
    draft.components.push({ kind: labelKind ?? kind, text: piece, tags: label && labelKind ? [...tags, label[1]!.trim()] : [...tags] })
  })
}

/** Blank-line paragraphs and list items of a text, with Markdown emphasis and links reduced to their words. */
function splitText(text: string): string[] {
  const pieces: string[] = []
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n')
    let paragraph: string[] = []
    const flush = () => {
      if (paragraph.length > 0) pieces.push(paragraph.join(' '))
      paragraph = []
    }
    for (const line of lines) {
      const item = /^\s*(?:[-*+•]|\d{1,2}[.)])\s+(.*)$/.exec(line)
      if (item) {
        flush()
        paragraph = [item[1]!]
        flush()
      } else if (line.trim() !== '') paragraph.push(line.trim())
    }
    flush()
  }
  return pieces.map(plainText).filter((p) => p !== '')
}

function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim()
}

function kindOfKey(key: string): string | null {
  const word = lastWord(key)
  for (const [pattern, kind] of KIND_WORDS) if (pattern.test(word)) return kind
  return null
}

function kindInLabel(label: string): string | null {
  for (const word of label.toLowerCase().split(/[^a-z]+/)) {
    for (const [pattern, kind] of KIND_WORDS) if (pattern.test(word)) return kind
  }
  return null
}

/** A path or slug to another file of the framework (`core-competencies/delivering-value/1`), not text. */
function looksLikeReference(text: string): boolean {
  return !/\s/.test(text) && /[/#]|\.(?:md|ya?ml|json|html?)$/i.test(text)
}

function nameOf(item: Data): string | null {
  const value = scalarOf(item, NAME_KEYS)
  return value !== null && value.trim() !== '' && !/\n/.test(value) ? value.trim() : null
}

function scalarOf(item: Data, keys: readonly string[]): string | null {
  for (const [key, value] of Object.entries(item)) {
    if (!keys.includes(fold(key))) continue
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }
  return null
}

/** "Engineering Career Ladder" → "Engineering": the role a framework document is about, not its name. */
export function documentRole(name: string): string | null {
  const role = baseTitle(name)
    ?.replace(/\s+(?:career |progression |competency |skills? )?(?:ladder|framework|matrix|levels|rubric|expectations)$/i, '')
    .trim()
  return role ? role : null
}

/** Whether `data` nests deeper than `limit`, measured without recursion (a hostile file may nest 100,000 deep). */
function nestedDeeperThan(data: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[data, 0]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth >= limit) return true
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1])
  }
  return false
}

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `display_name` → `displayname`: keys compared without case or separators. */
function fold(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '')
}

/** The last word of a key: `delivery_roles` → `roles`, `jobLevels` → `levels`. */
function lastWord(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
  return words[words.length - 1] ?? ''
}

function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function describe(data: unknown): string {
  if (Array.isArray(data)) return `a list of ${data.length} item(s)`
  if (isObject(data)) {
    const keys = Object.keys(data)
    return `a mapping with ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`
  }
  return data === null || data === undefined ? 'no data' : `a single ${typeof data} value`
}
