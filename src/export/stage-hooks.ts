// How the rest of canon calls the export: the build's export stage (every published release is exported in
// every profile) and the pipeline runner's export step. Both are thin adapters over `exportRelease`.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { CanonError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { ExportMode, ExportSummary, LineEnding, Logger } from '../model/index.js'
import { exportRelease, exportSummaries, throwIfExportFailed } from './export-release.js'
import { findExportProfile } from './profiles/index.js'

export interface BuildExportOptions {
  /** Folder holding `releases/` and `latest` (the build's `--out`). */
  outDir: string
  eol?: LineEnding
  bom?: boolean
}

/** The build's export stage (`BuildStages.exportRelease`): writes release N in every profile, moves out/latest. */
export function buildExportStage(options: BuildExportOptions): (db: Kysely<Database>, release: number, logger: Logger) => Promise<void> {
  return async (db, release, logger) => {
    const result = await exportRelease(db, { outDir: options.outDir, release, eol: options.eol, bom: options.bom, log: logger })
    try {
      throwIfExportFailed(result)
    } catch (error) {
      // The release is already published; say so, so nobody reads exit 1 as "nothing changed".
      const message = error instanceof Error ? error.message : String(error)
      throw new CanonError(`release ${release} is published and current, but its export failed: ${message}`, ExitCode.failed, { cause: error })
    }
  }
}

export interface PipelineExportRequest {
  /** The run's `out` setting. */
  outDir: string
  release: number
  since: number | null
  profiles: readonly string[]
  mode: ExportMode | null
  log: Logger
}

/** The pipeline runner's export step: writes the request and reports each profile as an ExportSummary. */
export async function exportForPipeline(db: Kysely<Database>, request: PipelineExportRequest): Promise<ExportSummary[]> {
  const result = await exportRelease(db, {
    outDir: request.outDir,
    release: request.release,
    since: request.since,
    profiles: request.profiles.map(findExportProfile),
    mode: request.mode ?? undefined,
    log: request.log,
  })
  throwIfExportFailed(result)
  return exportSummaries(result)
}
