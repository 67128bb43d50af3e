// The pipeline runner's export step (`canon build` exports through it too): a thin adapter over `exportRelease`.

import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ExportMode, ExportSummary, Logger } from '../model/index.js'
import { exportRelease, exportSummaries, throwIfExportFailed } from './export-release.js'
import { findExportProfile } from './profiles/index.js'
import { exportTargets } from './targets.js'

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

/**
 * The profiles whose export of `release` (in full, or the delta since `since`) has no published folder under
 * `outDir`: a folder appears whole with its manifest.json or not at all, so a missing manifest is a missing export.
 */
export function missingExports(request: { outDir: string; release: number; since: number | null; profiles: readonly string[] }): string[] {
  const targets = exportTargets({ outDir: request.outDir, release: request.release, since: request.since, profiles: request.profiles.map(findExportProfile) })
  return targets.filter((target) => !existsSync(path.join(target.dir, 'manifest.json'))).map((target) => target.profile.name)
}
