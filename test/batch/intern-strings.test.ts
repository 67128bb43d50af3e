import { describe, expect, it } from 'vitest'
import { collectGarbage } from '../../src/batch/collect-garbage.js'
import { StringTable } from '../../src/batch/intern-strings.js'

/** A string equal to `text` but a distinct copy in the heap (as a worker's answer or a JSON row gives). */
const copyOf = (text: string): string => JSON.parse(JSON.stringify(text)) as string

/** Heap in use after a full collection, bytes. */
function heapAfterCollection(): number {
  collectGarbage()
  return process.memoryUsage().heapUsed
}

describe('StringTable', () => {
  it('leaves every value as it was (strings equal, numbers, booleans and nulls untouched)', () => {
    const table = new StringTable()
    const value = {
      code: 'S111011.O00.P1',
      components: [
        { kind: 'responsibility', text: 'Plans the work.', tags: ['core', 'plan'] },
        { kind: copyOf('responsibility'), text: 'Reviews the work.', tags: [copyOf('core')] },
      ],
      level: { code: 'P1', rank: 1, band: null },
      flags: [true, 2, 'x', [copyOf('core')]],
    }
    const before = JSON.stringify(value)
    expect(table.intern(value)).toBe(value)
    expect(JSON.stringify(value)).toBe(before)
  })

  it('leaves frozen objects and class instances as they are', () => {
    const table = new StringTable()
    const frozen = Object.freeze({ kind: copyOf('responsibility') })
    const map = new Map([['kind', 'responsibility']])
    const value = { frozen, map, long: 'x'.repeat(600) }
    expect(() => table.intern(value)).not.toThrow()
    expect(value.frozen).toBe(frozen)
    expect(value.map.get('kind')).toBe('responsibility')
    expect(value.long).toBe('x'.repeat(600))
  })

  it('keeps one copy of a repeated string: copies held by many objects are freed', () => {
    // 20,000 rows each holding its own copy of a 300-character sentence: about 6 MB of copies (one byte per
    // character), which interning turns into one string.
    const sentence = 'no title or text names armed service: military occupations set aside; '.repeat(5).slice(0, 300)
    const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i, evidence: [copyOf(sentence)] }))
    const base = heapAfterCollection()
    const plain = rows(20_000)
    const plainBytes = heapAfterCollection() - base
    const table = new StringTable()
    const interned = table.intern(rows(20_000))
    const bothBytes = heapAfterCollection() - base
    const internedBytes = bothBytes - plainBytes
    expect(plain.length + interned.length).toBe(40_000)
    expect(interned.every((row) => row.evidence[0] === sentence)).toBe(true)
    // Generous: the copies alone are 6 MB; the rows without them well under 3 MB.
    expect(plainBytes - internedBytes, `plain ${plainBytes} B, interned ${internedBytes} B`).toBeGreaterThan(4 * 1024 ** 2)
  })
})
