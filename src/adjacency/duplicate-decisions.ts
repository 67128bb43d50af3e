// Possible duplicates a person has decided on: a pair named by a `mark_distinct` or `merge_into` decision (in
// either order) is resolved and no longer reported. Decisions are data re-read by every build, so a resolved
// pair stays resolved through rebuilds.

import type { Decision, PossibleDuplicate } from '../model/index.js'

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)

/** The pairs no decision resolves, in their order. */
export function unresolvedDuplicates(duplicates: readonly PossibleDuplicate[], decisions: readonly Decision[]): PossibleDuplicate[] {
  const resolved = new Set<string>()
  for (const decision of decisions) {
    if (decision.kind === 'mark_distinct' || decision.kind === 'merge_into') resolved.add(pairKey(decision.roleCode, decision.otherCode))
  }
  return duplicates.filter((pair) => !resolved.has(pairKey(pair.codes[0], pair.codes[1])))
}
