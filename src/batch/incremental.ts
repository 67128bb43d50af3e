// The incremental rebuild: when only some pages or decisions changed since a run whose code and reference data
// were the same, only the roles those pages define (before and after) and the roles whose decisions changed
// (added, removed or edited: fingerprints.ts digests each role's decisions), every role that shares an alias key
// with them, directly or through others (the alias conflicts link them), and every role that may share a role
// family with one of those (the classifier codes a family whole), go through classify → decide →
// aliases → plan. Every other role keeps its current version, and the run's counts are the last run's,
// adjusted by the difference. The outcome is the one a full build reaches from the same inputs
// (test/batch/incremental.test.ts rebuilds in full after each incremental build and expects no change).
// A change of another shape (a role held or defined twice, too many roles reached) takes the full path, and
// the log says why.

import { aliasKey } from '../aliases/alias-key.js'
import { type FamilyFacts, familyGroupBucket, familyGroupKey } from '../classify/role-families.js'
import { countMergedAliases } from '../aliases/score-aliases.js'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Decision, FileFinding, PageCacheEntry, Quarantined, ReleaseInfo, RoleProfile, RunInfo } from '../model/index.js'
import { readCachedPages, readPagesDefining } from '../store/page-cache.js'
import { readVersionProfiles } from '../store/profiles.js'
import { compareCodes } from '../common/code-order.js'
import { type ActiveFamilyFacts, readActiveFamilyFacts, readAliasClaims, readReviewCounts, type StoredAliasClaim } from '../store/release-claims.js'
import { getCurrentRelease, readReleaseState } from '../store/releases.js'
import { latestRunLeavingCurrent, listQuarantine } from '../store/runs.js'
import { rolesWithChangedDecisions } from './fingerprints.js'
import { countReviewStatus, type BuildOutcome } from './build-report.js'
import { processRoles, type RoleChain } from './process-roles.js'

/** An incremental rebuild reprocesses at most this share of the active roles (or `minReach`); else full. */
export const MAX_REACH_SHARE = 0.25
const minReach = 200

/** The counts a run must have recorded for the next one to adjust them. */
const adjustedCounts = ['rolesHeld', 'aliasConflicts', 'aliasesMerged', 'codesAutoAccepted', 'codesNeedingReview', 'warnings'] as const

/** The pages this build parsed, and the cached pages that are gone. */
export interface ChangedPages {
  profiles: RoleProfile[]
  rejected: Quarantined[]
  warnings: FileFinding[]
  cacheEntries: PageCacheEntry[]
  droppedPages: string[]
}

export interface IncrementalInput extends RoleChain {
  db: Kysely<Database>
  /** Every decision of this build (files and database). */
  decisions: readonly Decision[]
  /** Decisions read from edits/ files (recorded by the load). */
  fileDecisions: Decision[]
  /** Edits files that could not be read. */
  editsProblems: Quarantined[]
  /** The last completed run, with this build's code, reference data and decisions; its release is current. */
  previous: RunInfo
  current: ReleaseInfo
  changed: ChangedPages
  /** Roles whose decisions changed since `previous` (their pages may not have). */
  decidedRoles?: readonly string[]
}

/** The run an incremental rebuild builds on, and the roles whose decisions changed since it. */
export interface BuildBase {
  previous: RunInfo
  current: ReleaseInfo
  decidedRoles: string[]
}

/**
 * The last completed run this build can build on: its code, reference data and edits problems are this build's
 * (`fingerprints.base`) and its release is still current. Its decisions may differ: the roles they name
 * (decisionDigests) are reached as if their pages had changed. A run recorded before decisions were digested
 * is built on only when its decisions were the same (`fingerprints.context`).
 */
export async function findBuildBase(
  db: Kysely<Database>,
  fingerprints: { context: string; base: string; decisions: Readonly<Record<string, string>> },
): Promise<BuildBase | null> {
  const found = await latestRunLeavingCurrent(db)
  if (!found) return null
  let decidedRoles: string[]
  if (found.options['contextFingerprint'] === fingerprints.context) decidedRoles = []
  else if (found.options['baseFingerprint'] === fingerprints.base && typeof found.options['decisionDigests'] === 'object') {
    decidedRoles = rolesWithChangedDecisions(found.options['decisionDigests'] as Record<string, string>, fingerprints.decisions)
  } else return null
  const current = await getCurrentRelease(db)
  return current ? { previous: found.run, current, decidedRoles } : null
}

/** The incremental outcome, or why this change needs a full build. */
export async function buildIncrementally(input: IncrementalInput): Promise<BuildOutcome | { fullBuildBecause: string }> {
  const { db, previous, changed, timed } = input
  const release = input.current.number
  const because = (reason: string) => ({ fullBuildBecause: reason })
  const missing = adjustedCounts.find((name) => previous.counts[name] === undefined)
  if (missing) return because(`run ${previous.id} did not record ${missing}`)
  if (previous.counts['rolesHeld']! > 0) return because(`run ${previous.id} held roles whose pages were quarantined`)
  const before = await listQuarantine(db, previous.id)
  if (before.some((item) => item.stage === 'plan')) return because(`run ${previous.id} set aside role profiles`)
  // A page set aside now must have been set aside the same way before (an unreadable file stays unreadable).
  const sameAsBefore = new Set(before.map(quarantineKey))
  const fresh = changed.rejected.find((item) => !sameAsBefore.has(quarantineKey(item)))
  if (fresh) return because(`${fresh.file} was set aside`)
  const codes = changed.profiles.map((profile) => profile.code)
  const twice = codes.find((code, i) => codes.indexOf(code) !== i)
  if (twice) return because(`role ${twice} is defined by two changed pages`)

  const touched = [...changed.cacheEntries.map((entry) => entry.path), ...changed.droppedPages]
  const decided = input.decidedRoles ?? []
  const scope = await timed(
    'scope',
    async () => {
      const old = await readCachedPages(db, touched)
      const facts = await readActiveFamilyFacts(db, release)
      const titles = new Map([...facts].map(([code, role]) => [code, role.title]))
      const start = new Set([...codes, ...old.flatMap((entry) => entry.profiles.map((profile) => profile.code)), ...decided])
      const limit = Math.max(minReach, Math.ceil(titles.size * MAX_REACH_SHARE))
      const siblings = familySiblings(facts, changed.profiles)
      // A decided role's stored aliases are its aliases after its old decisions (a rejected alias is not kept):
      // the keys its page claims come from the page.
      const decidedSet = new Set(decided)
      const decidedPages = decided.length > 0 ? await readPagesDefining(db, decided, touched) : []
      const claiming = [...changed.profiles, ...decidedPages.flatMap((entry) => entry.profiles.filter((profile) => decidedSet.has(profile.code)))]
      const rings = await findRings(db, release, facts, siblings, start, startKeys(claiming, decided, input.decisions), limit)
      if (!rings) return { old, titles, rings: null, others: [], stored: new Map<string, RoleProfile>() }
      // Every other page defining a changed role: its family, and any second page with one of its codes.
      const others = await readPagesDefining(db, [...rings.changed], touched)
      // The stored versions of the roles that join the aliases stage as they are.
      const state = await readReleaseState(db, release, [...rings.sharing, ...rings.context])
      const byVersion = await readVersionProfiles(
        db,
        [...state.values()].map((role) => role.versionId),
      )
      const stored = new Map([...state.values()].map((role) => [role.code, byVersion.get(role.versionId)!]))
      return { old, titles, rings, others, stored }
    },
    (r) => ({ roles: r.rings?.changed.size ?? 0, sharing: r.rings?.sharing.size ?? 0, context: r.rings?.context.size ?? 0, pages: r.others.length }),
  )
  if (!scope.rings) return because(`the changed pages share aliases with more than ${MAX_REACH_SHARE * 100}% of the roles`)
  const rings = scope.rings
  const inReach = new Set([...rings.changed, ...rings.sharing])
  const candidates = [...changed.profiles, ...scope.others.flatMap((entry) => entry.profiles.filter((profile) => rings.changed.has(profile.code)))]
  const storedOf = (codes: ReadonlySet<string>) => [...codes].sort(compareCodes).map((code) => scope.stored.get(code)!)

  let activeInReach = 0
  const processed = await processRoles(input, {
    profiles: candidates,
    decisions: input.decisions.filter((decision) => rings.changed.has(decision.roleCode)),
    staleBefore: previous.staleDecisions.filter((stale) => !rings.changed.has(stale.decision.roleCode)),
    coded: storedOf(rings.sharing),
    context: storedOf(rings.context),
    planInputs: async () => {
      const roles = await readReleaseState(db, release, [...inReach])
      activeInReach = [...roles.values()].filter((role) => role.state === 'active').length
      return {
        base: { release, roles },
        extras: { pages: changed.cacheEntries, droppedPages: changed.droppedPages, fileDecisions: input.fileDecisions, socOccupations: null },
      }
    },
  })
  if (processed.classified.rejected.length > 0) return because(`${processed.classified.rejected[0]!.file} could not be classified`)
  const { plan, staleDecisions, profiles } = processed
  // The roles out of reach are unchanged by construction.
  plan.unchanged += input.current.activeCount - activeInReach
  if (plan.rejected.length > 0) return because(`${plan.rejected[0]!.file}: ${plan.rejected[0]!.message}`)
  const stillDefined = new Set(profiles.map((profile) => profile.code))
  const lost = [...inReach].find(
    (code) => scope.titles.has(code) && !stillDefined.has(code) && !scope.old.some((entry) => entry.profiles.some((profile) => profile.code === code)),
  )
  if (lost) return because(`role ${lost} has no cached page`)

  const oldCodes = await readReviewCounts(db, release, [...inReach])
  const newCodes = countReviewStatus(profiles)
  const touchedSet = new Set(touched)
  const quarantined = dedupeQuarantine([
    ...before.filter((item) => item.stage !== 'decide' && !touchedSet.has(item.file)),
    ...changed.rejected,
    ...input.editsProblems,
  ])
  const oldWarnings = scope.old.reduce((sum, entry) => sum + entry.warnings.length, 0)
  // The conflicts that may have changed: on the keys the changed roles claim, before or now (every claimant of
  // those took part). The aliases stage saw other keys only in part.
  const conflicts = processed.conflicts.filter((conflict) => rings.keys.has(conflict.key))
  return {
    plan,
    quarantined,
    staleDecisions,
    conflicts,
    aliases: {
      merged: previous.counts['aliasesMerged']! - countMergedAliases(scope.old.flatMap((entry) => entry.profiles)) + countMergedAliases(changed.profiles),
      conflicts: previous.counts['aliasConflicts']! - countConflicts(rings.stored, rings.byTitle) + conflicts.length,
    },
    codes: {
      autoAccepted: previous.counts['codesAutoAccepted']! - oldCodes.autoAccepted + newCodes.autoAccepted,
      needsReview: previous.counts['codesNeedingReview']! - oldCodes.needsReview + newCodes.needsReview,
    },
    warnings: previous.counts['warnings']! - oldWarnings + changed.warnings.length,
    reprocessed: inReach.size,
    familiesDisagreeing: processed.familiesDisagreeing.length,
  }
}

/**
 * The alias keys the changed roles claim or could claim: their aliases, titles and added aliases (of the roles
 * whose decisions changed too: the keys they claimed before are their stored aliases, reached by code).
 */
function startKeys(profiles: readonly RoleProfile[], decided: readonly string[], decisions: readonly Decision[]): Set<string> {
  const codes = new Set([...profiles.map((profile) => profile.code), ...decided])
  const keys = new Set<string>()
  for (const profile of profiles) {
    keys.add(aliasKey(profile.title))
    for (const alias of profile.aliases) keys.add(aliasKey(alias.text))
  }
  for (const decision of decisions) if (decision.kind === 'add_alias' && codes.has(decision.roleCode)) keys.add(aliasKey(decision.alias))
  keys.delete('')
  return keys
}

/**
 * The active roles that may share a role family with a role (its family group: folder and occupational title),
 * as they are in the release and as the changed pages now define them. The classifier codes a family whole, so a
 * rebuild that reclassifies one of its roles reclassifies them all. Group keys cost a title normalisation each:
 * only the roles of the same folder and function (familyGroupBucket) are keyed, once.
 */
function familySiblings(facts: ReadonlyMap<string, ActiveFamilyFacts>, changed: readonly RoleProfile[]): (code: string) => string[] {
  const buckets = new Map<string, { code: string; path: string }[]>()
  for (const [code, role] of facts) {
    for (const path of role.paths) {
      const bucket = familyGroupBucket({ ...role, source: { path } })
      const list = buckets.get(bucket)
      if (list) list.push({ code, path })
      else buckets.set(bucket, [{ code, path }])
    }
  }
  const keyed = new Map<string, Map<string, string[]>>()
  const groupsOf = (bucket: string) => {
    let groups = keyed.get(bucket)
    if (groups) return groups
    groups = new Map()
    for (const { code, path } of buckets.get(bucket) ?? []) {
      const key = familyGroupKey({ ...facts.get(code)!, source: { path } })
      const list = groups.get(key)
      if (list) list.push(code)
      else groups.set(key, [code])
    }
    keyed.set(bucket, groups)
    return groups
  }
  const changedFacts = new Map<string, FamilyFacts[]>()
  for (const profile of changed) changedFacts.set(profile.code, [...(changedFacts.get(profile.code) ?? []), profile])
  return (code) => {
    const stored = facts.get(code)
    const all: FamilyFacts[] = [...(stored ? stored.paths.map((path) => ({ ...stored, source: { path } })) : []), ...(changedFacts.get(code) ?? [])]
    const siblings = new Set<string>()
    for (const role of all) for (const sibling of groupsOf(familyGroupBucket(role)).get(familyGroupKey(role)) ?? []) siblings.add(sibling)
    return [...siblings]
  }
}

/** The roles an incremental rebuild takes through the aliases stage, in three rings. */
interface Rings {
  /** Roles processed from their pages: those the changed pages or decisions define, and their families whole. */
  changed: Set<string>
  /** Roles claiming a key a changed role claims (before or now): planned again from their stored versions. */
  sharing: Set<string>
  /** Roles claiming a key a sharing role claims: their stored versions join the aliases stage, not the plan. */
  context: Set<string>
  /** The keys the changed roles claim, before or now (aliases and titles): where claims may change. */
  keys: Set<string>
  /** Every stored alias claim on `keys`. */
  stored: StoredAliasClaim[]
  /** Title key → the active roles with that title. */
  byTitle: Map<string, string[]>
}

/**
 * The rings of roles a change reaches (see Rings); null once more than `limit` roles would be planned.
 *
 * The aliases stage scores a role's aliases from its own profile and from the claims other roles make on the
 * same keys, nothing else: so a role whose profile did not change gets another result only where a changed role
 * claims one of its keys (a sharing role), and then computing its result takes every claim on its keys (the
 * context). A role unchanged itself comes into the stage as stored: a stored version is what the stage made of
 * its profile, and the stage gives it back unchanged for the same claims (decisions already applied). A role
 * defined by two pages or more goes with the changed roles, so every page of it is read as a full build reads it.
 */
async function findRings(
  db: Kysely<Database>,
  release: number,
  facts: ReadonlyMap<string, ActiveFamilyFacts>,
  siblings: (code: string) => string[],
  start: ReadonlySet<string>,
  startKeys: ReadonlySet<string>,
  limit: number,
): Promise<Rings | null> {
  const byTitle = titleClaims(facts)
  const titleKeyOf = (code: string) => {
    const role = facts.get(code)
    return role ? (role.titleKey ?? aliasKey(role.title)) : ''
  }
  const changed = new Set<string>()
  const addChanged = (codes: Iterable<string>) => {
    const queue = [...codes]
    while (queue.length > 0) {
      const code = queue.pop()!
      if (changed.has(code)) continue
      changed.add(code)
      queue.push(...siblings(code))
    }
  }
  addChanged(start)
  let keys: Set<string>
  let stored: StoredAliasClaim[]
  let sharing: Set<string>
  for (;;) {
    if (changed.size > limit) return null
    keys = new Set(startKeys)
    for (const claim of await readAliasClaims(db, release, { codes: [...changed] })) keys.add(claim.key)
    for (const code of changed) keys.add(titleKeyOf(code))
    keys.delete('')
    stored = await readAliasClaims(db, release, { keys: [...keys] })
    sharing = new Set([...stored.map((claim) => claim.code), ...[...keys].flatMap((key) => byTitle.get(key) ?? [])].filter((code) => !changed.has(code)))
    const promoted = [...sharing].filter((code) => facts.get(code)?.paths.length !== 1)
    if (promoted.length === 0) break
    addChanged(promoted)
  }
  if (changed.size + sharing.size > limit) return null
  const sharingKeys = new Set((await readAliasClaims(db, release, { codes: [...sharing] })).map((claim) => claim.key).filter((key) => !keys.has(key)))
  const onSharingKeys = await readAliasClaims(db, release, { keys: [...sharingKeys] })
  const context = new Set(
    [...onSharingKeys.map((claim) => claim.code), ...[...sharingKeys].flatMap((key) => byTitle.get(key) ?? [])].filter(
      (code) => !changed.has(code) && !sharing.has(code),
    ),
  )
  return { changed, sharing, context, keys, stored, byTitle }
}

/** Title key → the active roles with that title (its key as stored with the role's features, else made). */
function titleClaims(facts: ReadonlyMap<string, ActiveFamilyFacts>): Map<string, string[]> {
  const byKey = new Map<string, string[]>()
  for (const [code, role] of facts) {
    const key = role.titleKey ?? aliasKey(role.title)
    const list = byKey.get(key)
    if (list) list.push(code)
    else byKey.set(key, [code])
  }
  return byKey
}

/**
 * The conflicts among stored claims, counted as the aliases stage counts them: a key listed as an alias by one
 * role and claimed (as an alias or a title) by two roles or more. `stored` holds every alias claim on its keys;
 * `byTitle` maps title keys to the active roles with that title.
 */
export function countConflicts(stored: readonly StoredAliasClaim[], byTitle: ReadonlyMap<string, readonly string[]>): number {
  const claimants = new Map<string, Set<string>>()
  for (const { code, key } of stored) {
    const set = claimants.get(key)
    if (set) set.add(code)
    else claimants.set(key, new Set([code]))
  }
  let count = 0
  for (const [key, codes] of claimants) {
    const all = new Set([...codes, ...(byTitle.get(key) ?? [])])
    if (all.size >= 2) count += 1
  }
  return count
}

const quarantineKey = (item: Quarantined) => `${item.file}\u0000${item.stage}\u0000${item.message}`

function dedupeQuarantine(items: readonly Quarantined[]): Quarantined[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = quarantineKey(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
