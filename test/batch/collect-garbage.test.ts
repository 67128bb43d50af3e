// collectGarbage runs a full collection in a process started without --expose-gc, and leaves gc unexposed.

import { describe, expect, it } from 'vitest'
import { collectGarbage } from '../../src/batch/collect-garbage.js'

describe('collectGarbage', () => {
  it('frees what nothing references any more, without exposing gc to the program', async () => {
    let held: object | null = { payload: new Array(100_000).fill('x') }
    const ref = new WeakRef(held)
    held = null
    // A WeakRef's target stays alive until the end of the current job at least.
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    expect(ref.deref()).toBeUndefined()
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined()
  })
})
