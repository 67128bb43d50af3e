// Releases, runs and the differences between releases, as the store reports them. Types only.

import type { StaleDecision } from './decision.js'
import type { Neighbour } from './adjacency.js'
import type { RoleProfile } from './role.js'

export type RoleState = 'active' | 'removed'

export interface ReleaseInfo {
  number: number
  /** ISO 8601. */
  createdAt: string
  isCurrent: boolean
  runId: number
  /** Roles active in the release, and roles it holds as removed. */
  activeCount: number
  removedCount: number
  /** What changed against the previous release. */
  addedCount: number
  changedCount: number
  newlyRemovedCount: number
  unchangedCount: number
}

/** One role as a release holds it. */
export interface ReleaseProfile {
  profile: RoleProfile
  state: RoleState
  version: number
  /** The role's adjacent roles in this release (absent when none were computed). */
  neighbours?: Neighbour[]
}

export interface RoleRef {
  code: string
  title: string
}

export interface RoleChangeDetail extends RoleRef {
  fromVersion: number
  toVersion: number
  /** Top-level RoleProfile fields whose content differs, in model order. */
  fields: string[]
  /** Alias texts gained and lost (by normalised key). */
  aliases: { added: string[]; removed: string[] }
  /** Codes gained and lost, as "SYSTEM code", e.g. "SOC2018 15-1252". */
  codes: { added: string[]; removed: string[] }
}

export interface ReleaseDiff {
  /** The older release (null: compared with an empty canon). */
  from: number | null
  to: number
  added: RoleRef[]
  removed: RoleRef[]
  changed: RoleChangeDetail[]
}

export type RunRecordStatus = 'running' | 'published' | 'unchanged' | 'partial' | 'failed' | 'dry_run' | 'abandoned'

export interface RunInfo {
  id: number
  startedAt: string
  finishedAt: string | null
  status: RunRecordStatus
  baseRelease: number | null
  release: number | null
  counts: Record<string, number>
  staleDecisions: StaleDecision[]
  error: string | null
  quarantined: number
}
