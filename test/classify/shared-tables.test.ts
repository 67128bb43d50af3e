import { describe, expect, it } from 'vitest'
import { pack, unpack } from '../../src/classify/index-snapshot.js'
import { hashTable, rowColumn, rowViews, StringMap, stringAt, stringColumn, stringMapValues } from '../../src/classify/shared-tables.js'

const words = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `mot-${i}-é` : i % 11 === 0 ? `词${i}` : `word${i}`))

describe('string maps in compact form', () => {
  it('find every key, in insertion order, and no other string', () => {
    const keys = stringColumn(['', ...words])
    const values = stringMapValues(['', ...words].map((_, i) => i * 0.5))!
    const map = new StringMap<number>(keys, hashTable(keys), values)
    expect(map.size).toBe(words.length + 1)
    expect(map.get('')).toBe(0)
    expect(words.map((word) => map.get(word))).toEqual(words.map((_, i) => (i + 1) * 0.5))
    expect(map.has('word')).toBe(false)
    expect(map.get('word30000')).toBeUndefined()
    expect([...map.keys()]).toEqual(['', ...words])
  })

  it('give lists of integers as views and tuples of strings as new arrays', () => {
    const keys = stringColumn(words)
    const lists = new StringMap<Int32Array>(keys, hashTable(keys), stringMapValues(words.map((_, i) => [i, -i - 1, 7]))!)
    expect([...lists.get('word5')!]).toEqual([5, -6, 7])
    expect(lists.get('word5')!.buffer).toBe(lists.get('word6')!.buffer)
    const pairs = new StringMap<readonly [string, string]>(keys, hashTable(keys), stringMapValues(words.map((word) => [word.slice(0, 2), word.slice(2)]))!)
    expect(pairs.get('mot-14-é')).toEqual(['mo', 't-14-é'])
  })

  it('are not made of values of other kinds', () => {
    expect(stringMapValues([[1.5], [2]])).toBeNull()
    expect(stringMapValues([['a'], ['b', 'c']])).toBeNull()
    expect(stringMapValues([{ a: 1 }])).toBeNull()
  })
})

describe('rows in compact form', () => {
  it('read each field from its column: numbers, repeated strings or null, distinct strings', () => {
    const rows = words.map((word, i) => ({ label: word, source: i % 2 ? 'a' : 'b', weight: i / 3, code: i % 5 === 0 ? null : 'x' }))
    const columns = Object.fromEntries(Object.keys(rows[0]!).map((field) => [field, rowColumn(rows.map((row) => row[field as keyof (typeof rows)[number]]))!]))
    expect(columns['label']!.kind).toBe('strings')
    expect(columns['source']!.kind).toBe('dictionary')
    const views = rowViews(rows.length, columns) as (typeof rows)[number][]
    expect(views.map(({ label, source, weight, code }) => ({ label, source, weight, code }))).toEqual(rows)
    expect(stringAt(stringColumn(['a', 'x'.repeat(10_000)]), 1)).toBe('x'.repeat(10_000))
  })

  it('come back as plain objects, and string maps as Maps, when unpacked outside a snapshot', () => {
    const value = {
      rows: words.map((word, i) => ({ label: word, weight: i })),
      exact: new Map(words.map((word, i) => [word, [i, i + 1]])),
      vocabulary: new Map(words.map((word, i) => [word, i])),
      small: new Map([['a', [1]]]),
    }
    const back = unpack(pack(value)) as typeof value
    expect(back).toEqual(value)
    expect(back.exact).toBeInstanceOf(Map)
  })
})
