// Snapshots of the classifier index and of the reference data on disk, so a rebuild that codes a handful of
// roles loads the index in a fraction of the seconds it takes to build. The index is plain data (maps, arrays, typed arrays); its tens of
// thousands of small typed arrays are packed into a few large ones (each value a view into them) before V8's
// serializer writes it, because allocating one buffer per value is what makes a plain deserialize slow.
// The reference data is not in the snapshot (the caller has read it), and scratch buffers are made anew.
//
// An index snapshot is two parts in one file: the structure (V8-serialised: strings, keys, small values) and a
// block of every large typed array's bytes, which the structure points into. The block is read into a
// SharedArrayBuffer: the classify pool reads the file once and hands both parts to its workers, so the
// numbers (postings, weights, centroids: most of the index's bytes) are in memory once however many threads
// classify. Large maps from strings and the title entries are in the block too, in compact form (shared-tables.ts),
// read where they are instead of deserialised per thread. Nothing in the block is written after the index is
// built (scratch buffers are made per thread).

import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { ReferenceData } from '../model/index.js'
import { readReference } from '../reference/read-reference.js'
import { buildClassifierIndex, CLASSIFIER_REFERENCE_FIELDS, type ClassifierIndex, classifierReference } from './classifier-index.js'
import {
  hashTable,
  plainRows,
  plainValues,
  type RowColumn,
  rowColumn,
  rowViews,
  type StringColumn,
  StringMap,
  type StringMapValues,
  stringAt,
  listOffsets,
  stringColumn,
  stringMapValues,
} from './shared-tables.js'

type TypedArray = Int32Array | Float64Array | Uint8Array | Uint16Array

const FORMAT = 1
/**
 * The index snapshot's own format (3: structure, the reference data's part apart, and shared block; 4: large
 * string-keyed maps and lists of rows in compact form, in the block: shared-tables.ts).
 */
const INDEX_FORMAT = 4
/**
 * First bytes of an index snapshot: a tag, then the lengths (uint32, little-endian) of the structure and of the
 * reference data's part that follows it. The part is deserialised only by a thread without the reference data
 * (a classify worker): the thread that read the reference data skips its 4 MB.
 */
const MAGIC = 'canonix4'
const HEADER_BYTES = 16
/** Typed arrays of at least this many bytes go to the shared block; smaller ones stay in the structure. */
const BLOCK_MIN_BYTES = 1024

/** Where the snapshot of the index for classifier `version` lives under `dir`. */
export function snapshotFile(dir: string, version: string): string {
  return path.join(dir, `classifier-index-${createHash('sha256').update(version).digest('hex').slice(0, 16)}.v8`)
}

/**
 * The index for `reference` from the snapshot at `file`, or built (and then written there, replacing the
 * snapshots of other versions beside it). An unreadable snapshot is rebuilt; one that cannot be written
 * is reported through `warn` and the build goes on.
 */
export async function loadOrBuildIndex(reference: ReferenceData, file: string, warn: (message: string) => void): Promise<ClassifierIndex> {
  const loaded = await readIndexSnapshot(file, reference).catch((error: unknown) => {
    warn(`the classifier index snapshot ${file} could not be read (${error instanceof Error ? error.message : String(error)}); building the index`)
    return null
  })
  if (loaded) return loaded
  const index = buildClassifierIndex(reference)
  await saveIndexSnapshot(file, index).catch((error: unknown) =>
    warn(`could not write the classifier index snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`),
  )
  return index
}

/** Writes the snapshot and removes the snapshots of other versions in its folder. */
export async function saveIndexSnapshot(file: string, index: ClassifierIndex): Promise<void> {
  await writeIndexSnapshot(file, index)
  await removeOtherVersions(file, 'classifier-index-')
}

/** Where the snapshot of the reference data, as the reference loader `version` reads it, lives under `dir`. */
export function referenceSnapshotFile(dir: string, version: string): string {
  return path.join(dir, `reference-${createHash('sha256').update(version).digest('hex').slice(0, 16)}.v8`)
}

/**
 * The reference data in `referenceDir`, from the snapshot at `file` when there is one (V8's deserializer is
 * about twice as fast as parsing the tables again), else read and then written there. As for the index, an
 * unreadable snapshot is read afresh and a failed write is only reported.
 */
export async function loadOrReadReference(referenceDir: string, file: string, warn: (message: string) => void): Promise<ReferenceData> {
  const loaded = await referenceFromSnapshot(file, referenceDir).catch((error: unknown) => {
    warn(`the reference snapshot ${file} could not be read (${error instanceof Error ? error.message : String(error)}); reading ${referenceDir}`)
    return null
  })
  if (loaded) return loaded
  const reference = await readReference(referenceDir)
  try {
    await writeAtomically(file, serialize({ format: FORMAT, reference }))
    await removeOtherVersions(file, 'reference-')
  } catch (error) {
    warn(`could not write the reference snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return reference
}

/** The reference data from the snapshot at `file` (null: none), else read from `referenceDir`; writes nothing. */
export async function readReferenceSnapshot(file: string | null, referenceDir: string): Promise<ReferenceData> {
  return (file ? await referenceFromSnapshot(file, referenceDir).catch(() => null) : null) ?? readReference(referenceDir)
}

/** The reference data a snapshot holds, as if read from `referenceDir`; null when there is none of this format. */
async function referenceFromSnapshot(file: string, referenceDir: string): Promise<ReferenceData | null> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  const snapshot = bytes ? (deserialize(bytes) as { format: number; reference: ReferenceData }) : null
  // The key is the content, not the folder: the same files elsewhere are the same reference data.
  return snapshot?.format === FORMAT ? { ...snapshot.reference, dir: referenceDir } : null
}

/**
 * The reference data a snapshot at `file` holds, read synchronously (for reference data read on first use);
 * null when there is no file; throws when the file is not a snapshot of this format.
 */
export function readReferenceSnapshotSync(file: string, referenceDir: string): ReferenceData | null {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const snapshot = deserialize(bytes) as { format: number; reference: ReferenceData }
  if (snapshot?.format !== FORMAT) throw new Error(`${file} is not a reference snapshot of format ${FORMAT}`)
  return { ...snapshot.reference, dir: referenceDir }
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, bytes)
  await rename(temporary, file)
}

async function removeOtherVersions(file: string, prefix: string): Promise<void> {
  const dir = path.dirname(file)
  const pattern = new RegExp(`^${prefix}[0-9a-f]+\\.v8$`)
  for (const name of await readdir(dir)) {
    if (name !== path.basename(file) && pattern.test(name)) await rm(path.join(dir, name), { force: true })
  }
}

/** Writes `index` to `file` (atomically: a reader never sees half a snapshot). */
export async function writeIndexSnapshot(file: string, index: ClassifierIndex): Promise<void> {
  const { reference: _reference, scratch, codeScratch, esco, ...rest } = index
  const { scratch: _escoScratch, ...escoData } = esco
  const arrays: TypedArray[] = []
  let blockBytes = 0
  // Large typed arrays leave the structure for the block, each at an 8-byte boundary (a Float64Array view needs one).
  const toBlock = (value: TypedArray): BlockRef => {
    const ref: BlockRef = { $packed: 'block', type: typeName(value), offset: blockBytes, length: value.length }
    arrays.push(value)
    blockBytes += Math.ceil(value.byteLength / 8) * 8
    return ref
  }
  const data = externalize(pack({ ...rest, esco: escoData }), toBlock)
  // What classifying reads of the reference data goes along, so a classify worker need not load all of it.
  const reference = serialize(
    pack(Object.fromEntries(CLASSIFIER_REFERENCE_FIELDS.filter((field) => field !== 'dir').map((field) => [field, index.reference[field]]))),
  )
  const structure = serialize({
    format: INDEX_FORMAT,
    data,
    scratch: scratch.length,
    escoScratch: esco.scratch.length,
    codeScratch: [codeScratch.length, codeScratch[0]?.length ?? 0],
  })
  const header = Buffer.alloc(HEADER_BYTES)
  header.write(MAGIC, 0, 'latin1')
  header.writeUInt32LE(structure.length, MAGIC.length)
  header.writeUInt32LE(reference.length, MAGIC.length + 4)
  const padding = Buffer.alloc((8 - ((HEADER_BYTES + structure.length + reference.length) % 8)) % 8)
  const block = Buffer.alloc(blockBytes)
  let at = 0
  for (const array of arrays) {
    block.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at)
    at += Math.ceil(array.byteLength / 8) * 8
  }
  await writeAtomically(file, Buffer.concat([header, structure, reference, padding, block]))
}

/**
 * An index snapshot as read from its file, in shared memory: what the classify pool hands its workers (a
 * SharedArrayBuffer is shared between threads, not copied). `indexFromSnapshot` makes the index of it.
 */
export interface SharedIndexSnapshot {
  structure: SharedArrayBuffer
  /** What classifying reads of the reference data (V8-serialised, packed), for a thread that has not read it. */
  reference: SharedArrayBuffer
  block: SharedArrayBuffer
}

/**
 * Reads the index snapshot at `file` into shared memory (synchronously: a 25 MB read). Null when there is no
 * file; throws when the file is not a snapshot of this format.
 */
export function readSharedIndexSnapshot(file: string): SharedIndexSnapshot | null {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const size = fstatSync(fd).size
    const header = Buffer.alloc(HEADER_BYTES)
    if (size < HEADER_BYTES || readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES || header.toString('latin1', 0, MAGIC.length) !== MAGIC) {
      throw new Error(`${file} is not a classifier index snapshot of format ${INDEX_FORMAT}`)
    }
    const structureBytes = header.readUInt32LE(MAGIC.length)
    const referenceBytes = header.readUInt32LE(MAGIC.length + 4)
    const blockStart = Math.ceil((HEADER_BYTES + structureBytes + referenceBytes) / 8) * 8
    if (blockStart > size) throw new Error(`${file} is cut short (${size} bytes, its structure ends at ${HEADER_BYTES + structureBytes + referenceBytes})`)
    const structure = new SharedArrayBuffer(structureBytes)
    const reference = new SharedArrayBuffer(referenceBytes)
    const block = new SharedArrayBuffer(size - blockStart)
    readFully(fd, new Uint8Array(structure), HEADER_BYTES, file)
    readFully(fd, new Uint8Array(reference), HEADER_BYTES + structureBytes, file)
    readFully(fd, new Uint8Array(block), blockStart, file)
    return { structure, reference, block }
  } finally {
    closeSync(fd)
  }
}

function readFully(fd: number, into: Uint8Array, position: number, file: string): void {
  let done = 0
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done)
    if (read === 0) throw new Error(`${file} is cut short`)
    done += read
  }
}

/**
 * The index a snapshot holds, over `reference`: its large typed arrays are views into the shared block (read
 * only), its maps, strings and small arrays this thread's own, its scratch buffers new. Null: another format.
 * Given the folder instead of the reference data, the index holds what classifying reads of the reference
 * data (`classifierReference`), from the snapshot, as if read from that folder.
 */
export function indexFromSnapshot(shared: SharedIndexSnapshot, reference: ReferenceData | { dir: string }): ClassifierIndex | null {
  // deserialize wants its own bytes: a copy of the (small) structure, not of the block.
  const snapshot = deserialize(Buffer.from(new Uint8Array(shared.structure))) as {
    format: number
    data: unknown
    scratch: number
    escoScratch: number
    codeScratch: [number, number]
  }
  if (snapshot.format !== INDEX_FORMAT) return null
  const data = unpack(snapshot.data, shared.block) as Omit<ClassifierIndex, 'reference' | 'scratch' | 'codeScratch'>
  const [count, length] = snapshot.codeScratch
  const kept =
    'soc' in reference
      ? reference
      : classifierReference({ ...(unpack(deserialize(Buffer.from(new Uint8Array(shared.reference)))) as ReferenceData), dir: reference.dir })
  return {
    ...data,
    esco: { ...data.esco, scratch: new Float64Array(snapshot.escoScratch) },
    reference: kept,
    scratch: new Float64Array(snapshot.scratch),
    codeScratch: Array.from({ length: count }, () => new Float64Array(length)),
  }
}

/** The index a snapshot holds, over `reference`; null when there is no snapshot at `file` (or not this format). */
export async function readIndexSnapshot(file: string, reference: ReferenceData): Promise<ClassifierIndex | null> {
  const shared = readSharedIndexSnapshot(file)
  return shared ? indexFromSnapshot(shared, reference) : null
}

// Packed forms, told apart by a `$packed` tag no index field uses.
/** Maps and lists of rows at least this large go in compact form (shared-tables.ts); smaller ones as they were. */
const COMPACT_MIN = 1024
/** A map from strings in compact form: its keys, their hash table and its values (shared-tables.ts). */
interface PackedStringMap {
  $packed: 'string-map'
  keys: StringColumn
  table: Int32Array
  values: StringMapValues
}
/** A list of rows in compact form, column by column (shared-tables.ts). */
interface PackedColumns {
  $packed: 'columns'
  length: number
  columns: Record<string, RowColumn>
}
interface PackedTypedList {
  $packed: 'typed-list'
  flat: TypedArray
  offsets: Int32Array
}
interface PackedMap {
  $packed: 'map'
  keys: unknown[]
  values: unknown
}
interface PackedRows {
  $packed: 'rows'
  length: number
  columns: Record<string, unknown>
}
/** A typed array in the snapshot's shared block: `length` elements from byte `offset`. */
interface BlockRef {
  $packed: 'block'
  type: TypedName
  offset: number
  length: number
}

type TypedName = 'int32' | 'float64' | 'uint8' | 'uint16'
const typedTypes = { int32: Int32Array, float64: Float64Array, uint8: Uint8Array, uint16: Uint16Array } as const
const typeName = (value: TypedArray): TypedName =>
  value instanceof Int32Array ? 'int32' : value instanceof Float64Array ? 'float64' : value instanceof Uint16Array ? 'uint16' : 'uint8'

/** A packed value with its large typed arrays replaced by what `toBlock` makes of them. */
function externalize(value: unknown, toBlock: (array: TypedArray) => BlockRef): unknown {
  if (isTyped(value)) return value.byteLength >= BLOCK_MIN_BYTES ? toBlock(value) : value
  if (Array.isArray(value)) return value.map((item) => externalize(item, toBlock))
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) out[key] = externalize(field, toBlock)
    return out
  }
  return value
}

const isTyped = (value: unknown): value is TypedArray =>
  value instanceof Int32Array || value instanceof Float64Array || value instanceof Uint8Array || value instanceof Uint16Array
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype

/** Packs a value: lists of typed arrays become one array with offsets; maps and lists of objects go by column. */
export function pack(value: unknown): unknown {
  if (value instanceof Map) {
    const keys = [...value.keys()]
    if (keys.length >= COMPACT_MIN && keys.every((key) => typeof key === 'string')) {
      const values = stringMapValues([...value.values()])
      if (values) {
        const column = stringColumn(keys as string[])
        return { $packed: 'string-map', keys: column, table: hashTable(column), values } satisfies PackedStringMap
      }
    }
    return { $packed: 'map', keys, values: pack([...value.values()]) } satisfies PackedMap
  }
  if (Array.isArray(value)) {
    const [first] = value as unknown[]
    if (isTyped(first) && value.every((item) => isTyped(item) && item.constructor === first.constructor)) return packTypedList(value as TypedArray[])
    if (isPlainObject(first) && value.every(isPlainObject)) {
      const fields = Object.keys(first)
      const rows = value as Record<string, unknown>[]
      if (rows.every((row) => sameFields(row, fields))) {
        if (rows.length >= COMPACT_MIN) {
          const columns = fields.map((field) => [field, rowColumn(rows.map((row) => row[field]))] as const)
          if (columns.every(([, column]) => column !== null)) {
            return { $packed: 'columns', length: rows.length, columns: Object.fromEntries(columns) as Record<string, RowColumn> } satisfies PackedColumns
          }
        }
        const columns: Record<string, unknown> = {}
        for (const field of fields) columns[field] = pack(rows.map((row) => row[field]))
        return { $packed: 'rows', length: value.length, columns } satisfies PackedRows
      }
    }
    return value.map(pack)
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) out[key] = pack(field)
    return out
  }
  return value
}

/**
 * Undoes `pack`: typed arrays come back as views into the packed arrays, and those in `block` (a snapshot's
 * shared block) as views into it.
 */
export function unpack(value: unknown, block: ArrayBufferLike | null = null): unknown {
  if (Array.isArray(value)) return unpackList(value, block)
  if (!isPlainObject(value)) return value
  switch (value['$packed']) {
    case 'block': {
      const { type, offset, length } = value as unknown as BlockRef
      if (!block) throw new Error('a packed value points into a snapshot block that was not given')
      return new typedTypes[type](block as ArrayBuffer, offset, length)
    }
    case 'typed-list': {
      const flat = unpack(value['flat'], block) as TypedArray
      const offsets = unpack(value['offsets'], block) as Int32Array
      const list = new Array<TypedArray>(offsets.length - 1)
      for (let i = 0; i < list.length; i++) list[i] = flat.subarray(offsets[i]!, offsets[i + 1]!)
      return list
    }
    case 'map': {
      const { keys, values } = value as unknown as PackedMap
      if (block) {
        const flat = flatMap(keys, values, block)
        if (flat) return flat
      }
      const list = unpack(values, block) as unknown[]
      const map = new Map()
      for (let i = 0; i < keys.length; i++) map.set(keys[i], list[i])
      return map
    }
    case 'string-map': {
      // In a snapshot's block: read where it is. Else (the reference data's part, tests) a Map as it was.
      const { keys, table, values } = unpackFields(value, block) as unknown as PackedStringMap
      if (block) return new StringMap(keys, table, values)
      const count = keys.starts.length - 1
      const plain = plainValues(values, count)
      const map = new Map<string, unknown>()
      for (let at = 0; at < count; at++) map.set(stringAt(keys, at), plain[at])
      return map
    }
    case 'columns': {
      const { length, columns } = unpackFields(value, block) as unknown as PackedColumns
      return block ? rowViews(length, columns) : plainRows(length, columns)
    }
    case 'rows': {
      const { length, columns } = value as unknown as PackedRows
      const fields = Object.keys(columns)
      const unpacked = fields.map((field) => unpack(columns[field], block) as unknown[])
      const rows = new Array<Record<string, unknown>>(length)
      for (let i = 0; i < length; i++) {
        const row: Record<string, unknown> = {}
        for (let f = 0; f < fields.length; f++) row[fields[f]!] = unpacked[f]![i]
        rows[i] = row
      }
      return rows
    }
    default:
      return unpackFields(value, block)
  }
}

/** A plain object with each field unpacked. */
function unpackFields(value: Record<string, unknown>, block: ArrayBufferLike | null): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) out[key] = unpack(field, block)
  return out
}

/**
 * A list unpacked: the deserialised list itself when it holds no object (strings, numbers: nothing to undo, and
 * most of a snapshot's lists are such), else a new list of its items unpacked.
 */
function unpackList(list: unknown[], block: ArrayBufferLike | null): unknown[] {
  let plain = true
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (item !== null && typeof item === 'object') {
      plain = false
      break
    }
  }
  if (plain) return list
  const out = new Array<unknown>(list.length)
  for (let i = 0; i < list.length; i++) out[i] = unpack(list[i], block)
  return out
}

/**
 * A map of a snapshot's block whose keys are small non-negative numbers (token ids) and whose values are typed
 * arrays, or objects of typed arrays, packed as lists: kept as the packed arrays, each value made when read.
 * Null for any other map (unpacked as a Map). Tens of thousands of entries as Map entries and typed-array
 * objects cost about 20 MB per thread; these cost their key table.
 */
function flatMap(keys: unknown[], values: unknown, block: ArrayBufferLike): FlatMap<unknown> | null {
  if (keys.length === 0 || !keys.every((key) => Number.isInteger(key) && (key as number) >= 0)) return null
  const largest = Math.max(...(keys as number[]))
  if (largest > 4 * keys.length + 1024) return null
  const lists = (packed: unknown): { flat: TypedArray; offsets: Int32Array } | null =>
    isPlainObject(packed) && packed['$packed'] === 'typed-list'
      ? { flat: unpack(packed['flat'], block) as TypedArray, offsets: unpack(packed['offsets'], block) as Int32Array }
      : null
  const single = lists(values)
  if (single) return new FlatMap(keys as number[], largest, (at) => single.flat.subarray(single.offsets[at]!, single.offsets[at + 1]!))
  if (!isPlainObject(values) || values['$packed'] !== 'rows') return null
  const columns = Object.entries((values as unknown as PackedRows).columns).map(([field, column]) => [field, lists(column)] as const)
  if (columns.length === 0 || columns.some(([, column]) => column === null)) return null
  const typed = columns as unknown as (readonly [string, { flat: TypedArray; offsets: Int32Array }])[]
  return new FlatMap(keys as number[], largest, (at) => {
    const row: Record<string, TypedArray> = {}
    for (const [field, { flat, offsets }] of typed) row[field] = flat.subarray(offsets[at]!, offsets[at + 1]!)
    return row
  })
}

/** Slots of FlatMap's cache of values made lately (by key, direct-mapped: a scoring loop reads a few keys often). */
const FLAT_MAP_CACHE = 256

/** A read-only map from small numbers to values made from packed arrays when read (see flatMap). */
export class FlatMap<V> implements ReadonlyMap<number, V> {
  private readonly position: Int32Array
  private readonly cachedKeys = new Int32Array(FLAT_MAP_CACHE).fill(-1)
  private readonly cachedValues = new Array<V | undefined>(FLAT_MAP_CACHE)

  constructor(
    private readonly keyList: readonly number[],
    largest: number,
    private readonly make: (at: number) => V,
  ) {
    this.position = new Int32Array(largest + 1).fill(-1)
    keyList.forEach((key, at) => {
      this.position[key] = at
    })
  }

  get size(): number {
    return this.keyList.length
  }

  get(key: number): V | undefined {
    const slot = key & (FLAT_MAP_CACHE - 1)
    if (this.cachedKeys[slot] === key) return this.cachedValues[slot]
    const at = key >= 0 && key < this.position.length ? this.position[key]! : -1
    if (at < 0) return undefined
    const value = this.make(at)
    this.cachedKeys[slot] = key
    this.cachedValues[slot] = value
    return value
  }

  has(key: number): boolean {
    return key >= 0 && key < this.position.length && this.position[key]! >= 0
  }

  *keys(): MapIterator<number> {
    yield* this.keyList
  }

  *values(): MapIterator<V> {
    for (let at = 0; at < this.keyList.length; at++) yield this.make(at)
  }

  *entries(): MapIterator<[number, V]> {
    for (let at = 0; at < this.keyList.length; at++) yield [this.keyList[at]!, this.make(at)]
  }

  [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: number, map: ReadonlyMap<number, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this)
  }
}

function packTypedList(list: readonly TypedArray[]): PackedTypedList {
  const offsets = listOffsets(list)
  const Type = list[0]!.constructor as new (length: number) => TypedArray
  const flat = new Type(offsets[list.length]!)
  list.forEach((item, i) => {
    flat.set(item, offsets[i]!)
  })
  return { $packed: 'typed-list', flat, offsets }
}

function sameFields(row: Record<string, unknown>, fields: readonly string[]): boolean {
  const keys = Object.keys(row)
  return keys.length === fields.length && keys.every((key, i) => key === fields[i])
}
