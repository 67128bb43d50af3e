// The one order exports use for roles: by code (`compareCodes`), as the readers' `ORDER BY code COLLATE "C"` gives.

import { compareCodes } from '../common/code-order.js'

/** Passes roles through, failing loudly if the reader broke the order exports and deltas rely on. */
export async function* inCodeOrder<T extends { profile: { code: string } }>(items: AsyncIterable<T>, what: string): AsyncGenerator<T> {
  let previous: string | null = null
  for await (const item of items) {
    const code = item.profile.code
    if (previous !== null && compareCodes(previous, code) >= 0) {
      throw new Error(`${what}: role "${code}" came after "${previous}"; roles must arrive once each, ordered by code (ORDER BY code COLLATE "C")`)
    }
    previous = code
    yield item
  }
}
