// Snapshots of the classifier index and of the reference data on disk, so a rebuild that codes a handful of
// roles loads the index in a fraction of the seconds it takes to build. The index is plain data (maps, arrays, typed arrays); its tens of
// thousands of small typed arrays are packed into a few large ones (each value a view into them) before V8's
// serializer writes it, because allocating one buffer per value is what makes a plain deserialize slow.
// The reference data is not in the snapshot (the caller has read it), and scratch buffers are made anew.

import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { ReferenceData } from '../model/index.js'
import { readReference } from '../reference/read-reference.js'
import { buildClassifierIndex, type ClassifierIndex } from './classifier-index.js'

type TypedArray = Int32Array | Float64Array | Uint8Array

const FORMAT = 1

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
  const { reference: _reference, scratch, codeScratch, ...data } = index
  const snapshot = { format: FORMAT, data: pack(data), scratch: scratch.length, codeScratch: [codeScratch.length, codeScratch[0]?.length ?? 0] }
  await writeAtomically(file, serialize(snapshot))
}

/** The index a snapshot holds, over `reference`; null when there is no snapshot at `file` (or not this format). */
export async function readIndexSnapshot(file: string, reference: ReferenceData): Promise<ClassifierIndex | null> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (!bytes) return null
  const snapshot = deserialize(bytes) as { format: number; data: unknown; scratch: number; codeScratch: [number, number] }
  if (snapshot.format !== FORMAT) return null
  const data = unpack(snapshot.data) as Omit<ClassifierIndex, 'reference' | 'scratch' | 'codeScratch'>
  const [count, length] = snapshot.codeScratch
  return {
    ...data,
    reference,
    scratch: new Float64Array(snapshot.scratch),
    codeScratch: Array.from({ length: count }, () => new Float64Array(length)),
  }
}

// Packed forms, told apart by a `$packed` tag no index field uses.
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

const isTyped = (value: unknown): value is TypedArray => value instanceof Int32Array || value instanceof Float64Array || value instanceof Uint8Array
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype

/** Packs a value: lists of typed arrays become one array with offsets; maps and lists of objects go by column. */
export function pack(value: unknown): unknown {
  if (value instanceof Map) return { $packed: 'map', keys: [...value.keys()], values: pack([...value.values()]) } satisfies PackedMap
  if (Array.isArray(value)) {
    const [first] = value as unknown[]
    if (isTyped(first) && value.every((item) => isTyped(item) && item.constructor === first.constructor)) return packTypedList(value as TypedArray[])
    if (isPlainObject(first) && value.every(isPlainObject)) {
      const fields = Object.keys(first)
      const rows = value as Record<string, unknown>[]
      if (rows.every((row) => sameFields(row, fields))) {
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

/** Undoes `pack`: typed arrays come back as views into the packed arrays. */
export function unpack(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unpack)
  if (!isPlainObject(value)) return value
  switch (value['$packed']) {
    case 'typed-list': {
      const { flat, offsets } = value as unknown as PackedTypedList
      const list = new Array<TypedArray>(offsets.length - 1)
      for (let i = 0; i < list.length; i++) list[i] = flat.subarray(offsets[i]!, offsets[i + 1]!)
      return list
    }
    case 'map': {
      const { keys, values } = value as unknown as PackedMap
      const list = unpack(values) as unknown[]
      const map = new Map()
      for (let i = 0; i < keys.length; i++) map.set(keys[i], list[i])
      return map
    }
    case 'rows': {
      const { length, columns } = value as unknown as PackedRows
      const unpacked = Object.entries(columns).map(([field, column]) => [field, unpack(column) as unknown[]] as const)
      const rows = new Array<Record<string, unknown>>(length)
      for (let i = 0; i < length; i++) {
        const row: Record<string, unknown> = {}
        for (const [field, column] of unpacked) row[field] = column[i]
        rows[i] = row
      }
      return rows
    }
    default: {
      const out: Record<string, unknown> = {}
      for (const [key, field] of Object.entries(value)) out[key] = unpack(field)
      return out
    }
  }
}

function packTypedList(list: readonly TypedArray[]): PackedTypedList {
  const offsets = new Int32Array(list.length + 1)
  let total = 0
  list.forEach((item, i) => {
    offsets[i] = total
    total += item.length
  })
  offsets[list.length] = total
  const Type = list[0]!.constructor as new (length: number) => TypedArray
  const flat = new Type(total)
  list.forEach((item, i) => {
    flat.set(item, offsets[i]!)
  })
  return { $packed: 'typed-list', flat, offsets }
}

function sameFields(row: Record<string, unknown>, fields: readonly string[]): boolean {
  const keys = Object.keys(row)
  return keys.length === fields.length && keys.every((key, i) => key === fields[i])
}
