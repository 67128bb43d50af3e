// The one order exports use for roles: by code, compared by Unicode code point, which is what Postgres
// `ORDER BY code COLLATE "C"` gives for UTF-8 text. Locale collations differ between machines; this does not.

/** Negative when `a` sorts before `b`, by code point. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0
  const left = a[Symbol.iterator]()
  const right = b[Symbol.iterator]()
  for (;;) {
    const l = left.next()
    const r = right.next()
    if (l.done) return r.done ? 0 : -1
    if (r.done) return 1
    const difference = (l.value.codePointAt(0) ?? 0) - (r.value.codePointAt(0) ?? 0)
    if (difference !== 0) return difference
  }
}

/** Passes roles through, failing loudly if the reader broke the order exports and deltas rely on. */
export async function* inCodeOrder<T extends { profile: { code: string } }>(
  items: AsyncIterable<T>,
  what: string,
): AsyncGenerator<T> {
  let previous: string | null = null
  for await (const item of items) {
    const code = item.profile.code
    if (previous !== null && compareCodes(previous, code) >= 0) {
      throw new Error(
        `${what}: role "${code}" came after "${previous}"; roles must arrive once each, ordered by code (ORDER BY code COLLATE "C")`,
      )
    }
    previous = code
    yield item
  }
}
