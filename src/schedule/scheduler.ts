// `canon schedule`: runs named pipelines on cron expressions, one run at a time. croner computes when each
// expression next fires; this loop only waits, runs and recovers. A run that fails (or throws) is logged
// and the schedule goes on; stop() (SIGTERM) lets the current run finish, then the loop returns.

import { Cron } from 'croner'
import type { Logger } from '../model/index.js'
import { redactSecrets } from '../log/logger.js'

export interface ScheduleEntry {
  pipeline: string
  cron: string
  timezone: string | null
}

export interface SchedulerClock {
  now(): Date
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

/** Runs one pipeline and returns its exit code. */
export type PipelineRunner = (pipeline: string) => Promise<number>

export interface Scheduler {
  /** Resolves when the scheduler has stopped (after stop(), once any current run has finished). */
  done: Promise<void>
  /** Asks the scheduler to stop: no new run starts; a run in progress finishes first. */
  stop(reason?: string): void
}

export const systemClock: SchedulerClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve()
      // Long waits are cut into slices: timers longer than ~24.8 days overflow, and a slice re-checks the clock.
      const timer = setTimeout(finish, Math.min(ms, 60 * 60 * 1000))
      function finish() {
        clearTimeout(timer)
        signal.removeEventListener('abort', finish)
        resolve()
      }
      signal.addEventListener('abort', finish, { once: true })
    }),
}

/** Starts the schedule loop. Each entry's next time is computed from the end of the previous run. */
export function startScheduler(options: { entries: ScheduleEntry[]; run: PipelineRunner; log: Logger; clock?: SchedulerClock }): Scheduler {
  const clock = options.clock ?? systemClock
  const { log, run } = options
  const stopping = new AbortController()
  const crons = options.entries.map((entry) => ({
    entry,
    cron: new Cron(entry.cron, { paused: true, ...(entry.timezone ? { timezone: entry.timezone } : {}) }),
  }))

  const nextDue = (after: Date) => {
    let best: { entry: ScheduleEntry; at: Date } | null = null
    for (const { entry, cron } of crons) {
      const at = cron.nextRun(after)
      if (at && (!best || at.getTime() < best.at.getTime())) best = { entry, at }
    }
    return best
  }

  const loop = async (): Promise<void> => {
    log.info('schedule started', {
      pipelines: options.entries.map((e) => `${e.pipeline}@${e.cron}`).join(', '),
    })
    let after = clock.now()
    while (!stopping.signal.aborted) {
      const due = nextDue(after)
      if (!due) {
        log.warn('no schedule has a future run; stopping')
        break
      }
      log.info(`next run: ${due.entry.pipeline} at ${due.at.toISOString()}`, { pipeline: due.entry.pipeline, at: due.at.toISOString() })
      // Wait until the due time; the clock may wake early (slices, or a stop), so check again.
      while (!stopping.signal.aborted && clock.now().getTime() < due.at.getTime()) {
        await clock.sleep(due.at.getTime() - clock.now().getTime(), stopping.signal)
      }
      if (stopping.signal.aborted) break
      const pipeline = due.entry.pipeline
      try {
        const exitCode = await run(pipeline)
        const fields = { pipeline, exitCode }
        if (exitCode === 0 || exitCode === 3) log.info(`scheduled run of ${pipeline} finished`, fields)
        else log.error(`scheduled run of ${pipeline} failed; the schedule goes on`, fields)
      } catch (error) {
        const message = redactSecrets(error instanceof Error ? error.message : String(error))
        log.error(`scheduled run of ${pipeline} threw: ${message}; the schedule goes on`, { pipeline })
      }
      // Runs missed while this one was running are skipped, not queued: one at a time, never a backlog.
      after = new Date(Math.max(clock.now().getTime(), due.at.getTime()))
    }
    for (const { cron } of crons) cron.stop()
    log.info('schedule stopped')
  }

  return {
    done: loop(),
    stop(reason) {
      if (!stopping.signal.aborted) log.info(`stopping schedule${reason ? ` (${reason})` : ''} after the current run`)
      stopping.abort()
    },
  }
}
