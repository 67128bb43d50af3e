import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/log/logger.js'
import { startScheduler, type SchedulerClock } from '../../src/schedule/scheduler.js'

/** Virtual time: sleeping advances the clock at once (unless stopped), so a day of schedule runs in a moment. */
function virtualClock(start: string): SchedulerClock & { advance(ms: number): void } {
  let now = Date.parse(start)
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    async sleep(ms, signal) {
      await Promise.resolve()
      if (!signal.aborted) now += ms
    },
  }
}

function collectLog() {
  const lines: string[] = []
  return { log: createLogger({ format: 'json', write: (l) => lines.push(l) }), lines }
}

describe('startScheduler', () => {
  it('runs each pipeline when its cron expression fires, one at a time, in time order', async () => {
    const clock = virtualClock('2026-11-26T00:00:00Z')
    const runs: string[] = []
    const { log } = collectLog()
    const scheduler = startScheduler({
      entries: [
        { pipeline: 'nightly', cron: '0 2 * * *', timezone: 'UTC' },
        { pipeline: 'rebuild', cron: '30 */6 * * *', timezone: 'UTC' },
      ],
      clock,
      log,
      run: async (pipeline) => {
        runs.push(`${clock.now().toISOString().slice(11, 16)} ${pipeline}`)
        if (runs.length === 5) scheduler.stop('test')
        return 0
      },
    })
    await scheduler.done
    expect(runs).toEqual(['00:30 rebuild', '02:00 nightly', '06:30 rebuild', '12:30 rebuild', '18:30 rebuild'])
  })

  it('goes on after a run fails or throws', async () => {
    const clock = virtualClock('2026-11-26T00:00:00Z')
    const { log, lines } = collectLog()
    let count = 0
    const scheduler = startScheduler({
      entries: [{ pipeline: 'nightly', cron: '0 * * * *', timezone: 'UTC' }],
      clock,
      log,
      run: async () => {
        count++
        if (count === 1) return 1
        if (count === 2) throw new Error('database at postgres://canon:hunter2@db/canon went away')
        scheduler.stop()
        return 0
      },
    })
    await scheduler.done
    expect(count).toBe(3)
    const text = lines.join('')
    expect(text).toContain('scheduled run of nightly failed; the schedule goes on')
    expect(text).toContain('scheduled run of nightly threw')
    expect(text).not.toContain('hunter2')
  })

  it('does not start a run it missed while another was running, and never runs two at once', async () => {
    const clock = virtualClock('2026-11-26T00:00:00Z')
    const started: string[] = []
    let running = 0
    let overlapped = false
    const scheduler = startScheduler({
      entries: [{ pipeline: 'nightly', cron: '*/10 * * * *', timezone: 'UTC' }],
      clock,
      log: collectLog().log,
      run: async () => {
        overlapped ||= running > 0
        running++
        started.push(clock.now().toISOString().slice(11, 16))
        clock.advance(25 * 60 * 1000) // a 25-minute run spans two more firings
        await Promise.resolve()
        running--
        if (started.length === 3) scheduler.stop()
        return 0
      },
    })
    await scheduler.done
    expect(overlapped).toBe(false)
    expect(started).toEqual(['00:10', '00:40', '01:10'])
  })

  it('on stop, lets the current run finish and starts no other', async () => {
    const clock = virtualClock('2026-11-26T00:00:00Z')
    let release!: () => void
    const events: string[] = []
    const scheduler = startScheduler({
      entries: [{ pipeline: 'nightly', cron: '* * * * *', timezone: 'UTC' }],
      clock,
      log: collectLog().log,
      run: async () => {
        events.push('run started')
        await new Promise<void>((resolve) => (release = resolve))
        events.push('run finished')
        return 0
      },
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    scheduler.stop('SIGTERM')
    events.push('stop asked')
    let stopped = false
    void scheduler.done.then(() => (stopped = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(stopped).toBe(false)
    release()
    await scheduler.done
    expect(events).toEqual(['run started', 'stop asked', 'run finished'])
  })

  it('stops at once when asked while waiting for the next run', async () => {
    const never: SchedulerClock = {
      now: () => new Date('2026-11-26T00:00:00Z'),
      sleep: (_, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    }
    let runs = 0
    const scheduler = startScheduler({
      entries: [{ pipeline: 'nightly', cron: '0 2 * * *', timezone: 'UTC' }],
      clock: never,
      log: collectLog().log,
      run: async () => ++runs,
    })
    scheduler.stop('SIGTERM')
    await scheduler.done
    expect(runs).toBe(0)
  })
})
