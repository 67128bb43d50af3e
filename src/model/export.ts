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
  /**
   * Where the effective date came from: `option` (--effective-date or the pipeline setting), `first-release`
   * (release 1: the early baseline 1900-01-01, so profiles predate every hire), `publication` (the day, UTC, a
   * later release was published).
   */
  effectiveDatePolicy: EffectiveDatePolicy
}

export type EffectiveDatePolicy = 'option' | 'first-release' | 'publication'

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
  /** The role version's number and SHA-256 content hash, when the reader has them (generic files carry them). */
  version?: number
  contentHash?: string
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
  /** `reference` objects load first, then `load` files; a `report` is for the administrator; `data`: generic tables. */
  purpose?: 'reference' | 'load' | 'report' | 'data' | 'archive' | 'schema'
}

/** Classification codes not sent to the HRIS, by reason (see held_back_codes.csv). */
export type HeldBackCounts = Partial<Record<'needs_review' | 'rejected' | 'not_primary', number>>

/** manifest.json, written beside every exported profile folder. */
export interface ExportManifest {
  format: 'canon-export/2'
  release: number
  releaseCreatedAt: string
  /** YYYY-MM-DD, whatever the files' own date format. */
  effectiveDate: string
  effectiveDatePolicy: EffectiveDatePolicy
  /** How the files write dates (`YYYY-MM-DD`, `MM/dd/yyyy`, `YYYY/MM/DD`). */
  dateFormat: string
  encoding: 'utf-8'
  /** The reference data canon's codes come from (SOC 2018, O*NET 29.3, ISCO-08, ESCO). */
  referenceVintages: Record<string, string>
  /** Whether needs_review codes were sent (--include-unreviewed). */
  includeUnreviewed: boolean
  /** Codes held back from the HRIS files, by reason; null for a profile that sends no codes or sends them all. */
  heldBackCodes: HeldBackCounts | null
  /** When this export ran; the only field that differs between two exports of one release. */
  createdAt: string
  profile: string
  mode: ExportMode
  eol: LineEnding
  bom: boolean
  /** The release a delta export compares with; null for a full export. */
  since: number | null
  /** In load order: reference objects before the files that refer to them. */
  files: ManifestFile[]
  /**
   * Roles left out of this profile because a value does not fit the target system (only present when some
   * are): the rest of the profile is written; these wait for a shorter value (a page edit or a decision).
   * Not to be confused with `heldBackCodes` (classification codes kept back for review; the roles are sent).
   */
  heldBackRoles?: HeldBackRole[]
}

/** A role an export left out, with the value that did not fit. */
export interface HeldBackRole {
  roleCode: string
  file: string
  column: string
  length: number
  maxLength: number
}
