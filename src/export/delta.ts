// The roles a delta export writes: a merge of release M's and release N's roles (both ordered by code),
// keeping only those added, changed or removed. Streams both sides; neither release is held in memory.

import type { ExportRole, RoleProfile } from '../model/index.js'
import { compareCodes, inCodeOrder } from './role-order.js'

/** Roles that differ between `older` (release M) and `newer` (release N), each with its `change`, by code. */
export async function* diffReleaseRoles(
  older: AsyncIterable<ExportRole>,
  newer: AsyncIterable<ExportRole>,
): AsyncGenerator<ExportRole> {
  const left = inCodeOrder(older, 'older release')[Symbol.asyncIterator]()
  const right = inCodeOrder(newer, 'newer release')[Symbol.asyncIterator]()
  let a = await left.next()
  let b = await right.next()
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : compareCodes(a.value.profile.code, b.value.profile.code)
    if (order < 0 && !a.done) {
      if (a.value.state === 'active') yield { ...a.value, state: 'removed', change: 'removed' }
      a = await left.next()
    } else if (order > 0 && !b.done) {
      if (b.value.state === 'active') yield { ...b.value, change: 'added' }
      b = await right.next()
    } else if (!a.done && !b.done) {
      const change = changeBetween(a.value, b.value)
      if (change !== null) yield { ...b.value, change }
      a = await left.next()
      b = await right.next()
    }
  }
}

/** How one role present in both releases changed, or null when it did not. */
export function changeBetween(older: ExportRole, newer: ExportRole): ExportRole['change'] | null {
  if (older.state === 'removed') return newer.state === 'active' ? 'added' : null
  if (newer.state === 'removed') return 'removed'
  return sameContent(older, newer) ? null : 'changed'
}

function sameContent(older: ExportRole, newer: ExportRole): boolean {
  if (older.contentKey !== undefined && newer.contentKey !== undefined) return older.contentKey === newer.contentKey
  return canonicalJson(older.profile) === canonicalJson(newer.profile)
}

/** JSON with object keys sorted, so two reads of one profile compare equal whatever order the store kept. */
export function canonicalJson(value: RoleProfile | unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  )
}
