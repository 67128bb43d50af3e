// Flags checked before any work: a value canon cannot use is bad usage (exit 2) with a message saying what to
// give instead, and a dry run writes nothing anywhere.

import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli.js'
import { ExitCode } from '../../src/exit-codes.js'

let dir = ''
const reference = path.resolve('raw/reference')

async function canon(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: {}, cwd: dir, isTty: false })
  return { code, stdout, stderr }
}

describe('the command line refuses what it cannot use', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-usage-'))
    await mkdir(path.join(dir, 'raw', 'pages'), { recursive: true })
    await cp(path.resolve('raw/pages/dropbox/ic3_software_engineer.html'), path.join(dir, 'raw', 'pages', 'ic3.html'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('prints its version with --version and exits 0', async () => {
    const manifest = JSON.parse(await readFile(path.resolve('package.json'), 'utf8')) as { version: string }
    const result = await canon('--version')
    expect(result.code).toBe(ExitCode.ok)
    expect(result.stdout.trim()).toBe(manifest.version)
  })

  it('takes --db only as a Postgres URL, and points a folder to --data-dir', async () => {
    const result = await canon('build', '--db', '/some/folder', '--reference', reference)
    expect(result.code).toBe(ExitCode.usage)
    expect(result.stderr).toContain('--db must be a Postgres server URL (postgres://user@host:5432/database), not "/some/folder"')
    expect(result.stderr).toContain('use --data-dir /some/folder')
    expect(existsSync(path.join(dir, '.canon'))).toBe(false)
    const fromEnv = await main(['releases'], { stdout: () => {}, stderr: () => {}, env: { DATABASE_URL: 'mysql://h/db' }, cwd: dir, isTty: false })
    expect(fromEnv).toBe(ExitCode.usage)
  })

  it('rejects log formats, counts and release numbers it does not know', async () => {
    expect((await canon('build', '--log', 'xml')).code).toBe(ExitCode.usage)
    expect((await canon('runs', '--limit', '99999999999999999999')).code).toBe(ExitCode.usage)
    expect((await canon('runs', '--limit', '0')).code).toBe(ExitCode.usage)
    expect((await canon('export', '--release', 'latest')).code).toBe(ExitCode.usage)
    expect((await canon('build', '--workers', 'two')).code).toBe(ExitCode.usage)
  })

  it('plans a dry run on a new embedded database without creating it, the cache or out/', async () => {
    const result = await canon('build', '--dry-run', '--reference', reference, '--workers', '0')
    expect(result.code).toBe(ExitCode.ok)
    const plan = JSON.parse(result.stdout) as { baseRelease: number | null; versions: { code: string }[] }
    expect(plan.baseRelease).toBeNull()
    expect(plan.versions.length).toBe(1)
    expect((await readdir(dir)).sort()).toEqual(['raw'])
  }, 120_000)
})
