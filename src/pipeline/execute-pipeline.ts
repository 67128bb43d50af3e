// Running a pipeline for real: the real stages on the database the settings name, then the run's counts added
// to its run record and the metrics file written. `canon run`, `canon build` and the scale bench share it.

import { existsSync } from 'node:fs'
import { realStages } from '../batch/real-stages.js'
import type { BuildResult } from '../batch/run-build.js'
import type { BuildStages } from '../batch/stages.js'
import type { CanonDb } from '../db/open.js'
import { exportProfiles } from '../export/profiles/index.js'
import { redactSecrets } from '../log/logger.js'
import { runCounts } from '../metrics/run-counts.js'
import type { Logger, PipelineDefinition, RunReport } from '../model/index.js'
import type { RunSettings } from '../settings/settings.js'
import { mayRunWithoutDatabase, runUnchangedWithoutDatabase } from './no-change.js'

/** `canon build` as a pipeline: build (every page again with `reparse`), then export every profile if it published. */
export function buildPipeline(reparse: boolean): PipelineDefinition {
  return {
    name: 'build',
    description: 'canon build',
    schedule: null,
    timezone: null,
    steps: [
      { kind: 'build', scope: reparse ? 'all' : 'changed' },
      { kind: 'export', profiles: exportProfiles.map((p) => p.name), since: 'none', mode: null, when: 'published' },
    ],
    settings: {},
    file: '(canon build)',
  }
}

/** The stages' share of the settings: worker threads and the per-page limits. */
function stageSettings(settings: RunSettings) {
  return {
    ...(settings.workers !== null ? { workers: settings.workers } : {}),
    maxPageBytes: settings.maxPageBytes,
    pageLimits: { timeoutMs: settings.pageTimeoutSeconds * 1000, maxElements: settings.maxPageElements },
  }
}

/** Runs `pipeline` end to end; never throws for a failed run (the report says how it ended). */
export async function executePipeline(pipeline: PipelineDefinition, settings: RunSettings, log: Logger): Promise<RunReport> {
  const ready = realStages({ ...stageSettings(settings), indexCacheDir: settings.indexCacheDir })
  // Without a receipt to check (a first build, a server, another pipeline) the database starts while the stages
  // get ready: PGlite's start waits on its WebAssembly compile, and a first build fingerprints the code (~0.35 s).
  const early = mayRunWithoutDatabase(pipeline, settings) ? null : openForPipeline(settings, pipeline)
  // Marked handled: a failure to open is reported where the database is awaited, not as an unhandled rejection.
  early?.catch(() => undefined)
  let stages: BuildStages
  try {
    stages = await ready
  } catch (error) {
    await (await early?.catch(() => null))?.destroy()
    throw error
  }
  // Nothing changed since the embedded database was last closed: proven from its receipt, without starting it.
  const report =
    (early ? null : await runUnchangedWithoutDatabase(pipeline, settings, stages, log)) ??
    (await executeOnDatabase(pipeline, settings, stages, log, early ?? openForPipeline(settings, pipeline)))
  if (settings.metricsFile) {
    // Metrics are for watching runs; failing to write them is reported but does not change the run's outcome.
    // Loaded only here: prom-client (and the OpenTelemetry API it imports) is ~90 module files a run without
    // a metrics file does not need.
    const { writeRunMetrics } = await import('../metrics/textfile.js')
    await writeRunMetrics(settings.metricsFile, report).catch((error: unknown) =>
      log.error(`could not write metrics to ${settings.metricsFile}: ${redactSecrets(String(error))}`),
    )
  }
  return report
}

/** Opens the database the settings name for `pipeline` (its modules loaded only here: the no-change path opens none). */
async function openForPipeline(settings: RunSettings, pipeline: PipelineDefinition): Promise<CanonDb> {
  const { openCanonDatabase } = await import('../settings/database.js')
  return openCanonDatabase(settings, `canon run ${pipeline.name}`)
}

/** Runs `pipeline` on the database `opening` opens. */
async function executeOnDatabase(
  pipeline: PipelineDefinition,
  settings: RunSettings,
  stages: BuildStages,
  log: Logger,
  opening: Promise<CanonDb>,
): Promise<RunReport> {
  const [{ addRunCounts }, { libraryPipelineSteps }, { runPipeline }, { prepareReceipt }] = await Promise.all([
    import('../store/runs.js'),
    import('./library-steps.js'),
    import('./run-pipeline.js'),
    import('./no-change.js'),
  ])
  const db = await opening
  let runId: number | null = null
  let report: RunReport
  try {
    const steps = libraryPipelineSteps({ db, stages, onRun: (id) => (runId = id), databaseUrl: settings.databaseUrl })
    report = await runPipeline({ pipeline, settings, steps, log })
    if (runId !== null) {
      await addRunCounts(db, runId, runCounts(report)).catch((error: unknown) =>
        log.warn(`could not add the run's counts to run ${runId}: ${redactSecrets(String(error))}`),
      )
    }
    // A run that ended well leaves a receipt for the next build's no-change check (see no-change.ts).
    if (runId !== null && (report.status === 'succeeded' || report.status === 'partial')) {
      await prepareReceipt(db, settings, stages).catch((error: unknown) => log.warn(`could not prepare the no-change receipt: ${redactSecrets(String(error))}`))
    }
  } finally {
    await db.destroy()
  }
  return report
}

/**
 * Plans a build and writes nothing (`canon build --dry-run`). On an embedded database that does not exist yet
 * it plans against an empty canon in memory, so not even the data directory is created.
 */
export async function planBuild(settings: RunSettings, options: { reparse: boolean; log: Logger }): Promise<BuildResult> {
  const [{ runBuild }, { openDatabase }, { isNewEmbeddedDatabase, openCanonDatabase }] = await Promise.all([
    import('../batch/run-build.js'),
    import('../db/open.js'),
    import('../settings/database.js'),
  ])
  // No index cache folder: the classifier would write its snapshot there.
  const stages = await realStages(stageSettings(settings))
  const lockTimeoutMs = settings.lockTimeoutSeconds * 1000
  const db = isNewEmbeddedDatabase(settings)
    ? await openDatabase({ dataDir: 'memory://', command: 'canon build --dry-run' })
    : await openCanonDatabase(settings, 'canon build --dry-run', lockTimeoutMs)
  try {
    return await runBuild(
      {
        rawDir: settings.raw,
        referenceDir: settings.reference,
        editsDir: existsSync(settings.edits) ? settings.edits : null,
        dryRun: true,
        reparseAll: options.reparse,
        lockTimeoutMs,
      },
      { db, stages, logger: options.log },
    )
  } finally {
    await db.destroy()
  }
}
