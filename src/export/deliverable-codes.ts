// Which classification codes reach an HRIS: by default only codes a reviewer accepted or the classifier
// auto-accepted, one per classification group (code system); the rest are held back and listed with a reason.
// Pure.

import type { Classification, RoleProfile } from '../model/index.js'

/** Why a code was not sent to the HRIS. */
export type HeldBackReason = 'needs_review' | 'rejected' | 'not_primary'

export interface CodePolicy {
  /** Send `needs_review` codes too (rejected codes never go). */
  includeUnreviewed: boolean
}

export interface DeliverableCodes {
  /** At most one per system, in the systems' first-appearance (page) order. */
  sent: Classification[]
  held: { code: Classification; reason: HeldBackReason }[]
}

const statusRank = (status: string): number => (status === 'accepted' ? 0 : status === 'auto_accepted' ? 1 : 2)

/**
 * Splits a role's codes. Per system the code sent is the best eligible one: accepted before auto-accepted
 * before (with `includeUnreviewed`) needs-review, then the highest confidence, then page order.
 */
export function deliverableCodes(profile: RoleProfile, policy: CodePolicy): DeliverableCodes {
  const held: DeliverableCodes['held'] = []
  const best = new Map<string, Classification>()
  for (const code of profile.classifications) {
    if (code.reviewStatus === 'rejected') {
      held.push({ code, reason: 'rejected' })
      continue
    }
    const eligible = code.reviewStatus === 'accepted' || code.reviewStatus === 'auto_accepted' || policy.includeUnreviewed
    if (!eligible) {
      held.push({ code, reason: 'needs_review' })
      continue
    }
    const current = best.get(code.system)
    if (!current) best.set(code.system, code)
    else if (
      statusRank(code.reviewStatus) < statusRank(current.reviewStatus) ||
      (statusRank(code.reviewStatus) === statusRank(current.reviewStatus) && code.confidence > current.confidence)
    ) {
      held.push({ code: current, reason: 'not_primary' })
      best.set(code.system, code)
    } else held.push({ code, reason: 'not_primary' })
  }
  const sent = [...best.values()]
  // Held codes in page order, whatever order the choice above found them in.
  const order = new Map(profile.classifications.map((c, i) => [c, i]))
  held.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))
  return { sent, held }
}
