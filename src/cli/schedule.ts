// `canon schedule [NAME | NAME=CRON]...`: runs named pipelines on cron expressions until SIGTERM/SIGINT.

import path from 'node:path'
import type { Command } from 'commander'
import { UsageError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { PipelineDefinition } from '../model/index.js'
import { checkCron } from '../pipeline/definition.js'
import { loadPipelines } from '../pipeline/load-pipelines.js'
import { childProcessRunner } from '../schedule/child-runner.js'
import { startScheduler, type ScheduleEntry, type Scheduler } from '../schedule/scheduler.js'
import type { RegisterCommand } from './commands.js'
import { loggerFor, type CliContext } from './context.js'
import { flags as declared } from './options.js'

/** Turns `nightly` / `rebuild=*\/30 * * * *` arguments into schedule entries, checking names and expressions. */
export function scheduleEntries(args: string[], pipelines: PipelineDefinition[]): ScheduleEntry[] {
  const byName = new Map(pipelines.map((p) => [p.name, p]))
  const known = pipelines.map((p) => p.name).join(', ') || 'none'
  if (args.length === 0) {
    const scheduled = pipelines.filter((p) => p.schedule !== null)
    if (scheduled.length === 0) {
      throw new UsageError(`no pipeline declares a schedule; name one with a cron expression, e.g. canon schedule nightly='0 2 * * *'`)
    }
    return scheduled.map((p) => ({ pipeline: p.name, cron: p.schedule!, timezone: p.timezone }))
  }
  return args.map((arg) => {
    const at = arg.indexOf('=')
    const name = at < 0 ? arg : arg.slice(0, at)
    const pipeline = byName.get(name)
    if (!pipeline) throw new UsageError(`no pipeline named "${name}" (found: ${known})`)
    const cron = at < 0 ? pipeline.schedule : arg.slice(at + 1).trim()
    if (!cron) throw new UsageError(`pipeline "${name}" declares no schedule; give one: ${name}='0 2 * * *'`)
    checkCron(cron, pipeline.timezone, (_, message) => {
      throw new UsageError(`${name}: ${message}`)
    }, name)
    return { pipeline: name, cron, timezone: pipeline.timezone }
  })
}

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
