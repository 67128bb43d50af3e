import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findExportProfile, exportProfiles } from '../../src/export/profiles/index.js'
import { exportTargets } from '../../src/export/targets.js'
import { writeExport, type ExportRequest } from '../../src/export/write-export.js'
import type { ExportMode, ExportRole } from '../../src/model/index.js'
import { readExported, readManifest, readTwoHeaderFile } from '../helpers/export-csv-files.js'
import { expectConformsToTemplate } from '../helpers/export-templates.js'
import { expectFolderHolds } from '../helpers/export-round-trip.js'
import { active, roleProfile, snapshot, streamOf } from '../helpers/export-roles.js'

// The process umask, read once by setting and restoring it (reading it alone is deprecated).
const umask = process.umask(0o022)
process.umask(umask)

let out: string
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'canon-export-'))
})
afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

const hostile = roleProfile('ZZZ.INJ.P1', {
  title: '=HYPERLINK("http://evil.example","click")',
  aliases: [
    {
      text: '@SUM(1+1)*cmd|" /C calc"!A0',
      key: 'sum',
      variants: [],
      type: 'common',
      confidence: 0.5,
      band: 'medium',
      approved: false,
      evidence: [],
    },
  ],
})

const tricky = roleProfile('AAA.TRK.P2', {
  title: 'Ingénieur·e DevOps, "Plattform" – Zürich',
  summary: 'Line one, with comma\r\nLine two "quoted"\nLine three — 日本語 😀',
  components: [{ kind: 'skill', text: ' leading and trailing spaces ', tags: ['a,b', 'c"d'] }],
})

// The middle role carries the adjacent roles a build computed (job_adjacency.csv), one with a hostile title.
const withNeighbours: ExportRole = {
  ...active(roleProfile('EDE.GEN.P3')),
  neighbours: [
    { code: tricky.code, title: tricky.title, distance: 0.25, band: 'high', kind: 'lateral' },
    { code: hostile.code, title: hostile.title, distance: 0.512, band: 'low', kind: 'related' },
  ],
}
const roles: ExportRole[] = [active(tricky), withNeighbours, active(hostile)]

function request(overrides: Partial<ExportRequest> & { mode?: ExportMode; profiles?: string[] } = {}): ExportRequest {
  const profiles = (overrides.profiles ?? exportProfiles.map((p) => p.name)).map(findExportProfile)
  return {
    snapshot,
    roles: streamOf(roles),
    targets: exportTargets({ outDir: out, release: snapshot.release, since: null, profiles, mode: overrides.mode }),
    eol: 'lf',
    bom: false,
    since: null,
    now: () => new Date('2026-11-03T00:00:00Z'),
    ...overrides,
  }
}

const dirOf = (profile: string) => path.join(out, 'releases', '3', profile)

async function filesIn(dir: string): Promise<Record<string, Buffer>> {
  const names = (await readdir(dir)).filter((n) => n !== 'manifest.json').sort()
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n))] as const)))
}

describe('writeExport', () => {
  it('writes every profile to out/releases/<N>/<profile>/: generic round-trips every field, HRIS files fit their templates', async () => {
    const outcomes = await writeExport(request({ mode: 'import' }))
    expect(outcomes.map((o) => [o.profile, o.ok])).toEqual([
      ['generic', true],
      ['workday', true],
      ['successfactors', true],
      ['oracle-hdl', true],
    ])
    await expectFolderHolds(dirOf('generic'), 'generic', roles, snapshot)
    await expectConformsToTemplate(dirOf('generic'), 'generic')
    for (const profile of ['workday', 'successfactors', 'oracle-hdl']) {
      const records = await expectConformsToTemplate(dirOf(profile), profile)
      const main = { workday: '07_put_job_profile.csv', successfactors: '02_job_classification.csv', 'oracle-hdl': 'Job.dat' }[profile]!
      const key = { workday: 'Job_Profile_ID', successfactors: 'externalCode', 'oracle-hdl': 'SourceSystemId' }[profile]!
      const codes = (records.get(main) ?? []).map((r) => r[key]).filter((code) => code !== '')
      expect(codes, `${profile}: one object per role`).toEqual(roles.map((r) => r.profile.code))
    }
  })

  it('records release, time, profile, mode and each file with its row count and SHA-256 in manifest.json', async () => {
    await writeExport(request({ profiles: ['generic'] }))
    const manifest = await readManifest(dirOf('generic'))
    expect(manifest).toMatchObject({
      format: 'canon-export/2',
      release: 3,
      releaseCreatedAt: '2026-11-02T09:30:00.000Z',
      effectiveDate: '2026-11-02',
      effectiveDatePolicy: 'publication',
      dateFormat: 'YYYY-MM-DD',
      encoding: 'utf-8',
      referenceVintages: { SOC: '2018', 'O*NET-SOC': '29.3' },
      includeUnreviewed: false,
      heldBackCodes: null,
      createdAt: '2026-11-03T00:00:00.000Z',
      profile: 'generic',
      mode: 'spreadsheet',
      eol: 'lf',
      bom: false,
      since: null,
    })
    const files = await filesIn(dirOf('generic'))
    expect(manifest.files).toEqual(
      ['job_profiles.csv', 'job_aliases.csv', 'job_components.csv', 'job_classifications.csv', 'job_adjacency.csv', 'datapackage.json'].map((name) => ({
        name,
        rows: {
          'job_profiles.csv': 3,
          'job_aliases.csv': 3,
          'job_components.csv': 7,
          'job_classifications.csv': 6,
          'job_adjacency.csv': 2,
          'datapackage.json': 0,
        }[name],
        bytes: files[name]!.length,
        sha256: createHash('sha256').update(files[name]!).digest('hex'),
        purpose: name === 'datapackage.json' ? 'schema' : 'data',
      })),
    )
  })

  it('gives byte-identical files when the same release is exported twice; only the manifest time differs', async () => {
    await writeExport(request({ now: () => new Date('2026-11-03T00:00:00Z') }))
    const first = await Promise.all(
      ['generic', 'workday', 'successfactors', 'oracle-hdl'].map(async (p) => [await filesIn(dirOf(p)), await readManifest(dirOf(p))] as const),
    )
    await writeExport(request({ roles: streamOf(roles), now: () => new Date('2026-12-24T12:00:00Z') }))
    for (const [i, p] of ['generic', 'workday', 'successfactors', 'oracle-hdl'].entries()) {
      const [files, manifest] = first[i]!
      expect(await filesIn(dirOf(p))).toEqual(files)
      expect({ ...(await readManifest(dirOf(p))), createdAt: manifest.createdAt }).toEqual(manifest)
    }
  })

  it('in import mode writes a title and alias starting with =HYPERLINK( and @SUM( verbatim', async () => {
    await writeExport(request({ mode: 'import', profiles: ['generic'] }))
    const profiles = await readExported(path.join(dirOf('generic'), 'job_profiles.csv'))
    const aliases = await readExported(path.join(dirOf('generic'), 'job_aliases.csv'))
    expect(profiles.records.find((r) => r.code === 'ZZZ.INJ.P1')?.title).toBe('=HYPERLINK("http://evil.example","click")')
    expect(aliases.records.find((r) => r.role_code === 'ZZZ.INJ.P1')?.text).toBe('@SUM(1+1)*cmd|" /C calc"!A0')
  })

  it('in spreadsheet mode neutralises that title and alias with a leading quote, and leaves numbers alone', async () => {
    await writeExport(request({ mode: 'spreadsheet', profiles: ['generic', 'workday'] }))
    const profiles = await readExported(path.join(dirOf('generic'), 'job_profiles.csv'))
    const aliases = await readExported(path.join(dirOf('generic'), 'job_aliases.csv'))
    const workday = await readTwoHeaderFile(path.join(dirOf('workday'), '07_put_job_profile.csv'))
    const injected = profiles.records.find((r) => r.code === 'ZZZ.INJ.P1')
    expect(injected?.title).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(injected?.confidence).toBe('0.7')
    expect(aliases.records.find((r) => r.role_code === 'ZZZ.INJ.P1')?.text).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`)
    expect(workday.records.find((r) => r.Job_Code === 'ZZZ.INJ.P1')?.Job_Title).toBe(`'=HYPERLINK("http://evil.example","click")`)
    // Nothing that was safe is touched.
    expect(profiles.records.find((r) => r.code === 'EDE.GEN.P3')?.title).toBe('Engineering – DevOps Engineering Professional EDE.GEN.P3')
  })

  it('writes Oracle HDL files verbatim whatever the mode asked: only a loader reads them', async () => {
    await writeExport(request({ mode: 'spreadsheet', profiles: ['oracle-hdl'] }))
    expect((await readManifest(dirOf('oracle-hdl'))).mode).toBe('import')
    const job = await readFile(path.join(dirOf('oracle-hdl'), 'Job.dat'), 'utf8')
    expect(job).toContain('|=HYPERLINK("http://evil.example","click")|')
  })

  it('writes CRLF line endings and a BOM only when asked, and never a BOM for SuccessFactors', async () => {
    await writeExport(request({ profiles: ['generic'] }))
    const plain = await readFile(path.join(dirOf('generic'), 'job_profiles.csv'))
    expect(plain.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false)
    expect(plain.toString('utf8').split('\n')[0]?.startsWith('code,title,function,')).toBe(true)

    await writeExport(request({ profiles: ['generic', 'successfactors'], eol: 'crlf', bom: true, mode: 'import' }))
    const excel = await readFile(path.join(dirOf('generic'), 'job_profiles.csv'))
    expect(excel.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true)
    const text = excel.toString('utf8')
    expect(text.slice(1).startsWith('code,title,function,')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    await expectFolderHolds(dirOf('generic'), 'generic', roles, snapshot)
    // The writer never puts one in a SuccessFactors file (exportRelease refuses --bom for it: a usage error).
    const sf = await readFile(path.join(dirOf('successfactors'), '02_job_classification.csv'), 'utf8')
    expect(sf.startsWith('externalCode,startDate,name,description,jobFunction,jobLevel,status\r\nCode,Start Date,Name,')).toBe(true)
    await expectConformsToTemplate(dirOf('successfactors'), 'successfactors')
    expect([(await readManifest(dirOf('generic'))).bom, (await readManifest(dirOf('successfactors'))).bom]).toEqual([true, false])
  })

  it('holds back from SuccessFactors only the roles whose values do not fit, listing every one in the manifest', async () => {
    const longName = roleProfile('LONG.NAME.P1', { title: 'N'.repeat(91) })
    const longCode = roleProfile(`CODE.${'X'.repeat(40)}`, { title: 'Code too long', summary: 'é'.repeat(4001) })
    const fits = roleProfile('OK.P1', { title: '😀'.repeat(90) })
    const outcomes = await writeExport(
      request({ profiles: ['generic', 'successfactors'], roles: streamOf([active(longCode), active(longName), active(fits)]) }),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, true])
    const sf = outcomes[1]
    if (sf?.ok !== true) throw new Error('successfactors should have been written')
    expect(sf.manifest.heldBackRoles?.map((v) => [v.roleCode, v.column, v.length, v.maxLength])).toEqual([
      [`CODE.${'X'.repeat(40)}`, 'externalCode', 45, 32],
      [`CODE.${'X'.repeat(40)}`, 'description', 4001, 4000],
      ['LONG.NAME.P1', 'name', 91, 90],
    ])
    const kept = await readTwoHeaderFile(path.join(dirOf('successfactors'), '02_job_classification.csv'))
    expect(kept.records.map((r) => r.externalCode)).toEqual(['OK.P1'])
    expect((await readManifest(dirOf('successfactors'))).heldBackRoles).toHaveLength(3)
    // The generic profile has no such limits: every role is there.
    expect((await readManifest(dirOf('generic'))).heldBackRoles).toBeUndefined()
    expect(await readdir(path.join(out, 'releases', '3'))).toEqual(['generic', 'successfactors'])
  })

  it('publishes folders other accounts can read, as the umask allows (not a private temporary folder)', async () => {
    await writeExport(request({ profiles: ['workday'] }))
    const mode = (await stat(dirOf('workday'))).mode & 0o777
    expect(mode).toBe(0o777 & ~umask)
  })

  it('keeps the previous export of a profile when a new one fails to be written', async () => {
    await writeExport(request({ profiles: ['successfactors'] }))
    const before = await filesIn(dirOf('successfactors'))
    async function* failing(): AsyncGenerator<ExportRole> {
      yield active(roleProfile('AAA.P1'))
      throw new Error('the database went away')
    }
    await expect(writeExport(request({ profiles: ['successfactors'], roles: failing() }))).rejects.toThrow('the database went away')
    expect(await filesIn(dirOf('successfactors'))).toEqual(before)
    expect(await readdir(path.join(out, 'releases', '3'))).toEqual(['successfactors'])
  })

  it('streams: rows reach the file while the release is still being read', async () => {
    const sizesSeen: number[] = []
    async function* manyRoles(): AsyncGenerator<ExportRole> {
      for (let i = 0; i < 3000; i++) {
        if (i === 2999) {
          // Before the last role is handed over, look at the file being written.
          const releaseDir = path.join(out, 'releases', '3')
          const [staging] = (await readdir(releaseDir)).filter((name) => name.startsWith('successfactors.partial-'))
          sizesSeen.push((await stat(path.join(releaseDir, staging!, '02_job_classification.csv'))).size)
        }
        yield active(roleProfile(`R.${String(i).padStart(5, '0')}`, { title: `Role ${i}` }))
      }
    }
    await writeExport(request({ profiles: ['successfactors'], roles: manyRoles() }))
    const finalSize = (await stat(path.join(dirOf('successfactors'), '02_job_classification.csv'))).size
    expect(sizesSeen[0]).toBeGreaterThan(finalSize / 2)
    expect(sizesSeen[0]).toBeLessThan(finalSize)
  })

  it('leaves no folder behind when reading the release fails midway', async () => {
    async function* failing(): AsyncGenerator<ExportRole> {
      yield active(roleProfile('A'))
      throw new Error('connection lost')
    }
    await expect(writeExport(request({ roles: failing() }))).rejects.toThrow('connection lost')
    expect(await readdir(path.join(out, 'releases', '3'))).toEqual([])
  })

  it('adds a change column to every generic file of a delta export; HRIS profiles keep their templates and list changes beside', async () => {
    const delta: ExportRole[] = [
      { ...active(roleProfile('A')), change: 'added' },
      { profile: roleProfile('B'), state: 'removed', change: 'removed' },
    ]
    const profiles = exportProfiles
    const outcomes = await writeExport(
      request({
        since: 2,
        roles: streamOf(delta),
        targets: exportTargets({ outDir: out, release: 3, since: 2, profiles }),
      }),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    const dir = path.join(out, 'releases', '3', 'since-2')
    await expectFolderHolds(path.join(dir, 'generic'), 'generic', delta, snapshot)
    for (const p of profiles) expect((await readManifest(path.join(dir, p.name))).since).toBe(2)
    for (const p of ['workday', 'successfactors', 'oracle-hdl']) {
      await expectConformsToTemplate(path.join(dir, p), p, { delta: true })
      const changes = await readExported(path.join(dir, p, 'changes.csv'))
      expect(changes.records).toEqual([
        { code: 'A', change: 'added' },
        { code: 'B', change: 'removed' },
      ])
    }
    const workday = await readTwoHeaderFile(path.join(dir, 'workday', '07_put_job_profile.csv'))
    expect(workday.headers).not.toContain('change')
    expect(workday.records.filter((r) => r.Job_Code !== '').map((r) => [r.Job_Code, r.Inactive])).toEqual([
      ['A', 'N'],
      ['B', 'Y'],
    ])
    // The Job Profile Builder mapping replaces every mapping on import: never sent in part.
    expect(await readdir(path.join(dir, 'successfactors'))).not.toContain('04_jpb_job_code_mapping.csv')
  })
})

describe('publishing a profile folder (fault cases)', () => {
  it('re-exporting the same files replaces only manifest.json: the folder is never missing', async () => {
    await writeExport(request({ profiles: ['workday'] }))
    const before = await filesIn(dirOf('workday'))
    const inode = (await stat(dirOf('workday'))).ino
    await writeExport(request({ profiles: ['workday'], now: () => new Date('2026-11-04T00:00:00Z') }))
    expect((await stat(dirOf('workday'))).ino).toBe(inode)
    expect(await filesIn(dirOf('workday'))).toEqual(before)
    expect((await readManifest(dirOf('workday'))).createdAt).toBe('2026-11-04T00:00:00.000Z')
    expect(await readdir(path.join(out, 'releases', '3'))).toEqual(['workday'])
  })

  it('an export killed between its two renames is undone by the next export; dead staging folders go', async () => {
    await writeExport(request({ profiles: ['workday'] }))
    const before = await filesIn(dirOf('workday'))
    // What a kill leaves: the old folder renamed aside, a staging folder of a process that no longer runs.
    const { rename, mkdir } = await import('node:fs/promises')
    await rename(dirOf('workday'), `${dirOf('workday')}.partial-999999999-abcd.replaced`)
    await mkdir(`${dirOf('workday')}.partial-999999999-ef01`)
    await writeExport(request({ profiles: ['successfactors'] }))
    await writeExport(request({ profiles: ['workday'], mode: 'spreadsheet', roles: streamOf([active(roleProfile('EDE.GEN.P3'))]) }))
    expect(await readdir(path.join(out, 'releases', '3'))).toEqual(['successfactors', 'workday'])
    expect(await filesIn(dirOf('workday'))).not.toEqual(before)
  })
})
