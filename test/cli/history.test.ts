// canon build / decide / diff / releases / runs through the command line, on the embedded database in a
// temporary folder, with real pages and the real reference data.

import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
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
  const code = await main(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { CANON_AUTHOR: 'ann' },
    cwd: dir,
    isTty: false,
  })
  return { code, stdout, stderr }
}

describe('the history commands over a real build', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-cli-'))
    await mkdir(path.join(dir, 'raw', 'pages'), { recursive: true })
    for (const page of ['dropbox/ic3_software_engineer.html', 'dropbox/ic4_software_engineer.html']) {
      await cp(path.resolve('raw/pages', page), path.join(dir, 'raw', 'pages', page))
    }
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('builds, rebuilds with nothing changed, records a decision, rebuilds, and shows the history and the diff', async () => {
    const build = () => canon('build', '--reference', reference, '--workers', '0', '--log', 'json')
    const first = await build()
    expect(first.code).toBe(ExitCode.ok)
    expect(first.stdout).toMatch(/^canon build: published release 1\n/)
    expect(first.stdout).toMatch(/ {2}roles +2 added, 0 changed, 0 removed, 0 unchanged\n/)

    const second = await build()
    expect(second.code).toBe(ExitCode.ok)
    expect(second.stdout).toMatch(/^canon build: nothing changed; release 1 is current\n/)
    expect(second.stdout).toMatch(/ {2}pages +2 seen, 0 parsed, 2 unchanged, 0 quarantined\n/)

    const added = JSON.parse((await canon('diff', '--json')).stdout) as { from: number | null; added: { code: string }[] }
    expect(added.from).toBeNull()
    const code = added.added[0]!.code
    const decided = await canon('decide', 'set-status', code, 'approved', '--reason', 'signed off')
    expect(decided).toMatchObject({ code: ExitCode.ok, stdout: expect.stringMatching(/^recorded decision db:1: set_status on .* by ann/) })
    expect((await canon('decide', 'set-status', code, 'finished')).code).toBe(ExitCode.usage)

    const third = await build()
    expect(third.stdout).toMatch(/^canon build: published release 2\n/)
    expect(third.stdout).toMatch(/ {2}roles +0 added, 1 changed, 0 removed, 1 unchanged\n/)

    const diff = JSON.parse((await canon('diff', '--json')).stdout) as { from: number; to: number; changed: { code: string; fields: string[] }[] }
    expect(diff).toMatchObject({ from: 1, to: 2, changed: [{ code, fields: ['status'] }] })
    expect((await canon('diff', '1', '2')).stdout).toContain(`~ ${code}`)
    expect((await canon('diff', '7')).code).toBe(ExitCode.usage)

    const releases = JSON.parse((await canon('releases', '--json')).stdout) as { number: number; isCurrent: boolean }[]
    expect(releases.map((release) => [release.number, release.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ])
    const runs = JSON.parse((await canon('runs', '--json')).stdout) as { id: number; status: string }[]
    expect(runs.map((run) => [run.id, run.status])).toEqual([
      [3, 'published'],
      [2, 'unchanged'],
      [1, 'published'],
    ])
    expect((await canon('runs')).stdout).toMatch(/^run\s+started/)
  }, 300_000)
})
