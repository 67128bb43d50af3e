// Contracts shared by every batch stage: what a stage returns and how a bad input is set aside.

import type { Finding, RoleProfile } from './role.js'
import type { SourceProfile } from './source-profile.js'

export type StageName = 'discover' | 'extract' | 'parse' | 'normalize' | 'aliases' | 'classify' | 'decide' | 'plan' | 'load' | 'export'

/** A file (or one of its roles) set aside by a stage; every one reaches the run record. */
export interface Quarantined {
  file: string
  stage: StageName
  message: string
}

/** A warning raised about one file by a stage, kept with the run. */
export interface FileFinding extends Finding {
  file: string
}

/** What a batch stage returns instead of throwing: one bad input never stops the batch. */
export interface StageResult<T> {
  ok: T[]
  rejected: Quarantined[]
  warnings: FileFinding[]
}

/** What parsing one page gives: its profiles, what was set aside, and warnings about the file. */
export interface PageResult {
  path: string
  profiles: RoleProfile[]
  rejected: Quarantined[]
  warnings: FileFinding[]
}

/** A raw page as discovered under raw/pages: bytes plus identity. */
export interface PageInput {
  /** Path relative to the raw folder, with forward slashes: stable across machines. */
  path: string
  bytes: Uint8Array
  /** SHA-256 of the bytes, hex. */
  contentHash: string
  /** What the file system said of the file when it was read (absent for pages not read from a file). */
  stamp?: FileStamp
  /**
   * The nearest canon-source.yaml above the page, validated. When present, `contentHash` covers its bytes too
   * and the page carries no `stamp` (it is read on every build), so adding, editing or removing the source
   * profile re-parses the pages below it.
   */
  sourceProfile?: SourceProfile
}

/** A page file's size and modification time, and when discover read it (milliseconds since the epoch). */
export interface FileStamp {
  size: number
  mtimeMs: number
  readAtMs: number
}

/**
 * A page discover did not read: its size and modification time are those the page cache recorded when it last
 * read the file, well after the file had last been written, so its content (and hash) are taken as unchanged.
 */
export interface UnreadPage {
  path: string
  contentHash: string
  unread: true
}
