// `canon run NAME`: runs one pipeline from pipelines/ and prints its summary. The work is the library's
// (pipeline/execute-pipeline.ts); this resolves the settings, prints them on request, and sets the exit code.

import path from 'node:path'
import type { Command } from 'commander'
import { UsageError } from '../errors.js'
import { exitCodeOfRun } from '../exit-codes.js'
import { findExportProfile } from '../export/profiles/index.js'
import { redactSecrets } from '../log/logger.js'
import type { PipelineDefinition, RunReport } from '../model/index.js'
import { executePipeline } from '../pipeline/execute-pipeline.js'
import { formatRunSummary } from '../pipeline/summary.js'
import { loggerFor, type CliContext, type RegisterCommand } from './context.js'
import { flags as declared, withRunFlags, type RunFlags } from './options.js'
import { resolveFromFlags } from './settings.js'

interface RunCommandFlags extends RunFlags {
  pipelines: string
  printSettings?: boolean
}

/** Runs a pipeline definition end to end as the CLI does; returns the report (null with --print-settings). */
export async function runPipelineCommand(
  ctx: CliContext,
  pipeline: PipelineDefinition,
  flags: RunFlags & { printSettings?: boolean },
): Promise<RunReport | null> {
  // Profile names are checked before anything runs, so a typo is bad usage (exit 2), not a failed night.
  for (const step of pipeline.steps) if (step.kind === 'export') step.profiles.forEach(findExportProfile)
  const log = loggerFor(ctx, flags.log)
  try {
    const { settings, sources } = resolveFromFlags(ctx, flags, log, pipeline.settings)
    if (flags.printSettings) {
      const shown = { ...settings, databaseUrl: settings.databaseUrl === null ? null : redactSecrets(settings.databaseUrl) }
      ctx.stdout(`${JSON.stringify({ pipeline: pipeline.name, settings: shown, sources }, null, 2)}\n`)
      return null
    }
    const report = await executePipeline(pipeline, settings, log)
    log.close()
    ctx.stdout(formatRunSummary(report, ctx.cwd, settings.out))
    ctx.exitCode = exitCodeOfRun(report.status)
    return report
  } finally {
    log.close()
  }
}

export const registerRun: RegisterCommand = (program, ctx) => {
  withRunFlags(
    program
      .command('run')
      .description('run a named pipeline from pipelines/ (nightly, rebuild, export-hris, …)')
      .argument('<name>', 'pipeline name: the file name in pipelines/ without .yaml'),
  )
    .addOption(declared.pipelines())
    .option('--print-settings', 'print the resolved settings (and where each came from) and stop')
    .action(async (name: string, flags: RunCommandFlags, _command: Command) => {
      if (!name) throw new UsageError('name a pipeline: canon run nightly')
      // Loaded here: `canon build` shares this module and reads no pipeline file (nor loads the YAML parser).
      const { loadPipeline } = await import('../pipeline/load-pipelines.js')
      const pipeline = await loadPipeline(path.resolve(ctx.cwd, flags.pipelines), name)
      await runPipelineCommand(ctx, pipeline, flags)
    })
}
