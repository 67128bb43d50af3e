// The delta as canon first computed it: a merge of release M's and release N's full role streams, keeping the
// roles added, changed or removed. No longer how exports run (they ask the database which roles differ), but
// kept here as the oracle the database-side delta is checked against.

import { changeBetween } from '../../src/export/delta.js'
import { compareCodes } from '../../src/common/code-order.js'
import { inCodeOrder } from '../../src/export/role-order.js'
import type { ExportRole } from '../../src/model/index.js'

/** Roles that differ between `older` (release M) and `newer` (release N), each with its `change`, by code. */
export async function* mergeDelta(older: AsyncIterable<ExportRole>, newer: AsyncIterable<ExportRole>): AsyncGenerator<ExportRole> {
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
      const change = changeBetween({ state: a.value.state, version: Number(a.value.contentKey) }, { state: b.value.state, version: Number(b.value.contentKey) })
      if (change !== null) yield { ...b.value, change }
      a = await left.next()
      b = await right.next()
    }
  }
}
