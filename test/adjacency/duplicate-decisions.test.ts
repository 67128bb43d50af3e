import { describe, expect, it } from 'vitest'
import { unresolvedDuplicates } from '../../src/adjacency/duplicate-decisions.js'
import type { Decision, PossibleDuplicate } from '../../src/model/index.js'

const pair = (a: string, b: string): PossibleDuplicate => ({ codes: [a, b], titles: [a, b], distance: 0.1, reason: 'same title key' })
const decided = (kind: 'mark_distinct' | 'merge_into', roleCode: string, otherCode: string): Decision => ({
  id: 'db:1',
  kind,
  roleCode,
  otherCode,
  author: 'ann',
  reason: null,
  decidedAt: null,
})

describe('unresolvedDuplicates', () => {
  it('drops a pair named by a distinct or merge decision, in either order, and keeps the others', () => {
    const pairs = [pair('A', 'B'), pair('C', 'D'), pair('E', 'F')]
    expect(unresolvedDuplicates(pairs, [decided('mark_distinct', 'B', 'A'), decided('merge_into', 'C', 'D')])).toEqual([pair('E', 'F')])
  })

  it('ignores decisions of other kinds', () => {
    const other: Decision = { id: 'db:2', kind: 'set_status', roleCode: 'A', status: 'approved', author: 'ann', reason: null, decidedAt: null }
    expect(unresolvedDuplicates([pair('A', 'B')], [other])).toEqual([pair('A', 'B')])
  })
})
