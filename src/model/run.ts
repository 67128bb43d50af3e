// Contracts for batch runs: what a build and an export report back, and what a whole pipeline run reports to
// logs, metrics and the run record. Types only.

import type { HeldBackCounts } from './export.js'
import type { Quarantined } from './stage.js'

/** One stage of one run: how long it took and what it counted (pages, roles, rows…). */
export interface StageReport {
  stage: string
  durationMs: number
  counts: Record<string, number>
}

/** What `canon build` did, in the terms its summary and metrics use. */
export interface BuildSummary {
  /** Identity of the run record in the database (the `runs` row), when one was written. */
  runId: string | number | null
  /** The release published by this build, or the current release when nothing changed (null: none yet). */
  release: number | null
  /** The release that was current before this build (null: none). */
  previousRelease: number | null
  /** False when the inputs and decisions were unchanged and no release was created. */
  published: boolean
  pages: { seen: number; parsed: number; unchanged: number; quarantined: number }
  roles: { added: number; changed: number; removed: number; unchanged: number }
  aliases: { merged: number; conflicts: number }
  codes: { autoAccepted: number; needsReview: number }
  staleDecisions: number
  quarantined: Quarantined[]
  stages: StageReport[]
  /** Pairs of roles that look like one role in the published release (absent when no adjacency was computed). */
  possibleDuplicates?: number
  /**
   * Role families whose levels got different primary SOC codes, among the roles this build coded (each is also
   * a warning naming the family, its file and the levels per code). Absent when the build coded no roles.
   */
  familiesDisagreeing?: number
}

/** What one export wrote: a release (or a delta since another) in one profile. */
export interface ExportSummary {
  release: number
  since: number | null
  profile: string
  /** Folder holding the CSV files and manifest.json. */
  dir: string
  files: number
  rows: number
  /** Classification codes held back from the HRIS files, by reason (needs_review, rejected, not_primary), when counted. */
  heldBackCodes?: HeldBackCounts
  /** Codes of roles left out of this profile because a value does not fit the target system (manifest `heldBackRoles`). */
  heldBackRoles?: string[]
}

/**
 * How a run ended: `usage` when it was asked to do something it cannot (exit 2), `locked` when another build runs,
 * `export_failed` when a release was published but its exports (or its run record) could not be written.
 */
export type RunStatus = 'succeeded' | 'partial' | 'failed' | 'export_failed' | 'usage' | 'locked'

/** The whole of one pipeline run: the record logs, metrics and the summary are written from. */
export interface RunReport {
  pipeline: string
  status: RunStatus
  startedAt: Date
  finishedAt: Date
  build: BuildSummary | null
  exports: ExportSummary[]
  stages: StageReport[]
  /** Why the run failed (redacted), when it did. */
  error: string | null
}
