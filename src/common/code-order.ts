// The one order canon sorts codes and paths in: by Unicode code point, which is what Postgres
// `ORDER BY … COLLATE "C"` gives for UTF-8 text. Locale collations differ between machines; this does not.

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
