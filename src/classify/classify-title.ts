// Codes one job title to SOC 2018: scores candidate detailed codes, turns scores into calibrated
// probabilities, and falls back up the hierarchy (broad → minor → major) when no detailed code is likely enough.

import type { DerivedIscoCode, SocCandidate, SocLevel, TitleClassification, TitleQuery } from '../model/index.js'
import type { ClassifierIndex } from './classifier-index.js'
import { calibrate } from './calibration.js'
import type { ClassifierModel } from './fitted-model.js'

export { calibrate } from './calibration.js'
import { type CandidateScore, scoreCandidates, type ScoredQuery } from './score-candidates.js'

const SOURCE_LABEL: Record<string, string> = {
  bls_direct_match: 'BLS direct-match title',
  onet_occupation: 'O*NET occupation title',
  soc_title: 'SOC title',
  onet_alternate: 'O*NET alternate title',
  onet_short: 'O*NET short title',
  onet_reported: 'O*NET reported title',
}

/** A candidate with its model probability (before calibration). */
export interface RankedCandidate {
  candidate: CandidateScore
  probability: number
}

/**
 * Ranks scored candidates by the model: a softmax over the candidate set, most probable first, except that the
 * leading candidate is chosen top-down through the hierarchy (see `leadHierarchically`). `index` is needed for
 * that; without it the order is by probability alone.
 */
export function rankCandidates(model: ClassifierModel, scored: ScoredQuery, index?: ClassifierIndex): RankedCandidate[] {
  if (scored.candidates.length === 0) return []
  const utilities = scored.candidates.map((candidate) => utility(model, candidate))
  const max = Math.max(...utilities)
  const exps = utilities.map((u) => Math.exp(u - max))
  const total = exps.reduce((a, b) => a + b, 0)
  const ranked = scored.candidates
    .map((candidate, i) => ({ candidate, probability: exps[i]! / total }))
    .sort((a, b) => b.probability - a.probability || a.candidate.code - b.candidate.code)
  return index ? leadHierarchically(index, ranked) : ranked
}

/**
 * A code from the likeliest group leads only when it is at least this share as probable as the likeliest code
 * (chosen on the fit half: "Supervisor of Roofers" is 47-1011 at 0.22 even though three material-moving
 * supervisor codes at 0.07–0.09 each sum to more).
 */
const LEAD_SHARE = 0.5

/**
 * Moves to the front the most probable detailed code inside the minor group with the most summed probability,
 * inside the major group with the most summed probability, when it is nearly as probable as the likeliest code
 * (`LEAD_SHARE`). Several near-equal codes in one major group outweigh a single slightly better code elsewhere,
 * so the answer at 2 and 3 digits is the likeliest group, not merely the group of the likeliest code. `ranked`
 * is ordered by probability; the others keep that order.
 */
export function leadHierarchically(index: ClassifierIndex, ranked: RankedCandidate[]): RankedCandidate[] {
  let pool = ranked
  for (const level of ['major', 'minor'] as const) {
    const best = aggregateLevel(index, pool, level)[0]?.[0]
    if (best === undefined) return ranked
    pool = pool.filter(({ candidate }) => codeAt(index, candidate.code, level) === best)
  }
  const lead = pool[0]
  if (!lead || lead === ranked[0] || lead.probability < LEAD_SHARE * ranked[0]!.probability) return ranked
  return [lead, ...ranked.filter((r) => r !== lead)]
}

/** The model's linear score of one candidate. */
export function utility(model: ClassifierModel, candidate: CandidateScore): number {
  let u = model.descriptionWeight * candidate.descriptionCos
  for (let i = 0; i < model.weights.length; i++) u += model.weights[i]! * candidate.features[i]!
  return u
}

/** Groups at one level with their summed probability, best first. */
export function aggregateLevel(index: ClassifierIndex, ranked: RankedCandidate[], level: Exclude<SocLevel, 'detailed'>) {
  const mass = new Map<string, number>()
  for (const { candidate, probability } of ranked) {
    const group = index.codes[candidate.code]!
    const key = level === 'broad' ? group.broad : level === 'minor' ? group.minor : group.major
    if (key) mass.set(key, (mass.get(key) ?? 0) + probability)
  }
  return [...mass].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

/** Codes one title. Pure given the index (the same title always gives the same answer). */
export function classifyTitle(index: ClassifierIndex, query: TitleQuery): TitleClassification {
  const scored = scoreCandidates(index, query.title, query.description)
  return resolveRanked(index, query.title, rankCandidates(index.model, scored, index), () => scored)
}

/**
 * Turns ranked detailed candidates into the answer: calibrated confidences, the most specific level that is
 * likely enough (detailed → broad → minor → major), review status, O*NET and ISCO-08 codes. `scoredFor` gives
 * the scored query a candidate came from (for its evidence).
 */
export function resolveRanked(
  index: ClassifierIndex,
  title: string,
  ranked: RankedCandidate[],
  scoredFor: (candidate: CandidateScore) => ScoredQuery,
): TitleClassification {
  const { model } = index
  const result: TitleClassification = { title, best: null, reviewStatus: 'needs_review', candidates: [], onet: null, isco: [] }
  const top = ranked[0]
  if (!top) return result

  result.candidates = ranked.slice(0, 5).map(({ candidate, probability }) => {
    const group = index.codes[candidate.code]!
    return {
      code: group.code,
      title: group.title,
      level: 'detailed',
      confidence: round(calibrate(model.calibration.detailed, probability)),
      evidence: candidateEvidence(index, scoredFor(candidate), candidate),
    }
  })

  const levels: SocCandidate[] = [result.candidates[0]!]
  // Falling back goes up from the leading detailed candidate: its broad, minor and major groups, each with the
  // summed probability of the candidates inside it.
  for (const level of ['broad', 'minor', 'major'] as const) {
    const code = codeAt(index, top.candidate.code, level)!
    const members = ranked.filter(({ candidate }) => codeAt(index, candidate.code, level) === code)
    const probability = members.reduce((sum, { probability: p }) => sum + p, 0)
    const group = index.reference.soc.get(code)!
    levels.push({
      code,
      title: group.title,
      level,
      confidence: round(calibrate(model.calibration[level], probability)),
      evidence: [
        `${level} group of ${members
          .slice(0, 3)
          .map(({ candidate }) => index.codes[candidate.code]!.code)
          .join(', ')}${members.length > 3 ? ` and ${members.length - 3} more candidates` : ''}`,
        ...candidateEvidence(index, scoredFor(top.candidate), top.candidate).slice(0, 2),
      ],
    })
  }
  const best = levels.find((candidate) => candidate.confidence >= model.fallbackThreshold) ?? levels[levels.length - 1]!
  if (best.level !== 'detailed') {
    best.evidence.unshift(
      `no detailed code is likely enough (best ${result.candidates[0]!.code} at ${result.candidates[0]!.confidence.toFixed(2)}); fell back to the ${best.level} group`,
    )
  }
  result.best = best
  // Only a detailed code is auto-accepted: a broader group is an honest answer, but a person should pick the code.
  result.reviewStatus = best.level === 'detailed' && best.confidence >= model.autoAcceptThreshold ? 'auto_accepted' : 'needs_review'

  const detailed = index.codes[top.candidate.code]!
  result.onet = onetFor(index, top.candidate, detailed.code)
  const isco = index.reference.iscoBySoc.get(detailed.code) ?? []
  result.isco = isco.map((c) => ({ code: c.isco08, title: c.title, via: [...c.via], of: isco.length }) satisfies DerivedIscoCode)
  return result
}

function codeAt(index: ClassifierIndex, code: number, level: Exclude<SocLevel, 'detailed'>): string | null {
  const group = index.codes[code]!
  return level === 'broad' ? group.broad : level === 'minor' ? group.minor : group.major
}

function candidateEvidence(index: ClassifierIndex, scored: ScoredQuery, candidate: CandidateScore): string[] {
  const evidence: string[] = []
  const group = index.codes[candidate.code]!
  if (candidate.features[11]! > 0) evidence.push(`title equals a reference title of ${group.code} after normalisation`)
  const nearest = candidate.nearest.slice(0, 3).map(({ entry, similarity }) => {
    const e = index.entries[entry]!
    return `"${e.label}" (${SOURCE_LABEL[e.source]}, similarity ${similarity.toFixed(2)})`
  })
  if (nearest.length > 0) evidence.push(`nearest reference titles: ${nearest.join('; ')}`)
  const head = scored.normalized.head
  if (head && candidate.features[5]! > 0) {
    evidence.push(`head noun "${head}" in ${Math.round(candidate.features[4]! * 100)}% of ${group.code}'s reference titles`)
  } else if (head) {
    evidence.push(`head noun "${head}" is in none of ${group.code}'s reference titles`)
  }
  if (scored.rule) evidence.push(scored.rule)
  for (const r of scored.respellings) evidence.push(`read "${r.word}" as "${r.as}" (spelling similarity ${r.similarity.toFixed(2)})`)
  if (candidate.descriptionCos > 0) evidence.push(`description matches ${group.code}'s definition and tasks (cosine ${candidate.descriptionCos.toFixed(2)})`)
  if (candidate.features[8]! > 0) evidence.push(`${group.code} is a residual "All Other" code: used when no specific code fits`)
  if (candidate.features[9]! > 0) evidence.push(`${group.code} is a military occupation (major group 55)`)
  return evidence
}

function onetFor(index: ClassifierIndex, candidate: CandidateScore, socCode: string): TitleClassification['onet'] {
  const occupations = index.reference.onetBySoc.get(socCode) ?? []
  if (occupations.length === 1) {
    const only = occupations[0]!
    return { code: only.onetCode, title: only.title, evidence: [`the only O*NET occupation under ${socCode}`] }
  }
  const mass = new Map<string, number>()
  let total = 0
  for (const { entry, similarity } of candidate.nearest) {
    const e = index.entries[entry]!
    if (!e.onetCode) continue
    mass.set(e.onetCode, (mass.get(e.onetCode) ?? 0) + similarity * e.weight)
    total += similarity * e.weight
  }
  const [code, share] = [...mass].map(([c, m]) => [c, m / total] as const).sort((a, b) => b[1] - a[1])[0] ?? []
  if (!code || share === undefined || share < 0.75) return null
  const occupation = index.reference.onetOccupations.get(code)!
  return { code, title: occupation.title, evidence: [`${Math.round(share * 100)}% of the matched O*NET titles under ${socCode} belong to ${code}`] }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
