// The stages a build runs, as the orchestrator sees them: injected, so the CLI wires the real ones and tests
// give small in-test functions. Each keeps its own module's contract; this file only names the seams.

import type { ClassificationCache } from '../model/index.js'
import type {
  AliasConflict,
  AliasDecision,
  FileStamp,
  Logger,
  PageInput,
  PageResult,
  Quarantined,
  ReferenceData,
  RoleProfile,
  StageResult,
  StaleAliasDecision,
  UnreadPage,
} from '../model/index.js'
import type { StringTable } from './intern-strings.js'

export interface AliasStageResult {
  roles: RoleProfile[]
  staleDecisions: StaleAliasDecision[]
  conflicts: readonly AliasConflict[]
  merged: number
}

/** What the page cache recorded of a page when it was last read, for discover to skip reading it again. */
export type KnownPage = (path: string) => { stamp: FileStamp; contentHash: string } | undefined

export type ClassifyStageResult = StageResult<RoleProfile> & { reused?: number }

export interface BuildStages {
  /** Part of the page cache key: change it when the same bytes could parse differently (a new parser). */
  parserVersion: string
  /** Changes with the code of every stage: a build whose inputs and code are unchanged skips to "nothing changed". */
  codeVersion: string
  /** A fingerprint of the reference data in `referenceDir` (its files' contents). */
  referenceVersion(referenceDir: string): Promise<string>
  /** discover: every page under raw/ with its content hash, or why it could not be read. */
  readPages(rawDir: string, known?: KnownPage, onSkipped?: (path: string, kind: string) => void): AsyncIterable<PageInput | Quarantined | UnreadPage>
  /** extract → parse → normalize, for the pages that changed; results in input order. */
  parsePages(pages: AsyncIterable<PageInput | Quarantined>): AsyncIterable<PageResult>
  /**
   * The reference data in `referenceDir`, whose files fingerprint to `referenceVersion` (a stage may cache by it).
   * `onUse`: the build may need little of it (a rebuild of what changed), so a stage may read its fields when
   * they are first used (the real stage does, from a snapshot: batch/reference-on-use.ts).
   */
  readReference(referenceDir: string, referenceVersion: string, logger: Logger, options?: { onUse?: boolean }): Promise<ReferenceData>
  /**
   * classify: SOC 2018 (and related) codes with confidence and evidence. With `cached`, a stage may reuse rows
   * it inferred before for the same inputs and reference data (`reused` says for how many roles). With `strings`,
   * a stage may intern the rows as they are made (the caller interns them after the stage anyway): rows that
   * come from worker threads are new copies of every string until then.
   */
  classifyRoles(
    profiles: RoleProfile[],
    reference: ReferenceData,
    logger: Logger,
    cached?: { cache: ClassificationCache; referenceVersion: string },
    strings?: StringTable,
  ): Promise<ClassifyStageResult> | ClassifyStageResult
  /**
   * A hint that the next classifyRoles call may have roles to code (`few`: a rebuild starts, a page or two
   * will have changed; `many`: hundreds of pages were parsed): a stage may start its classifier (worker threads
   * loading an index) now, while pages are still being read and parsed. Optional; called at most once with each.
   */
  warmClassifier?(referenceDir: string, referenceVersion: string, expected: 'few' | 'many'): void
  /** Stops what warmClassifier started and classifyRoles did not use (the build ends, maybe failed). */
  coolClassifier?(): Promise<void>
  /** aliases: dedupe and score; applies the alias decisions and returns the stale ones. */
  scoreAliases(profiles: RoleProfile[], reference: ReferenceData, decisions: AliasDecision[]): AliasStageResult
}
