// Adjacency in a build: each release stores every active role's neighbours and the possible duplicates, and an
// incremental rebuild stores what the adjacency stage computes from all of the release's roles, as a full build
// would: a changed role moves its neighbours' lists although their versions stay.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { computeAdjacency } from '../../src/adjacency/compute-adjacency.js'
import { adjacencyFeatures } from '../../src/adjacency/features.js'
import { runBuild, type BuildOptions, type BuildResult } from '../../src/batch/index.js'
import { exportRelease } from '../../src/export/export-release.js'
import { generic } from '../../src/export/profiles/generic.js'
import type { Logger, RoleProfile } from '../../src/model/index.js'
import { readReleaseDuplicates, readReleaseNeighbours } from '../../src/store/adjacency.js'
import { recordDecision } from '../../src/store/decisions.js'
import { readReviewItems } from '../../src/store/review-items.js'
import { getCurrentRelease, listRuns, readReleaseProfiles } from '../../src/store/index.js'
import { fakeRaw, fakeStages, setPage, type FakeRaw } from '../helpers/build-stages.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { collect } from '../helpers/load.js'
import { component, makeProfile } from '../helpers/profiles.js'

const options: BuildOptions = { rawDir: 'raw', referenceDir: 'raw/reference', editsDir: null, lockTimeoutMs: 2_000 }
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} }

const level = (code: string) => ({ ...makeProfile('X').level!, code })

/** A DevOps family P1–P4, a Data family at P2 and P3, a role that repeats DevOps P3's title under another code, and a finance role. */
function role(code: string, discipline: string, rank: number, extra: Partial<RoleProfile> = {}): RoleProfile {
  return makeProfile(code, {
    title: `${discipline} Engineer P${rank}`,
    discipline,
    level: level(`P${rank}`),
    aliases: [],
    components: [
      component(`Designs ${discipline} pipelines and reviews their deployments`),
      component(`Runs ${discipline} incidents and writes runbooks`),
      component(`Leads work at level ${rank}`),
    ],
    ...extra,
  })
}

function corpus(): FakeRaw {
  return fakeRaw([
    ...[1, 2, 3, 4].map((rank) => role(`DEV.P${rank}`, 'DevOps', rank)),
    role('DAT.P2', 'Data', 2),
    role('DAT.P3', 'Data', 3),
    role('OPS.P3', 'DevOps', 3, { discipline: 'Platform Operations', source: { path: 'pages/ops.txt', format: 'canon-text', contentHash: '' } }),
    // A role no change below reaches (another folder, title and work).
    makeProfile('FIN.P2', {
      title: 'Finance Analyst P2',
      level: level('P2'),
      aliases: [],
      components: [component('Prepares monthly management accounts'), component('Reconciles ledgers')],
      source: { path: 'pages/finance/fin.p2.txt', format: 'canon-text', contentHash: '' },
    }),
  ])
}

describe.each(testBackends)('adjacency in a build on %s', (backend) => {
  const t = useTestDatabase(backend)

  async function build(raw: FakeRaw, extra: Partial<BuildOptions> = {}): Promise<BuildResult> {
    return runBuild({ ...options, ...extra }, { db: t.db, stages: fakeStages(raw), logger: quiet })
  }

  /** What the adjacency stage computes from every active role of the current release, read back as profiles. */
  async function computedFromRelease(): Promise<ReturnType<typeof computeAdjacency>> {
    const release = (await getCurrentRelease(t.db))!.number
    const profiles = (await collect(readReleaseProfiles(t.db, release, { activeOnly: true }))).map((row) => row.profile)
    return computeAdjacency(profiles.map(adjacencyFeatures))
  }

  async function stored() {
    const release = (await getCurrentRelease(t.db))!.number
    return { roles: await readReleaseNeighbours(t.db, release), duplicates: await readReleaseDuplicates(t.db, release) }
  }

  it('stores every role’s neighbours and the possible duplicates, and an incremental rebuild equals a full computation', async () => {
    const raw = corpus()
    const first = await build(raw)
    expect(first.summary.possibleDuplicates).toBe(1)
    const before = await stored()
    const computed = await computedFromRelease()
    expect(before.roles).toEqual(computed.roles)
    expect(before.duplicates).toEqual(computed.duplicates)
    expect(before.duplicates.map((pair) => pair.codes)).toEqual([['DEV.P3', 'OPS.P3']])
    // job_adjacency.csv (generic profile) holds one row per stored neighbour, in role and neighbour order.
    const out = await mkdtemp(path.join(tmpdir(), 'canon-adjacency-export-'))
    try {
      await exportRelease(t.db, { outDir: out, profiles: [generic], mode: 'import', eol: 'lf' })
      const csv = Papa.parse<Record<string, string>>(await readFile(path.join(out, 'releases', '1', 'generic', 'job_adjacency.csv'), 'utf8'), {
        header: true,
        skipEmptyLines: true,
      })
      const expected = before.roles.flatMap((entry) => entry.neighbours.map((n) => [entry.code, n.code, n.title, String(n.distance), n.band, n.kind]))
      expect(csv.data.map((row) => [row['role_code'], row['adjacent_code'], row['adjacent_title'], row['distance'], row['band'], row['kind']])).toEqual(
        expected,
      )
    } finally {
      await rm(out, { recursive: true, force: true })
    }
    const p2 = before.roles.find((entry) => entry.code === 'DEV.P2')!
    expect(p2.neighbours.filter((n) => n.kind === 'next-level').map((n) => n.code)).toEqual(['DEV.P3'])
    expect(p2.neighbours.filter((n) => n.kind === 'previous-level').map((n) => n.code)).toEqual(['DEV.P1'])
    expect(p2.neighbours.find((n) => n.code === 'DAT.P2')?.kind).toBe('lateral')

    // DEV.P3 goes away: DEV.P2's next level becomes DEV.P4, although DEV.P2's page and version did not change.
    raw.pages.delete('pages/dev.p3.txt')
    // DAT.P3's components change: its distance to DAT.P2 moves.
    setPage(raw, role('DAT.P3', 'Data', 3, { components: [component('Negotiates vendor contracts and budgets')] }))
    const second = await build(raw)
    const [run] = await listRuns(t.db, 1)
    // Reprocessed: both families (their levels are coded together) and the role sharing DevOps P3's title; not FIN.P2.
    expect(run!.counts['rolesReprocessed']).toBe(7)
    expect(second.summary.roles).toMatchObject({ changed: 1, removed: 1 })
    const after = await stored()
    expect(after.roles).toEqual((await computedFromRelease()).roles)
    expect(after.duplicates).toEqual([])
    const moved = after.roles.find((entry) => entry.code === 'DEV.P2')!
    expect(moved.neighbours.filter((n) => n.kind === 'next-level').map((n) => n.code)).toEqual(['DEV.P4'])
    const dataDistance = (roles: typeof before.roles) => roles.find((entry) => entry.code === 'DAT.P2')!.neighbours.find((n) => n.code === 'DAT.P3')?.distance
    expect(dataDistance(after.roles)).not.toBe(dataDistance(before.roles))

    // A full build of the same pages publishes nothing new: the stored adjacency stands as computed.
    const full = await build(raw, { reparseAll: true })
    expect(full.summary.published).toBe(false)
    expect((await stored()).roles).toEqual(after.roles)
  })

  it('computes again only the lists a change reaches, and stores what a full computation gives', async () => {
    const raw = corpus()
    const edits = await mkdtemp(path.join(tmpdir(), 'canon-adjacency-edits-'))
    /** Builds and returns how many roles' lists the adjacency stage computed. */
    const rebuild = async (): Promise<number> => {
      let computed = -1
      const logger: Logger = { ...quiet, debug: (message, fields) => void (message === 'stage adjacency done' && (computed = Number(fields?.['roles']))) }
      await runBuild({ ...options, editsDir: edits }, { db: t.db, stages: fakeStages(raw), logger })
      return computed
    }
    const expectStoredAsComputed = async () => {
      const [now, computed] = [await stored(), await computedFromRelease()]
      expect(now.roles).toEqual(computed.roles)
      expect(now.duplicates).toEqual(computed.duplicates)
    }
    try {
      expect(await rebuild()).toBe(8)
      // The finance role's work changes: its list and those of the roles sharing a block with it.
      setPage(raw, { ...(JSON.parse(raw.pages.get('pages/finance/fin.p2.txt')!) as RoleProfile), components: [component('Forecasts cash flow')] })
      expect(await rebuild()).toBeLessThan(8)
      await expectStoredAsComputed()
      // A duplicate pair marked distinct in an edits file, then the file taken away: the pair is reported again.
      await writeFile(path.join(edits, 'pairs.csv'), 'kind,role_code,code,author\nmark_distinct,OPS.P3,DEV.P3,ann\n')
      setPage(raw, role('DAT.P2', 'Data', 2, { summary: 'Edited' }))
      await rebuild()
      expect((await stored()).duplicates).toEqual([])
      await rm(path.join(edits, 'pairs.csv'))
      setPage(raw, role('DAT.P2', 'Data', 2, { summary: 'Edited again' }))
      expect(await rebuild()).toBeLessThan(8)
      expect((await stored()).duplicates.map((pair) => pair.codes)).toEqual([['DEV.P3', 'OPS.P3']])
      await expectStoredAsComputed()
    } finally {
      await rm(edits, { recursive: true, force: true })
    }
  })
})

describe.each(testBackends)('possible duplicates under review on %s', (backend) => {
  const t = useTestDatabase(backend)

  const duplicateItems = async () =>
    (await readReviewItems(t.db)).filter((item) => item.kind === 'possible_duplicate').map((item) => [item.roleCode, item.subject])

  it('lists a pair in canon review until a person decides; "merge into" deprecates the role and survives rebuilds', async () => {
    const raw = corpus()
    const build = (extra: Partial<BuildOptions> = {}) => runBuild({ ...options, ...extra }, { db: t.db, stages: fakeStages(raw), logger: quiet })
    await build()
    expect(await duplicateItems()).toEqual([['DEV.P3', 'OPS.P3']])

    const at = { author: 'ann', reason: 'one job, two pages', decidedAt: null }
    await recordDecision(t.db, { kind: 'merge_into', roleCode: 'OPS.P3', otherCode: 'DEV.P3', ...at })
    const merged = await build()
    expect(merged.summary.possibleDuplicates).toBe(0)
    expect(await duplicateItems()).toEqual([])
    const release = (await getCurrentRelease(t.db))!.number
    const ops = (await collect(readReleaseProfiles(t.db, release))).find((row) => row.profile.code === 'OPS.P3')!
    expect(ops.profile.status).toBe('deprecated')

    // An edit elsewhere and a full rebuild: the decision is applied again, the pair stays resolved.
    setPage(raw, role('DAT.P2', 'Data', 2, { summary: 'Edited' }))
    await build({ reparseAll: true })
    expect(await duplicateItems()).toEqual([])
  })

  it('takes "distinct" in either order of the pair', async () => {
    const raw = corpus()
    await runBuild(options, { db: t.db, stages: fakeStages(raw), logger: quiet })
    await recordDecision(t.db, { kind: 'mark_distinct', roleCode: 'OPS.P3', otherCode: 'DEV.P3', author: 'ann', reason: null, decidedAt: null })
    expect(await duplicateItems()).toEqual([])
  })
})
