// Reviewers' curation decisions (every kind; the aliases stage takes its own AliasDecision shape, see
// aliases.ts, converted from these): data kept in the `decisions` table and in `edits/*.csv`, re-applied after
// the automatic stages on every build. Types only.

export type AliasDecisionKind = 'approve_alias' | 'reject_alias' | 'add_alias'
export type CodeDecisionKind = 'accept_code' | 'override_code' | 'reject_code'
/** About a possible duplicate pair: the two roles are distinct, or the role merges into the other (and is deprecated). */
export type DuplicateDecisionKind = 'mark_distinct' | 'merge_into'
export type DecisionKind = AliasDecisionKind | CodeDecisionKind | 'set_status' | DuplicateDecisionKind

interface DecisionBase {
  /** Stable identity: `db:42` for a recorded decision, `edits/aliases.csv:3` for a line of an edits file. */
  id: string
  roleCode: string
  author: string
  reason: string | null
  /** ISO 8601, when known; decisions apply oldest first (undated first), so the later one on a target wins. */
  decidedAt: string | null
}

/** Approve or reject one of a role's aliases (matched by normalised key), or add one. */
export interface AliasDecisionEntry extends DecisionBase {
  kind: AliasDecisionKind
  alias: string
  /** add_alias only: the alias type, e.g. "common" (default when null). */
  aliasType: string | null
}

/** Accept or reject a classification the pipeline made, or override the role's code in one system. */
export interface CodeDecisionEntry extends DecisionBase {
  kind: CodeDecisionKind
  system: string
  code: string
}

/** Set the role's status ("draft" | "review" | "approved" | "deprecated"). */
export interface StatusDecisionEntry extends DecisionBase {
  kind: 'set_status'
  status: string
}

/**
 * Resolve a possible duplicate (docs/adjacency.md): `mark_distinct` says the role and `otherCode` are two roles;
 * `merge_into` says the role is `otherCode` under another code: the pair is resolved and the role deprecated.
 */
export interface DuplicateDecisionEntry extends DecisionBase {
  kind: DuplicateDecisionKind
  otherCode: string
}

export type Decision = AliasDecisionEntry | CodeDecisionEntry | StatusDecisionEntry | DuplicateDecisionEntry

/** A decision whose target no longer exists: reported in the run record and build output, never dropped. */
export interface StaleDecision {
  decision: Decision
  reason: string
}

/** A decision before it has an identity (what `canon decide` records). */
export type DecisionInput = Decision extends infer D ? (D extends Decision ? Omit<D, 'id'> : never) : never
