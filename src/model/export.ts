// Contracts between the release store and the CSV exports (DESIGN.md, "Exports"). Types only.

import type { Neighbour } from './adjacency.js'
import type { RoleProfile } from './role.js'

/** What an export needs to know about the release it writes, besides its roles. */
export interface ReleaseSnapshot {
  release: number
  /** When the release was published, ISO 8601 UTC; part of the release, so re-exports repeat it. */
  createdAt: string
  /** The date HRIS rows take effect (Workday Effective_Date, SuccessFactors startDate), YYYY-MM-DD. */
  effectiveDate: string
}

/** How a role differs between release M and release N, in a delta export. */
export type RoleChange = 'added' | 'changed' | 'removed'

/** One role as an export reads it; a release is an AsyncIterable of these, ordered by code. */
export interface ExportRole {
  profile: RoleProfile
  /** Live in the release, or kept only to say it was removed (HRIS jobs are inactivated, not deleted). */
  state: 'active' | 'removed'
  /** Set in delta exports only. */
  change?: RoleChange
  /**
   * Identifies the role's content (e.g. the role version's content hash). When both sides of a delta carry one,
   * the delta compares these instead of the whole profile.
   */
  contentKey?: string
  /** The role's adjacent roles in the release, when computed (full exports of releases that have them). */
  neighbours?: Neighbour[]
}

/** Spreadsheet-safe (formula cells neutralised, for people) or import (verbatim, for systems). */
export type ExportMode = 'spreadsheet' | 'import'

export type LineEnding = 'crlf' | 'lf'

/** One file of an export as recorded in its manifest. */
export interface ManifestFile {
  name: string
  /** Data rows, header excluded. */
  rows: number
  bytes: number
  /** SHA-256 of the file's bytes, hex. */
  sha256: string
}

/** manifest.json, written beside every exported profile folder. */
export interface ExportManifest {
  format: 'canon-export/1'
  release: number
  releaseCreatedAt: string
  effectiveDate: string
  /** When this export ran; the only field that differs between two exports of one release. */
  createdAt: string
  profile: string
  mode: ExportMode
  eol: LineEnding
  bom: boolean
  /** The release a delta export compares with; null for a full export. */
  since: number | null
  files: ManifestFile[]
  /**
   * Roles left out of this profile because a value does not fit the target system (only present when some
   * are): the rest of the profile is written; these wait for a shorter value (a page edit or a decision).
   */
  heldBack?: HeldBackRole[]
}

/** A role an export left out, with the value that did not fit. */
export interface HeldBackRole {
  roleCode: string
  file: string
  column: string
  length: number
  maxLength: number
}
