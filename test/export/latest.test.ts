import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { latestRelease, pointLatest } from '../../src/export/latest.js'

let out: string
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'canon-latest-'))
})
afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe('out/latest', () => {
  it('only moves forward: an export of release 1 finishing after release 2 was pointed at leaves it on 2', async () => {
    expect(await latestRelease(out)).toBeNull()
    expect(await pointLatest(out, 2)).toEqual({ symlink: true, moved: true })
    expect(await pointLatest(out, 1)).toEqual({ symlink: true, moved: false })
    expect(await readlink(path.join(out, 'latest'))).toBe(path.join('releases', '2'))
    expect(JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8'))).toEqual({ release: 2, path: 'releases/2' })
    expect(await pointLatest(out, 3)).toMatchObject({ moved: true })
    expect(await latestRelease(out)).toBe(3)
  })
})
