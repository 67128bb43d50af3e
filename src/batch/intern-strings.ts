// One copy of each repeated string in what a build holds for all of its roles. Profiles and classification rows
// reach the main thread from worker threads (structured clone) or from the database (JSON): every string in
// them is a new copy, so the component kinds, level codes, evidence sentences and skill names repeated across
// roles are held thousands of times (measured at 2,500 pages: 33 of the heap's 51 MB of strings were copies).
// Interning replaces each with the first equal string seen: the values are the same, only the copies go.

/** Strings longer than this are not interned: long texts rarely repeat, and looking them up costs a hash. */
const MAX_INTERNED_LENGTH = 512

/** Distinct strings held before the table starts again (bounds the table itself on a very large corpus). */
const MAX_ENTRIES = 1_000_000

/** A table of distinct strings; `intern` walks a value and replaces its strings in place. */
export class StringTable {
  private strings = new Map<string, string>()

  /** The table's copy of `text` (itself, the first time it is seen). */
  string(text: string): string {
    if (text.length > MAX_INTERNED_LENGTH) return text
    const known = this.strings.get(text)
    if (known !== undefined) return known
    if (this.strings.size >= MAX_ENTRIES) this.strings = new Map()
    this.strings.set(text, text)
    return text
  }

  /**
   * Replaces, in place, every string in `value` (plain objects and arrays, however deep) by the table's copy, and
   * returns `value`. Frozen objects and anything other than plain objects and arrays are left as they are.
   */
  intern<T>(value: T): T {
    this.walk(value)
    return value
  }

  private walk(value: unknown): void {
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i]
        if (typeof item === 'string') value[i] = this.string(item)
        else if (typeof item === 'object' && item !== null) this.walk(item)
      }
      return
    }
    const prototype: unknown = Object.getPrototypeOf(value)
    if (prototype !== Object.prototype && prototype !== null) return
    const record = value as Record<string, unknown>
    for (const key in record) {
      const item = record[key]
      if (typeof item === 'string') record[key] = this.string(item)
      else if (typeof item === 'object' && item !== null) this.walk(item)
    }
  }
}
