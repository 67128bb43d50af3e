// Which pipelines `canon schedule` runs, and when: `nightly` (its own schedule) or `rebuild=*/30 * * * *`
// arguments checked against the pipelines found, or every pipeline that declares a schedule.

import { UsageError } from '../errors.js'
import type { PipelineDefinition } from '../model/index.js'
import { checkCron } from '../pipeline/definition.js'
import type { ScheduleEntry } from './scheduler.js'

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
    checkCron(
      cron,
      pipeline.timezone,
      (_, message) => {
        throw new UsageError(`${name}: ${message}`)
      },
      name,
    )
    return { pipeline: name, cron, timezone: pipeline.timezone }
  })
}
