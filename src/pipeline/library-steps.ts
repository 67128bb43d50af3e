// The library's stages as a pipeline runs them: build is `runBuild` over the real stages, export is
// `exportRelease`, on one open database. `canon run`, `canon build` and the bench share this wiring.

import { existsSync } from 'node:fs'
import type { BuildStages } from '../batch/stages.js'
import { collectGarbage, WORTH_COLLECTING } from '../batch/collect-garbage.js'
import { runBuild } from '../batch/run-build.js'
import type { CanonDb } from '../db/open.js'
import { exportForPipeline, missingExports } from '../export/export-step.js'
import { listReleases } from '../store/releases.js'
import type { PipelineSteps } from './run-pipeline.js'
import { buildSiteApart, siteApartAvailable } from './site-apart.js'

export interface LibraryStepsOptions {
  db: CanonDb
  stages: BuildStages
  /** Called with the build's run id, so the caller can add the pipeline's counts to that run record. */
  onRun?: (runId: number) => void
  /** Tests fail a build here, after its release was committed (see BuildDeps.afterCommit). */
  afterCommit?: (release: number) => Promise<void>
  /**
   * The server `db` is on: a site step after an export is then written on a thread of its own, on its own
   * connection, beside the export (site-apart.ts). Absent (the embedded database): the site follows the export.
   */
  databaseUrl?: string | null
}

/** Pipeline steps over the real library. */
export function libraryPipelineSteps(options: LibraryStepsOptions): PipelineSteps {
  const { db, stages } = options
  return {
    async build({ settings, scope, log }) {
      const result = await runBuild(
        {
          rawDir: settings.raw,
          referenceDir: settings.reference,
          editsDir: existsSync(settings.edits) ? settings.edits : null,
          reparseAll: scope === 'all',
          lockTimeoutMs: settings.lockTimeoutSeconds * 1000,
          maxRemovalPercent: settings.maxRemovalPercent,
          allowMassRemoval: settings.allowMassRemoval,
        },
        { db, stages, logger: log, ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}) },
      )
      if (result.runId !== null) options.onRun?.(result.runId)
      // A build that did work leaves its roles, index and plan as garbage: collected before the exports grow.
      const { pages, roles } = result.summary
      if (pages.parsed + roles.added + roles.changed + roles.removed >= WORTH_COLLECTING) collectGarbage()
      return result.summary
    },
    async export({ settings, release, since, profiles, mode, effectiveDate, includeUnreviewed, log }) {
      return exportForPipeline(db, { outDir: settings.out, release, since, profiles, mode, effectiveDate, includeUnreviewed, log })
    },
    async missingExports({ settings, release, since, profiles }) {
      return missingExports({ outDir: settings.out, release, since, profiles })
    },
    async site({ settings, release, log }) {
      const { buildSite } = await import('../site/build-site.js')
      collectGarbage()
      const site = await buildSite(db, { outDir: settings.out, release })
      log.info(`site of release ${site.release}: ${site.dir}/index.html`, { release: site.release, dir: site.dir })
      return site
    },
    startSite({ settings, release, log }) {
      if (!options.databaseUrl || !siteApartAvailable()) return null
      const url = options.databaseUrl
      return buildSiteApart({ url, outDir: settings.out, release }).then((site) => {
        log.info(`site of release ${site.release}: ${site.dir}/index.html`, { release: site.release, dir: site.dir })
        return site
      })
    },
    async releases() {
      const releases = await listReleases(db)
      const current = releases.find((r) => r.isCurrent) ?? null
      const previous = current ? (releases.filter((r) => r.number < current.number).sort((a, b) => b.number - a.number)[0] ?? null) : null
      return { current: current?.number ?? null, previous: previous?.number ?? null }
    },
  }
}
