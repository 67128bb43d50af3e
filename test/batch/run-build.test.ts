import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBuild, type BuildOptions } from '../../src/batch/index.js'
import { migrations, pendingMigrations } from '../../src/db/migrate.js'
import { openDatabase } from '../../src/db/open.js'
import { recordDecision } from '../../src/store/decisions.js'
import { LockHeldError } from '../../src/errors.js'
import { ExitCode, exitCodeOfError, exitCodeOfRun } from '../../src/exit-codes.js'
import { silentLogger } from '../../src/log/logger.js'
import { getCurrentRelease, listReleases, listRuns, readReleaseProfiles } from '../../src/store/index.js'
import { listQuarantine } from '../../src/store/runs.js'
import { fakeRaw, fakeStages, setPage } from '../helpers/build-stages.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { collect } from '../helpers/load.js'
import { alias, makeProfile, soc } from '../helpers/profiles.js'

const options: BuildOptions = { rawDir: 'raw', referenceDir: 'raw/reference', editsDir: null, lockTimeoutMs: 2_000 }
const roles = () => [makeProfile('A.P3'), makeProfile('B.P3'), makeProfile('C.P3')]

describe.each(testBackends)('canon build on %s', (backend) => {
  const t = useTestDatabase(backend)
  const build = (raw: ReturnType<typeof fakeRaw>, extra: Partial<BuildOptions> = {}, deps: Partial<Parameters<typeof runBuild>[1]> = {}) =>
    runBuild({ ...options, ...extra }, { db: t.db, stages: fakeStages(raw), logger: silentLogger, ...deps })

  it('publishes release 1, then says nothing changed on a second build with the same pages (exit 0, nothing parsed)', async () => {
    const raw = fakeRaw(roles())
    const first = await build(raw)
    expect(first).toMatchObject({ status: 'published', summary: { release: 1, published: true, roles: { added: 3 } } })
    const second = await build(raw)
    expect(second).toMatchObject({ status: 'unchanged', summary: { release: 1, published: false, pages: { seen: 3, parsed: 0, unchanged: 3 } } })
    expect(raw.parsed[1]).toEqual([])
    expect(await listReleases(t.db)).toHaveLength(1)
    const runs = await listRuns(t.db)
    expect(runs.map((run) => [run.status, run.release])).toEqual([
      ['unchanged', null],
      ['published', 1],
    ])
  })

  it('warns about a role family whose levels got different SOC codes', async () => {
    const ladder = { path: 'pages/ladder.json', format: 'json', contentHash: '' }
    const raw = fakeRaw([])
    raw.pages.set(
      ladder.path,
      JSON.stringify([
        makeProfile('L.P1', { title: 'Engineer I', source: ladder, classifications: [soc('15-1252', 'Software Developers')] }),
        makeProfile('L.P2', {
          title: 'Senior Engineer II',
          source: ladder,
          classifications: [soc('15-1250', 'Software and Web Developers, Programmers, and Testers')],
        }),
        makeProfile('L.P3', { title: 'Engineer III', source: ladder, classifications: [soc('15-1252', 'Software Developers')] }),
      ]),
    )
    const warnings: string[] = []
    const result = await build(raw, {}, { logger: { ...silentLogger, warn: (message: string) => void warnings.push(message) } })
    expect(warnings.filter((message) => message.startsWith('role family'))).toEqual([
      'role family "Engineer" in pages/ladder.json: levels disagree on the SOC code (15-1252: Engineer I, Engineer III; 15-1250: Senior Engineer II)',
    ])
    // The build's summary counts them too (the run summary prints the count).
    expect(result.summary.familiesDisagreeing).toBe(1)
  })

  it('skips classification and planning when pages, reference data, code and decisions are all as the last run saw them', async () => {
    const raw = fakeRaw(roles())
    await build(raw)
    const same = await build(raw)
    expect(raw.classified).toEqual([3])
    expect(same.summary).toMatchObject({ published: false, release: 1, roles: { unchanged: 3 } })
    raw.referenceVersion = 'ref-2'
    await build(raw)
    await recordDecision(t.db, { kind: 'set_status', roleCode: 'A.P3', status: 'review', author: 'ann', reason: null, decidedAt: null })
    // A decision is not "nothing changed": it is built on the last run, and only its role is taken up again.
    const decided = await build(raw)
    expect(raw.classified).toEqual([3, 3, 1])
    expect(decided.summary).toMatchObject({ published: true, release: 2, roles: { changed: 1 } })
  })

  it('asks the stages to warm the classifier as a rebuild starts and again once many pages are parsed, and to stop it when the build ends', async () => {
    const raw = fakeRaw(Array.from({ length: 401 }, (_, i) => makeProfile(`R${String(i).padStart(3, '0')}.P1`)))
    const calls: string[] = []
    const stages = {
      ...fakeStages(raw),
      warmClassifier: (dir: string, version: string, expected: string) => void calls.push(`warm ${expected} ${dir} ${version}`),
      coolClassifier: async () => void calls.push('cool'),
    }
    await runBuild(options, { db: t.db, stages, logger: silentLogger })
    expect(calls).toEqual(['warm few raw/reference ref-1', 'warm many raw/reference ref-1', 'cool'])
    calls.length = 0
    setPage(raw, makeProfile('R000.P1', { summary: 'Edited' }))
    await runBuild(options, { db: t.db, stages, logger: silentLogger })
    expect(calls).toEqual(['warm few raw/reference ref-1', 'cool'])
    calls.length = 0
    await runBuild({ ...options, reparseAll: true }, { db: t.db, stages, logger: silentLogger })
    expect(calls).toEqual(['warm many raw/reference ref-1', 'cool'])
  })

  it('after one page is edited, parses only that page and gives only its role a new version', async () => {
    const raw = fakeRaw(roles())
    await build(raw)
    setPage(raw, makeProfile('B.P3', { summary: 'Edited by hand' }))
    const result = await build(raw)
    expect(raw.parsed[1]).toEqual(['pages/b.p3.txt'])
    expect(result.summary.roles).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 2 })
    const current = await collect(readReleaseProfiles(t.db, 2))
    expect(current.map((item) => [item.profile.code, item.version])).toEqual([
      ['A.P3', 1],
      ['B.P3', 2],
      ['C.P3', 1],
    ])
  })

  it('marks a role whose page was deleted as removed; the release before still holds it', async () => {
    const raw = fakeRaw(roles())
    await build(raw)
    raw.pages.delete('pages/c.p3.txt')
    const result = await build(raw)
    expect(result.summary.roles.removed).toBe(1)
    expect((await collect(readReleaseProfiles(t.db, 2))).map((item) => [item.profile.code, item.state])).toEqual([
      ['A.P3', 'active'],
      ['B.P3', 'active'],
      ['C.P3', 'removed'],
    ])
    expect((await collect(readReleaseProfiles(t.db, 1))).map((item) => item.state)).toEqual(['active', 'active', 'active'])
  })

  it('keeps an approved alias and an overridden code through an edit of the page and a rebuild', async () => {
    const raw = fakeRaw([makeProfile('A.P3', { aliases: [alias('Build Engineer')], classifications: [soc('15-1252', 'Software Developers')] })])
    await build(raw)
    await recordDecision(t.db, {
      kind: 'approve_alias',
      roleCode: 'A.P3',
      alias: 'Build Engineer',
      aliasType: null,
      author: 'ann',
      reason: 'common in job ads',
      decidedAt: null,
    })
    await recordDecision(t.db, {
      kind: 'override_code',
      roleCode: 'A.P3',
      system: 'SOC2018',
      code: '15-1244',
      author: 'ann',
      reason: 'runs infrastructure',
      decidedAt: null,
    })
    await build(raw)
    setPage(raw, makeProfile('A.P3', { summary: 'Edited', aliases: [alias('Build Engineer')], classifications: [soc('15-1252', 'Software Developers')] }))
    const result = await build(raw)
    expect(result.summary.published).toBe(true)
    const [role] = await collect(readReleaseProfiles(t.db, result.summary.release!))
    expect(role!.profile.summary).toBe('Edited')
    expect(role!.profile.aliases.find((item) => item.text === 'Build Engineer')).toMatchObject({ approved: true })
    expect(role!.profile.classifications.filter((item) => item.system === 'SOC2018')).toEqual([
      {
        system: 'SOC2018',
        code: '15-1244',
        title: 'Network and Computer Systems Administrators',
        source: 'decision',
        confidence: 1,
        reviewStatus: 'accepted',
        evidence: ['overridden by ann: runs infrastructure'],
      },
    ])
  })

  it('reports a decision whose role is gone as stale, in the result and the run record, and keeps it', async () => {
    const raw = fakeRaw(roles())
    await recordDecision(t.db, { kind: 'set_status', roleCode: 'Z.P9', status: 'approved', author: 'ann', reason: null, decidedAt: null })
    await recordDecision(t.db, {
      kind: 'reject_alias',
      roleCode: 'A.P3',
      alias: 'No Such Alias',
      aliasType: null,
      author: 'bob',
      reason: null,
      decidedAt: null,
    })
    const result = await build(raw)
    expect(result.staleDecisions.map((stale) => [stale.decision.kind, stale.reason])).toEqual([
      ['reject_alias', 'role A.P3 has no alias "No Such Alias" (key "no such alias")'],
      ['set_status', 'role Z.P9 is not in this build'],
    ])
    const [run] = await listRuns(t.db)
    expect(run!.staleDecisions).toHaveLength(2)
    expect(run!.counts['staleDecisions']).toBe(2)
    expect((await build(raw)).staleDecisions).toHaveLength(2)
  })

  it('quarantines a page that fails to parse (exit 3) and keeps its role at the current version', async () => {
    const raw = fakeRaw(roles())
    await build(raw)
    raw.pages.set('pages/b.p3.txt', 'this is not a role page')
    setPage(raw, makeProfile('A.P3', { summary: 'Edited' }))
    const result = await build(raw)
    expect(result).toMatchObject({ status: 'partial' })
    expect(exitCodeOfRun(result.status)).toBe(ExitCode.partial)
    expect(result.summary.roles).toMatchObject({ changed: 1, removed: 0 })
    expect(await listQuarantine(t.db, result.runId!)).toEqual([{ file: 'pages/b.p3.txt', stage: 'parse', message: 'pages/b.p3.txt: not a role page' }])
    expect((await collect(readReleaseProfiles(t.db, 2))).map((item) => [item.profile.code, item.state, item.version])).toEqual([
      ['A.P3', 'active', 2],
      ['B.P3', 'active', 1],
      ['C.P3', 'active', 1],
    ])
  })

  it('quarantines a folder discover cannot list (exit 3) and keeps the roles of the pages below it as they are', async () => {
    const raw = fakeRaw(roles())
    const b = makeProfile('B.P3')
    raw.pages.delete(b.source.path)
    raw.pages.set('pages/team/b.p3.txt', JSON.stringify(b))
    await build(raw)
    setPage(raw, makeProfile('A.P3', { summary: 'Edited' }))
    const stages = fakeStages(raw)
    // The folder pages/team/ cannot be listed this time: discover yields it as quarantined, and none of its pages.
    const unreadable: typeof stages.readPages = async function* (rawDir, known, onSkipped) {
      let told = false
      for await (const item of fakeStages(raw).readPages(rawDir, known, onSkipped)) {
        if ('path' in item && item.path.startsWith('pages/team/')) {
          if (!told) yield { file: 'pages/team/', stage: 'discover', message: 'pages/team/: cannot read the folder (EACCES)' }
          told = true
          continue
        }
        yield item
      }
    }
    const result = await runBuild(options, { db: t.db, stages: { ...stages, readPages: unreadable }, logger: silentLogger })
    expect(result).toMatchObject({ status: 'partial' })
    expect(result.summary.roles).toMatchObject({ changed: 1, removed: 0 })
    expect(await listQuarantine(t.db, result.runId!)).toEqual([
      { file: 'pages/team/', stage: 'discover', message: 'pages/team/: cannot read the folder (EACCES)' },
    ])
    expect((await collect(readReleaseProfiles(t.db, 2))).map((item) => [item.profile.code, item.state, item.version])).toEqual([
      ['A.P3', 'active', 2],
      ['B.P3', 'active', 1],
      ['C.P3', 'active', 1],
    ])
  })

  it('leaves the previous release current when a build is stopped mid-load, records the failure, and reruns fine', async () => {
    const raw = fakeRaw(roles())
    await build(raw)
    setPage(raw, makeProfile('A.P3', { summary: 'Edited' }))
    const stopped = build(raw, {}, { beforeCommit: async () => Promise.reject(new Error('killed mid-load')) })
    await expect(stopped).rejects.toThrow('killed mid-load')
    expect(await getCurrentRelease(t.db)).toMatchObject({ number: 1 })
    expect((await collect(readReleaseProfiles(t.db, 1))).map((item) => item.profile.summary)).toEqual([
      'Summary of Role A.P3',
      'Summary of Role B.P3',
      'Summary of Role C.P3',
    ])
    const [failed] = await listRuns(t.db)
    expect(failed).toMatchObject({ status: 'failed', error: 'killed mid-load' })
    const rerun = await build(raw)
    expect(rerun).toMatchObject({ status: 'published', summary: { release: 2, roles: { changed: 1 } } })
  })

  it('plans without writing on a dry run', async () => {
    const raw = fakeRaw(roles())
    const result = await build(raw, { dryRun: true })
    expect(result).toMatchObject({ status: 'dry_run', runId: null })
    expect(result.plan.versions.map((version) => version.code)).toEqual(['A.P3', 'B.P3', 'C.P3'])
    expect(await listReleases(t.db)).toEqual([])
    expect(await listRuns(t.db)).toEqual([])
  })

  it('makes a second concurrent build wait for the lock, then exit 75 naming the first build’s run', async () => {
    const raw = fakeRaw(roles())
    let releaseFirst!: () => void
    const firstInLoad = new Promise<void>((resolve) => {
      releaseFirst = resolve
    })
    let entered!: () => void
    const firstEntered = new Promise<void>((resolve) => {
      entered = resolve
    })
    const first = build(
      raw,
      {},
      {
        beforeCommit: async () => {
          entered()
          await firstInLoad
        },
      },
    )
    await firstEntered
    const other = backend === 'postgres' ? await t.current.reopen() : t.db
    try {
      const second = runBuild({ ...options, lockTimeoutMs: 300 }, { db: other, stages: fakeStages(raw), logger: silentLogger })
      const error = await second.catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(LockHeldError)
      expect(exitCodeOfError(error)).toBe(ExitCode.locked)
      expect((error as LockHeldError).message).toMatch(/canon build run 1\b/)
    } finally {
      releaseFirst()
      if (other !== t.db) await other.destroy()
    }
    expect(await first).toMatchObject({ status: 'published', summary: { release: 1 } })
  })

  it('reads decisions from edits files, applies them, and records each in the decisions table once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canon-edits-'))
    try {
      await writeFile(
        path.join(dir, 'review.csv'),
        'kind,role_code,alias,system,code,status,author,reason,decided_at\n' +
          'set_status,A.P3,,,,approved,ann,signed off,2026-11-20\n' +
          'accept_code,B.P3,,SOC2018,15-1252,,bob,,\n' +
          'bogus,B.P3,,,,,bob,,\n',
      )
      const raw = fakeRaw(roles())
      const result = await build(raw, { editsDir: dir })
      expect(result.summary.quarantined).toEqual([
        { file: `${path.basename(dir)}/review.csv`, stage: 'decide', message: expect.stringContaining(':4: kind "bogus" is not one of') },
      ])
      const read = await collect(readReleaseProfiles(t.db, 1))
      expect(read[0]!.profile.status).toBe('approved')
      expect(read[1]!.profile.classifications[0]!.reviewStatus).toBe('accepted')
      await build(raw, { editsDir: dir })
      const recorded = await t.db.selectFrom('decisions').select(['kind', 'origin', 'source']).orderBy('id').execute()
      expect(recorded).toEqual([
        { kind: 'set_status', origin: 'file', source: `${path.basename(dir)}/review.csv:2` },
        { kind: 'accept_code', origin: 'file', source: `${path.basename(dir)}/review.csv:3` },
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('a dry run on a database canon has not migrated', () => {
  it('plans against an empty canon inside a transaction it rolls back: the schema stays unapplied', async () => {
    const db = await openDatabase({ dataDir: 'memory://' })
    try {
      const result = await runBuild({ ...options, dryRun: true }, { db, stages: fakeStages(fakeRaw(roles())), logger: silentLogger })
      expect(result).toMatchObject({ status: 'dry_run', runId: null })
      expect(result.plan.versions.map((version) => version.code)).toEqual(['A.P3', 'B.P3', 'C.P3'])
      expect(await pendingMigrations(db)).toEqual(Object.keys(migrations))
    } finally {
      await db.destroy()
    }
  }, 60_000)
})
