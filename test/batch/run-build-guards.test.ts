// Guards against emptying the canon (issue 13, item 4): no pages is an error, and a build removing more than a
// set share of the roles stops unless allowed.

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBuild, type BuildOptions } from '../../src/batch/index.js'
import { LockLostError, MassRemovalError } from '../../src/errors.js'
import { ExitCode, exitCodeOfError } from '../../src/exit-codes.js'
import { silentLogger } from '../../src/log/logger.js'
import { getCurrentRelease, listReleases, listRuns } from '../../src/store/index.js'
import { fakeRaw, fakeStages } from '../helpers/build-stages.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { makeProfile } from '../helpers/profiles.js'

const options: BuildOptions = { rawDir: 'raw', referenceDir: 'raw/reference', editsDir: null, lockTimeoutMs: 2_000 }
const tenRoles = () => Array.from({ length: 10 }, (_, i) => makeProfile(`R${i}.P3`))

describe.each(testBackends)('build guards on %s', (backend) => {
  const t = useTestDatabase(backend)
  const build = (raw: ReturnType<typeof fakeRaw>, extra: Partial<BuildOptions> = {}) =>
    runBuild({ ...options, ...extra }, { db: t.db, stages: fakeStages(raw), logger: silentLogger })

  it('a missing or empty pages folder is an error (exit 1): nothing is published, the roles stay', async () => {
    const raw = fakeRaw(tenRoles())
    await build(raw)
    raw.pages.clear()
    const error = await build(raw).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/^no role pages under raw\/pages: the folder is missing, empty or unreadable .*nothing published$/)
    expect(exitCodeOfError(error)).toBe(ExitCode.failed)
    expect(await listReleases(t.db)).toHaveLength(1)
    expect((await getCurrentRelease(t.db))?.activeCount).toBe(10)
    expect((await listRuns(t.db))[0]?.status).toBe('failed')
    // A first build with no pages fails the same way.
    await expect(build(fakeRaw([]))).rejects.toThrow(/no role pages/)
  })

  it('stops a build that removes more than 20 % of the roles, naming how many, unless --allow-mass-removal', async () => {
    const raw = fakeRaw(tenRoles())
    await build(raw)
    // Two of ten gone (20 %): allowed.
    raw.pages.delete('pages/r0.p3.txt')
    raw.pages.delete('pages/r1.p3.txt')
    expect((await build(raw)).summary).toMatchObject({ published: true, roles: { removed: 2 } })
    // Three more of the eight left (38 %): stopped.
    for (const i of [2, 3, 4]) raw.pages.delete(`pages/r${i}.p3.txt`)
    const error = await build(raw).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MassRemovalError)
    expect((error as Error).message).toMatch(/^this build would remove 3 of the 8 current roles \(38 %\), over the 20 % limit; nothing published/)
    expect(exitCodeOfError(error)).toBe(ExitCode.failed)
    expect((await getCurrentRelease(t.db))?.activeCount).toBe(8)
    // A higher limit, or the flag, lets it through.
    expect((await build(raw, { maxRemovalPercent: 50 })).summary).toMatchObject({ published: true, roles: { removed: 3 } })
    // Removing one or two roles is never a mass removal, even of a small canon (2 of 5 = 40 %).
    raw.pages.delete('pages/r5.p3.txt')
    raw.pages.delete('pages/r6.p3.txt')
    expect((await build(raw)).summary).toMatchObject({ published: true, roles: { removed: 2 } })
  })

  it('a bad edits row added when nothing else changed is read and reported, not skipped as "nothing changed"', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canon-edits-'))
    try {
      const raw = fakeRaw(tenRoles())
      await build(raw, { editsDir: dir })
      expect((await build(raw, { editsDir: dir })).status).toBe('unchanged')
      await writeFile(path.join(dir, 'late.json'), '[{ "kind": "set_status", "roleCode": "R1.P3", "status": "approved", "author": 123 }]')
      const result = await build(raw, { editsDir: dir })
      expect(result.summary.quarantined.map((q) => q.message)).toEqual([
        `${path.basename(dir)}/late.json:1: decision 1: author must be text, found number (123)`,
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('--allow-mass-removal publishes the removal', async () => {
    const raw = fakeRaw(tenRoles())
    await build(raw)
    for (let i = 0; i < 9; i++) raw.pages.delete(`pages/r${i}.p3.txt`)
    await expect(build(raw)).rejects.toThrow(/would remove 9 of the 10 current roles/)
    expect((await build(raw, { allowMassRemoval: true })).summary).toMatchObject({ published: true, roles: { removed: 9 } })
  })
})

describe.each(testBackends.filter((backend) => backend === 'postgres'))('a build whose lock session ends on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('stops before it commits when its session is terminated during parse: nothing published', async () => {
    const raw = fakeRaw(tenRoles())
    const stages = fakeStages(raw)
    const terminating = {
      ...stages,
      async *parsePages(pages: Parameters<typeof stages.parsePages>[0]) {
        // pg_terminate_backend of the build's lock session, as an operator (or a failover) would.
        await t.current.admin(
          `select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'canon build%' and datname = current_database()`,
        )
        yield* stages.parsePages(pages)
      },
    }
    const error = await runBuild(options, { db: t.db, stages: terminating, logger: silentLogger }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LockLostError)
    expect(await listReleases(t.db)).toEqual([])
    // The next build takes the lock and publishes.
    expect((await runBuild(options, { db: t.db, stages: fakeStages(raw), logger: silentLogger })).summary).toMatchObject({ published: true, release: 1 })
  })
})
