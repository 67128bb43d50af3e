// Re-applies reviewers' decisions on top of what the automatic stages produced. Pure: profiles and decisions in,
// decided profiles and stale decisions out. Code decisions apply right after classification (so the aliases stage
// scores reference titles of the corrected code), alias decisions inside the aliases stage, status decisions last.

import type {
  AliasDecision,
  Classification,
  CodeDecisionEntry,
  Decision,
  RoleProfile,
  StaleAliasDecision,
  StaleDecision,
  StatusDecisionEntry,
} from '../model/index.js'

export interface DecisionOutcome {
  profiles: RoleProfile[]
  stale: StaleDecision[]
}

/** Oldest first, undated before dated, otherwise in the order given: the later decision on a target wins. */
export function orderDecisions(decisions: readonly Decision[]): Decision[] {
  return decisions
    .map((decision, index) => ({ decision, index }))
    .sort((a, b) => (a.decision.decidedAt ?? '').localeCompare(b.decision.decidedAt ?? '') || a.index - b.index)
    .map((entry) => entry.decision)
}

/** The title of a code in a system, from the reference data; null when the reference does not know it. */
export type CodeTitle = (system: string, code: string) => string | null

/** Accepts, rejects or overrides classifications as decided; a decision about a missing role or code is stale. */
export function applyCodeDecisions(profiles: readonly RoleProfile[], decisions: readonly Decision[], titleOf: CodeTitle): DecisionOutcome {
  // Two pages may claim one code (the plan sets one aside later): a decision applies to each of them.
  const result = [...profiles]
  const indexes = new Map<string, number[]>()
  result.forEach((profile, index) => {
    indexes.set(profile.code, [...(indexes.get(profile.code) ?? []), index])
  })
  const stale: StaleDecision[] = []
  for (const decision of orderDecisions(decisions)) {
    if (decision.kind !== 'accept_code' && decision.kind !== 'reject_code' && decision.kind !== 'override_code') continue
    const targets = indexes.get(decision.roleCode)
    if (!targets) {
      stale.push({ decision, reason: `role ${decision.roleCode} is not in this build` })
      continue
    }
    let problem: string | null = null
    for (const index of targets) {
      const outcome = applyCodeDecision(result[index]!, decision, titleOf)
      if (typeof outcome === 'string') problem = outcome
      else result[index] = outcome
    }
    if (problem !== null) stale.push({ decision, reason: problem })
  }
  return { profiles: result, stale }
}

function applyCodeDecision(profile: RoleProfile, decision: CodeDecisionEntry, titleOf: CodeTitle): RoleProfile | string {
  const said = `${decision.author}${decision.reason ? `: ${decision.reason}` : ''}`
  if (decision.kind === 'override_code') {
    const title = titleOf(decision.system, decision.code)
    if (title === null) return `${decision.system} ${decision.code} is not in the reference data; check the code`
    const decided: Classification = {
      system: decision.system,
      code: decision.code,
      title,
      source: 'decision',
      confidence: 1,
      reviewStatus: 'accepted',
      evidence: [`overridden by ${said}`],
    }
    const others = profile.classifications.filter((item) => item.system !== decision.system)
    return { ...profile, classifications: [decided, ...others] }
  }
  const index = profile.classifications.findIndex((item) => item.system === decision.system && item.code === decision.code)
  if (index < 0) return `role ${profile.code} no longer has ${decision.system} ${decision.code}`
  const reviewStatus = decision.kind === 'accept_code' ? 'accepted' : 'rejected'
  const verb = decision.kind === 'accept_code' ? 'accepted' : 'rejected'
  const classifications = profile.classifications.map((item, at) =>
    at === index
      ? { ...item, reviewStatus, evidence: [...item.evidence.filter((line) => !/^(accepted|rejected) by /.test(line)), `${verb} by ${said}`] }
      : item,
  )
  return { ...profile, classifications }
}

/** Sets role statuses as decided; a decision about a missing role is stale. */
export function applyStatusDecisions(profiles: readonly RoleProfile[], decisions: readonly Decision[]): DecisionOutcome {
  const statusOf = new Map<string, string>()
  const stale: StaleDecision[] = []
  const present = new Set(profiles.map((profile) => profile.code))
  for (const decision of orderDecisions(decisions)) {
    // A role merged into another is deprecated (a later status decision may set it again).
    if (decision.kind !== 'set_status' && decision.kind !== 'merge_into') continue
    if (!present.has(decision.roleCode)) stale.push({ decision, reason: `role ${decision.roleCode} is not in this build` })
    else statusOf.set(decision.roleCode, decision.kind === 'merge_into' ? 'deprecated' : (decision as StatusDecisionEntry).status)
  }
  return { profiles: profiles.map((profile) => (statusOf.has(profile.code) ? { ...profile, status: statusOf.get(profile.code)! } : profile)), stale }
}

/** The alias decisions in the aliases stage's shape, oldest first (its rule: the last one in the list wins). */
export function toAliasDecisions(decisions: readonly Decision[]): { aliasDecisions: AliasDecision[]; sources: Decision[] } {
  const sources = orderDecisions(decisions).filter(
    (decision) => decision.kind === 'approve_alias' || decision.kind === 'reject_alias' || decision.kind === 'add_alias',
  )
  const aliasDecisions = sources.map((decision): AliasDecision => {
    if (decision.kind !== 'approve_alias' && decision.kind !== 'reject_alias' && decision.kind !== 'add_alias') throw new Error('unreachable')
    const action = decision.kind === 'approve_alias' ? 'approve' : decision.kind === 'reject_alias' ? 'reject' : 'add'
    return {
      id: decision.id,
      action,
      roleCode: decision.roleCode,
      alias: decision.alias,
      ...(decision.aliasType ? { type: decision.aliasType } : {}),
      author: decision.author,
      reason: decision.reason,
      ...(decision.decidedAt ? { decidedAt: decision.decidedAt } : {}),
    }
  })
  return { aliasDecisions, sources }
}

/** Maps the aliases stage's stale decisions back to the decisions they came from. */
export function staleFromAliases(
  stale: readonly StaleAliasDecision[],
  aliasDecisions: readonly AliasDecision[],
  sources: readonly Decision[],
): StaleDecision[] {
  const used = new Set<number>()
  return stale.map((item) => {
    const byId = item.id === undefined ? -1 : aliasDecisions.findIndex((candidate) => candidate.id === item.id)
    const index =
      byId >= 0
        ? byId
        : aliasDecisions.findIndex(
            (candidate, at) =>
              !used.has(at) &&
              candidate.action === item.action &&
              candidate.roleCode === item.roleCode &&
              candidate.alias === item.alias &&
              candidate.author === item.author,
          )
    used.add(index)
    const decision: Decision = sources[index] ?? {
      id: 'aliases-stage',
      kind: item.action === 'approve' ? 'approve_alias' : item.action === 'reject' ? 'reject_alias' : 'add_alias',
      roleCode: item.roleCode,
      alias: item.alias,
      aliasType: item.type ?? null,
      author: item.author,
      reason: item.reason,
      decidedAt: item.decidedAt ?? null,
    }
    return { decision, reason: item.staleReason }
  })
}
