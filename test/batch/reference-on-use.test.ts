import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { realStages } from '../../src/batch/real-stages.js'
import { isReferenceRead, referenceOnUse } from '../../src/batch/reference-on-use.js'
import { silentLogger } from '../../src/log/logger.js'
import type { Classification, ClassificationCache, ReferenceData } from '../../src/model/index.js'
import { repoRoot, seedRole } from '../helpers/pages.js'

describe('reference data read on first use', () => {
  it('is read once, when a field other than its folder is first read, and is then the data read', () => {
    let reads = 0
    const data = { dir: 'elsewhere', soc: new Map([['15-1252', { code: '15-1252' }]]), tasks: [] } as unknown as ReferenceData
    const reference = referenceOnUse('raw/reference', () => {
      reads += 1
      return data
    })
    expect(reference.dir).toBe('raw/reference')
    expect(reads).toBe(0)
    expect(isReferenceRead(reference)).toBe(false)
    expect(reference.soc).toBe(data.soc)
    expect(reference.tasks).toBe(data.tasks)
    expect(reads).toBe(1)
    expect(isReferenceRead(reference)).toBe(true)
    expect(reference.dir).toBe('raw/reference')
  })

  it('fails the read of a field, and reads again on the next, when reading the data throws', () => {
    let reads = 0
    const reference = referenceOnUse('raw/reference', () => {
      reads += 1
      throw new Error('cut short')
    })
    expect(() => reference.soc).toThrow('cut short')
    expect(() => reference.onetBySoc).toThrow('cut short')
    expect(reads).toBe(2)
    expect(isReferenceRead(reference)).toBe(false)
  })
})

/** A classification cache in memory. */
function memoryCache(): ClassificationCache {
  const entries = new Map<string, Classification[]>()
  return {
    read: async (keys) => new Map(keys.flatMap((key) => (entries.has(key) ? [[key, entries.get(key)!] as const] : []))),
    write: async (_version, written) => {
      for (const [key, rows] of written) entries.set(key, rows)
    },
  }
}

describe('the real stages with reference snapshots in their cache folder', () => {
  const referenceDir = path.join(repoRoot, 'raw', 'reference')
  let cacheDir = ''
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'canon-reference-on-use-'))
  })
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true })
  })

  it('code roles and score their aliases from the index snapshot and the titles table, without reading the reference data, as with it', async () => {
    const roles = [seedRole(), { ...seedRole(), code: 'EDE.GEN.P4', title: 'Senior DevOps Engineer' }]
    // A first build: the snapshots are copied from the install's (or written), the reference data is read.
    const first = await realStages({ indexCacheDir: cacheDir })
    const version = await first.referenceVersion(referenceDir)
    // A build of every role: read whole, at once.
    const read = await first.readReference(referenceDir, version, silentLogger)
    expect(isReferenceRead(read)).toBe(true)
    expect(read.soc.size).toBeGreaterThan(1000)
    const codedWith = await first.classifyRoles(roles, read, silentLogger, { cache: memoryCache(), referenceVersion: version })
    expect(codedWith.ok.every((role) => role.classifications.some((row) => row.system === 'SOC2018'))).toBe(true)
    const scoredWith = first.scoreAliases(codedWith.ok, read, [])
    expect(JSON.stringify(scoredWith.roles)).toContain('O*NET ')
    expect((await readdir(cacheDir)).filter((name) => name.startsWith('reference-titles-'))).toHaveLength(1)

    // A rebuild of what changed: nothing of the reference data is read to code and score the same roles.
    const next = await realStages({ indexCacheDir: cacheDir })
    const onUse = await next.readReference(referenceDir, version, silentLogger, { onUse: true })
    expect(isReferenceRead(onUse)).toBe(false)
    const codedWithout = await next.classifyRoles(roles, onUse, silentLogger, { cache: memoryCache(), referenceVersion: version })
    const scoredWithout = next.scoreAliases(codedWithout.ok, onUse, [])
    expect(isReferenceRead(onUse)).toBe(false)
    expect(codedWithout.ok).toEqual(codedWith.ok)
    expect(scoredWithout.roles).toEqual(scoredWith.roles)
    expect(scoredWithout.conflicts).toEqual(scoredWith.conflicts)
    // Read when a field is wanted, as the snapshot holds it.
    expect(onUse.soc.get('15-1252')).toEqual(read.soc.get('15-1252'))
    expect(isReferenceRead(onUse)).toBe(true)
  })
})
