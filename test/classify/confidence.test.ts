// The confidence model's and the second stage's evidence, on constructed rankings (no reference data needed):
// how the ranking around a candidate looks (its groups' shares, the number of candidates, its margin over the
// best rival) and the major groups' counts, sums and best similarities.

import { describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import {
  CONFIDENCE_FEATURES,
  confidenceFeatures,
  MAJOR_FEATURES,
  majorGroupCandidates,
  type RankedCandidate,
  rivalEvidence,
} from '../../src/classify/classify-title.js'
import { type CandidateScore, FEATURES, type ScoredQuery } from '../../src/classify/score-candidates.js'

// Four codes: 0 and 1 share a broad group, 0–2 a minor group, 0–2 a major group; 3 is in another major group.
const index = {
  groupOf: {
    broad: Int32Array.from([0, 0, 1, 2]),
    minor: Int32Array.from([0, 0, 0, 1]),
    major: Int32Array.from([0, 0, 0, 1]),
  },
} as unknown as ClassifierIndex

function candidate(code: number, values: Partial<Record<(typeof FEATURES)[number], number>>): CandidateScore {
  const features = new Float64Array(FEATURES.length)
  for (const [name, value] of Object.entries(values)) features[FEATURES.indexOf(name as (typeof FEATURES)[number])] = value
  return { code, features, descriptionCos: 0, taskMatch: 0, nearest: [] }
}

const ranked: RankedCandidate[] = [
  { candidate: candidate(3, { maxSim: 0.9, maxSimHead: 0.9, headShare: 0.1, escoVote: 0.2, allOther: 1 }), probability: 0.4 },
  { candidate: candidate(0, { maxSim: 0.8, maxSimHead: 0.7, headShare: 0.3, escoVote: 0.1, textCos: 0.4 }), probability: 0.3 },
  { candidate: candidate(1, { maxSim: 0.6, maxSimHead: 0.6, headShare: 0.2, escoVote: 0.3, textCos: 0.5 }), probability: 0.2 },
  { candidate: candidate(2, { maxSim: 0.7, maxSimDirectMatch: 0.65, headShare: 0.1 }), probability: 0.1 },
]

const scored = (tokens: string[]) =>
  ({ normalized: { tokens }, unknownWord: false, respellings: [], candidates: ranked.map((r) => r.candidate) }) as unknown as ScoredQuery

const feature = (features: Float64Array, name: (typeof CONFIDENCE_FEATURES)[number]) => features[CONFIDENCE_FEATURES.indexOf(name)]!

describe('rivalEvidence', () => {
  it("sums the probability of the candidates in each of a candidate's groups", () => {
    const rivals = rivalEvidence(index, ranked)
    const lead = rivals(ranked[1]!.candidate)
    expect(lead.groupShares[0]).toBeCloseTo(0.5) // broad: codes 0 and 1
    expect(lead.groupShares[1]).toBeCloseTo(0.6) // minor: codes 0–2
    expect(lead.groupShares[2]).toBeCloseTo(0.6) // major: codes 0–2
    expect(lead.probability).toBe(0.4) // its best rival is the likeliest code
    const other = rivals(ranked[0]!.candidate)
    expect(other.groupShares).toEqual([0.4, 0.4, 0.4])
    expect(other.probability).toBe(0.3)
  })
})

describe('confidenceFeatures', () => {
  it("reads a candidate's group agreement, absolute similarities, margin over its rival and flags", () => {
    const lead = ranked[1]!
    const features = confidenceFeatures(scored(['payroll', 'clerk']), lead.candidate, lead.probability, rivalEvidence(index, ranked)(lead.candidate))
    expect(features).toHaveLength(CONFIDENCE_FEATURES.length)
    expect(feature(features, 'majorShare')).toBeCloseTo(0.6)
    expect(feature(features, 'broadShare')).toBeCloseTo(0.5)
    expect(feature(features, 'maxSim')).toBe(0.8)
    expect(feature(features, 'maxSimMargin')).toBeCloseTo(0.8 - 0.9)
    expect(feature(features, 'probabilityRatio')).toBeCloseTo(Math.log(0.3 / 0.4))
    expect(feature(features, 'titleWords')).toBe(2)
    expect(feature(features, 'oneWord')).toBe(0)
    expect(feature(features, 'allOther')).toBe(0)
    expect(feature(features, 'textCos')).toBe(0.4)
  })

  it('caps the word count and marks a residual code', () => {
    const top = ranked[0]!
    const features = confidenceFeatures(
      scored(['a', 'b', 'c', 'd', 'e', 'f', 'g']),
      top.candidate,
      top.probability,
      rivalEvidence(index, ranked)(top.candidate),
    )
    expect(feature(features, 'titleWords')).toBe(5)
    expect(feature(features, 'allOther')).toBe(1)
    expect(feature(features, 'probabilityRatio')).toBeCloseTo(Math.log(0.4 / 0.3))
  })
})

describe('majorGroupCandidates', () => {
  it("gives each major group its candidates' summed and best probability", () => {
    const groups = majorGroupCandidates(index, ranked)
    expect(groups.map((g) => g.major)).toEqual([1, 0])
    const value = (major: number, name: (typeof MAJOR_FEATURES)[number]) => groups.find((g) => g.major === major)!.features[MAJOR_FEATURES.indexOf(name)]!
    expect(value(0, 'logProbability')).toBeCloseTo(Math.log(0.6 + 1e-4))
    expect(value(0, 'maxProbability')).toBe(0.3)
    expect(value(1, 'maxProbability')).toBe(0.4)
  })
})
