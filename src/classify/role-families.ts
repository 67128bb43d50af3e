// Role families: the levels of one role (same page, function and occupational title, seniority words and level
// codes aside). The classify stage codes a family once from the evidence of all its levels together, so levels
// never disagree because one level's title carries "Staff" or its text talks about strategy; levels that move
// into managing people form their own group, coded once too. Pure: words and profiles in, groups out.

import { createHash } from 'node:crypto'
import type { Classification, RoleProfile } from '../model/index.js'
import { foldText, normalizeTitle } from './normalize-title.js'

/**
 * Folded words that place a job on a ladder when they modify another word ("Staff Engineer", "Principal
 * Architect", "Lead Designer"), not when they are the title's own noun ("Tech Lead", "Principal", "Staff").
 */
const SENIORITY_MODIFIERS = new Set([
  'senior',
  'sr',
  'junior',
  'jr',
  'staff',
  'principal',
  'lead',
  'associate',
  'graduate',
  'distinguished',
  'mid',
  'midlevel',
  'entry',
  'level',
  'grade',
  'band',
  'intermediate',
  'experienced',
  'apprentice',
  'trainee',
  'intern',
])
/** Words naming the ladder itself, dropped also after the noun ("Designer Levels", "Engineering Ladder"). */
const LADDER_NOUNS = new Set(['level', 'grade', 'band', 'ladder', 'track'])
/** Level markers anywhere in a title: roman numerals, numbers, ordinals and short letter+number codes (IC5, TPM4, P3). */
const LEVEL_CODE = /^(?:[ivx]{1,4}|\d+|\d+(?:st|nd|rd|th)|[a-z]{1,4}-?\d{1,2}[a-z]?)$/

/**
 * The occupational part of a title: what the role is, whatever the level. "Staff Security Engineer IC5" →
 * "security engineer"; "Tech Lead" keeps its noun. The function prefix ("Engineering – ") and track word are
 * dropped as in the title variants.
 */
export function occupationalTitle(title: string): string {
  // Codes and grades go wherever they are ("Level 3", "Grade 6" take their number with them).
  const words = title
    .split(/\s+/)
    .filter(Boolean)
    .filter((word) => {
      const folded = foldText(word)
      return folded !== '' && !folded.split(' ').every((part) => LEVEL_CODE.test(part))
    })
  const isLadderWord = (word: string) =>
    foldText(word)
      .split(' ')
      .every((part) => SENIORITY_MODIFIERS.has(part.replace(/s$/, '')))
  // A seniority word is dropped before another word; the last word is the title's noun and stays.
  const result = words.filter((word, i) => i === words.length - 1 || !isLadderWord(word))
  // "Engineer Level" or "Designer Levels": a trailing ladder word after the noun.
  while (result.length > 1 && LADDER_NOUNS.has(foldText(result[result.length - 1]!).replace(/s$/, ''))) result.pop()
  return result.join(' ')
}

/** Text the page gives about a level's leadership (its level fields and the role's own words). */
function leadershipText(role: RoleProfile): string {
  const level = role.level
  return [
    level?.leadership,
    level?.descriptor,
    level?.scope,
    level?.name,
    role.track,
    role.summary,
    ...role.components.map((component) => component.text),
    ...role.coreOutputs,
  ]
    .filter(Boolean)
    .join(' . ')
}

// People management, as pages say it: managing a team or its people, direct reports, line management,
// performance reviews, the team members' careers. Managing work ("manage the backlog", "manage risk",
// "manage the team's roadmap") is not people management.
const PEOPLE_MANAGEMENT = [
  /\bmanag(?:e|es|ing)\s+(?:a\s+|the\s+|their\s+|his\s+|her\s+|an?\s+\w+\s+)?(?:team\s+members|teams?|people|staff|engineers|designers|direct\s+reports|reports|managers|employees)\b(?!['’]s)/,
  /\bdirect\s+reports?\b/,
  /\bline[-\s]manag/,
  /\bpeople\s+manag/,
  /\bperformance\s+(?:reviews?|appraisals?|evaluations?)\s+(?:of|for)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:team|reports|staff|people)\b/,
  /\b(?:team\s+members|reports|people)['’]?\s*(?:s\s+)?careers?\b/,
  /\bmanagement\s+track\b/,
]

/** True when the page says this level manages people (or puts it on a management track). */
export function managesPeople(role: RoleProfile): boolean {
  if (role.track && /\bmanag/.test(foldText(role.track))) return true
  const text = leadershipText(role).toLowerCase()
  return PEOPLE_MANAGEMENT.some((pattern) => pattern.test(text))
}

// Field nouns and the agent nouns of the people who work in them ("Engineering Manager" and "Engineer Manager"
// are one role; "Backend Engineering" is what a "Backend Engineer" does). A normalisation rule on words.
export const AGENT_NOUNS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    engineering: 'Engineer',
    design: 'Designer',
    development: 'Developer',
    management: 'Manager',
    analytics: 'Analyst',
    analysis: 'Analyst',
    marketing: 'Marketer',
    accounting: 'Accountant',
    nursing: 'Nurse',
    research: 'Researcher',
    recruiting: 'Recruiter',
    recruitment: 'Recruiter',
    writing: 'Writer',
    editing: 'Editor',
    consulting: 'Consultant',
    administration: 'Administrator',
    architecture: 'Architect',
    science: 'Scientist',
    teaching: 'Teacher',
    sales: 'Sales Representative',
  }),
)

/** The folder of a page's path: pages of one folder come from one organisation's site or framework. */
function folderOf(file: string): string {
  const slash = file.replace(/\\/g, '/').lastIndexOf('/')
  return slash < 0 ? '' : file.slice(0, slash)
}

/**
 * The occupational part of a role as keys: `key` holds its function, its discipline and its title as occupations
 * (function prefix and track word dropped, seniority words and level codes dropped, normalised, field nouns as
 * agent nouns); `group` the same without the discipline (what `familyGroupKey` reads).
 */
type OccupationFacts = Pick<RoleProfile, 'title' | 'function' | 'track'> & { discipline?: string | null }
interface OccupationKey {
  title: string
  key: string
  group: string
}
/**
 * Keys already made, per role object: grouping reads a role's key three or four times (its page key, whether it
 * is a level, its folder key, its family's title), and a build groups the same roles more than once (the
 * classification cache's inputs, the classify pool's batches). A role's facts are not changed in place.
 */
const occupationKeys = new WeakMap<object, OccupationKey>()

function occupationKey(role: OccupationFacts): OccupationKey {
  let key = occupationKeys.get(role)
  if (!key) occupationKeys.set(role, (key = makeOccupationKey(role)))
  return key
}

function makeOccupationKey(role: OccupationFacts): OccupationKey {
  const function_ = role.function ? foldText(role.function) : ''
  const track = role.track ? foldText(role.track) : null
  const title = role.title
    .split(/\s+[–—-]\s+/)
    .filter((part) => !function_ || foldText(part) !== function_)
    .join(' ')
    .split(/\s+/)
    .filter((word) => !track || foldText(word) !== track)
    .join(' ')
  const words = (text: string) =>
    normalizeTitle(occupationalTitle(text))
      .key.split(' ')
      .map((word) => foldText(AGENT_NOUNS.get(word) ?? word))
      .join(' ')
  // The discipline too, as an occupation: "DevOps Engineer P3" of DevOps and of Platform Operations are two roles.
  const occupation = words(title)
  return {
    title,
    key: [function_, role.discipline ? words(role.discipline) : '', occupation].join('\u0000'),
    group: [function_, occupation].join('\u0000'),
  }
}

/**
 * A family's identity on its page: the page, the function and the occupational title (normalised, without the
 * track word, field nouns read as agent nouns). Roles sharing it are one family; `groupFamilies` also joins the
 * families of a folder's pages that are levels of a ladder (one page per level).
 */
export function familyKey(role: RoleProfile): string {
  return [role.source.path, occupationKey(role).key].join('\u0000')
}

/**
 * True when a role reads as one level of a ladder: the page gives it a level, or its title carries a seniority
 * word or level code. A page family with such a level joins the same-titled families of the other pages in its
 * folder (one page per level: "IC3 Data Engineer", "IC5 Staff Data Engineer"); a job description without any
 * stays a family of its own page ("Analyst" in two pages of one folder may be two different jobs).
 */
function isLevel(role: RoleProfile): boolean {
  const { title } = occupationKey(role)
  return Boolean(role.level?.code) || occupationalTitle(title) !== title.trim().split(/\s+/).join(' ')
}

/**
 * The part of `familyGroupKey` that costs nothing to compute: the folder and the function. Roles with different
 * buckets never share a group, so a caller looking for a role's group can compute the keys of its bucket only.
 */
export function familyGroupBucket(role: Pick<FamilyFacts, 'function' | 'source'>): string {
  return [folderOf(role.source.path), role.function ? foldText(role.function) : ''].join('\u0000')
}

/** What a role's family is decided by: its title, function, track and the page it comes from. */
export type FamilyFacts = Pick<RoleProfile, 'title' | 'function' | 'track'> & { source: Pick<RoleProfile['source'], 'path'> }

/**
 * The widest group a role's family can span: its folder, function and occupational title (the discipline aside,
 * which only splits a group further). Every family (of a page, or of a folder's pages that are levels of one
 * ladder) lies within one such group, so a rebuild that reclassifies every role of the groups it touches codes
 * each family whole, as a full build does.
 */
export function familyGroupKey(role: FamilyFacts): string {
  return [folderOf(role.source.path), occupationKey(role).group].join('\u0000')
}

/** The key a role's family goes by in a list of roles: its page's, or its folder's when its page family has levels. */
function familyKeys(roles: readonly RoleProfile[]): string[] {
  const pageKeys = roles.map(familyKey)
  const levelled = new Set(pageKeys.filter((_, i) => isLevel(roles[i]!)))
  return roles.map((role, i) =>
    levelled.has(pageKeys[i]!) ? ['folder', folderOf(role.source.path), occupationKey(role).key].join('\u0000') : `page\u0000${pageKeys[i]!}`,
  )
}

// Titles naming a people-management or executive job ("Engineering Manager", "Director of Engineering", "Head
// of Product", "VP", "Chief …", "Group Lead", "Team Supervisor"). A family without such a title, whose page never
// says its levels manage people, practises its occupation: it never codes to a management occupation (11-xxxx),
// whatever its senior levels' titles or text about strategy say.
const MANAGEMENT_TITLE = /\b(?:manager|management|director|head|chief|vp|vice president|president|executive|officer|supervisor|lead|leader)\b/

/**
 * True when a title names a management or leadership job (so its family may code to 11-xxxx). Read on the
 * occupational title: "Lead Engineer" and "Principal Engineer" are engineers; "Tech Lead" is a lead.
 */
export function namesManagement(title: string): boolean {
  const occupation = occupationalTitle(title)
  return MANAGEMENT_TITLE.test(normalizeTitle(occupation).key) || MANAGEMENT_TITLE.test(foldText(occupation))
}

/** One role family: its levels (indexes into the input) and, among them, those that manage people. */
export interface RoleFamily {
  key: string
  /** The occupational title shared by the levels (as the first level gives it). */
  title: string
  members: number[]
  /**
   * The levels that move into managing people: the page says they manage people, and, on one page, they are the
   * family's top levels (the last ones, in page order, after at least one level that does not; a family of
   * several pages has no page order, so there every such level counts). Coded as their own group. A one-page
   * family where levels here and there mention managing people ("People Manager II" but not I or III) is one group.
   */
  managers: number[]
}

/** Groups roles into families, in order of first appearance. */
export function groupFamilies(roles: readonly RoleProfile[]): RoleFamily[] {
  const families = new Map<string, RoleFamily>()
  const keys = familyKeys(roles)
  roles.forEach((role, i) => {
    const key = keys[i]!
    let family = families.get(key)
    if (!family) families.set(key, (family = { key, title: occupationalTitle(occupationKey(role).title) || role.title, members: [], managers: [] }))
    family.members.push(i)
    if (managesPeople(role)) family.managers.push(i)
  })
  for (const family of families.values()) {
    // On one page, the levels are in ladder order: managers must be its top levels. Pages of a folder come in
    // path order, which says nothing of the ladder: there every level that manages people is one.
    const onePage = family.members.every((i) => roles[i]!.source.path === roles[family.members[0]!]!.source.path)
    const top = family.members.slice(family.members.length - family.managers.length)
    const scattered = onePage && top.some((member, k) => member !== family.managers[k])
    if (family.managers.length === family.members.length || scattered) family.managers = []
  }
  return [...families.values()]
}

/**
 * Everything the classifier reads for each role when it codes families (see `classifierInput`), as text: the
 * role's own input (JSON) and a digest of its family's members' inputs (SHA-256 of their JSON texts, sorted), so a
 * cached row is reused only when the whole family is the same. `input` is the per-role input. Roles with equal
 * inputs and equal families get equal texts. The family's inputs are hashed once for the family, not once per
 * level (a family of 10 levels spelled out in each level's text was 10 times its text to serialise and hash).
 */
export function familyInputs(roles: readonly RoleProfile[], input: (role: RoleProfile) => unknown): Map<RoleProfile, string> {
  const result = new Map<RoleProfile, string>()
  for (const family of groupFamilies(roles)) {
    const inputs = family.members.map((i) => JSON.stringify(input(roles[i]!)))
    // JSON text holds no NUL character (JSON.stringify escapes it): a separator no input can forge.
    const digest = createHash('sha256')
    for (const text of [...inputs].sort()) digest.update(text).update('\0')
    const familyDigest = digest.digest('hex')
    family.members.forEach((i, k) => {
      result.set(roles[i]!, `${inputs[k]}\0${familyDigest}`)
    })
  }
  return result
}

/** A family whose levels got different primary SOC codes. */
export interface FamilyDisagreement {
  /** The page of the family's first level. */
  file: string
  /** How many pages the family's levels are on (several when every level is its own page). */
  pages: number
  title: string
  /** Each code with the titles of the levels holding it (and whether a decision set it). */
  codes: { code: string; levels: string[]; decided: boolean }[]
}

/**
 * Families whose levels disagree on the primary SOC 2018 code: a level's code is its decision row when a person
 * decided one, else canon's inferred row. Levels that manage people are compared among themselves.
 */
export function familyDisagreements(roles: readonly RoleProfile[]): FamilyDisagreement[] {
  const result: FamilyDisagreement[] = []
  for (const family of groupFamilies(roles)) {
    const managers = new Set(family.managers)
    const groups = [family.members.filter((i) => !managers.has(i)), family.members.filter((i) => managers.has(i))]
    for (const group of groups) {
      const byCode = new Map<string, { code: string; levels: string[]; decided: boolean }>()
      for (const i of group) {
        const row = primarySoc(roles[i]!.classifications)
        if (!row) continue
        const entry = byCode.get(row.code) ?? { code: row.code, levels: [], decided: false }
        entry.levels.push(roles[i]!.title)
        entry.decided ||= row.source === 'decision'
        byCode.set(row.code, entry)
      }
      if (byCode.size > 1) {
        const pages = new Set(group.map((i) => roles[i]!.source.path)).size
        result.push({ file: roles[group[0]!]!.source.path, pages, title: family.title, codes: [...byCode.values()] })
      }
    }
  }
  return result
}

/** The primary SOC 2018 row of a role: a decision's, else the one canon inferred. */
function primarySoc(rows: readonly Classification[]): Classification | undefined {
  const soc = rows.filter((row) => row.system === 'SOC2018')
  return soc.find((row) => row.source === 'decision') ?? soc.find((row) => row.source.startsWith('inferred'))
}
