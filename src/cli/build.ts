// `canon build`: raw/ → the canon. A thin shell: resolves flags and environment, opens the database, wires the
// real stages and runs `runBuild`; the exit code is the build's (0, 3 partial, 75 locked, 1 failed).

import { existsSync } from 'node:fs'
import { realStages } from '../batch/real-stages.js'
import { runBuild } from '../batch/run-build.js'
import type { BuildResult } from '../batch/run-build.js'
import type { RegisterCommand } from './commands.js'
import { loggerFor } from './context.js'
import { exportProfiles } from '../export/profiles/index.js'
import type { PipelineDefinition } from '../model/index.js'
import { runPipelineCommand, withRunOptions } from './run.js'
import { indexCacheDir, openFromSettings, settingsFor, type DatabaseFlags } from './database.js'

interface BuildFlags extends DatabaseFlags {
  metricsFile?: string
  raw?: string
  reference?: string
  edits?: string
  out?: string
  dryRun?: boolean
  reparse?: boolean
  lockTimeout?: number
  workers?: number
  log?: string
}

export const registerBuild: RegisterCommand = (program, ctx) => {
  withRunOptions(program.command('build').description('parse raw/ pages, classify, apply decisions and publish a new release if anything changed'))
    .option('--dry-run', 'print the load plan as JSON and write nothing')
    .option('--reparse', 'parse every page again instead of reusing unchanged pages')
    .action(async (flags: BuildFlags) => {
      // A real build is the implicit pipeline "build" (build, then export every profile when a release was
      // published): the same logs, metrics, run-record counts and summary as `canon run`.
      if (!flags.dryRun) {
        await runPipelineCommand(ctx, buildPipeline(Boolean(flags.reparse)), {
          ...flags,
          ...(flags.reference ? {} : flags.raw ? { reference: `${flags.raw}/reference` } : {}),
        })
        return
      }
      const log = loggerFor(ctx, flags.log)
      const settings = settingsFor(ctx, flags, log, {
        ...(flags.raw ? { raw: flags.raw } : {}),
        ...(flags.reference ? { reference: flags.reference } : flags.raw ? { reference: `${flags.raw}/reference` } : {}),
        ...(flags.edits ? { edits: flags.edits } : {}),
        ...(flags.out ? { out: flags.out } : {}),
      })
      const lockTimeoutMs = (flags.lockTimeout ?? settings.lockTimeoutSeconds) * 1000
      const stages = await realStages({ ...(flags.workers !== undefined ? { workers: flags.workers } : {}), indexCacheDir: indexCacheDir(settings) })
      const db = await openFromSettings(settings, 'canon build', lockTimeoutMs)
      let result: BuildResult
      try {
        result = await runBuild(
          {
            rawDir: settings.raw,
            referenceDir: settings.reference,
            editsDir: existsSync(settings.edits) ? settings.edits : null,
            dryRun: true,
            reparseAll: Boolean(flags.reparse),
            lockTimeoutMs,
          },
          { db, stages, logger: log },
        )
      } finally {
        await db.destroy()
        log.close()
      }
      ctx.stdout(`${JSON.stringify(result.plan, null, 2)}\n`)
      ctx.exitCode = result.exitCode
    })
}

/** `canon build` as a pipeline: build (every page again with --reparse), then export all profiles if it published. */
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
