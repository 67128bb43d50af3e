import { describe, expect, it } from 'vitest'
import { parsePipelineFile } from '../../src/pipeline/definition.js'
import { runPipeline, SITE_BESIDE_MAX_ROLES } from '../../src/pipeline/run-pipeline.js'
import { resolveSettings } from '../../src/settings/settings.js'
import { createLogger } from '../../src/log/logger.js'
import { CanonError, LockHeldError, UsageError } from '../../src/errors.js'
import { ExitCode, exitCodeOfRun } from '../../src/exit-codes.js'
import { buildSummary, fakeSteps } from '../helpers/run-fixtures.js'

const settings = resolveSettings({ env: {}, cwd: '/srv/canon' }).settings
const nightly = parsePipelineFile('nightly', 'steps: [{ build: { scope: all } }, { export: { profiles: [generic, workday] } }]', 'nightly.yaml')
const rebuild = parsePipelineFile('rebuild', 'steps: [build, { export: { since: previous } }]', 'rebuild.yaml')
const exportOnly = parsePipelineFile('export-hris', 'steps: [{ export: { profiles: [workday], since: previous } }]', 'x.yaml')

/** A clock that moves 10 ms every time it is read, so durations are predictable. */
function tickingClock() {
  let t = Date.parse('2026-11-26T02:00:00Z')
  return () => new Date((t += 10))
}

function jsonLog() {
  const lines: string[] = []
  const log = createLogger({ format: 'json', write: (line) => lines.push(line), now: () => new Date(0) })
  return { log, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) }
}

describe('runPipeline', () => {
  it('builds, then exports the release the build published, and exits 0', async () => {
    const steps = fakeSteps({})
    const { log } = jsonLog()
    const report = await runPipeline({ pipeline: nightly, settings, steps, log, now: tickingClock() })
    expect(report.status).toBe('succeeded')
    expect(exitCodeOfRun(report.status)).toBe(ExitCode.ok)
    expect(steps.exports).toHaveLength(1)
    expect(steps.exports[0]).toMatchObject({ release: 1, since: null, profiles: ['generic', 'workday'] })
    expect(report.exports.map((e) => e.profile)).toEqual(['generic', 'workday'])
    expect(report.stages.map((s) => s.stage)).toEqual(['build', 'parse', 'load', 'export'])
  })

  it('writes one JSON line per stage with its duration and counts', async () => {
    const { log, records } = jsonLog()
    await runPipeline({ pipeline: nightly, settings, steps: fakeSteps({}), log, now: tickingClock() })
    const stageLines = records().filter((r) => r.msg && String(r.msg).startsWith('stage '))
    expect(stageLines.map((r) => r.stage)).toEqual(['build', 'parse', 'load', 'export'])
    expect(stageLines[0]).toMatchObject({ stage: 'build', durationMs: 10, pagesSeen: 10, pagesQuarantined: 0, rolesAdded: 10 })
    expect(stageLines[1]).toMatchObject({ stage: 'parse', durationMs: 120, pages: 10 })
    expect(stageLines[3]).toMatchObject({ stage: 'export', profiles: 2, files: 8, rows: 200 })
  })

  it('exits 3 (partial) when the build published with quarantined pages', async () => {
    const steps = fakeSteps({
      build: async () =>
        buildSummary({
          pages: { seen: 10, parsed: 9, unchanged: 0, quarantined: 1 },
          quarantined: [{ file: 'pages/bad.html', stage: 'parse', message: 'no title' }],
        }),
    })
    const report = await runPipeline({ pipeline: nightly, settings, steps, log: jsonLog().log })
    expect(report.status).toBe('partial')
    expect(exitCodeOfRun(report.status)).toBe(ExitCode.partial)
    expect(steps.exports).toHaveLength(1)
  })

  it('exits 0 when nothing was published, even while a page stays quarantined', async () => {
    const steps = fakeSteps({
      build: async () =>
        buildSummary({
          published: false,
          pages: { seen: 10, parsed: 0, unchanged: 10, quarantined: 1 },
          quarantined: [{ file: 'pages/bad.html', stage: 'parse', message: 'no title' }],
        }),
    })
    const report = await runPipeline({ pipeline: nightly, settings, steps, log: jsonLog().log })
    expect(report).toMatchObject({ status: 'succeeded' })
  })

  it('exits 75 when another build holds the lock, and exports nothing', async () => {
    const steps = fakeSteps({ build: async () => Promise.reject(new LockHeldError('run 41 holds the build lock')) })
    const report = await runPipeline({ pipeline: nightly, settings, steps, log: jsonLog().log })
    expect(report).toMatchObject({ status: 'locked', error: 'run 41 holds the build lock' })
    expect(exitCodeOfRun(report.status)).toBe(75)
    expect(steps.exports).toEqual([])
  })

  it.each([
    ['an unexpected error', new Error('connection reset'), 'failed', 1],
    ['a canon failure', new CanonError('reference file missing'), 'failed', 1],
    ['bad usage', new UsageError('raw folder not found'), 'usage', 2],
  ])('exits with the error’s code after %s, and the report never holds a password', async (_, error, status, code) => {
    const failing = Object.assign(error, { message: `${error.message} at postgres://canon:hunter2@db/canon` })
    const { log, records } = jsonLog()
    const report = await runPipeline({ pipeline: nightly, settings, steps: fakeSteps({ build: async () => Promise.reject(failing) }), log })
    expect(report.status).toBe(status)
    expect(exitCodeOfRun(report.status)).toBe(code)
    expect(report.error).toContain('postgres://canon:***@db/canon')
    expect(JSON.stringify(records())).not.toContain('hunter2')
  })

  it('exports the delta since the release that was current before the build', async () => {
    const steps = fakeSteps({ build: async () => buildSummary({ release: 5, previousRelease: 4 }) })
    await runPipeline({ pipeline: rebuild, settings, steps, log: jsonLog().log })
    expect(steps.exports[0]).toMatchObject({ release: 5, since: 4 })
  })

  it('exports no delta when the build found nothing to change', async () => {
    const steps = fakeSteps({ build: async () => buildSummary({ release: 5, previousRelease: 5, published: false }) })
    const { log, records } = jsonLog()
    const report = await runPipeline({ pipeline: rebuild, settings, steps, log })
    expect(steps.exports).toEqual([])
    expect(exitCodeOfRun(report.status)).toBe(0)
    expect(records().map((r) => r.msg)).toContain('nothing changed since release 5; no delta to export')
  })

  it('skips an export marked `when: published` after a build that published nothing', async () => {
    const buildOnce = parsePipelineFile('build', 'steps: [build, { export: { when: published } }]', 'build.yaml')
    const unchanged = fakeSteps({ build: async () => buildSummary({ release: 2, previousRelease: 2, published: false }) })
    await runPipeline({ pipeline: buildOnce, settings, steps: unchanged, log: jsonLog().log })
    expect(unchanged.exports).toEqual([])
    const published = fakeSteps({ build: async () => buildSummary({ release: 3, previousRelease: 2 }) })
    await runPipeline({ pipeline: buildOnce, settings, steps: published, log: jsonLog().log })
    expect(published.exports[0]).toMatchObject({ release: 3, since: null })
  })

  it('asks for the current and previous release when the pipeline only exports', async () => {
    const steps = fakeSteps({ releases: { current: 7, previous: 6 } })
    await runPipeline({ pipeline: exportOnly, settings, steps, log: jsonLog().log })
    expect(steps.builds).toBe(0)
    expect(steps.exports[0]).toMatchObject({ release: 7, since: 6, profiles: ['workday'] })
  })

  it('fails with exit 1 when there is no release to export yet', async () => {
    const report = await runPipeline({ pipeline: exportOnly, settings, steps: fakeSteps({}), log: jsonLog().log })
    expect(exitCodeOfRun(report.status)).toBe(1)
    expect(report.error).toMatch(/no release to export yet/)
  })
})

describe('runPipeline with a site written apart', () => {
  const withSite = parsePipelineFile('nightly', 'steps: [{ build: { scope: all } }, { export: { profiles: [generic] } }, site]', 'nightly.yaml')

  /** Fake steps whose site can start apart; records the order things happened in. */
  function siteSteps(options: { exportFails?: boolean; apart?: boolean } = {}) {
    const events: string[] = []
    const base = fakeSteps({})
    let finishSite: (() => void) | null = null
    const steps = {
      ...base,
      async export(request: Parameters<typeof base.export>[0]) {
        events.push('export started')
        // The site started before the export finishes while the export runs (after it, when the export fails).
        if (options.exportFails) setTimeout(() => finishSite?.(), 20)
        else finishSite?.()
        await new Promise((resolve) => setImmediate(resolve))
        if (options.exportFails) throw new Error('disk full')
        events.push('export finished')
        return base.export(request)
      },
      async site() {
        events.push('site in turn')
        return { files: 3, roles: 1 }
      },
      startSite({ release }: { release: number }) {
        if (options.apart === false) return null
        events.push(`site started apart for release ${release}`)
        return new Promise<{ files: number; roles: number }>((resolve) => {
          finishSite = () => {
            events.push('site finished apart')
            resolve({ files: 5, roles: 2 })
          }
        })
      },
    }
    return { steps, events }
  }

  it('starts the site before the export that precedes it and takes its result at the site step', async () => {
    const { steps, events } = siteSteps()
    const { log, records } = jsonLog()
    const report = await runPipeline({ pipeline: withSite, settings, steps, log, now: tickingClock() })
    expect(report.status).toBe('succeeded')
    expect(events).toEqual(['site started apart for release 1', 'export started', 'site finished apart', 'export finished'])
    const site = records().find((r) => r.stage === 'site')
    expect(site).toMatchObject({ files: 5, roles: 2 })
    // Its time runs from when it started, before the export's.
    const exportLine = records().find((r) => r.stage === 'export')
    expect(Number(site!.durationMs)).toBeGreaterThan(Number(exportLine!.durationMs))
  })

  it('writes the site in its turn when the steps cannot start it apart', async () => {
    const { steps, events } = siteSteps({ apart: false })
    const report = await runPipeline({ pipeline: withSite, settings, steps, log: jsonLog().log, now: tickingClock() })
    expect(report.status).toBe('succeeded')
    expect(events).toEqual(['export started', 'export finished', 'site in turn'])
  })

  it('writes the site after the export when the release is too large for both at once', async () => {
    const { steps, events } = siteSteps()
    const large = { ...steps, build: async () => buildSummary({ roles: { added: 10, changed: 0, removed: 0, unchanged: SITE_BESIDE_MAX_ROLES } }) }
    const report = await runPipeline({ pipeline: withSite, settings, steps: large, log: jsonLog().log, now: tickingClock() })
    expect(report.status).toBe('succeeded')
    expect(events).toEqual(['export started', 'export finished', 'site in turn'])
  })

  it('lets a site started apart finish before reporting the failed export', async () => {
    const { steps, events } = siteSteps({ exportFails: true })
    const report = await runPipeline({ pipeline: withSite, settings, steps, log: jsonLog().log, now: tickingClock() })
    expect(report).toMatchObject({ status: 'export_failed' })
    // The site's thread finished (20 ms after the export failed) before the run reported.
    expect(events).toEqual(['site started apart for release 1', 'export started', 'site finished apart'])
  })
})
