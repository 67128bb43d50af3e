// The canonical model. Field names are a contract shared by the CLI's JSON, the database and the CSV exports
// (see DESIGN.md, "The canonical model"). This module is types only.

export type Severity = 'error' | 'warning' | 'info'

/** A validation result attached to a profile; findings are kept, never thrown away. */
export interface Finding {
  severity: Severity
  code: string
  message: string
  field?: string
}

export type ConfidenceBand = 'low' | 'medium' | 'high'

export interface Level {
  code: string
  name: string | null
  descriptor: string | null
  scope: string | null
  autonomy: string | null
  complexity: string | null
  impact: string | null
  decisionRights: string | null
  leadership: string | null
  typicalExperience: string | null
  /** The grade or pay band the page states for the level ("7", "PO6", "A"), as written. Present only when stated. */
  grade?: string
  /** The pay range the page states for the level. Present only when stated. */
  payRange?: PayRange
}

/** A pay range as a page states it ("£44,743 to £60,484", "$130,000.00 Annually", "Up to $125,000"). */
export interface PayRange {
  /** The statement as written. */
  text: string
  /** ISO 4217 code when the page names it or its symbol is unambiguous (£ → GBP, € → EUR); "$" as written. */
  currency: string | null
  /** The lower bound (null for "up to"); equal to max when the page states one amount. */
  min: number | null
  max: number | null
  period: 'year' | 'month' | 'week' | 'day' | 'hour' | null
}

export interface Story {
  who: string | null
  externalProblem: string | null
  internalProblem: string | null
  whyItMatters: string | null
  plan: string[]
  stakes: string | null
  success: string | null
}

export type ComponentKind = 'responsibility' | 'task' | 'skill' | 'knowledge' | 'competency' | 'qualification'

export interface Component {
  kind: ComponentKind | string
  text: string
  tags: string[]
}

export interface AdjacentRole {
  code: string | null
  title: string
  distance: number | null
  band: string | null
}

export interface AliasEvidence {
  source: string
  confidence: number | null
  detail?: string
}

export interface Alias {
  text: string
  key: string
  variants: string[]
  type: string
  confidence: number
  band: ConfidenceBand | string
  approved: boolean
  evidence: AliasEvidence[]
}

export type ClassificationSystem = 'SOC2018' | 'ONET-SOC' | 'ISCO-08'
export type ClassificationSource = 'declared' | 'inferred_from_title' | 'inferred_from_text' | 'inferred_from_superfunction' | 'derived' | 'decision'
export type ReviewStatus = 'needs_review' | 'auto_accepted' | 'accepted' | 'rejected'

export interface Classification {
  system: ClassificationSystem | string
  code: string
  title: string
  source: ClassificationSource | string
  confidence: number
  reviewStatus: ReviewStatus | string
  evidence: string[]
}

export interface ProfileSource {
  path: string
  format: string
  contentHash: string
}

/** One job role at one level, as the canon holds it. */
export interface RoleProfile {
  code: string
  title: string
  function: string | null
  discipline: string | null
  track: string | null
  level: Level | null
  status: string
  confidence: number | null
  confidenceBand: string | null
  scope: string | null
  sourceVersion: number | null
  summary: string | null
  story: Story | null
  components: Component[]
  coreOutputs: string[]
  adjacentRoles: AdjacentRole[]
  aliases: Alias[]
  classifications: Classification[]
  source: ProfileSource
  findings: Finding[]
}
