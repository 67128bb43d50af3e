// The fault suite, pipeline level: what happens to out/ and the exit status when a build or its exports fail
// after the release was committed, and what the next build does about it (issue 13, items 1 and 8).

import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ExitCode, exitCodeOfRun } from '../../src/exit-codes.js'
import { createLogger } from '../../src/log/logger.js'
import { parsePipelineFile } from '../../src/pipeline/definition.js'
import { buildPipeline } from '../../src/pipeline/execute-pipeline.js'
import { libraryPipelineSteps } from '../../src/pipeline/library-steps.js'
import { runPipeline } from '../../src/pipeline/run-pipeline.js'
import { formatRunSummary } from '../../src/pipeline/summary.js'
import { resolveSettings } from '../../src/settings/settings.js'
import { getCurrentRelease, listRuns } from '../../src/store/index.js'
import { fakeRaw, fakeStages, setPage } from '../helpers/build-stages.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { makeProfile } from '../helpers/profiles.js'

const rebuild = parsePipelineFile('rebuild', 'steps: [build, { export: { since: previous } }]', 'rebuild.yaml')

function captureLog() {
  const lines: string[] = []
  const log = createLogger({ format: 'json', write: (line) => lines.push(line), now: () => new Date(0) })
  return { log, messages: () => lines.map((line) => String((JSON.parse(line) as { msg: unknown }).msg)) }
}

describe.each(testBackends)('faults after the commit on %s', (backend) => {
  const t = useTestDatabase(backend)
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-faults-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const settingsFor = (out: string) => resolveSettings({ env: {}, cwd: dir, flags: { out, edits: path.join(dir, 'edits') } }).settings
  const run = (raw: ReturnType<typeof fakeRaw>, pipeline = buildPipeline(false), out = path.join(dir, 'out'), extra = {}) => {
    const { log, messages } = captureLog()
    const steps = libraryPipelineSteps({ db: t.db, stages: fakeStages(raw), ...extra })
    return runPipeline({ pipeline, settings: settingsFor(out), steps, log }).then((report) => ({ report, messages: messages() }))
  }

  it('an export that fails after the commit says "published release N; export failed" (exit 4); the next build writes it', async () => {
    const raw = fakeRaw([makeProfile('A.P3'), makeProfile('B.P3')])
    // out/ under a regular file: every export fails, after the release was committed.
    const blocker = path.join(dir, 'not-a-folder')
    await writeFile(blocker, 'x')
    const failed = await run(raw, buildPipeline(false), path.join(blocker, 'out'))
    expect(failed.report.status).toBe('export_failed')
    expect(exitCodeOfRun(failed.report.status)).toBe(ExitCode.exportFailed)
    expect(failed.report.error).toMatch(/^published release 1; export failed: /)
    const summary = formatRunSummary(failed.report, dir, path.join(blocker, 'out'))
    expect(summary).toMatch(/^canon build: published release 1; export failed: /)
    expect(summary).not.toMatch(/nothing published/)
    expect((await getCurrentRelease(t.db))?.number).toBe(1)

    // Same pages, a good out/: nothing to publish, but release 1's exports are written and latest points at it.
    const out = path.join(dir, 'out')
    const next = await run(raw, buildPipeline(false), out)
    expect(next.report.status).toBe('succeeded')
    expect(next.report.build?.published).toBe(false)
    expect(next.messages.some((m) => /release 1 is current but its export of release 1 was never finished \(generic, workday, successfactors\)/.test(m))).toBe(
      true,
    )
    expect(next.report.exports.map((e) => e.profile)).toEqual(['generic', 'workday', 'successfactors'])
    for (const profile of ['generic', 'workday', 'successfactors']) expect(existsSync(path.join(out, 'releases', '1', profile, 'manifest.json'))).toBe(true)
    expect(JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8'))).toMatchObject({ release: 1 })

    // And once written, a third build writes nothing again.
    const third = await run(raw, buildPipeline(false), out)
    expect(third.report.exports).toEqual([])

    // A kill between the last profile folder and out/latest: every folder is there but latest is behind.
    const { rm: remove } = await import('node:fs/promises')
    await remove(path.join(out, 'latest.json'))
    await remove(path.join(out, 'latest'))
    const fourth = await run(raw, buildPipeline(false), out)
    expect(fourth.report.exports.map((e) => e.profile)).toEqual(['generic', 'workday', 'successfactors'])
    expect(JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8'))).toMatchObject({ release: 1 })
  })

  it('a delta that was never written (rebuild stopped after publishing) is written by the next rebuild', async () => {
    const raw = fakeRaw([makeProfile('A.P3'), makeProfile('B.P3')])
    const out = path.join(dir, 'out')
    await run(raw, buildPipeline(false), out)
    setPage(raw, makeProfile('B.P3', { summary: 'Edited' }))
    const blocker = path.join(dir, 'not-a-folder')
    await writeFile(blocker, 'x')
    const failed = await run(raw, rebuild, path.join(blocker, 'out'))
    expect(failed.report.error).toMatch(/^published release 2; export failed: /)
    const next = await run(raw, rebuild, out)
    expect(next.report.status).toBe('succeeded')
    expect(next.report.exports).toMatchObject([{ release: 2, since: 1, profile: 'generic' }])
    expect(existsSync(path.join(out, 'releases', '2', 'since-1', 'generic', 'manifest.json'))).toBe(true)
  })

  it('a build that fails after its commit reports the release as published (exit 4), and the run record keeps it', async () => {
    const raw = fakeRaw([makeProfile('A.P3')])
    const { log } = captureLog()
    const steps = libraryPipelineSteps({ db: t.db, stages: fakeStages(raw) })
    const failing = {
      ...steps,
      build: (request: Parameters<typeof steps.build>[0]) =>
        // The hook runs after the load transaction committed release 1.
        libraryPipelineSteps({
          db: t.db,
          stages: fakeStages(raw),
          afterCommit: async () => {
            throw new Error('disk full')
          },
        }).build(request),
    }
    const report = await runPipeline({ pipeline: buildPipeline(false), settings: settingsFor(path.join(dir, 'out')), steps: failing, log })
    expect(report.status).toBe('export_failed')
    expect(report.error).toBe('published release 1; the build failed after the commit: disk full')
    expect((await getCurrentRelease(t.db))?.number).toBe(1)
    expect((await listRuns(t.db))[0]).toMatchObject({ status: 'published', release: 1 })
    // The next build exports release 1.
    const next = await run(raw)
    expect(next.report.exports.map((e) => e.profile)).toEqual(['generic', 'workday', 'successfactors'])
  })
})
