// Converts between the decisions table's entries (Decision, every kind) and the aliases stage's AliasDecision,
// so a build can hand stored decisions to `scoreAliases` and record its stale ones as StaleDecision.

import type { AliasDecision, AliasDecisionAction, AliasDecisionKind, Decision, StaleAliasDecision, StaleDecision } from '../model/index.js'

const ACTIONS: Readonly<Record<AliasDecisionKind, AliasDecisionAction>> = {
  approve_alias: 'approve',
  reject_alias: 'reject',
  add_alias: 'add',
}

/** The alias decisions among `decisions`, in their order, as the aliases stage takes them. */
export function aliasDecisionsFrom(decisions: readonly Decision[]): AliasDecision[] {
  const out: AliasDecision[] = []
  for (const decision of decisions) {
    if (decision.kind !== 'approve_alias' && decision.kind !== 'reject_alias' && decision.kind !== 'add_alias') continue
    const converted: AliasDecision = {
      id: decision.id,
      action: ACTIONS[decision.kind],
      roleCode: decision.roleCode,
      alias: decision.alias,
      author: decision.author,
      reason: decision.reason,
      decidedAt: decision.decidedAt,
    }
    if (decision.aliasType !== null) converted.type = decision.aliasType
    out.push(converted)
  }
  return out
}

/** The stage's stale decisions as the run record keeps them: the original entry and the reason. */
export function staleDecisionsFrom(stale: readonly StaleAliasDecision[], decisions: readonly Decision[]): StaleDecision[] {
  const byId = new Map(decisions.map((decision) => [decision.id, decision]))
  const out: StaleDecision[] = []
  for (const entry of stale) {
    const decision = entry.id === undefined ? undefined : byId.get(entry.id)
    if (decision) out.push({ decision, reason: entry.staleReason })
  }
  return out
}
