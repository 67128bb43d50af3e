import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonDb } from '../../src/db/open.js'
import { effectiveDateOf, exportRelease } from '../../src/export/export-release.js'
import { exportProfiles } from '../../src/export/profiles/index.js'
import { exportTargets } from '../../src/export/targets.js'
import { writeExport } from '../../src/export/write-export.js'
import type { ExportRole, RoleProfile } from '../../src/model/index.js'
import { getRelease, readReleaseProfiles } from '../../src/store/index.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { loadProfiles } from '../helpers/load.js'
import { readExported } from '../helpers/export-csv-files.js'
import { mergeDelta } from '../helpers/export-merge-delta.js'
import { roleProfile } from '../helpers/export-roles.js'

async function publish(db: CanonDb, profiles: RoleProfile[]): Promise<number> {
  const { published } = await loadProfiles(db, profiles)
  if (published === null) throw new Error('nothing was published')
  return published
}

/** A release's roles read in full, as the merge-based delta read them (version number as content key). */
async function* fullRelease(db: CanonDb, release: number): AsyncGenerator<ExportRole> {
  for await (const row of readReleaseProfiles(db, release)) yield { profile: row.profile, state: row.state, contentKey: String(row.version) }
}

/** Every file of every profile folder under `dir`, as bytes in base64, keyed by `profile/file`. */
async function folderBytes(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const profile of (await readdir(dir)).sort()) {
    for (const name of (await readdir(path.join(dir, profile))).sort()) {
      files[`${profile}/${name}`] = (await readFile(path.join(dir, profile, name))).toString('base64')
    }
  }
  return files
}

let out: string
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'canon-delta-'))
})
afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe.each(testBackends)('delta export on %s', (backend) => {
  const t = useTestDatabase(backend)
  const now = () => new Date('2026-11-26T02:00:00Z')

  it('writes byte for byte what the merge of both releases wrote, for added, changed, removed, revived and unchanged roles', async () => {
    const r1 = await publish(t.db, [roleProfile('A.1'), roleProfile('B.1'), roleProfile('C.1'), roleProfile('D.1'), roleProfile('G.1')])
    // B changed, C removed, E added; A, D and G unchanged.
    const r2 = await publish(t.db, [roleProfile('A.1'), roleProfile('B.1', { summary: 'v2' }), roleProfile('D.1'), roleProfile('E.1'), roleProfile('G.1')])
    // C revived as it was, D changed, E and G removed, F added.
    const r3 = await publish(t.db, [
      roleProfile('A.1'),
      roleProfile('B.1', { summary: 'v2' }),
      roleProfile('C.1'),
      roleProfile('D.1', { title: 'Renamed' }),
      roleProfile('F.1'),
    ])
    // E and G stay removed; C changes after its revival.
    const r4 = await publish(t.db, [
      roleProfile('A.1'),
      roleProfile('B.1', { summary: 'v2' }),
      roleProfile('C.1', { summary: 'v2' }),
      roleProfile('D.1', { title: 'Renamed' }),
      roleProfile('F.1'),
    ])

    const pairs: [number, number][] = [
      [r1, r2],
      [r2, r3],
      [r1, r3],
      [r3, r4],
      [r1, r4],
      [r2, r4],
    ]
    for (const [since, release] of pairs) {
      const info = (await getRelease(t.db, release))!
      const oracleDir = path.join(out, 'oracle')
      const outcomes = await writeExport({
        snapshot: { release, createdAt: info.createdAt, effectiveDate: effectiveDateOf(info.createdAt) },
        roles: mergeDelta(fullRelease(t.db, since), fullRelease(t.db, release)),
        targets: exportTargets({ outDir: oracleDir, release, since, profiles: exportProfiles }),
        eol: 'crlf',
        bom: false,
        since,
        now,
      })
      expect(outcomes.every((o) => o.ok)).toBe(true)
      await exportRelease(t.db, { outDir: out, release, since, now })
      const folder = path.join('releases', String(release), `since-${since}`)
      const written = await folderBytes(path.join(out, folder))
      expect(Object.keys(written)).toHaveLength(11)
      expect(written, `delta ${since} → ${release}`).toEqual(await folderBytes(path.join(oracleDir, folder)))
    }

    const changes = async (since: number, release: number) => {
      const rows = await readExported(path.join(out, 'releases', String(release), `since-${since}`, 'generic', 'job_profiles.csv'))
      return rows.records.map((r) => [r.code, r.change])
    }
    expect(await changes(r1, r2)).toEqual([
      ['B.1', 'changed'],
      ['C.1', 'removed'],
      ['E.1', 'added'],
    ])
    expect(await changes(r2, r3)).toEqual([
      ['C.1', 'added'],
      ['D.1', 'changed'],
      ['E.1', 'removed'],
      ['F.1', 'added'],
      ['G.1', 'removed'],
    ])
    expect(await changes(r3, r4)).toEqual([['C.1', 'changed']])
    expect(await changes(r1, r4)).toEqual([
      ['B.1', 'changed'],
      ['C.1', 'changed'],
      ['D.1', 'changed'],
      ['F.1', 'added'],
      ['G.1', 'removed'],
    ])
  })

  it('writes header-only files when a role came and went between the two releases', async () => {
    const r1 = await publish(t.db, [roleProfile('A.1')])
    await publish(t.db, [roleProfile('A.1'), roleProfile('B.1')])
    const r3 = await publish(t.db, [roleProfile('A.1')])
    const result = await exportRelease(t.db, { outDir: out, release: r3, since: r1 })
    expect(result.outcomes.every((o) => o.ok && o.manifest.files.every((f) => f.rows === 0))).toBe(true)
  })
})
