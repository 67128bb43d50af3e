// What the classifier takes and returns for one job title (see src/classify/). Types only.

import type { SocLevel } from './reference.js'
import type { Classification } from './role.js'

/** One title to code, with optional free text about the job (a description, duties). */
export interface TitleQuery {
  title: string
  description?: string | null
}

/** A SOC 2018 code the classifier proposes, at any level of the hierarchy. */
export interface SocCandidate {
  code: string
  title: string
  level: SocLevel
  /** Calibrated probability that this code is right (at its level). */
  confidence: number
  /** Why, in words a reviewer can check: matched reference titles, shared terms, rules applied. */
  evidence: string[]
}

/** An ISCO-08 unit group reached through the SOC 2010 crosswalks: derived, and one of possibly several. */
export interface DerivedIscoCode {
  code: string
  title: string
  /** The SOC 2010 codes the chain went through. */
  via: string[]
  /** How many ISCO-08 groups the chosen SOC code maps to (> 1: many-to-many, pick with care). */
  of: number
}

export interface TitleClassification {
  title: string
  /** The code to report: detailed when the evidence is strong, else the broad, minor or major group. Null: no evidence. */
  best: SocCandidate | null
  reviewStatus: 'auto_accepted' | 'needs_review'
  /** Detailed codes, best first (at most five). */
  candidates: SocCandidate[]
  /** The O*NET-SOC occupation (8 characters) when one detailed O*NET occupation is clearly meant. */
  onet: { code: string; title: string; evidence: string[] } | null
  /** ISCO-08 groups for the best detailed code, via SOC 2010 (many-to-many). */
  isco: DerivedIscoCode[]
}

/** Where a build keeps inferred classifications between runs. */
export interface ClassificationCache {
  /** The cached rows of each key found. */
  read(keys: readonly string[]): Promise<Map<string, Classification[]>>
  /** Stores rows under `version`; entries of other versions go (they can never be read again). */
  write(version: string, entries: ReadonlyMap<string, Classification[]>): Promise<void>
}
