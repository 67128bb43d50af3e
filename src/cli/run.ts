// `canon run NAME`: runs one pipeline from pipelines/ (settings: defaults ← pipeline file ← flags ←
// environment), then writes the metrics file, adds the run's counts to its run record and prints the summary.
// Also the engine of `canon build` (an implicit pipeline: build, then export every profile).

import path from 'node:path'
import type { Command } from 'commander'
import { realStages } from '../batch/real-stages.js'
import { UsageError } from '../errors.js'
import { findExportProfile } from '../export/profiles/index.js'
import { redactSecrets } from '../log/logger.js'
import { runCounts } from '../metrics/run-counts.js'
import { addRunCounts } from '../store/runs.js'
import { writeRunMetrics } from '../metrics/textfile.js'
import type { RunReport } from '../model/index.js'
import type { PipelineDefinition } from '../model/index.js'
import { libraryPipelineSteps } from '../pipeline/library-steps.js'
import { loadPipeline } from '../pipeline/load-pipelines.js'
import { runPipeline } from '../pipeline/run-pipeline.js'
import { resolveSettings, type SettingsFlags } from '../pipeline/settings.js'
import { formatRunSummary } from '../pipeline/summary.js'
import type { RegisterCommand } from './commands.js'
import { loggerFor, type CliContext } from './context.js'
import { indexCacheDir, openFromSettings } from './database.js'
import { logFormat, wholeNumber } from './option-values.js'

export interface RunFlags {
  pipelines: string
  raw?: string
  reference?: string
  edits?: string
  out?: string
  dataDir?: string
  metricsFile?: string
  lockTimeout?: number
  db?: string
  log?: string
  workers?: number
  printSettings?: boolean
}

/** Adds the settings flags `canon run` and `canon build` share. */
export function withRunOptions(command: Command): Command {
  return command
    .option('--raw <DIR>', 'folder holding pages/ (default: raw)')
    .option('--reference <DIR>', 'reference data folder (default: raw/reference)')
    .option('--edits <DIR>', 'decision files, *.csv or *.json (default: edits)')
    .option('--out <DIR>', 'export folder (default: out)')
    .option('--data-dir <DIR>', 'embedded database directory (default: .canon/db)')
    .option('--db <URL>', 'Postgres server (default: the embedded database; DATABASE_URL in the environment wins)')
    .option('--metrics-file <FILE>', 'write Prometheus metrics here after the run (node exporter textfile collector)')
    .option('--lock-timeout <SECONDS>', 'wait this long for another build before exiting 75 (default 60)', wholeNumber)
    .option('--workers <N>', 'parser worker threads (0: parse in this thread)', wholeNumber)
    .option('--log <FORMAT>', 'human or json (default: human on a terminal, JSON lines otherwise)', logFormat)
}

/** The settings flags as the settings layer takes them. */
export function settingsFlags(flags: Omit<RunFlags, 'pipelines'>): SettingsFlags {
  return {
    ...(flags.raw ? { raw: flags.raw } : {}),
    ...(flags.reference ? { reference: flags.reference } : {}),
    ...(flags.edits ? { edits: flags.edits } : {}),
    ...(flags.out ? { out: flags.out } : {}),
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    ...(flags.metricsFile ? { metricsFile: flags.metricsFile } : {}),
    ...(flags.lockTimeout !== undefined ? { lockTimeoutSeconds: flags.lockTimeout } : {}),
    ...(flags.db ? { db: flags.db } : {}),
  }
}

/** Runs a pipeline definition end to end as the CLI does; returns the report (the exit code is in it). */
export async function runPipelineCommand(ctx: CliContext, pipeline: PipelineDefinition, flags: Omit<RunFlags, 'pipelines'>): Promise<RunReport | null> {
  // Profile names are checked before anything runs, so a typo is bad usage (exit 2), not a failed night.
  for (const step of pipeline.steps) if (step.kind === 'export') step.profiles.forEach(findExportProfile)
  const log = loggerFor(ctx, flags.log)
  try {
    const { settings, notes, sources } = resolveSettings({ pipeline: pipeline.settings, flags: settingsFlags(flags), env: ctx.env, cwd: ctx.cwd })
    for (const note of notes) log.warn(note)
    if (flags.printSettings) {
      const shown = { ...settings, databaseUrl: settings.databaseUrl === null ? null : redactSecrets(settings.databaseUrl) }
      ctx.stdout(`${JSON.stringify({ pipeline: pipeline.name, settings: shown, sources }, null, 2)}\n`)
      return null
    }
    const stages = await realStages({ ...(flags.workers !== undefined ? { workers: flags.workers } : {}), indexCacheDir: indexCacheDir(settings) })
    const db = await openFromSettings(settings, `canon run ${pipeline.name}`)
    let runId: number | null = null
    let report: RunReport
    try {
      const steps = libraryPipelineSteps({ db, stages, onRun: (id) => (runId = id) })
      report = await runPipeline({ pipeline, settings, steps, log })
      if (runId !== null) {
        await addRunCounts(db, runId, runCounts(report)).catch((error: unknown) =>
          log.warn(`could not add the run's counts to run ${runId}: ${redactSecrets(String(error))}`),
        )
      }
    } finally {
      await db.destroy()
    }
    if (settings.metricsFile) {
      // Metrics are for watching runs; failing to write them is reported but does not change the run's outcome.
      await writeRunMetrics(settings.metricsFile, report).catch((error: unknown) =>
        log.error(`could not write metrics to ${settings.metricsFile}: ${redactSecrets(String(error))}`),
      )
    }
    log.close()
    ctx.stdout(formatRunSummary(report, ctx.cwd, settings.out))
    ctx.exitCode = report.exitCode
    return report
  } finally {
    log.close()
  }
}

export const registerRun: RegisterCommand = (program, ctx) => {
  withRunOptions(
    program
      .command('run')
      .description('run a named pipeline from pipelines/ (nightly, rebuild, export-hris, …)')
      .argument('<name>', 'pipeline name: the file name in pipelines/ without .yaml'),
  )
    .option('--pipelines <DIR>', 'folder of pipeline files', 'pipelines')
    .option('--print-settings', 'print the resolved settings (and where each came from) and stop')
    .action(async (name: string, flags: RunFlags) => {
      if (!name) throw new UsageError('name a pipeline: canon run nightly')
      const pipeline = await loadPipeline(path.resolve(ctx.cwd, flags.pipelines), name)
      await runPipelineCommand(ctx, pipeline, flags)
    })
}
