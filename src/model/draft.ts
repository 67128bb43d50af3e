// What a page declares, before any interpretation: raw strings as they appear on the page. The parse stage
// produces DraftProfiles; normalize turns each into a RoleProfile (typed values, derived fields, findings).
// Types only.

import type { Finding } from './role.js'

/**
 * How a page was read. `canon-app-text` and `canon-app-html` are pages of the canon app (copied as text or
 * saved as HTML); `html` is any other HTML page (main content isolated with Readability); `markdown` is a
 * Markdown page, with or without YAML front matter; `yaml`, `json` and `csv` are structured ladder files.
 */
export type PageFormat = 'canon-app-text' | 'canon-app-html' | 'html' | 'markdown' | 'text' | 'yaml' | 'json' | 'csv'

/** The badge row under a canon-app title (`P3P3 — Mid-Level Professionalmedium0.70draftglobalv1`), split. */
export interface DraftBadges {
  levelCode: string | null
  levelLabel: string | null
  band: string | null
  confidence: string | null
  status: string | null
  scope: string | null
  version: string | null
}

export interface DraftLevel {
  /** The level code as the page shows it (`P3`, `IC3`, `L2`). */
  code: string | null
  /** The level's name (`Mid-Level Professional`). */
  name: string | null
  descriptor: string | null
  /** Labelled level facts in page order (`Scope` → `Features or a sub-system end-to-end`). */
  fields: { label: string; value: string }[]
}

export interface DraftStory {
  who: string | null
  externalProblem: string | null
  internalProblem: string | null
  whyItMatters: string | null
  plan: string[]
  stakes: string | null
  success: string | null
}

export interface DraftComponent {
  /** The kind the section heading names (`responsibility`), or the page family's default. */
  kind: string
  text: string
  tags: string[]
}

/** A component section as declared: its heading, the count the heading shows, and how many items were read. */
export interface DraftSectionCount {
  heading: string
  kind: string
  declared: string | null
  found: number
}

export interface DraftAlias {
  text: string
  type: string | null
  band: string | null
  confidence: string | null
  approved: string | null
}

export interface DraftClassification {
  /** The heading the mapping sits under (`O*NET / SOC`), a hint at the code system. */
  systemHint: string | null
  /** `key=value` pairs as declared (`code`, `title`, `source`, `reviewStatus`, `confidence`, ...). */
  values: Record<string, string>
}

export interface DraftAdjacentRole {
  text: string
  /** The row's separately marked pieces (title, code, distance, band in HTML); one piece on text copies. */
  parts: string[]
}

/** One role at one level as a page declares it: strings, in page order, nothing inferred. */
export interface DraftProfile {
  format: PageFormat
  title: string | null
  code: string | null
  badges: DraftBadges | null
  level: DraftLevel | null
  summary: string | null
  story: DraftStory | null
  components: DraftComponent[]
  sectionCounts: DraftSectionCount[]
  coreOutputs: string[]
  adjacentRoles: DraftAdjacentRole[]
  aliases: DraftAlias[]
  classifications: DraftClassification[]
  /** Problems met while reading the page (unreadable rows, odd encodings); carried into the RoleProfile. */
  findings: Finding[]
}
