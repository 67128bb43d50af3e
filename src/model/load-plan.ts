// What a build intends to write, computed without writing (`planRelease`) and applied by `applyLoadPlan`.
// Serialisable: `canon build --dry-run` prints it as JSON. Types only.

import type { PlannedAdjacency } from './adjacency.js'
import type { Decision, StaleDecision } from './decision.js'
import type { SocLevel } from './reference.js'
import type { RoleProfile } from './role.js'
import type { FileFinding, FileStamp, Quarantined } from './stage.js'

export type PlannedChange = 'added' | 'changed' | 'restored'

/** A role version the release adds: a new role, a changed one, or a removed role that came back. */
export interface PlannedVersion {
  change: PlannedChange
  code: string
  /** The new version number: 1 for a new role, previous + 1 otherwise. */
  version: number
  /** SHA-256 of the profile's canonical JSON. */
  contentHash: string
  profile: RoleProfile
}

/** A role active in the base release whose page is gone: the release marks it removed, nothing is deleted. */
export interface PlannedRemoval {
  code: string
  title: string
}

/** A page's parse result kept for the next build, so an unchanged page is not parsed again. */
export interface PageCacheEntry {
  path: string
  contentHash: string
  parserVersion: string
  profiles: RoleProfile[]
  rejected: Quarantined[]
  warnings: FileFinding[]
  /** The file's size and modification time when it was read; null when unknown (then it is always read). */
  stamp?: FileStamp | null
}

/** A page that renders a role another page already defines, with the same content (e.g. its text copy). */
export interface Rendition {
  file: string
  code: string
  sameAs: string
}

export interface LoadPlan {
  /** The release current when the plan was made (null: the database holds none yet). */
  baseRelease: number | null
  /** The release this plan publishes, or null when nothing changed. */
  release: number | null
  versions: PlannedVersion[]
  removals: PlannedRemoval[]
  /** Roles kept at their current version although missing: their page was quarantined this build. */
  held: PlannedRemoval[]
  /** Removed roles whose page came back with the content they had: active again, same version. */
  reactivated: PlannedRemoval[]
  /** Roles whose current version stays as it is. */
  unchanged: number
  /** Candidates the plan could not take (e.g. a second page claiming a role code). */
  rejected: Quarantined[]
  staleDecisions: StaleDecision[]
  /** Page cache entries to write (new or changed pages). */
  pages: PageCacheEntry[]
  /** Cached pages no longer under raw/: their cache entries go. */
  droppedPages: string[]
  /** Decisions read from edits/ files this build; each is recorded in `decisions` once (by fingerprint). */
  fileDecisions: Decision[]
  /** Pages that repeat a role another page defines, with identical content: reported, not quarantined. */
  renditions: Rendition[]
  /** The SOC 2018 structure to store, when it differs from what `soc_occupations` holds (else null). */
  socOccupations: SocOccupationRow[] | null
  /** Adjacent roles and possible duplicates of the release this plan publishes (absent: none computed). */
  adjacency?: PlannedAdjacency
}

export interface SocOccupationRow {
  code: string
  title: string
  level: SocLevel
  parentCode: string | null
  definition: string | null
}
