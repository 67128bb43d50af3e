import { describe, expect, it } from 'vitest'
import { readAhead } from '../../src/export/read-ahead.js'

async function* counted(n: number, log: string[], failAt?: number): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) {
      if (i === failAt) throw new Error(`source failed at ${i}`)
      log.push(`read ${i}`)
      yield i
    }
  } finally {
    log.push('source closed')
  }
}

describe('readAhead', () => {
  it('yields every item in order', async () => {
    const seen: number[] = []
    for await (const item of readAhead(counted(10, []), 3)) seen.push(item)
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('reads ahead of the consumer, but never more than the limit', async () => {
    const log: string[] = []
    const iterator = readAhead(counted(10, log), 3)[Symbol.asyncIterator]()
    expect((await iterator.next()).value).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 10))
    // Item 0 was handed over; 1, 2 and 3 wait in the buffer.
    expect(log).toEqual(['read 0', 'read 1', 'read 2', 'read 3'])
    await iterator.return?.(undefined)
    expect(log.at(-1)).toBe('source closed')
  })

  it('passes the source failure on after the items read before it', async () => {
    const seen: number[] = []
    const run = async () => {
      for await (const item of readAhead(counted(10, [], 4), 2)) seen.push(item)
    }
    await expect(run()).rejects.toThrow('source failed at 4')
    expect(seen).toEqual([0, 1, 2, 3])
  })
})
