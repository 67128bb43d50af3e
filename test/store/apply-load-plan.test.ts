import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { readCachedPages, readPageKeys, restampPages } from '../../src/store/page-cache.js'
import { sessionClientOf } from '../../src/db/session-client.js'
import { applyLoadPlan, StalePlanError } from '../../src/store/apply-load-plan.js'
import { diffReleases, getCurrentRelease, listReleases, readReleaseProfiles } from '../../src/store/index.js'
import { startRun } from '../../src/store/runs.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { collect, loadProfiles, planAgainstCurrent } from '../helpers/load.js'
import { alias, component, makeProfile, soc } from '../helpers/profiles.js'

describe.each(testBackends)('loading releases on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('publishes release 1 holding every profile as given, and reads it back in code order', async () => {
    const profiles = [
      makeProfile('B.P3'),
      makeProfile('A.P3', { story: { who: 'x', externalProblem: null, internalProblem: null, whyItMatters: null, plan: ['a'], stakes: null, success: null } }),
    ]
    const { published } = await loadProfiles(t.db, profiles)
    expect(published).toBe(1)
    const current = await getCurrentRelease(t.db)
    expect(current).toMatchObject({ number: 1, isCurrent: true, activeCount: 2, addedCount: 2, removedCount: 0 })
    const read = await collect(readReleaseProfiles(t.db, 1))
    expect(read.map((item) => item.profile)).toEqual([profiles[1], profiles[0]])
    expect(read.map((item) => [item.state, item.version])).toEqual([
      ['active', 1],
      ['active', 1],
    ])
  })

  it('writes the queryable columns and one row per component, alias and code', async () => {
    await loadProfiles(t.db, [
      makeProfile('A.P3', {
        aliases: [alias('Site Reliability Engineer'), alias('SRE')],
        classifications: [soc('15-1244', 'Network and Computer Systems Administrators')],
      }),
    ])
    const version = await t.db
      .selectFrom('role_versions')
      .select(['role_code', 'version', 'title', 'function', 'discipline', 'level', 'status'])
      .executeTakeFirstOrThrow()
    expect(version).toEqual({
      role_code: 'A.P3',
      version: 1,
      title: 'Role A.P3',
      function: 'Engineering',
      discipline: 'DevOps Engineering',
      level: 'P3',
      status: 'draft',
    })
    const components = await t.db.selectFrom('components').select(['ordinal', 'kind', 'text', 'tags']).orderBy('ordinal').execute()
    expect(components).toEqual([
      { ordinal: 0, kind: 'responsibility', text: 'Runs the A.P3 pipelines', tags: ['common'] },
      { ordinal: 1, kind: 'skill', text: 'Kubernetes', tags: ['level'] },
    ])
    const aliases = await t.db.selectFrom('aliases').select(['key', 'confidence', 'approved', 'variants']).orderBy('ordinal').execute()
    expect(aliases).toEqual([
      { key: 'site reliability engineer', confidence: 0.7, approved: false, variants: [] },
      { key: 'sre', confidence: 0.7, approved: false, variants: [] },
    ])
    const codes = await t.db.selectFrom('classifications').select(['system', 'code', 'review_status', 'evidence']).execute()
    expect(codes).toEqual([
      { system: 'SOC2018', code: '15-1244', review_status: 'auto_accepted', evidence: ['title matches Network and Computer Systems Administrators'] },
    ])
  })

  it('keeps text with quotes, backslashes, commas, braces and non-ASCII intact in array and text columns', async () => {
    const tricky = 'He said "ship it", {then} \\ left — ça va'
    await loadProfiles(t.db, [makeProfile('A.P3', { components: [{ kind: 'skill', text: tricky, tags: [tricky, 'NULL', ''] }] })])
    const row = await t.db.selectFrom('components').select(['text', 'tags']).executeTakeFirstOrThrow()
    expect(row).toEqual({ text: tricky, tags: [tricky, 'NULL', ''] })
  })

  it('keeps tabs, line breaks, backslashes and nulls intact in text, array and JSON columns', async () => {
    const tricky = 'line one\nline\ttwo\r\nback\\slash \\N "quoted"'
    const profile = makeProfile('A.P3', {
      summary: tricky,
      scope: null,
      components: [component(tricky, 'skill', [tricky, '\\N'])],
      aliases: [alias('A\tB', { variants: [tricky] })],
    })
    await loadProfiles(t.db, [profile])
    const read = await collect(readReleaseProfiles(t.db, 1))
    expect(read.map((item) => item.profile)).toEqual([profile])
    expect(await t.db.selectFrom('components').select(['text', 'tags']).executeTakeFirstOrThrow()).toEqual({ text: tricky, tags: [tricky, '\\N'] })
    expect(await t.db.selectFrom('aliases').select(['text', 'variants']).executeTakeFirstOrThrow()).toEqual({ text: 'A\tB', variants: [tricky] })
    expect(await t.db.selectFrom('role_versions').select(['track', 'level']).executeTakeFirstOrThrow()).toEqual({ track: 'Professional', level: 'P3' })
  })

  it('caches the parse result of each page so a rebuild can read it back as it was written', async () => {
    const profile = makeProfile('A.P3', { summary: 'tab\there, "quotes" and \\' })
    const page = {
      path: profile.source.path,
      contentHash: 'f'.repeat(64),
      parserVersion: 'p1',
      profiles: [profile],
      rejected: [],
      warnings: [{ file: profile.source.path, severity: 'warning' as const, code: 'w', message: 'a\nb' }],
    }
    const plan = await planAgainstCurrent(t.db, [profile], { pages: [page] })
    await applyLoadPlan(t.db, plan, { runId: await startRun(t.db, {}, null) })
    expect(await readPageKeys(t.db)).toEqual(new Map([[page.path, { contentHash: page.contentHash, parserVersion: 'p1', stamp: null }]]))
    expect(await readCachedPages(t.db, [page.path])).toEqual([page])
  })

  it('keeps the stamp of each cached page file, and takes a new one for a page read again unchanged', async () => {
    const profile = makeProfile('A.P1')
    const stamp = { size: 1234, mtimeMs: 1_790_000_000_123.5, readAtMs: 1_790_000_100_000 }
    const page = { path: profile.source.path, contentHash: 'c'.repeat(64), parserVersion: 'p1', profiles: [profile], rejected: [], warnings: [], stamp }
    await applyLoadPlan(t.db, await planAgainstCurrent(t.db, [profile], { pages: [page] }), { runId: await startRun(t.db, {}, null) })
    expect((await readPageKeys(t.db)).get(page.path)).toEqual({ contentHash: page.contentHash, parserVersion: 'p1', stamp })
    const touched = { size: 1234, mtimeMs: 1_790_000_200_000, readAtMs: 1_790_000_300_000 }
    await restampPages(t.db, [
      { path: page.path, stamp: touched },
      { path: 'pages/not-cached.txt', stamp: touched },
    ])
    expect((await readPageKeys(t.db)).get(page.path)!.stamp).toEqual(touched)
    expect((await readPageKeys(t.db)).size).toBe(1)
  })

  it('finds the connection behind a transaction on the server, so COPY commits or rolls back with it; none on PGlite', async () => {
    await t.db.transaction().execute(async (trx) => {
      const client = await sessionClientOf(t.db, trx)
      if (backend === 'pglite') return expect(client).toBeNull()
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      expect((await client!.query<{ pid: number }>('select pg_backend_pid() as pid')).rows).toEqual(rows)
    })
  })

  it('publishes nothing when the same profiles are loaded again', async () => {
    const profiles = [makeProfile('A.P3'), makeProfile('B.P3')]
    await loadProfiles(t.db, profiles)
    const again = await loadProfiles(
      t.db,
      profiles.map((profile) => structuredClone(profile)),
    )
    expect(again.published).toBeNull()
    expect(await listReleases(t.db)).toHaveLength(1)
    const versions = await t.db.selectFrom('role_versions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(versions.n).toBe(2)
  })

  it('gives only the edited role a new version; the others stay on the same version rows', async () => {
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3')])
    const before = await t.db
      .selectFrom('release_roles')
      .select(['role_code', 'role_version_id'])
      .where('release_number', '=', 1)
      .orderBy('role_code')
      .execute()
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3', { summary: 'Rewritten' })])
    const after = await t.db.selectFrom('release_roles').select(['role_code', 'role_version_id']).where('release_number', '=', 2).orderBy('role_code').execute()
    expect(after[0]).toEqual(before[0])
    expect(after[1]!.role_version_id).not.toBe(before[1]!.role_version_id)
    const versions = await t.db.selectFrom('role_versions').select(['role_code', 'version']).orderBy('id').execute()
    expect(versions).toEqual([
      { role_code: 'A.P3', version: 1 },
      { role_code: 'B.P3', version: 1 },
      { role_code: 'B.P3', version: 2 },
    ])
    expect(await getCurrentRelease(t.db)).toMatchObject({ number: 2, changedCount: 1, unchangedCount: 1, activeCount: 2 })
  })

  it('marks a role whose page is gone as removed in the next release; the old release still holds it active', async () => {
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3')])
    await loadProfiles(t.db, [makeProfile('A.P3')])
    const second = await collect(readReleaseProfiles(t.db, 2))
    expect(second.map((item) => [item.profile.code, item.state])).toEqual([
      ['A.P3', 'active'],
      ['B.P3', 'removed'],
    ])
    const first = await collect(readReleaseProfiles(t.db, 1))
    expect(first.map((item) => [item.profile.code, item.state])).toEqual([
      ['A.P3', 'active'],
      ['B.P3', 'active'],
    ])
    expect(await getCurrentRelease(t.db)).toMatchObject({ number: 2, activeCount: 1, removedCount: 1, newlyRemovedCount: 1 })
    // Nothing changes the next time, and when the page returns the role is active again on its old version.
    expect((await loadProfiles(t.db, [makeProfile('A.P3')])).published).toBeNull()
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3')])
    const third = await collect(readReleaseProfiles(t.db, 3))
    expect(third.map((item) => [item.profile.code, item.state, item.version])).toEqual([
      ['A.P3', 'active', 1],
      ['B.P3', 'active', 1],
    ])
  })

  it('diffs two releases: roles added, removed and changed, with the fields, aliases and codes that changed', async () => {
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3'), makeProfile('C.P3')])
    const changedB = makeProfile('B.P3', {
      summary: 'Rewritten',
      aliases: [alias('B.P3 Engineer'), alias('Platform Engineer')],
      classifications: [soc('15-1244', 'Network and Computer Systems Administrators')],
    })
    await loadProfiles(t.db, [makeProfile('A.P3'), changedB, makeProfile('D.P3')])
    const diff = await diffReleases(t.db, 1, 2)
    expect(diff).toEqual({
      from: 1,
      to: 2,
      added: [{ code: 'D.P3', title: 'Role D.P3' }],
      removed: [{ code: 'C.P3', title: 'Role C.P3' }],
      changed: [
        {
          code: 'B.P3',
          title: 'Role B.P3',
          fromVersion: 1,
          toVersion: 2,
          fields: ['summary', 'aliases', 'classifications'],
          aliases: { added: ['Platform Engineer'], removed: ['B.P3 Specialist'] },
          codes: { added: ['SOC2018 15-1244'], removed: ['SOC2018 15-1252'] },
        },
      ],
    })
    const fromNothing = await diffReleases(t.db, null, 1)
    expect(fromNothing.added.map((role) => role.code)).toEqual(['A.P3', 'B.P3', 'C.P3'])
  })

  it('streams a release in pages of the requested size without losing or repeating a role', async () => {
    const profiles = Array.from({ length: 23 }, (_, index) => makeProfile(`R${String(index).padStart(3, '0')}.P3`))
    await loadProfiles(t.db, profiles)
    const read = await collect(readReleaseProfiles(t.db, 1, { pageSize: 5 }))
    expect(read.map((item) => item.profile.code)).toEqual(profiles.map((profile) => profile.code))
  })

  it('rolls everything back when the load fails inside its transaction: the previous release stays current and whole', async () => {
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3')])
    const failing = loadProfiles(t.db, [makeProfile('A.P3', { summary: 'Edited' }), makeProfile('C.P3')], {
      beforeCommit: async () => {
        throw new Error('stopped mid-load')
      },
    })
    await expect(failing).rejects.toThrow('stopped mid-load')
    expect(await getCurrentRelease(t.db)).toMatchObject({ number: 1 })
    expect(await listReleases(t.db)).toHaveLength(1)
    const read = await collect(readReleaseProfiles(t.db, 1))
    expect(read.map((item) => item.profile.summary)).toEqual(['Summary of Role A.P3', 'Summary of Role B.P3'])
    const counts = await sql<{ n: number }>`select (select count(*) from role_versions)::int + (select count(*) from roles)::int as n`.execute(t.db)
    expect(counts.rows[0]!.n).toBe(4)
    // The rerun succeeds and publishes release 2.
    expect((await loadProfiles(t.db, [makeProfile('A.P3', { summary: 'Edited' }), makeProfile('C.P3')])).published).toBe(2)
  })

  it('refuses a plan made against a release that is no longer current, writing nothing', async () => {
    const stale = await planAgainstCurrent(t.db, [makeProfile('A.P3')])
    await loadProfiles(t.db, [makeProfile('B.P3')])
    const runId = await startRun(t.db, {}, null)
    await expect(applyLoadPlan(t.db, stale, { runId })).rejects.toThrow(StalePlanError)
    expect(await getCurrentRelease(t.db)).toMatchObject({ number: 1 })
  })
})

describe.runIf(testBackends.includes('postgres'))('a load whose connection is terminated on the server', () => {
  const t = useTestDatabase('postgres')

  it('leaves the previous release current and whole, and a rerun succeeds', async () => {
    await loadProfiles(t.db, [makeProfile('A.P3'), makeProfile('B.P3')])
    const killed = loadProfiles(t.db, [makeProfile('A.P3', { summary: 'Edited' }), makeProfile('C.P3')], {
      beforeCommit: async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
        await t.current.admin('select pg_terminate_backend($1)', [rows[0]!.pid])
        await sql`select 1`.execute(trx)
      },
    })
    await expect(killed).rejects.toThrow()
    expect(await getCurrentRelease(t.db)).toMatchObject({ number: 1 })
    const read = await collect(readReleaseProfiles(t.db, 1))
    expect(read.map((item) => [item.profile.code, item.profile.summary])).toEqual([
      ['A.P3', 'Summary of Role A.P3'],
      ['B.P3', 'Summary of Role B.P3'],
    ])
    expect((await loadProfiles(t.db, [makeProfile('A.P3', { summary: 'Edited' }), makeProfile('C.P3')])).published).toBe(2)
  })
})
