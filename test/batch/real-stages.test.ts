import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fingerprintFiles, realStages } from '../../src/batch/real-stages.js'

describe('the reference version of realStages', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-fingerprints-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is remembered by the files stat in the cache folder, and changes when a file changes even with its size and modification time kept', async () => {
    const reference = path.join(dir, 'reference')
    const cache = path.join(dir, 'cache')
    const table = path.join(reference, 'soc', 'table.tsv')
    await rm(reference, { recursive: true, force: true })
    await mkdir(path.dirname(table), { recursive: true })
    await writeFile(table, 'code\ttitle\n11-1011\tChief Executives\n')
    const stages = await realStages({ indexCacheDir: cache, seedDir: null })
    const first = await stages.referenceVersion(reference)
    expect(first).toBe(await fingerprintFiles(reference))
    expect(await readFile(path.join(cache, 'fingerprints.json'), 'utf8')).toContain(first)
    // Remembered: a new set of stages (the next build) gives it without reading the files (not told apart here
    // from reading them, but the memo is what it returns: the same value).
    expect(await (await realStages({ indexCacheDir: cache, seedDir: null })).referenceVersion(reference)).toBe(first)
    // Same size, same modification time, other bytes: the change time differs, so the fingerprint is computed anew.
    const before = await stat(table)
    await writeFile(table, 'code\ttitle\n11-1011\tChief Executivez\n')
    await utimes(table, before.atime, before.mtime)
    const second = await (await realStages({ indexCacheDir: cache, seedDir: null })).referenceVersion(reference)
    expect(second).not.toBe(first)
    expect(second).toBe(await fingerprintFiles(reference))
    // Without a cache folder, nothing is remembered and the fingerprint is the contents'.
    expect(await (await realStages({ seedDir: null })).referenceVersion(reference)).toBe(second)
  })
})
