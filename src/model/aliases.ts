// Contracts of the aliases stage: curation decisions about aliases (input) and cross-role conflicts (output).
// Types only.

/** What a curator decided about one alias of one role. */
export type AliasDecisionAction = 'approve' | 'reject' | 'add'

/**
 * A curation decision about an alias, kept as data and re-applied on every build. The alias is matched by its
 * normalised key, so "Sr DevOps Engineer" approves "Senior DevOps Engineer".
 */
export interface AliasDecision {
  /** The decision's identity in the decisions table or edits file (`db:42`, `edits/aliases.csv:3`), when it has one. */
  id?: string
  action: AliasDecisionAction
  /** The role the decision is about, e.g. "EDE.GEN.P3". */
  roleCode: string
  /** The alias text; for `add`, the surface form the new alias gets. */
  alias: string
  /** For `add`: the alias type (default "common"). */
  type?: string
  author: string
  reason: string | null
  /** ISO 8601 time of the decision, when known: the latest decision about one alias of one role wins. */
  decidedAt?: string
}

/** A decision whose target no longer exists (role gone, or alias no longer on the role). Reported, never dropped. */
export interface StaleAliasDecision extends AliasDecision {
  staleReason: string
}

/** One role's claim on a contested alias key. */
export interface AliasClaim {
  roleCode: string
  /** "alias": the role lists it as an alias; "title": it is the role's own title. */
  kind: 'alias' | 'title'
  /** The surface form on that role. */
  text: string
  /** Combined evidence before the conflict penalty (1 for a title or an approved alias). */
  support: number
  /** The alias's final confidence on that role (1 for a title). */
  confidence: number
  approved: boolean
}

/**
 * A normalised alias key claimed by two or more roles. `resolved` when exactly one role holds it as its title or
 * as an approved alias; that role is `resolvedFor`. Otherwise `open`: a curator should approve or reject.
 */
export interface AliasConflict {
  key: string
  /** Sorted by role code, then kind. */
  claims: AliasClaim[]
  status: 'open' | 'resolved'
  resolvedFor: string | null
}
