// The classifier's fitting procedure, shared by `npm run fit:classifier` (bench/fit-classifier.ts) and the
// cross-validation bench (bench/classify-cv.bench.ts), so the figures the bench reports are those of the
// procedure that writes src/classify/fitted-model.ts.
//
// Input: leak-free scored titles (each scored on an index without it), each in one of several parts.
// 1. Candidate weights: a conditional logit (softmax over each title's candidate codes), maximum likelihood.
// 2. Second-stage choice of major group: a conditional logit over the major groups among a title's candidates,
//    fitted on out-of-part rankings (each part ranked by weights fitted on the other parts).
// 3. Confidence model and calibration on the same out-of-part rankings, cross-fitted again by part: a logistic
//    score of "the leading code is right", then isotonic curves (score → share correct), per SOC level.
// 4. Accept model: the same logistic score with more features (all of `CONFIDENCE_FEATURES`), on its own
//    out-of-part rankings (one part per fold, `acceptFoldParts`), cross-fitted the same way and calibrated by a
//    Platt curve; it decides only the auto-accept (the confidence of step 3 decides the fallback).
// 5. The auto-accept threshold: the lowest calibrated accept confidence at which the out-of-part titles at or above
//    it are right at 92 % one standard error below the share observed (`autoAcceptRule: 'platt-bound'`).
// The out-of-part rankings come from weights fitted without the example's part: the callers give one part per
// fold; stages 2 and 3 are fitted in two parts (even and odd) unless `foldParts`, the accept model in one part per
// fold unless `acceptFoldParts: false`.

import type { ClassifierIndex } from '../src/classify/classifier-index.js'
import { calibratedScores, calibrate, chooseBoundThreshold, fitIsotonic, fitPlatt, lowestQualifyingScore } from '../src/classify/calibration.js'
import {
  CONFIDENCE_FEATURES,
  confidenceFeatures,
  confidenceScore,
  LEAD_SHARE,
  leadHierarchically,
  MAJOR_FEATURES,
  majorGroupCandidates,
  type RankedCandidate,
  rankCandidates,
  rivalEvidence,
} from '../src/classify/classify-title.js'
import { type CalibrationCurve, type ClassifierModel, fittedModel } from '../src/classify/fitted-model.js'
import { FEATURES, type ScoredQuery } from '../src/classify/score-candidates.js'
import type { DirectMatchTitle } from '../src/model/index.js'

/** One leak-free scored title: scored on an index without it; `part` is its cross-fitting part. */
export interface FitExample {
  title: DirectMatchTitle
  scored: ScoredQuery
  /** Index into scored.candidates of the right code, -1 when it is not among them. */
  gold: number
  part: number
}

export interface FitOptions {
  /**
   * The auto-accept rule: `platt-bound` (default since cv2, 2026-12-08): Platt-calibrated accept scores, the lowest
   * calibrated confidence at which the out-of-part titles at or above it are right at `autoAcceptPrecision` (92 %,
   * the issue target) even one standard error below the share observed (`chooseBoundThreshold`); `isotonic`
   * (shipped until cv2): isotonic curve, the lowest confidence ≥ `autoAcceptFloor` at which the out-of-part titles
   * at or above it are right at 90 %; `platt` (measured 2026-12-07, late, not shipped): Platt curve, threshold where
   * the expected (mean calibrated) precision reaches 92 %. See docs/classification.md.
   */
  autoAcceptRule?: 'platt' | 'isotonic' | 'platt-bound'
  /**
   * Cross-fit with one part per given part (one per fold) instead of two (part mod 2, the default). Measured
   * 2026-12-07 (late), not shipped: the out-of-part figures come closer to the held-out ones, but the refitted
   * confidence curves move role titles of the role-level bench to broad groups (see docs/classification.md).
   */
  foldParts?: boolean
  /**
   * Cross-fit the accept model alone with one part per given part (its own out-of-part rankings, stage 1 and the
   * second stage fitted without one part, not half of them), the second stage, confidence model and curves keeping
   * two parts. Default true since cv2 (2026-12-08; see docs/classification.md); `false` is the former fitting.
   */
  acceptFoldParts?: boolean
  /** Auto-accept: the threshold is not set below this confidence. */
  autoAcceptFloor?: number
  /** Auto-accept: share of out-of-part titles at or above the threshold that must be right. */
  autoAcceptPrecision?: number
  /** `leadHierarchically`'s share (Infinity: the most probable code always leads, no second stage). */
  leadShare?: number
  /**
   * Confidence features left out (their weights stay 0); default `RANKING_CONFIDENCE_FEATURES`, so the shipped
   * model reads the 13 features of 2026-12-07. `[]` fits all of them (`CANON_CV_VARIANTS=confidence-27`).
   */
  excludeConfidenceFeatures?: readonly string[]
  /**
   * Accept-model features left out (their weights stay 0); default none: the accept model reads all
   * `CONFIDENCE_FEATURES`. `RANKING_CONFIDENCE_FEATURES` makes it the confidence model again (`CANON_CV_VARIANTS=accept-13`).
   */
  excludeAcceptFeatures?: readonly string[]
  fittedOn?: string
  fitTitles?: ClassifierModel['fitTitles']
  log?: (line: string) => void
}

export interface FitResult {
  model: ClassifierModel
  /** Out-of-part (cross-fitted) figures on the examples, the model's own estimate of its held-out accuracy. */
  outOfPart: { detailed: number; major: number; autoAccepted: number; autoAcceptedPrecision: number; covered: number }
  /**
   * Measured, not shipped: the lowest accept-model score (before calibration, so titles the isotonic curve pools
   * can still be told apart) at which the out-of-part titles at or above it reach the auto-accept precision.
   */
  rawAutoAcceptScore: number
  /** Diagnostics: each example's out-of-part ranking, and its leading code's confidence features and whether it is right. */
  leads: { example: FitExample; ranked: RankedCandidate[]; part: number; features: Float64Array; y: number }[]
}

/**
 * Features the confidence model (fallback and reported confidence) leaves out, measured on 2026-12-07: on held-out
 * folds they raise the auto-accepted share at a higher precision, but on the role-level bench the detailed
 * confidence of role titles drops below the fallback threshold more often (more broad groups instead of accepted
 * detailed codes). The accept model reads them. They are the features from `majorShare` on, the ranking's shape
 * around the code (see `CONFIDENCE_FEATURES`). See docs/classification.md.
 */
export const RANKING_CONFIDENCE_FEATURES: readonly string[] = CONFIDENCE_FEATURES.slice(CONFIDENCE_FEATURES.indexOf('majorShare'))

const AUTO_ACCEPT_FLOOR = 0.85
/** The Platt rule's precision: the issue-14 target, ≥ 92 % of auto-accepted codes right on titles not seen. */
const PLATT_AUTO_ACCEPT_PRECISION = 0.92
/** The isotonic rule's (shipped) out-of-part precision. */
const AUTO_ACCEPT_PRECISION = 0.9
const FALLBACK_THRESHOLD = 0.5
const L2 = 0.001
// An exact (normalised) match with a reference title never occurs leak-free, so its weight cannot be fitted:
// it is set by hand, strong enough that an exact match with one code wins unless other evidence disagrees.
export const EXACT_MATCH_WEIGHT = 4
const ITERATIONS = 600

/** One choice among alternatives described by feature vectors; `gold` is the right one (-1: none is). */
export interface Choice {
  alternatives: readonly Float64Array[]
  gold: number
}

/**
 * Conditional logit (softmax over each choice's alternatives) by maximum likelihood, Adam, L2-regularised. The
 * alternatives are copied into one flat array first; the arithmetic (and so the result) is that of the plain
 * per-choice loops, only faster.
 */
export function fitConditionalLogit(choices: readonly Choice[], start: readonly number[], frozen: ReadonlySet<number>, iterations = ITERATIONS): number[] {
  const dims = start.length
  const usable = choices.filter((e) => e.gold >= 0)
  let alternatives = 0
  let widest = 0
  for (const choice of usable) {
    alternatives += choice.alternatives.length
    widest = Math.max(widest, choice.alternatives.length)
  }
  const x = new Float64Array(alternatives * dims)
  const offsets = new Int32Array(usable.length + 1)
  usable.forEach((choice, c) => {
    offsets[c + 1] = offsets[c]! + choice.alternatives.length
    choice.alternatives.forEach((features, k) => {
      x.set(features.subarray(0, dims), (offsets[c]! + k) * dims)
    })
  })
  const golds = usable.map((c) => c.gold)
  const w = Float64Array.from(start)
  const m = new Float64Array(dims)
  const v = new Float64Array(dims)
  const grad = new Float64Array(dims)
  const utilities = new Float64Array(widest)
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0)
    for (let c = 0; c < usable.length; c++) {
      const first = offsets[c]!
      const count = offsets[c + 1]! - first
      let max = -Infinity
      for (let k = 0; k < count; k++) {
        const row = (first + k) * dims
        let u = 0
        for (let i = 0; i < dims; i++) u = u + x[row + i]! * w[i]!
        utilities[k] = u
        if (u > max) max = u
      }
      let total = 0
      for (let k = 0; k < count; k++) {
        utilities[k] = Math.exp(utilities[k]! - max)
        total = total + utilities[k]!
      }
      const gold = golds[c]!
      for (let k = 0; k < count; k++) {
        const row = (first + k) * dims
        const step = (k === gold ? 1 : 0) - utilities[k]! / total
        for (let i = 0; i < dims; i++) grad[i]! += step * x[row + i]!
      }
    }
    for (let i = 0; i < dims; i++) {
      if (frozen.has(i)) continue
      const g = grad[i]! / usable.length - L2 * w[i]!
      m[i] = 0.9 * m[i]! + 0.1 * g
      v[i] = 0.999 * v[i]! + 0.001 * g * g
      const mHat = m[i]! / (1 - 0.9 ** t)
      const vHat = v[i]! / (1 - 0.999 ** t)
      w[i] = w[i]! + (0.05 * mHat) / (Math.sqrt(vHat) + 1e-8)
    }
  }
  return [...w]
}

/** Candidate weights maximising the likelihood of the right candidate; the exact-match weight stays as set. */
export function fitWeights(examples: readonly FitExample[]): number[] {
  const exact = FEATURES.indexOf('exact')
  const start = FEATURES.map((_, i) => (i === exact ? EXACT_MATCH_WEIGHT : 0))
  return fitConditionalLogit(
    examples.map(({ scored, gold }) => ({ alternatives: scored.candidates.map((c) => c.features), gold })),
    start,
    new Set([exact]),
  )
}

function modelWith(weights: number[]): ClassifierModel {
  return {
    ...fittedModel,
    features: [...FEATURES],
    weights,
    majorFeatures: [...MAJOR_FEATURES],
    majorWeights: MAJOR_FEATURES.map((_, i) => (i === 0 ? 1 : 0)),
  }
}

/** The major-group choice of one title: its candidates' major groups, and which of them holds the right code. */
function majorChoice(index: ClassifierIndex, ranked: readonly RankedCandidate[], goldMajor: string): Choice {
  const groups = majorGroupCandidates(index, ranked)
  const majorCode = (major: number) => index.codes[index.groupOf.major.indexOf(major)]!.major
  const gold = groups.findIndex(({ major }) => majorCode(major) === goldMajor)
  return { alternatives: groups.map((g) => g.features), gold }
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000
}

/** A title's leading code in an out-of-part ranking: its confidence features and whether it is right (y), at 2 digits too. */
interface Lead {
  example: FitExample
  ranked: RankedCandidate[]
  part: number
  features: Float64Array
  y: number
  major: number
}

/**
 * Candidate weights fitted on a set of examples, kept per caller's example list (`fitModel` is called on the same
 * examples with several options by the cross-validation bench; the weights are the costly part and depend only on
 * which examples they were fitted on).
 */
const weightCache = new WeakMap<readonly FitExample[], Map<string, number[]>>()

function cachedWeights(examples: readonly FitExample[], key: string, compute: () => number[]): number[] {
  let cache = weightCache.get(examples)
  if (!cache) weightCache.set(examples, (cache = new Map()))
  let weights = cache.get(key)
  if (!weights) cache.set(key, (weights = compute()))
  return weights
}

/**
 * Out-of-part rankings of `examples` (parts as given): stage 1 fitted without the part, then the second stage
 * (major group) cross-fitted the same way; each title's leading code, its confidence features, and the pooled
 * (summed probability, right) points of its broad, minor and major groups. `scheme` names the parts for the
 * weight cache (`given` is the caller's example list).
 */
function crossFit(index: ClassifierIndex, given: readonly FitExample[], examples: readonly FitExample[], scheme: 'two' | 'fold', leadShare: number) {
  const parts = [...new Set(examples.map((e) => e.part))].sort((a, b) => a - b)
  // Stage 1, cross-fitted: each part's candidates ranked by weights fitted on the other parts.
  const outOfPart: { example: FitExample; ranked: RankedCandidate[] }[] = []
  for (const part of parts) {
    const model = modelWith(cachedWeights(given, `${scheme}:${part}`, () => fitWeights(examples.filter((e) => e.part !== part))))
    for (const example of examples) if (example.part === part) outOfPart.push({ example, ranked: rankCandidates(model, example.scored) })
  }
  // Stage 2 on those out-of-part rankings: cross-fitted again for the calibration, then fitted on all of them.
  const majorChoices = outOfPart.map(({ example, ranked }) => ({
    part: example.part,
    choice: majorChoice(index, ranked, index.reference.soc.get(example.title.socCode)!.major),
  }))
  const majorStart = MAJOR_FEATURES.map((_, i) => (i === 0 ? 1 : 0))
  const fitMajorWeights = (part: number | null) =>
    fitConditionalLogit(
      majorChoices.filter((c) => c.part !== part).map((c) => c.choice),
      majorStart,
      new Set(),
    )
  const pooled: Record<'detailed' | 'broad' | 'minor' | 'major', { x: number; y: number }[]> = { detailed: [], broad: [], minor: [], major: [] }
  const leads: Lead[] = []
  for (const part of parts) {
    // Only the major-group weights matter here: the candidates are already ranked.
    const model = { ...fittedModel, majorWeights: fitMajorWeights(part) }
    for (const { example, ranked: byProbability } of outOfPart.filter((o) => o.example.part === part)) {
      const ranked = leadHierarchically(index, byProbability, model, leadShare)
      const gold = index.reference.soc.get(example.title.socCode)!
      const top = ranked[0]
      const right = top && index.codes[top.candidate.code]!.code === gold.code ? 1 : 0
      leads.push({
        example,
        ranked,
        part,
        y: right,
        major: top && index.codes[top.candidate.code]!.major === gold.major ? 1 : 0,
        features: top
          ? confidenceFeatures(example.scored, top.candidate, top.probability, rivalEvidence(index, ranked)(top.candidate))
          : new Float64Array(CONFIDENCE_FEATURES.length),
      })
      // The broader levels are the leading candidate's own groups (see resolveRanked).
      for (const level of ['broad', 'minor', 'major'] as const) {
        const code = top ? index.codes[top.candidate.code]![level] : null
        const probability = ranked.filter((r) => index.codes[r.candidate.code]![level] === code).reduce((sum, r) => sum + r.probability, 0)
        pooled[level].push({ x: probability, y: code !== null && code === gold[level] ? 1 : 0 })
      }
    }
  }
  return { leads, pooled, fitMajorWeights }
}

/**
 * Fits the whole model on leak-free scored titles. `index` supplies only the code table and hierarchy (the
 * same for every index built from one reference), so examples may come from different leak-free indexes.
 */
export function fitModel(index: ClassifierIndex, givenExamples: readonly FitExample[], options: FitOptions = {}): FitResult {
  const log = options.log ?? (() => {})
  const examples = options.foldParts ? givenExamples : givenExamples.map((e) => ({ ...e, part: e.part % 2 }))
  const rule = options.autoAcceptRule ?? 'platt-bound'
  const precision = options.autoAcceptPrecision ?? (rule === 'isotonic' ? AUTO_ACCEPT_PRECISION : PLATT_AUTO_ACCEPT_PRECISION)
  const leadShare = options.leadShare ?? LEAD_SHARE
  const parts = [...new Set(examples.map((e) => e.part))].sort((a, b) => a - b)
  const frozenConfidence = new Set(
    CONFIDENCE_FEATURES.flatMap((name, i) => ((options.excludeConfidenceFeatures ?? RANKING_CONFIDENCE_FEATURES).includes(name) ? [i] : [])),
  )
  const crossFitted = crossFit(index, givenExamples, examples, options.foldParts ? 'fold' : 'two', leadShare)
  const { leads, pooled, fitMajorWeights } = crossFitted
  // The accept model's own out-of-part rankings: one part per given part (`acceptFoldParts`), else the same.
  const acceptLeads = (options.acceptFoldParts ?? true) && !options.foldParts ? crossFit(index, givenExamples, givenExamples, 'fold', leadShare).leads : leads
  const acceptParts = [...new Set(acceptLeads.map((l) => l.part))].sort((a, b) => a - b)
  // Confidence model: a logistic regression of "the leading code is right" on its evidence (a conditional logit
  // of the features against an all-zero alternative), cross-fitted; its out-of-part scores feed the isotonic curve.
  const choicesOf = (list: readonly Lead[], part: number | null) =>
    list.filter((l) => l.part !== part).map((l) => ({ alternatives: [l.features, new Float64Array(l.features.length)], gold: l.y === 1 ? 0 : 1 }))
  const confidenceChoices = (part: number | null) => choicesOf(leads, part)
  const confidenceStart = CONFIDENCE_FEATURES.map((name) => (name === 'logitProbability' ? 1 : 0))
  for (const part of parts) {
    const model = { ...fittedModel, confidenceWeights: fitConditionalLogit(confidenceChoices(part), confidenceStart, frozenConfidence) }
    for (const lead of leads.filter((l) => l.part === part)) pooled.detailed.push({ x: confidenceScore(model, lead.features), y: lead.y })
  }
  const confidenceWeights = fitConditionalLogit(confidenceChoices(null), confidenceStart, frozenConfidence)
  // Accept model: the same logistic regression with every confidence feature (less `excludeAcceptFeatures`),
  // cross-fitted the same way; it decides only the auto-accept, so the fallback keeps the confidence above.
  const frozenAccept = new Set(CONFIDENCE_FEATURES.flatMap((name, i) => ((options.excludeAcceptFeatures ?? []).includes(name) ? [i] : [])))
  const acceptPooled: { x: number; y: number }[] = []
  for (const part of acceptParts) {
    const model = { ...fittedModel, confidenceWeights: fitConditionalLogit(choicesOf(acceptLeads, part), confidenceStart, frozenAccept) }
    for (const lead of acceptLeads.filter((l) => l.part === part)) acceptPooled.push({ x: confidenceScore(model, lead.features), y: lead.y })
  }
  const acceptWeights = fitConditionalLogit(choicesOf(acceptLeads, null), confidenceStart, frozenAccept)
  const acceptCalibration = rule === 'isotonic' ? fitIsotonic(acceptPooled) : fitPlatt(acceptPooled)
  const weights = cachedWeights(givenExamples, 'all', () => fitWeights(examples))
  const majorWeights = fitMajorWeights(null)
  const calibration = {
    detailed: fitIsotonic(pooled.detailed),
    broad: fitIsotonic(pooled.broad),
    minor: fitIsotonic(pooled.minor),
    major: fitIsotonic(pooled.major),
  }
  const threshold =
    rule === 'platt'
      ? chooseExpectedPrecisionThreshold(acceptCalibration, acceptPooled, precision)
      : rule === 'platt-bound'
        ? chooseBoundThreshold(acceptCalibration, acceptPooled, precision)
        : chooseAutoAcceptThreshold(acceptCalibration, acceptPooled, options.autoAcceptFloor ?? AUTO_ACCEPT_FLOOR, precision)
  const n = Math.max(1, leads.length)
  const outOfPartFigures = {
    detailed: leads.reduce((s, l) => s + l.y, 0) / n,
    major: leads.reduce((s, l) => s + l.major, 0) / n,
    autoAccepted: threshold.accepted / Math.max(1, acceptLeads.length),
    autoAcceptedPrecision: threshold.right / Math.max(1, threshold.accepted),
    covered: examples.filter((e) => e.gold >= 0).length / Math.max(1, examples.length),
  }
  log(`auto-accept threshold ${threshold.value}: ${threshold.accepted} of ${acceptLeads.length} out-of-part titles at or above it`)
  log(`weights: ${FEATURES.map((f, i) => `${f}=${weights[i]!.toFixed(3)}`).join(' ')}`)
  log(`major-group weights: ${MAJOR_FEATURES.map((f, i) => `${f}=${majorWeights[i]!.toFixed(3)}`).join(' ')}`)
  log(`confidence weights: ${CONFIDENCE_FEATURES.map((f, i) => `${f}=${confidenceWeights[i]!.toFixed(3)}`).join(' ')}`)
  log(`accept weights: ${CONFIDENCE_FEATURES.map((f, i) => `${f}=${acceptWeights[i]!.toFixed(3)}`).join(' ')}`)
  return {
    model: {
      features: [...FEATURES],
      weights: weights.map(round4),
      majorFeatures: [...MAJOR_FEATURES],
      majorWeights: majorWeights.map(round4),
      confidenceFeatures: [...CONFIDENCE_FEATURES],
      confidenceWeights: confidenceWeights.map(round4),
      acceptWeights: acceptWeights.map(round4),
      acceptCalibration,
      descriptionWeight: fittedModel.descriptionWeight,
      calibration,
      autoAcceptThreshold: threshold.value,
      fallbackThreshold: FALLBACK_THRESHOLD,
      fitTitles: options.fitTitles ?? 'all',
      fittedOn: options.fittedOn ?? `${examples.length} leak-free titles in ${parts.length} parts`,
    },
    outOfPart: outOfPartFigures,
    rawAutoAcceptScore: chooseRawThreshold(acceptPooled, precision),
    leads,
  }
}

/**
 * The lowest calibrated confidence (rounded as `acceptConfidence` rounds it) at which the titles at or above it
 * are expected to be right at `precision`: their mean calibrated confidence. With a smooth curve this estimate
 * moves little with the titles drawn, where the share of right titles at or above a threshold jumps about.
 */
function chooseExpectedPrecisionThreshold(curve: CalibrationCurve, points: readonly { x: number; y: number }[], precision: number) {
  const confidences = points.map((p) => ({ c: Math.round(calibrate(curve, p.x) * 1000) / 1000, y: p.y })).sort((a, b) => b.c - a.c)
  let value = 1
  let expected = 0
  let right = 0
  let chosen = { accepted: 0, right: 0 }
  for (let i = 0; i < confidences.length; i++) {
    expected += confidences[i]!.c
    right += confidences[i]!.y
    const c = confidences[i]!.c
    if ((confidences[i + 1]?.c ?? -1) < c && expected / (i + 1) >= precision) {
      value = c
      chosen = { accepted: i + 1, right }
    }
  }
  return { value, ...chosen }
}

/** The lowest raw confidence score whose out-of-part titles at or above it reach `precision` (at least 50 titles). */
function chooseRawThreshold(points: readonly { x: number; y: number }[], precision: number): number {
  const raw = points.map((p) => ({ score: p.x, y: p.y }))
  return lowestQualifyingScore(raw, (n, right) => n >= 50 && right / n >= precision)?.value ?? Number.POSITIVE_INFINITY
}

/** The lowest calibrated confidence ≥ `floor` whose titles at or above it reach `precision`. */
function chooseAutoAcceptThreshold(curve: CalibrationCurve, points: readonly { x: number; y: number }[], floor: number, precision: number) {
  const chosen = lowestQualifyingScore(calibratedScores(curve, points), (n, right, score) => score >= floor && right / n >= precision)
  return chosen ?? { value: 1, accepted: 0, right: 0 }
}
