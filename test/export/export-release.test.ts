import { mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonDb } from '../../src/db/open.js'
import { exportRelease, exportSummaries, throwIfExportFailed } from '../../src/export/export-release.js'
import { findExportProfile } from '../../src/export/profiles/index.js'
import { exportForPipeline } from '../../src/export/export-step.js'
import { silentLogger } from '../../src/log/logger.js'
import type { ExportRole, ReleaseSnapshot, RoleProfile } from '../../src/model/index.js'
import { getRelease, readReleaseProfiles } from '../../src/store/index.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { loadProfiles } from '../helpers/load.js'
import { readExported, readManifest, readTwoHeaderFile } from '../helpers/export-csv-files.js'
import { expectFolderHolds } from '../helpers/export-round-trip.js'
import { expectConformsToTemplate } from '../helpers/export-templates.js'
import { roleProfile } from '../helpers/export-roles.js'

/** Publishes `profiles` as the next release through the real plan and load; returns its number. */
async function publish(db: CanonDb, profiles: RoleProfile[]): Promise<number> {
  const { published } = await loadProfiles(db, profiles)
  if (published === null) throw new Error('nothing was published')
  return published
}

/** What the database holds for a release, read independently of the export. */
async function databaseContent(db: CanonDb, release: number): Promise<{ roles: ExportRole[]; snapshot: ReleaseSnapshot }> {
  const info = await getRelease(db, release)
  if (!info) throw new Error(`no release ${release}`)
  const roles: ExportRole[] = []
  for await (const row of readReleaseProfiles(db, release)) {
    roles.push({
      profile: row.profile,
      state: row.state,
      version: row.version,
      ...(row.contentHash ? { contentHash: row.contentHash } : {}),
      ...(row.neighbours ? { neighbours: row.neighbours } : {}),
    })
  }
  return { roles, snapshot: { release, createdAt: info.createdAt, effectiveDate: info.createdAt.slice(0, 10), effectiveDatePolicy: 'publication' } }
}

const tricky = roleProfile('AAA.TRK.P2', {
  title: 'Ingénieur·e DevOps, "Plattform" – Zürich',
  summary: 'Line one, with comma\r\nLine two "quoted"\nLine three — 日本語 😀',
  components: [{ kind: 'responsibility', text: ' edge spaces, "quotes"\nand a newline ', tags: ['a,b', 'c"d'] }],
})
tricky.level = {
  ...tricky.level!,
  grade: 'PO6',
  payRange: { text: '€44.743,50 – €60.484 per annum', currency: 'EUR', min: 44743.5, max: 60484, period: 'year' },
}
const hostile = roleProfile('ZZZ.INJ.P1', {
  title: '=HYPERLINK("http://evil.example","click")',
  aliases: [{ text: '@SUM(1+1)*cmd', key: 'sum 1 1 cmd', variants: ['-2+3'], type: 'common', confidence: 0.5, band: 'medium', approved: false, evidence: [] }],
})
const plain = roleProfile('EDE.GEN.P3')

let out: string
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'canon-export-db-'))
})
afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe.each(testBackends)('exportRelease on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('round-trips every field of every file against the database, commas, quotes, newlines and non-ASCII included', async () => {
    const release = await publish(t.db, [plain, hostile, tricky])
    const result = await exportRelease(t.db, { outDir: out, mode: 'import' })
    expect(result).toMatchObject({ release, since: null, latest: true })
    expect(result.outcomes.map((o) => [o.profile, o.ok])).toEqual([
      ['generic', true],
      ['workday', true],
      ['successfactors', true],
      ['oracle-hdl', true],
    ])
    const { roles, snapshot } = await databaseContent(t.db, release)
    expect(roles.map((r) => r.profile.code)).toEqual(['AAA.TRK.P2', 'EDE.GEN.P3', 'ZZZ.INJ.P1'])
    expect(roles.every((r) => r.version === 1 && /^[0-9a-f]{64}$/.test(r.contentHash ?? ''))).toBe(true)
    await expectFolderHolds(path.join(out, 'releases', String(release), 'generic'), 'generic', roles, snapshot)
    for (const profile of ['generic', 'workday', 'successfactors', 'oracle-hdl']) {
      await expectConformsToTemplate(path.join(out, 'releases', String(release), profile), profile)
    }
    // Release 1 is a first load: it takes effect from the 1900-01-01 baseline, and says so.
    expect(await readManifest(path.join(out, 'releases', String(release), 'workday'))).toMatchObject({
      effectiveDate: '1900-01-01',
      effectiveDatePolicy: 'first-release',
    })
  })

  it('writes a formula-looking title and alias verbatim in import mode and neutralised in spreadsheet mode', async () => {
    const release = await publish(t.db, [plain, hostile])
    const dir = path.join(out, 'releases', String(release), 'generic')
    const generic = [findExportProfile('generic')]

    await exportRelease(t.db, { outDir: out, profiles: generic, mode: 'import' })
    expect((await readExported(path.join(dir, 'job_profiles.csv'))).records[1]?.title).toBe('=HYPERLINK("http://evil.example","click")')
    expect((await readExported(path.join(dir, 'job_aliases.csv'))).records.at(-1)?.text).toBe('@SUM(1+1)*cmd')

    await exportRelease(t.db, { outDir: out, profiles: generic })
    expect((await readManifest(dir)).mode).toBe('spreadsheet')
    const profiles = await readExported(path.join(dir, 'job_profiles.csv'))
    expect(profiles.records[1]?.title).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(profiles.records[1]?.confidence).toBe('0.7')
    expect((await readExported(path.join(dir, 'job_aliases.csv'))).records.at(-1)?.text).toBe(`'@SUM(1+1)*cmd`)
  })

  it('exports the same release twice byte for byte; only the manifest time differs', async () => {
    const release = await publish(t.db, [plain, hostile, tricky])
    const read = async () => {
      const files: Record<string, string> = {}
      for (const profile of ['generic', 'workday', 'successfactors', 'oracle-hdl']) {
        const dir = path.join(out, 'releases', String(release), profile)
        for (const name of (await readdir(dir)).sort()) files[`${profile}/${name}`] = (await readFile(path.join(dir, name))).toString('base64')
      }
      return files
    }
    await exportRelease(t.db, { outDir: out, now: () => new Date('2026-11-26T01:00:00Z') })
    const first = await read()
    await exportRelease(t.db, { outDir: out, now: () => new Date('2026-11-27T01:00:00Z') })
    const second = await read()
    const csvs = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([name]) => !name.endsWith('manifest.json')))
    expect(Object.keys(csvs(first))).toHaveLength(22)
    expect(csvs(second)).toEqual(csvs(first))
    const manifest = JSON.parse(Buffer.from(second['workday/manifest.json']!, 'base64').toString())
    const earlier = JSON.parse(Buffer.from(first['workday/manifest.json']!, 'base64').toString())
    expect(manifest.createdAt).toBe('2026-11-27T01:00:00.000Z')
    expect({ ...manifest, createdAt: earlier.createdAt }).toEqual(earlier)
  })

  it('writes a delta since release M with only added, changed and removed roles: a change column or a changes.csv', async () => {
    const first = await publish(t.db, [roleProfile('A.1'), roleProfile('B.1'), roleProfile('C.1')])
    const second = await publish(t.db, [roleProfile('A.1', { summary: 'changed' }), roleProfile('B.1'), roleProfile('D.1')])
    const result = await exportRelease(t.db, { outDir: out, since: first })
    expect(result).toMatchObject({ release: second, since: first, latest: false })
    const dir = path.join(out, 'releases', String(second), `since-${first}`)
    const workday = await readTwoHeaderFile(path.join(dir, 'workday', '07_put_job_profile.csv'))
    expect(workday.records.filter((r) => r.Job_Code).map((r) => [r.Job_Code, r.Inactive])).toEqual([
      ['A.1', 'N'],
      ['C.1', 'Y'],
      ['D.1', 'N'],
    ])
    expect((await readExported(path.join(dir, 'workday', 'changes.csv'))).records.map((r) => [r.code, r.change])).toEqual([
      ['A.1', 'changed'],
      ['C.1', 'removed'],
      ['D.1', 'added'],
    ])
    // A later release takes effect on its publication date.
    expect(await readManifest(path.join(dir, 'workday'))).toMatchObject({ effectiveDatePolicy: 'publication' })
    const aliases = await readExported(path.join(dir, 'generic', 'job_aliases.csv'))
    expect(aliases.records.map((r) => [r.role_code, r.change])).toEqual([
      ['A.1', 'changed'],
      ['C.1', 'removed'],
      ['D.1', 'added'],
    ])
    expect((await readManifest(path.join(dir, 'successfactors'))).since).toBe(first)
    // The full export of release 2 still lists the removed role, inactive.
    await exportRelease(t.db, { outDir: out, profiles: [findExportProfile('successfactors')] })
    const full = await readTwoHeaderFile(path.join(out, 'releases', String(second), 'successfactors', '02_job_classification.csv'))
    expect(full.records.map((r) => [r.externalCode, r.status])).toEqual([
      ['A.1', 'A'],
      ['B.1', 'A'],
      ['C.1', 'I'],
      ['D.1', 'A'],
    ])
  })

  it('points out/latest at the current release, and leaves it there when an older release is exported', async () => {
    const first = await publish(t.db, [roleProfile('A.1')])
    const second = await publish(t.db, [roleProfile('A.1', { title: 'Renamed' })])
    await exportRelease(t.db, { outDir: out })
    await exportRelease(t.db, { outDir: out, release: first })
    expect(await readlink(path.join(out, 'latest'))).toBe(path.join('releases', String(second)))
    expect(JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8'))).toEqual({ release: second, path: `releases/${second}` })
    const viaLatest = await readTwoHeaderFile(path.join(out, 'latest', 'workday', '07_put_job_profile.csv'))
    expect(viaLatest.records[0]?.Job_Title).toBe('Renamed')
  })

  it('holds back only the role whose SuccessFactors title is too long, from that profile alone, and lists it', async () => {
    const release = await publish(t.db, [roleProfile('A.1', { title: 'T'.repeat(120) }), roleProfile('B.1')])
    const result = await exportRelease(t.db, { outDir: out })
    expect(result.outcomes.map((o) => [o.profile, o.ok])).toEqual([
      ['generic', true],
      ['workday', true],
      ['successfactors', true],
      ['oracle-hdl', true],
    ])
    expect(() => throwIfExportFailed(result)).not.toThrow()
    expect((await readdir(path.join(out, 'releases', String(release)))).sort()).toEqual(['generic', 'oracle-hdl', 'successfactors', 'workday'])
    const sf = await readManifest(path.join(out, 'releases', String(release), 'successfactors'))
    expect(sf.heldBackRoles).toEqual([{ file: '02_job_classification.csv', column: 'name', roleCode: 'A.1', length: 120, maxLength: 90 }])
    const rows = await readTwoHeaderFile(path.join(out, 'releases', String(release), 'successfactors', '02_job_classification.csv'))
    expect(rows.records.map((r) => r.externalCode)).toEqual(['B.1'])
    // Held back from every file of the profile, so the files stay consistent with each other.
    const mapping = await readExported(path.join(out, 'releases', String(release), 'successfactors', '04_jpb_job_code_mapping.csv'))
    expect(mapping.records.map((r) => r.JOBCODE)).toEqual(['B.1'])
    expect((await readManifest(path.join(out, 'releases', String(release), 'workday'))).heldBackRoles).toBeUndefined()
    expect(exportSummaries(result).find((s) => s.profile === 'successfactors')).toMatchObject({ heldBackRoles: ['A.1'] })
  })

  it('orders rows by code point whatever the database collation, as deltas and re-exports rely on', async () => {
    await publish(t.db, [roleProfile('b.1'), roleProfile('a-2.1'), roleProfile('B.1'), roleProfile('a.1'), roleProfile('a2.1')])
    await exportRelease(t.db, { outDir: out, profiles: [findExportProfile('successfactors')] })
    const rows = await readTwoHeaderFile(path.join(out, 'releases', '1', 'successfactors', '02_job_classification.csv'))
    expect(rows.records.map((r) => r.externalCode)).toEqual(['B.1', 'a-2.1', 'a.1', 'a2.1', 'b.1'])
  })

  it('says what to do when there is no release, no such release, or a delta base that is not earlier', async () => {
    await expect(exportRelease(t.db, { outDir: out })).rejects.toThrow('there is no release to export yet; run `canon build` first')
    const release = await publish(t.db, [roleProfile('A.1')])
    await expect(exportRelease(t.db, { outDir: out, release: 9 })).rejects.toThrow('there is no release 9')
    await expect(exportRelease(t.db, { outDir: out, since: release })).rejects.toThrow('a delta compares with an earlier release')
  })

  it('as the pipeline step, exports a published release in every profile and moves out/latest', async () => {
    const release = await publish(t.db, [roleProfile('A.1')])
    await exportForPipeline(t.db, { outDir: out, release, since: null, profiles: ['generic', 'workday', 'successfactors'], mode: null, log: silentLogger })
    expect((await readdir(path.join(out, 'releases', String(release)))).sort()).toEqual(['generic', 'successfactors', 'workday'])
    expect(await readlink(path.join(out, 'latest'))).toBe(path.join('releases', String(release)))
    expect((await readManifest(path.join(out, 'latest', 'workday'))).eol).toBe('crlf')
  })

  it('as the pipeline step, reports each profile written with its folder, files and rows', async () => {
    const first = await publish(t.db, [roleProfile('A.1'), roleProfile('B.1')])
    const second = await publish(t.db, [roleProfile('A.1'), roleProfile('C.1')])
    const summaries = await exportForPipeline(t.db, {
      outDir: out,
      release: second,
      since: first,
      profiles: ['workday', 'successfactors'],
      mode: null,
      log: silentLogger,
    })
    expect(summaries).toEqual([
      {
        release: second,
        since: first,
        profile: 'workday',
        dir: path.join(out, 'releases', String(second), `since-${first}`, 'workday'),
        files: 9,
        rows: 13,
        heldBackCodes: { rejected: 2 },
      },
      {
        release: second,
        since: first,
        profile: 'successfactors',
        dir: path.join(out, 'releases', String(second), `since-${first}`, 'successfactors'),
        files: 5,
        rows: 8,
      },
    ])
  })
})
