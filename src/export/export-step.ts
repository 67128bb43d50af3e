// The pipeline runner's export step (`canon build` exports through it too): a thin adapter over `exportRelease`.

import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ExportMode, ExportSummary, Logger } from '../model/index.js'
import { findExportProfile } from './profiles/index.js'
import { latestRelease } from './latest.js'
import { exportTargets } from './targets.js'

export interface PipelineExportRequest {
  /** The run's `out` setting. */
  outDir: string
  release: number
  since: number | null
  profiles: readonly string[]
  mode: ExportMode | null
  effectiveDate?: string | undefined
  includeUnreviewed?: boolean | undefined
  log: Logger
}

/** The pipeline runner's export step: writes the request and reports each profile as an ExportSummary. */
export async function exportForPipeline(db: Kysely<Database>, request: PipelineExportRequest): Promise<ExportSummary[]> {
  // The writers are loaded when a release is exported: a run that only checks for missing exports does not need them.
  const { exportRelease, exportSummaries, throwIfExportFailed } = await import('./export-release.js')
  const result = await exportRelease(db, {
    outDir: request.outDir,
    release: request.release,
    since: request.since,
    profiles: request.profiles.map(findExportProfile),
    mode: request.mode ?? undefined,
    effectiveDate: request.effectiveDate,
    includeUnreviewed: request.includeUnreviewed,
    log: request.log,
  })
  throwIfExportFailed(result)
  return exportSummaries(result)
}

/**
 * The profiles whose export of `release` (in full, or the delta since `since`) is not finished under `outDir`: a
 * folder appears whole with its manifest.json or not at all, so a missing manifest is a missing export; and a
 * full export is finished only once out/latest names it (a kill can fall between the folders and latest: then
 * every profile is written again, which for identical files replaces only their manifests, and latest moves).
 */
export async function missingExports(request: { outDir: string; release: number; since: number | null; profiles: readonly string[] }): Promise<string[]> {
  const targets = exportTargets({ outDir: request.outDir, release: request.release, since: request.since, profiles: request.profiles.map(findExportProfile) })
  const missing = targets.filter((target) => !existsSync(path.join(target.dir, 'manifest.json'))).map((target) => target.profile.name)
  if (missing.length > 0 || request.since !== null) return missing
  const latest = await latestRelease(request.outDir)
  return latest === null || latest < request.release ? targets.map((target) => target.profile.name) : []
}
