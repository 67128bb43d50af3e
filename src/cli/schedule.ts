// `canon schedule [NAME | NAME=CRON]...`: runs named pipelines on cron expressions until SIGTERM/SIGINT.

import path from 'node:path'
import type { Command } from 'commander'
import { UsageError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { Scheduler } from '../schedule/scheduler.js'
import { loggerFor, type CliContext, type RegisterCommand } from './context.js'
import { flags as declared } from './options.js'

async function schedule(ctx: CliContext, args: string[], options: { pipelines: string; log?: 'human' | 'json' }): Promise<void> {
  const log = loggerFor(ctx, options.log)
  // Listen for SIGTERM/SIGINT from the start, so a stop during start-up is clean too.
  let scheduler: Scheduler | null = null
  let stopRequested: string | null = null
  const unsubscribe =
    ctx.onStopSignal?.((signal) => {
      stopRequested = signal
      scheduler?.stop(signal)
    }) ?? (() => {})
  try {
    // Loaded when the command runs, not when the CLI starts.
    const [{ loadPipelines }, { childProcessRunner }, { scheduleEntries }, { startScheduler }] = await Promise.all([
      import('../pipeline/load-pipelines.js'),
      import('../schedule/child-runner.js'),
      import('../schedule/schedule-entries.js'),
      import('../schedule/scheduler.js'),
    ])
    const entries = scheduleEntries(args, await loadPipelines(path.resolve(ctx.cwd, options.pipelines)))
    if (!ctx.execPath || !ctx.scriptPath) throw new UsageError('canon schedule needs to know how to start canon (node and bin/canon.js)')
    const run = childProcessRunner({
      node: ctx.execPath,
      script: ctx.scriptPath,
      args: ['--pipelines', options.pipelines, ...(options.log ? ['--log', options.log] : [])],
      cwd: ctx.cwd,
      env: ctx.env,
    })
    scheduler = startScheduler({ entries, run, log })
    if (stopRequested !== null) scheduler.stop(stopRequested)
    await scheduler.done
  } finally {
    unsubscribe()
    log.close()
  }
  ctx.exitCode = ExitCode.ok
}

export const registerSchedule: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('schedule')
    .description('Run named pipelines on cron expressions, one at a time, until SIGTERM (the current run finishes first)')
    .argument('[entries...]', 'NAME (its own schedule) or NAME=CRON; default: every pipeline that declares a schedule')
    .addOption(declared.pipelines())
    .addOption(declared.log())
    .action((entries: string[], options: { pipelines: string; log?: 'human' | 'json' }) => schedule(ctx, entries, options))
}
