import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { main } from '../../src/cli.js'
import type { CliIo } from '../../src/cli.js'
import { openDatabase } from '../../src/db/open.js'
import { loadProfiles } from '../helpers/load.js'
import { readExported, readManifest } from '../helpers/export-csv-files.js'
import { roleProfile } from '../helpers/export-roles.js'

let work: string
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'canon-export-cli-'))
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

/** An embedded database on disk holding one release of `codes`, closed again so the CLI can open it. */
async function databaseWithRelease(codes: string[], title?: string): Promise<string> {
  const dataDir = path.join(work, 'db')
  const db = await openDatabase({ dataDir, template: new Blob([await readFile(inject('pgliteTemplate'))]) })
  try {
    await loadProfiles(
      db,
      codes.map((code) => roleProfile(code, title ? { title } : {})),
    )
  } finally {
    await db.destroy()
  }
  return dataDir
}

async function canon(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: work, isTty: false }
  const code = await main(args, io)
  return { code, stdout, stderr }
}

describe('canon export', () => {
  it('writes the chosen profiles with the chosen line ending, BOM and mode, and says where', async () => {
    await databaseWithRelease(['A.1', 'B.1'])
    const result = await canon([
      'export',
      '--data-dir',
      'db',
      '--out',
      'exports',
      '--profile',
      'workday,successfactors',
      '--eol',
      'lf',
      '--bom',
      '--mode',
      'spreadsheet',
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`workday: ${path.join(work, 'exports', 'releases', '1', 'workday')} (2 files, 4 rows, spreadsheet mode)`)
    expect(result.stdout).toContain('successfactors:')
    const manifest = await readManifest(path.join(work, 'exports', 'releases', '1', 'successfactors'))
    expect(manifest).toMatchObject({ release: 1, mode: 'spreadsheet', eol: 'lf', bom: true, since: null })
    const bytes = await readFile(path.join(work, 'exports', 'releases', '1', 'successfactors', 'job_classification.csv'))
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.includes('\r\n')).toBe(false)
    const viaLatest = await readExported(path.join(work, 'exports', 'latest', 'workday', 'job_profiles.csv'))
    expect(viaLatest.records.map((r) => r.job_code)).toEqual(['A.1', 'B.1'])
  })

  it('exits 3 naming the role held back when a SuccessFactors value is too long; every profile is written', async () => {
    await databaseWithRelease(['A.1'], 'T'.repeat(95))
    const result = await canon(['export', '--data-dir', 'db'])
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('successfactors: held back A.1: job_classification.csv name is 95 characters (limit 90)')
    expect(result.stdout).toContain('generic:')
    expect(result.stdout).toContain('workday:')
    expect(result.stdout).toContain('successfactors:')
  })

  it('exits 2 for an unknown profile, a bad release number or a missing database', async () => {
    await databaseWithRelease(['A.1'])
    const unknown = await canon(['export', '--data-dir', 'db', '--profile', 'oracle'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown export profile "oracle"; expected one of: generic, workday, successfactors')
    expect((await canon(['export', '--data-dir', 'db', '--release', 'latest'])).code).toBe(2)
    expect((await canon(['export', '--data-dir', 'db', '--mode', 'excel'])).code).toBe(2)
    const missing = await canon(['export', '--data-dir', 'nowhere'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('there is no canon database at')
  })
})
