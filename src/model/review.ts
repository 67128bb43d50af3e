// The review loop: what needs a person, and what a reviewer decided in the review file.

export type ReviewItemKind = 'code_needs_review' | 'alias_conflict' | 'alias_low_confidence' | 'possible_duplicate' | 'stale_decision' | 'quarantined_page'

/** One thing a reviewer should look at. */
export interface ReviewItem {
  kind: ReviewItemKind
  /** The role the item is about; a quarantined page may have none. */
  roleCode: string | null
  roleTitle: string | null
  /** What is decided on: an alias text, `SYSTEM CODE` for a code, the other role's code, the page's file, the stale decision. */
  subject: string
  /** What the reviewer needs to decide well: evidence, competing roles, the stage and message. */
  detail: string
  confidence: number | null
  /** Classification system and code, for code items. */
  system?: string
  code?: string
}

/** A reviewer's decision read from the file, in the terms of the decisions table. */
export type ReviewDecision = (
  | { kind: 'approve_alias' | 'reject_alias'; roleCode: string; alias: string; reason: string | null; row: number }
  | { kind: 'accept_code' | 'reject_code' | 'override_code'; roleCode: string; system: string; code: string; reason: string | null; row: number }
) & {
  /** The row's `item` (kind|role|subject as canon wrote it): checked against the items open when it is applied. */
  item?: string
}

/** A row of a filled-in review file that cannot be recorded. */
export interface ReviewProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number
  message: string
}
