// Codes one job title to SOC 2018: scores candidate detailed codes, turns scores into calibrated
// probabilities, and falls back up the hierarchy (broad → minor → major) when no detailed code is likely enough.

import type { DerivedIscoCode, SocCandidate, SocLevel, TitleClassification, TitleQuery } from '../model/index.js'
import type { ClassifierIndex } from './classifier-index.js'
import { calibrate } from './calibration.js'
import type { ClassifierModel } from './fitted-model.js'

export { calibrate } from './calibration.js'
import { type CandidateScore, FEATURES, scoreCandidates, type ScoredQuery } from './score-candidates.js'

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
  return index ? leadHierarchically(index, ranked, model) : ranked
}

/**
 * A code from the chosen group leads only when it is at least this share as probable as the likeliest code
 * (chosen on the former fit half: "Supervisor of Roofers" is 47-1011 at 0.22 even though three material-moving
 * supervisor codes at 0.07–0.09 each sum to more).
 */
export const LEAD_SHARE = 0.5

/**
 * Features of a major group for the second-stage choice, in the order of `ClassifierModel.majorWeights`: the
 * candidates' summed and best probability, and the major-group evidence the candidate features carry.
 */
export const MAJOR_FEATURES = [
  'logProbability', // log of the summed probability of the group's candidates
  'maxProbability', // probability of its likeliest candidate
  'majorNaiveBayes', // IDF-weighted mean over the title's words of log P(major group | word)
  'majorCentroid', // cosine with the group's title centroid
  'majorVote', // the group's share of the nearest reference titles' vote
  'majorAssociation', // its share of the word-to-code association mass
  'escoMajorVote', // its share of the nearest ESCO labels' vote
  'escoMajorVoteTimesBest', // … times the best ESCO label similarity
] as const

/** Candidate feature each major-group feature after the first two is read from (all candidates of a group agree). */
const MAJOR_FEATURE_SOURCES = MAJOR_FEATURES.slice(2).map((name) => (FEATURES as readonly string[]).indexOf(name))

/** Major groups among the ranked candidates with their second-stage scores, best first. */
export function scoreMajorGroups(index: ClassifierIndex, model: ClassifierModel, ranked: readonly RankedCandidate[]): { major: number; score: number }[] {
  return majorGroupCandidates(index, ranked)
    .map(({ major, features }) => {
      let score = 0
      for (let i = 0; i < model.majorWeights.length; i++) score += model.majorWeights[i]! * features[i]!
      return { major, score }
    })
    .sort((a, b) => b.score - a.score || a.major - b.major)
}

/** Major groups (dense numbers) among the ranked candidates, with their `MAJOR_FEATURES`, in order of first appearance. */
export function majorGroupCandidates(index: ClassifierIndex, ranked: readonly RankedCandidate[]): { major: number; features: Float64Array }[] {
  const groups = new Map<number, { sum: number; best: RankedCandidate }>()
  for (const r of ranked) {
    const major = index.groupOf.major[r.candidate.code]!
    const group = groups.get(major)
    if (!group) groups.set(major, { sum: r.probability, best: r })
    else {
      group.sum += r.probability
      if (r.probability > group.best.probability) group.best = r
    }
  }
  return [...groups].map(([major, { sum, best }]) => {
    const features = new Float64Array(MAJOR_FEATURES.length)
    features[0] = Math.log(sum + 1e-4)
    features[1] = best.probability
    MAJOR_FEATURE_SOURCES.forEach((source, i) => {
      features[i + 2] = best.candidate.features[source]!
    })
    return { major, features }
  })
}

/**
 * Moves to the front the most probable detailed code inside the minor group with the most summed probability,
 * inside the major group the second stage scores best (`scoreMajorGroups`), when it is nearly as probable as
 * the likeliest code (`LEAD_SHARE`). Several near-equal codes in one major group, or major-group evidence the
 * detailed scores weigh too little, outweigh a single slightly better code elsewhere, so the answer at 2 and 3
 * digits is the likeliest group, not merely the group of the likeliest code. `ranked` is ordered by
 * probability; the others keep that order. `model` defaults to the index's.
 */
export function leadHierarchically(
  index: ClassifierIndex,
  ranked: RankedCandidate[],
  model: ClassifierModel = index.model,
  leadShare = LEAD_SHARE,
): RankedCandidate[] {
  const major = scoreMajorGroups(index, model, ranked)[0]?.major
  if (major === undefined) return ranked
  let pool = ranked.filter(({ candidate }) => index.groupOf.major[candidate.code] === major)
  const minor = aggregateLevel(index, pool, 'minor')[0]?.[0]
  if (minor !== undefined) pool = pool.filter(({ candidate }) => codeAt(index, candidate.code, 'minor') === minor)
  const lead = pool[0]
  if (!lead || lead === ranked[0] || lead.probability < leadShare * ranked[0]!.probability) return ranked
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

  const rivals = rivalEvidence(index, ranked)
  const leadEvidence = confidenceFeatures(scoredFor(top.candidate), top.candidate, top.probability, rivals(top.candidate))
  result.candidates = ranked.slice(0, 5).map(({ candidate, probability }, i) => {
    const group = index.codes[candidate.code]!
    const evidence = i === 0 ? leadEvidence : confidenceFeatures(scoredFor(candidate), candidate, probability, rivals(candidate))
    return {
      code: group.code,
      title: group.title,
      level: 'detailed',
      confidence: round(calibrate(model.calibration.detailed, confidenceScore(model, evidence))),
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
  // The title equals reference titles of another code at least as well attested as the leading code's: the
  // sources disagree ("Site Reliability Engineer" is an O*NET job-listing title of both 15-1252 and 17-2112).
  // Leak-free fitting never sees an exact match, so the confidence cannot have learnt this; a person decides.
  const leadExact = top.candidate.features[EXACT]!
  const disagreeing = scoredFor(top.candidate).candidates.filter((c) => c !== top.candidate && c.features[EXACT]! > 0 && c.features[EXACT]! >= leadExact)
  if (best.level === 'detailed' && disagreeing.length > 0) {
    best.evidence.push(
      `the title also equals reference titles of ${disagreeing.map((c) => index.codes[c.code]!.code).join(', ')}: the sources disagree, so it needs review`,
    )
  }
  // Only a detailed code is auto-accepted: a broader group is an honest answer, but a person should pick the code.
  // Whether the detailed code stands is the confidence model's call (above); whether it is sure enough to skip
  // review is the accept model's, which reads more evidence (see `acceptConfidence`).
  const accept = acceptConfidence(model, leadEvidence)
  result.reviewStatus = best.level === 'detailed' && accept >= model.autoAcceptThreshold && disagreeing.length === 0 ? 'auto_accepted' : 'needs_review'
  // A reader compares the reported confidence with the threshold: where the accept model decided otherwise, say so.
  if (best.level === 'detailed' && disagreeing.length === 0 && accept >= model.autoAcceptThreshold !== best.confidence >= model.autoAcceptThreshold) {
    best.evidence.push(
      `the accept model (which also weighs how the candidates' groups agree) gives ${accept.toFixed(2)}, ${accept >= model.autoAcceptThreshold ? 'at or above' : 'below'} the auto-accept threshold ${model.autoAcceptThreshold}`,
    )
  }

  const detailed = index.codes[top.candidate.code]!
  result.onet = onetFor(index, top.candidate, detailed.code)
  const isco = index.reference.iscoBySoc.get(detailed.code) ?? []
  result.isco = isco.map((c) => ({ code: c.isco08, title: c.title, via: [...c.via], of: isco.length }) satisfies DerivedIscoCode)
  return result
}

/**
 * What the detailed confidence is read from, in the order of `ClassifierModel.confidenceWeights`: besides the
 * code's probability, how clearly its evidence beats the other candidates' and how much of the title was
 * understood. The softmax is relative (some candidate always wins), so a title with words no reference title
 * uses is less likely right at the same probability. Similarities enter as margins over the best rival: an
 * exact match is strong evidence only when no other code has one too ("Manager" matches dozens).
 */
export const CONFIDENCE_FEATURES = [
  'bias',
  'logitProbability', // log odds of the code's probability
  'competitorProbability', // probability of the strongest other code
  'maxSimMargin', // its best cosine with one reference title, minus the best other code's
  'maxSimHeadMargin', // … among titles with the same head noun
  'maxSimDirectMatchMargin', // … among BLS direct-match titles
  'vote', // its share of the nearest titles' vote
  'voteDirectMatch', // its share of the direct-match vote
  'headShare', // P(code | head noun)
  'unknownWord', // 1 when a word of the title is in no reference title
  'respelled', // 1 when a word was read as a look-alike (not counting a closed compound split in two)
  'oneWord', // 1 for a one-word title: the head noun alone often fits many codes ("Manager", "Analyst")
  'escoMajorVoteTimesBest', // ESCO's vote for its major group times the best ESCO similarity
  'majorShare', // summed probability of the candidates in its major group (agreement of the candidates' groups)
  'minorShare', // … in its minor group
  'broadShare', // … in its broad group
  'maxSim', // its best cosine with one reference title (how much of the title a reference title covers)
  'maxSimHead', // … among titles with the same head noun
  'titleWords', // number of words of the title (at most 5)
  'allOther', // it is an "All Other" residual code
  'military', // it is a military code
  'probabilityRatio', // log of its probability over the best rival's
  'textCos', // cosine of the title's words with its definition and tasks
  'escoVote', // its share of the nearest ESCO labels' vote
  'headFrac', // share of its titles with the same head noun
  'majorVote', // share of the nearest titles' vote in its major group
  'centroid', // cosine with its title centroid
] as const

/** Candidate features whose margin over the best rival is a confidence feature (maxSim, maxSimHead, maxSimDirectMatch). */
const MARGIN_SOURCES = (['maxSim', 'maxSimHead', 'maxSimDirectMatch'] as const).map((name) => FEATURES.indexOf(name))
/** Candidate features copied as they are, each to the confidence feature of the same name: [from, to]. */
const COPIED = (
  [
    'vote',
    'voteDirectMatch',
    'headShare',
    'escoMajorVoteTimesBest',
    'maxSim',
    'maxSimHead',
    'allOther',
    'military',
    'textCos',
    'escoVote',
    'headFrac',
    'majorVote',
    'centroid',
  ] as const
).map((name) => [FEATURES.indexOf(name), CONFIDENCE_FEATURES.indexOf(name)] as const)

/**
 * The best rival of a candidate: its probability and the margin sources (`MARGIN_SOURCES`), best among the
 * others; and how the ranking around it looks: the summed probability of the candidates in its broad, minor and
 * major groups.
 */
export interface Rival {
  probability: number
  margins: readonly number[]
  /** Summed probability of the candidates in the candidate's broad, minor and major group (itself included). */
  groupShares: readonly [number, number, number]
}

/** For each candidate of a ranking, its best rival: the runner-up for the leader, the leader for the others. */
export function rivalEvidence(index: ClassifierIndex, ranked: readonly RankedCandidate[]): (candidate: CandidateScore) => Rival {
  // Best and second-best value of each margin source (and of the probability) over the ranking.
  const best = (value: (r: RankedCandidate) => number) => {
    let first = { value: 0, candidate: null as CandidateScore | null }
    let second = 0
    for (const r of ranked) {
      const v = value(r)
      if (v > first.value) {
        second = first.value
        first = { value: v, candidate: r.candidate }
      } else if (v > second) second = v
    }
    return (candidate: CandidateScore) => (candidate === first.candidate ? second : first.value)
  }
  const probability = best((r) => r.probability)
  const margins = MARGIN_SOURCES.map((source) => best((r) => r.candidate.features[source]!))
  const levels = [index.groupOf.broad, index.groupOf.minor, index.groupOf.major] as const
  const mass = levels.map(() => new Map<number, number>())
  for (const r of ranked) {
    levels.forEach((groupOf, l) => {
      const group = groupOf[r.candidate.code]!
      mass[l]!.set(group, (mass[l]!.get(group) ?? 0) + r.probability)
    })
  }
  return (candidate) => ({
    probability: probability(candidate),
    margins: margins.map((m) => m(candidate)),
    groupShares: levels.map((groupOf, l) => mass[l]!.get(groupOf[candidate.code]!) ?? 0) as unknown as [number, number, number],
  })
}

/** The `CONFIDENCE_FEATURES` of a candidate with probability `probability` against its best rival. */
export function confidenceFeatures(scored: ScoredQuery, candidate: CandidateScore, probability: number, rival: Rival): Float64Array {
  const features = new Float64Array(CONFIDENCE_FEATURES.length)
  const p = Math.min(0.9999, Math.max(1e-4, probability))
  features[0] = 1
  features[1] = Math.log(p / (1 - p))
  features[2] = rival.probability
  MARGIN_SOURCES.forEach((source, i) => {
    features[3 + i] = candidate.features[source]! - rival.margins[i]!
  })
  for (const [source, at] of COPIED) features[at] = candidate.features[source]!
  features[9] = scored.unknownWord ? 1 : 0
  features[10] = scored.respellings.some((r) => r.similarity < 1) ? 1 : 0
  features[11] = scored.normalized.tokens.length === 1 ? 1 : 0
  features[13] = rival.groupShares[2]
  features[14] = rival.groupShares[1]
  features[15] = rival.groupShares[0]
  features[18] = Math.min(5, scored.normalized.tokens.length)
  features[21] = Math.max(-5, Math.min(5, Math.log(p / Math.max(1e-4, rival.probability))))
  return features
}

/** The confidence model's score (a log odds of being right), before the isotonic calibration. */
export function confidenceScore(model: ClassifierModel, features: Float64Array): number {
  return linearScore(model.confidenceWeights, features)
}

/** The accept model's score (a log odds of being right, from all confidence features), before its calibration. */
export function acceptScore(model: ClassifierModel, features: Float64Array): number {
  return linearScore(model.acceptWeights, features)
}

/**
 * The accept model's calibrated confidence that the leading detailed code is right, rounded as the reported
 * confidence is: compared with `autoAcceptThreshold`, never reported (the code's confidence is the confidence model's).
 */
export function acceptConfidence(model: ClassifierModel, features: Float64Array): number {
  return round(calibrate(model.acceptCalibration, acceptScore(model, features)))
}

function linearScore(weights: readonly number[], features: Float64Array): number {
  let score = 0
  for (let i = 0; i < weights.length; i++) score += weights[i]! * features[i]!
  return score
}

const EXACT = FEATURES.indexOf('exact')

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
  for (const r of scored.respellings) {
    evidence.push(
      r.similarity < 1
        ? `read "${r.word}" as "${r.as}" (spelling similarity ${r.similarity.toFixed(2)})`
        : `read "${r.word}" as "${r.as}" (reference titles write it as two words)`,
    )
  }
  if (candidate.descriptionCos > 0) evidence.push(`description matches ${group.code}'s definition and tasks (cosine ${candidate.descriptionCos.toFixed(2)})`)
  const matched = scored.tasks?.best(candidate.code)
  if (matched && candidate.taskMatch > 0) {
    const quoted = matched.tasks.map(({ task, similarity }) => `"${index.reference.tasks[task]!.task}" (${similarity.toFixed(2)})`).join('; ')
    evidence.push(`the role's text matches O*NET ${matched.occupation}'s tasks (task match ${candidate.taskMatch.toFixed(2)}): ${quoted}`)
  }
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
