// Compact forms of the classifier index's string-keyed maps and of its title entries, for the index snapshot's
// shared block (index-snapshot.ts). Made of typed arrays only (the characters of every key and string value in
// one array, an open-addressing hash table of the keys, the values as numbers or lists), they sit in the block
// the classify pool reads once into a SharedArrayBuffer: every worker reads the same bytes, instead of each
// holding its own tens of thousands of Map entries, arrays and strings (measured 2026-12-08: about 30 MB of each
// worker's heap; see docs/performance.md, "mem").
//
// Lookups hash the query string's UTF-16 code units (FNV-1a) and compare them with the stored key's. Iteration
// goes in the original map's insertion order (keys are stored in that order). Values are made when read: a
// number, a view of a list of integers, or a new tuple of strings; rows are objects whose fields are read from
// the columns.

type TypedArray = Int32Array | Float64Array | Uint8Array | Uint16Array

/** Strings as one array of UTF-16 code units and where each starts (`starts` has one more item than strings). */
export interface StringColumn {
  chars: Uint16Array
  starts: Int32Array
}

/** Where each of `lists` starts in their concatenation, and (one more item) their total length. */
export function listOffsets(lists: readonly { length: number }[]): Int32Array {
  const offsets = new Int32Array(lists.length + 1)
  let total = 0
  for (let i = 0; i < lists.length; i++) {
    offsets[i] = total
    total += lists[i]!.length
  }
  offsets[lists.length] = total
  return offsets
}

/** The strings of `list` in one array of code units. */
export function stringColumn(list: readonly string[]): StringColumn {
  const starts = listOffsets(list)
  const chars = new Uint16Array(starts[list.length]!)
  for (let i = 0; i < list.length; i++) {
    const text = list[i]!
    const at = starts[i]!
    for (let k = 0; k < text.length; k++) chars[at + k] = text.charCodeAt(k)
  }
  return { chars, starts }
}

/** Code units per `String.fromCharCode` call (its arguments go on the stack). */
const DECODE_CHUNK = 4096

/** String `at` of a column. */
export function stringAt({ chars, starts }: StringColumn, at: number): string {
  const from = starts[at]!
  const to = starts[at + 1]!
  if (to - from <= DECODE_CHUNK) return String.fromCharCode.apply(null, chars.subarray(from, to) as unknown as number[])
  let text = ''
  for (let k = from; k < to; k += DECODE_CHUNK)
    text += String.fromCharCode.apply(null, chars.subarray(k, Math.min(to, k + DECODE_CHUNK)) as unknown as number[])
  return text
}

/** FNV-1a over a string's UTF-16 code units. */
function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

function hashStored({ chars, starts }: StringColumn, at: number): number {
  let hash = 0x811c9dc5
  for (let i = starts[at]!, end = starts[at + 1]!; i < end; i++) hash = Math.imul(hash ^ chars[i]!, 0x01000193)
  return hash >>> 0
}

/** An open-addressing table (a power of two, at most half full) of key numbers by their hash; -1 is empty. */
export function hashTable(keys: StringColumn): Int32Array {
  const count = keys.starts.length - 1
  let size = 1
  while (size < count * 2) size *= 2
  const table = new Int32Array(size).fill(-1)
  const mask = size - 1
  for (let at = 0; at < count; at++) {
    let slot = hashStored(keys, at) & mask
    while (table[slot] !== -1) slot = (slot + 1) & mask
    table[slot] = at
  }
  return table
}

/** How a string map's values are kept: numbers, lists of integers, or tuples of `arity` strings. */
export type StringMapValues =
  | { kind: 'numbers'; values: Float64Array }
  | { kind: 'int-lists'; flat: Int32Array; offsets: Int32Array }
  | { kind: 'string-tuples'; arity: number; strings: StringColumn }

/** The compact form of `map` when its values are all numbers, all lists of int32 integers or all tuples of strings; else null. */
export function stringMapValues(values: readonly unknown[]): StringMapValues | null {
  if (values.every((value) => typeof value === 'number')) return { kind: 'numbers', values: Float64Array.from(values as number[]) }
  if (values.every((value) => Array.isArray(value) && value.every(isInt32))) {
    const lists = values as number[][]
    const offsets = listOffsets(lists)
    const flat = new Int32Array(offsets[lists.length]!)
    lists.forEach((list, i) => {
      flat.set(list, offsets[i]!)
    })
    return { kind: 'int-lists', flat, offsets }
  }
  const arity = Array.isArray(values[0]) ? (values[0] as unknown[]).length : -1
  if (arity > 0 && values.every((value) => Array.isArray(value) && value.length === arity && value.every((item) => typeof item === 'string'))) {
    return { kind: 'string-tuples', arity, strings: stringColumn((values as string[][]).flat()) }
  }
  return null
}

const isInt32 = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && (value | 0) === value && !Object.is(value, -0)

/** A read-only map from strings, over a key column, its hash table and its values (see the top of this file). */
export class StringMap<V> implements ReadonlyMap<string, V> {
  private readonly mask: number
  private readonly make: (at: number) => V

  constructor(
    private readonly keyColumn: StringColumn,
    private readonly table: Int32Array,
    values: StringMapValues,
  ) {
    this.mask = table.length - 1
    this.make = valueReader(values) as (at: number) => V
  }

  get size(): number {
    return this.keyColumn.starts.length - 1
  }

  /** The key number of `key`, or -1. */
  private find(key: string): number {
    const { chars, starts } = this.keyColumn
    const { table, mask } = this
    let slot = hashString(key) & mask
    for (;;) {
      const at = table[slot]!
      if (at < 0) return -1
      const from = starts[at]!
      if (starts[at + 1]! - from === key.length) {
        let same = true
        for (let k = 0; k < key.length; k++) {
          if (chars[from + k] !== key.charCodeAt(k)) {
            same = false
            break
          }
        }
        if (same) return at
      }
      slot = (slot + 1) & mask
    }
  }

  get(key: string): V | undefined {
    const at = this.find(key)
    return at < 0 ? undefined : this.make(at)
  }

  has(key: string): boolean {
    return this.find(key) >= 0
  }

  *keys(): MapIterator<string> {
    for (let at = 0; at < this.size; at++) yield stringAt(this.keyColumn, at)
  }

  *values(): MapIterator<V> {
    for (let at = 0; at < this.size; at++) yield this.make(at)
  }

  *entries(): MapIterator<[string, V]> {
    for (let at = 0; at < this.size; at++) yield [stringAt(this.keyColumn, at), this.make(at)]
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this)
  }
}

function valueReader(values: StringMapValues): (at: number) => unknown {
  switch (values.kind) {
    case 'numbers': {
      const numbers = values.values
      return (at) => numbers[at]
    }
    case 'int-lists': {
      const { flat, offsets } = values
      return (at) => flat.subarray(offsets[at]!, offsets[at + 1]!)
    }
    case 'string-tuples': {
      const { arity, strings } = values
      return (at) => Array.from({ length: arity }, (_, k) => stringAt(strings, at * arity + k))
    }
  }
}

/** The values a map of this form holds, as the plain values it was made from (for a Map outside shared memory). */
export function plainValues(values: StringMapValues, count: number): unknown[] {
  const read = valueReader(values)
  return Array.from({ length: count }, (_, at) => {
    const value = read(at)
    return value instanceof Int32Array ? Array.from(value) : value
  })
}

/** A column of rows: numbers, strings (or null) by a dictionary of the distinct ones, or strings in one array. */
export type RowColumn =
  | { kind: 'numbers'; values: Float64Array }
  | { kind: 'dictionary'; words: (string | null)[]; codes: Int32Array }
  | { kind: 'strings'; strings: StringColumn }

/** A column of rows in compact form: all numbers, or all strings or null; else null. */
export function rowColumn(values: readonly unknown[]): RowColumn | null {
  if (values.every((value) => typeof value === 'number')) return { kind: 'numbers', values: Float64Array.from(values as number[]) }
  if (!values.every((value) => typeof value === 'string' || value === null)) return null
  const numbers = new Map<string | null, number>()
  const codes = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string | null
    let code = numbers.get(value)
    if (code === undefined) numbers.set(value, (code = numbers.size))
    codes[i] = code
  }
  // Few distinct strings (sources, occupation codes): each is held once, in the structure.
  if (numbers.size * 8 <= values.length) return { kind: 'dictionary', words: [...numbers.keys()], codes }
  if (values.includes(null)) return null
  return { kind: 'strings', strings: stringColumn(values as string[]) }
}

function columnReader(column: RowColumn): (at: number) => unknown {
  switch (column.kind) {
    case 'numbers': {
      const numbers = column.values
      return (at) => numbers[at]
    }
    case 'dictionary': {
      const { words, codes } = column
      return (at) => words[codes[at]!]
    }
    case 'strings': {
      const { strings } = column
      return (at) => stringAt(strings, at)
    }
  }
}

/**
 * Rows read from columns: each row an object holding only its number, its fields getters that read the
 * columns (enumerable, on a prototype made for these fields). Read-only.
 */
export function rowViews(length: number, columns: Readonly<Record<string, RowColumn>>): object[] {
  const Row = class {
    constructor(readonly row: number) {}
  }
  for (const [field, column] of Object.entries(columns)) {
    const read = columnReader(column)
    Object.defineProperty(Row.prototype, field, {
      enumerable: true,
      get(this: { row: number }) {
        return read(this.row)
      },
    })
  }
  const rows = new Array<object>(length)
  for (let i = 0; i < length; i++) rows[i] = new Row(i)
  return rows
}

/** The rows as plain objects (for rows outside shared memory). */
export function plainRows(length: number, columns: Readonly<Record<string, RowColumn>>): Record<string, unknown>[] {
  const fields = Object.keys(columns)
  const readers = fields.map((field) => columnReader(columns[field]!))
  const rows = new Array<Record<string, unknown>>(length)
  for (let i = 0; i < length; i++) {
    const row: Record<string, unknown> = {}
    for (let f = 0; f < fields.length; f++) row[fields[f]!] = readers[f]!(i)
    rows[i] = row
  }
  return rows
}

export type { TypedArray as SharedTypedArray }
