import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildClassifierIndex, type ClassifierIndex, classifierReference } from '../../src/classify/classifier-index.js'
import { classifyTitle } from '../../src/classify/classify-title.js'
import {
  indexFromSnapshot,
  loadOrBuildIndex,
  loadOrReadReference,
  pack,
  readIndexSnapshot,
  readReferenceSnapshot,
  readSharedIndexSnapshot,
  referenceSnapshotFile,
  snapshotFile,
  unpack,
  writeIndexSnapshot,
} from '../../src/classify/index-snapshot.js'
import type { ReferenceData } from '../../src/model/index.js'
import { readReference } from '../../src/reference/read-reference.js'

describe('pack and unpack', () => {
  it('give back maps, lists of objects and typed arrays as they were, typed arrays as views into one buffer', () => {
    const value = {
      postings: new Map([
        [1, new Int32Array([1, 2])],
        [7, new Int32Array([])],
        [9, new Int32Array([3])],
      ]),
      rows: [
        { label: 'a', tokens: new Float64Array([0.5]), code: 3, missing: undefined },
        { label: 'b', tokens: new Float64Array([1, 2]), code: 4, missing: undefined },
      ],
      mixed: [new Int32Array([1]), new Float64Array([2])],
      exact: new Map([['x y', [1, 2]]]),
      plain: { n: 1, list: ['p', 'q'], nested: { flag: true } },
    }
    const back = unpack(pack(value)) as typeof value
    expect(back).toEqual(value)
    expect(back.postings.get(1)!.buffer).toBe(back.postings.get(9)!.buffer)
    expect(back.mixed[1]).toBeInstanceOf(Float64Array)
  })
})

describe('the classifier index snapshot', () => {
  let dir = ''
  let reference: ReferenceData
  let index: ClassifierIndex
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-snapshot-'))
    reference = await readReference(path.resolve('raw/reference'))
    index = buildClassifierIndex(reference)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('holds an index that codes titles exactly as the one it was written from', async () => {
    const file = path.join(dir, 'index.v8')
    await writeIndexSnapshot(file, index)
    const loaded = (await readIndexSnapshot(file, reference))!
    expect(loaded.reference).toBe(reference)
    // Title entries are read from the shared block's columns: the same fields as the built ones, every one of them.
    const fields = ({ label, source, weight, code, onetCode, head }: (typeof index.entries)[number]) => ({ label, source, weight, code, onetCode, head })
    expect(loaded.entries.map(fields)).toEqual(index.entries.map(fields))
    expect([...loaded.postings.keys()]).toEqual([...index.postings.keys()])
    expect(loaded.scratch.length).toBe(index.scratch.length)
    const titles = [
      'Registered Nurse',
      'DevOps Engineer',
      'Roofer Helper',
      'Supervisor of Roofers',
      'Backend Engineering Level 1',
      'Payroll Clerk',
      'Forklift Operator',
      'Xqzv Blorp',
    ]
    for (const title of titles) {
      expect(classifyTitle(loaded, { title, description: 'Builds and runs services' })).toEqual(
        classifyTitle(index, { title, description: 'Builds and runs services' }),
      )
    }
  })

  it('is read into shared memory once: two indexes made of it share its numbers, keep their own scratch buffers and code as the built one', async () => {
    const file = path.join(dir, 'shared.v8')
    await writeIndexSnapshot(file, index)
    const shared = readSharedIndexSnapshot(file)!
    expect(shared.block).toBeInstanceOf(SharedArrayBuffer)
    const first = indexFromSnapshot(shared, { dir: '/elsewhere/reference' })!
    const second = indexFromSnapshot(shared, reference)!
    expect(first.postings.get(first.vocabulary.get('nurse')!)!.buffer).toBe(shared.block)
    expect(first.taskIndex.weights.buffer).toBe(shared.block)
    expect(second.taskIndex.weights.buffer).toBe(shared.block)
    expect(first.scratch).not.toBe(second.scratch)
    expect(first.esco.scratch.buffer).not.toBe(second.esco.scratch.buffer)
    expect(first.scratch.buffer).not.toBeInstanceOf(SharedArrayBuffer)
    // Maps by token id are read from the packed arrays: the same entries, in the same order, as the built maps.
    expect(new Map(first.postings)).toEqual(index.postings)
    expect(new Map(first.tokenShare)).toEqual(index.tokenShare)
    expect(first.headShare.size).toBe(index.headShare.size)
    expect(first.textDocs.codes.get(-1)).toBeUndefined()
    expect(first.textDocs.codes.has(1_000_000)).toBe(false)
    // Maps from strings are read from the block too: the same keys in the same order, the same values.
    for (const map of ['vocabulary', 'textVocabulary', 'exact', 'compounds', 'trigramTokens'] as const) {
      expect(first[map]).not.toBeInstanceOf(Map)
      expect([...first[map]].map(([key, value]) => [key, typeof value === 'number' ? value : [...value]])).toEqual(
        [...index[map]].map(([key, value]) => [key, typeof value === 'number' ? value : [...value]]),
      )
    }
    expect((first.exact.get('registered nurse') as Int32Array).buffer).toBe(shared.block)
    expect(first.vocabulary.get('no such word')).toBeUndefined()
    expect(first.compounds.has('nurse')).toBe(false)
    expect(first.esco.vocabulary.get('nurse')).toBe(index.esco.vocabulary.get('nurse'))
    expect(first.workIndex.vocabulary.size).toBe(index.workIndex.vocabulary.size)
    // Without the reference data, the index holds what classifying reads of it, as if read from the folder given.
    expect(first.reference.dir).toBe('/elsewhere/reference')
    expect(first.reference.soc).toEqual(reference.soc)
    expect(first.reference.tasks).toEqual(reference.tasks)
    expect(() => first.reference.alternateTitles).toThrow(/reference\.alternateTitles is not kept for classifying/)
    const input = { title: 'Staff Nurse', description: 'Cares for patients and keeps their records' }
    expect(classifyTitle(first, input)).toEqual(classifyTitle(index, input))
    expect(classifyTitle(second, input)).toEqual(classifyTitle(index, input))
    expect(readSharedIndexSnapshot(path.join(dir, 'none.v8'))).toBeNull()
    await writeFile(path.join(dir, 'bad.v8'), 'not a snapshot at all')
    expect(() => readSharedIndexSnapshot(path.join(dir, 'bad.v8'))).toThrow(/is not a classifier index snapshot/)
  })

  it('keeps for classify workers only the reference data classifying reads; the rest throws when read instead of reading as empty', () => {
    const kept = classifierReference(reference)
    expect(kept.onetBySoc).toBe(reference.onetBySoc)
    expect(() => kept.escoOccupations).toThrow(/CLASSIFIER_REFERENCE_FIELDS/)
  })

  it('is rebuilt when unreadable, read when present, and replaces the snapshots of other versions', async () => {
    const warnings: string[] = []
    const warn = (message: string) => void warnings.push(message)
    await writeFile(snapshotFile(dir, 'old-version'), 'stale')
    const file = snapshotFile(dir, 'v1')
    await writeFile(file, 'not a snapshot')
    const rebuilt = await loadOrBuildIndex(reference, file, warn)
    expect(rebuilt.entries.length).toBe(index.entries.length)
    expect(warnings).toEqual([expect.stringMatching(/^the classifier index snapshot .* could not be read \(.*\); building the index$/)])
    expect((await readdir(dir)).filter((name) => name.startsWith('classifier-index-'))).toEqual([path.basename(file)])
    const read = await loadOrBuildIndex(reference, file, warn)
    expect(read).not.toBe(rebuilt)
    expect(read.entries.length).toBe(index.entries.length)
    expect(warnings).toHaveLength(1)
    expect(await readIndexSnapshot(snapshotFile(dir, 'missing'), reference)).toBeNull()
  })

  it('keeps the reference data too: read once from the tables, then from the snapshot, as if read from the folder given', async () => {
    const warnings: string[] = []
    const warn = (message: string) => void warnings.push(message)
    const file = referenceSnapshotFile(dir, 'ref-v1')
    await writeFile(file, 'not a snapshot')
    const read = await loadOrReadReference(path.resolve('raw/reference'), file, warn)
    expect(warnings).toEqual([expect.stringMatching(/^the reference snapshot .* could not be read/)])
    expect(read.soc.size).toBe(reference.soc.size)
    const again = await loadOrReadReference('/elsewhere/reference', file, warn)
    expect(warnings).toHaveLength(1)
    expect(again.dir).toBe('/elsewhere/reference')
    expect(again.soc).toEqual(reference.soc)
    expect(again.alternateTitlesBySoc.get('15-1252')).toEqual(reference.alternateTitlesBySoc.get('15-1252'))
    expect((await readReferenceSnapshot(file, 'x')).escoOccupations.length).toBe(reference.escoOccupations.length)
  })
})
