// Contracts shared by every batch stage: what a stage returns and how a bad input is set aside.

import type { Finding } from './role.js'

export type StageName =
  | 'discover'
  | 'extract'
  | 'parse'
  | 'normalize'
  | 'aliases'
  | 'classify'
  | 'decide'
  | 'plan'
  | 'load'
  | 'export'

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

/** A raw page as discovered under raw/pages: bytes plus identity. */
export interface PageInput {
  /** Path relative to the raw folder, with forward slashes: stable across machines. */
  path: string
  bytes: Uint8Array
  /** SHA-256 of the bytes, hex. */
  contentHash: string
}
