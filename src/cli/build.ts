// `canon build`: raw/ → the canon. A real build is the implicit pipeline "build" (build, then export every
// profile when a release was published), run as `canon run` runs pipelines; `--dry-run` prints the load plan.

import { exitCodeOfRun } from '../exit-codes.js'
import { buildPipeline, planBuild } from '../pipeline/execute-pipeline.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { withRunFlags, type RunFlags } from './options.js'
import { runPipelineCommand } from './run.js'
import { settingsFromFlags } from './settings.js'

interface BuildFlags extends RunFlags {
  dryRun?: boolean
  reparse?: boolean
}

export const registerBuild: RegisterCommand = (program, ctx) => {
  withRunFlags(program.command('build').description('parse raw/ pages, classify, apply decisions and publish a new release if anything changed'))
    .option('--dry-run', 'print the load plan as JSON and write nothing')
    .option('--reparse', 'parse every page again instead of reusing unchanged pages')
    .action(async (flags: BuildFlags) => {
      if (!flags.dryRun) {
        await runPipelineCommand(ctx, buildPipeline(Boolean(flags.reparse)), flags)
        return
      }
      const log = loggerFor(ctx, flags.log)
      try {
        const result = await planBuild(settingsFromFlags(ctx, flags, log), { reparse: Boolean(flags.reparse), log })
        ctx.stdout(`${JSON.stringify(result.plan, null, 2)}\n`)
        ctx.exitCode = exitCodeOfRun(result.status)
      } finally {
        log.close()
      }
    })
}
