// Plans a release: compares the candidate profiles of this build with the current release and says which role
// versions to add, which roles to mark removed, and whether anything changed at all. Pure; only load writes.

import type {
  Decision,
  LoadPlan,
  SocOccupationRow,
  PageCacheEntry,
  PlannedRemoval,
  PlannedVersion,
  Quarantined,
  Rendition,
  RoleProfile,
  RoleState,
  StaleDecision,
} from '../model/index.js'
import { canonicalJson } from './content-hash.js'
import { createHash } from 'node:crypto'
import { compareCodes } from '../common/code-order.js'

/** What planning knows of a role in the base release (content hash, not content). */
export interface BaseRole {
  code: string
  title: string
  /** The page the role's current version came from. */
  path: string
  version: number
  contentHash: string
  state: RoleState
}

/** The current release; every release holds every role ever released (removed ones as 'removed'). */
export interface PlanBase {
  release: number | null
  roles: ReadonlyMap<string, BaseRole>
}

export interface PlanExtras {
  /** Pages set aside by an earlier stage this build: their roles keep their current version, not removed. */
  quarantinedPaths?: ReadonlySet<string>
  pages?: PageCacheEntry[]
  droppedPages?: string[]
  fileDecisions?: Decision[]
  socOccupations?: SocOccupationRow[] | null
  staleDecisions?: StaleDecision[]
}

/** Diffs `candidates` against `base` into a LoadPlan; `release` is null when nothing changed. Pure. */
export function planRelease(base: PlanBase, candidates: readonly RoleProfile[], extras: PlanExtras = {}): LoadPlan {
  const { valid, rejected, hashes } = validateForLoad(candidates)
  const { unique, rejected: duplicates, renditions } = dedupeByCode(valid)
  rejected.push(...duplicates)
  const setAside = new Set([...(extras.quarantinedPaths ?? []), ...rejected.map((item) => item.file)])
  const versions: PlannedVersion[] = []
  const reactivated: PlannedRemoval[] = []
  let unchanged = 0
  for (const profile of unique) {
    const contentHash = hashes.get(profile)!
    const known = base.roles.get(profile.code)
    if (!known) {
      versions.push({ change: 'added', code: profile.code, version: 1, contentHash, profile })
    } else if (known.contentHash !== contentHash) {
      const change = known.state === 'removed' ? 'restored' : 'changed'
      versions.push({ change, code: profile.code, version: known.version + 1, contentHash, profile })
    } else if (known.state === 'removed') {
      reactivated.push({ code: known.code, title: known.title })
    } else {
      unchanged += 1
    }
  }
  const present = new Set(unique.map((profile) => profile.code))
  const missing = [...base.roles.values()].filter((role) => role.state === 'active' && !present.has(role.code)).sort((a, b) => compareCodes(a.code, b.code))
  // A role whose page failed this build is held at its current version: a bad edit must not remove it.
  const held = missing.filter((role) => setAside.has(role.path)).map((role) => ({ code: role.code, title: role.title }))
  const removals = missing.filter((role) => !setAside.has(role.path)).map((role) => ({ code: role.code, title: role.title }))
  unchanged += held.length
  const changes = versions.length + removals.length + reactivated.length
  return {
    baseRelease: base.release,
    release: changes === 0 ? null : (base.release ?? 0) + 1,
    versions: versions.sort((a, b) => compareCodes(a.code, b.code)),
    removals,
    held,
    reactivated: reactivated.sort((a, b) => compareCodes(a.code, b.code)),
    unchanged,
    rejected,
    staleDecisions: extras.staleDecisions ?? [],
    pages: extras.pages ?? [],
    droppedPages: extras.droppedPages ?? [],
    fileDecisions: extras.fileDecisions ?? [],
    socOccupations: extras.socOccupations ?? null,
    renditions,
  }
}

// What the database would refuse, found before the load so one bad profile cannot fail the whole release.
// Each profile is serialised once: its canonical JSON is both checked for NUL and hashed (hashProfile's value),
// which halves the planning time of a 10,000-role rebuild.
function validateForLoad(candidates: readonly RoleProfile[]): { valid: RoleProfile[]; rejected: Quarantined[]; hashes: Map<RoleProfile, string> } {
  const valid: RoleProfile[] = []
  const rejected: Quarantined[] = []
  const hashes = new Map<RoleProfile, string>()
  for (const profile of candidates) {
    const json = canonicalJson(profile)
    const problem = loadProblem(profile, json)
    if (problem) rejected.push({ file: profile.source.path, stage: 'plan', message: `role ${profile.code || '(no code)'}: ${problem}` })
    else {
      valid.push(profile)
      hashes.set(profile, createHash('sha256').update(json).digest('hex'))
    }
  }
  return { valid, rejected, hashes }
}

function loadProblem(profile: RoleProfile, json: string): string | null {
  if (!profile.code.trim()) return 'the profile has no role code'
  if (!profile.title.trim()) return 'the profile has no title'
  const keys = new Set<string>()
  for (const alias of profile.aliases) {
    if (keys.has(alias.key)) return `alias key "${alias.key}" appears twice; aliases with one key must be merged`
    keys.add(alias.key)
    if (!(alias.confidence >= 0 && alias.confidence <= 1)) return `alias "${alias.text}" has confidence ${alias.confidence}, expected 0..1`
  }
  for (const item of profile.classifications) {
    if (!(item.confidence >= 0 && item.confidence <= 1)) return `code ${item.system} ${item.code} has confidence ${item.confidence}, expected 0..1`
  }
  if (json.includes('\\u0000')) return 'the profile contains a NUL character, which Postgres cannot store'
  return null
}

// Two pages claiming one role code: the first by path wins. A second page whose role is the same content
// (the same page copied as text and saved as HTML) is another rendition, reported but not quarantined;
// a second page with different content is a conflict and is quarantined (deterministic either way).
function dedupeByCode(candidates: readonly RoleProfile[]): { unique: RoleProfile[]; rejected: Quarantined[]; renditions: Rendition[] } {
  const byPath = [...candidates].sort((a, b) => compareCodes(a.source.path, b.source.path))
  const kept = new Map<string, RoleProfile>()
  const rejected: Quarantined[] = []
  const renditions: Rendition[] = []
  for (const profile of byPath) {
    const first = kept.get(profile.code)
    if (!first) {
      kept.set(profile.code, profile)
    } else if (roleContent(first) === roleContent(profile)) {
      renditions.push({ file: profile.source.path, code: profile.code, sameAs: first.source.path })
    } else {
      rejected.push({
        file: profile.source.path,
        stage: 'plan',
        message: `role ${profile.code} is already defined by ${first.source.path} with different content; this page's profile was not loaded (give it its own code or remove one page)`,
      })
    }
  }
  return { unique: [...kept.values()], rejected, renditions }
}

/** What a role says, leaving out where it was read from and what the parser noticed about that page. */
function roleContent(profile: RoleProfile): string {
  return canonicalJson({ ...profile, source: undefined, findings: undefined })
}
