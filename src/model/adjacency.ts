// Adjacent roles and possible duplicates: what the adjacency stage computes over a release's active roles
// (src/adjacency/), stored per release and exported as job_adjacency.csv. Types only.

/** How a neighbour relates to the role: the level above or below in the same family, the same level nearby, or other. */
export type AdjacencyKind = 'next-level' | 'previous-level' | 'lateral' | 'related'

/** The 3-state match band of a distance: high ≤ 0.30, medium ≤ 0.50, low above (see docs/adjacency.md). */
export type MatchBand = 'high' | 'medium' | 'low'

/** What the adjacency stage reads of one role: its structural coordinates and a signature of its components. */
export interface AdjacencyFeatures {
  code: string
  title: string
  /** `aliasKey(title)`. */
  titleKey: string
  /** The alias keys of its aliases, sorted. */
  aliasKeys: string[]
  function: string | null
  discipline: string | null
  track: string | null
  /** The level code ("P3", "IC4", "L2"). */
  level: string | null
  /** The role's SOC 2018 code (its most confident classification not rejected), or null. */
  soc: string | null
  /** MinHash signature of the words of its component statements (empty when it has no words). */
  minhash: number[]
}

/** One adjacent role of a role. */
export interface Neighbour {
  code: string
  title: string
  /** 0 (the same coordinates and content) to 1 (nothing in common), three decimals. */
  distance: number
  band: MatchBand
  kind: AdjacencyKind
}

/** A role's neighbours, nearest first (distance, then code). */
export interface RoleNeighbours {
  code: string
  neighbours: Neighbour[]
}

/** Two roles with different codes that look like one role: a review item until a person decides. */
export interface PossibleDuplicate {
  /** The two codes in code order. */
  codes: [string, string]
  titles: [string, string]
  distance: number
  /** Why they look the same ("same title key", "title is an alias of the other", "components 0.91 alike"). */
  reason: string
}

export interface AdjacencyResult {
  /** Every role of the input, in code order, with its neighbours. */
  roles: RoleNeighbours[]
  /** In code order of the pair. */
  duplicates: PossibleDuplicate[]
  /** Candidate pairs scored (for the build report; far fewer than all pairs). */
  pairsScored: number
}

/** What a load writes of adjacency: features of new role versions, and the release's neighbours and duplicates. */
export interface PlannedAdjacency {
  /** The features of the plan's new versions, by role code. */
  features: AdjacencyFeatures[]
  /** Features of role versions stored before features were kept (written once, read by later builds). */
  backfill: { roleVersionId: number; features: AdjacencyFeatures }[]
  /** Every active role of the release, in code order; with `unchangedFrom`, the roles whose lists were computed. */
  roles: RoleNeighbours[]
  /** Every possible duplicate of the release. */
  duplicates: PossibleDuplicate[]
  /**
   * An update: every role of release `from` that is neither in `roles` nor in `gone` (removed since) keeps its
   * row there (same version, same list).
   */
  unchangedFrom?: { from: number; gone: string[] }
}
