// Fits the classifier's feature weights and confidence calibration on the `fit` half of the BLS direct-match
// development titles, leak-free, and writes src/classify/fitted-model.ts. Run: `npm run fit:classifier`.
//
// 1. Build the index without the fit half's titles (and every title equal to one after normalisation or
//    word-order inversion), and compute the candidate features of every fit-half title.
// 2. Fit the weights of a conditional logit (softmax over each title's candidate codes) by maximum likelihood.
// 3. Fit the second-stage choice of major group (a conditional logit over the major groups among a title's
//    candidates) on out-of-part probabilities: split the fit half in two, fit step 2 on each part, rank the
//    other part's candidates, and learn which major group holds the right code.
// 4. Calibrate on the same out-of-part predictions (the major-group weights also fitted on the other part):
//    isotonic curves (raw probability → share correct), per SOC level.
// The `report` half is never read here: the bench reports on it.

import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildClassifierIndex, type ClassifierIndex } from '../src/classify/classifier-index.js'
import { calibrate, fitIsotonic } from '../src/classify/calibration.js'
import {
  CONFIDENCE_FEATURES,
  confidenceFeatures,
  confidenceScore,
  leadHierarchically,
  rivalEvidence,
  MAJOR_FEATURES,
  majorGroupCandidates,
  type RankedCandidate,
  rankCandidates,
} from '../src/classify/classify-title.js'
import { type CalibrationCurve, type ClassifierModel, fittedModel } from '../src/classify/fitted-model.js'
import { FEATURES, scoreCandidates, type ScoredQuery } from '../src/classify/score-candidates.js'
import type { DirectMatchTitle } from '../src/model/index.js'
import { readReference } from '../src/reference/read-reference.js'
import { splitDirectMatchTitles, splitInTwo } from './classify-eval.js'

// Auto-accept: the lowest confidence, not below the floor, at which the cross-fitted fit-half titles at or
// above it are at least this share correct (the issue's target for auto-accepted codes).
const AUTO_ACCEPT_FLOOR = 0.85
const AUTO_ACCEPT_PRECISION = 0.9
const FALLBACK_THRESHOLD = 0.5
const L2 = 0.001
// An exact (normalised) match with a reference title never occurs leak-free, so its weight cannot be fitted
// here: it is set by hand, strong enough that an exact match with one code wins unless other evidence disagrees.
const EXACT_MATCH_WEIGHT = 4

interface Example {
  title: DirectMatchTitle
  scored: ScoredQuery
  gold: number // index into scored.candidates, -1 when the right code is not among them
}

/** Fits weights maximising the likelihood of the right candidate (Adam, L2-regularised). */
export function fitWeights(examples: Example[], start: readonly number[], frozen: ReadonlySet<number> = new Set(), iterations = 600): number[] {
  const choices = examples.map(({ scored, gold }) => ({ alternatives: scored.candidates.map((c) => c.features), gold }))
  return fitConditionalLogit(choices, start, frozen, iterations)
}

/** One choice among alternatives described by feature vectors; `gold` is the right one (-1: none is). */
interface Choice {
  alternatives: readonly Float64Array[]
  gold: number
}

/** Conditional logit (softmax over each choice's alternatives) by maximum likelihood, Adam, L2-regularised. */
function fitConditionalLogit(choices: Choice[], start: readonly number[], frozen: ReadonlySet<number>, iterations: number): number[] {
  const dims = start.length
  const w = [...start]
  const m = new Array(dims).fill(0)
  const v = new Array(dims).fill(0)
  const usable = choices.filter((e) => e.gold >= 0)
  for (let t = 1; t <= iterations; t++) {
    const grad = new Array(dims).fill(0)
    for (const { alternatives, gold } of usable) {
      const utilities = alternatives.map((features) => features.reduce((sum, x, i) => sum + x * w[i]!, 0))
      const max = Math.max(...utilities)
      const exps = utilities.map((u) => Math.exp(u - max))
      const total = exps.reduce((a, b) => a + b, 0)
      alternatives.forEach((features, k) => {
        const p = exps[k]! / total
        const target = k === gold ? 1 : 0
        for (let i = 0; i < dims; i++) grad[i] += (target - p) * features[i]!
      })
    }
    for (let i = 0; i < dims; i++) {
      if (frozen.has(i)) continue
      const g = grad[i] / usable.length - L2 * w[i]!
      m[i] = 0.9 * m[i] + 0.1 * g
      v[i] = 0.999 * v[i] + 0.001 * g * g
      const mHat = m[i] / (1 - 0.9 ** t)
      const vHat = v[i] / (1 - 0.999 ** t)
      w[i] = w[i]! + (0.05 * mHat) / (Math.sqrt(vHat) + 1e-8)
    }
  }
  return w
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

function examplesFor(index: ClassifierIndex, titles: DirectMatchTitle[]): Example[] {
  return titles.map((title) => {
    const scored = scoreCandidates(index, title.title)
    const gold = scored.candidates.findIndex((c) => index.codes[c.code]!.code === title.socCode)
    return { title, scored, gold }
  })
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

async function main(): Promise<void> {
  const referenceDir = process.argv[2] ?? 'raw/reference'
  const reference = await readReference(referenceDir)
  const { fit } = splitDirectMatchTitles(reference)
  const index = buildClassifierIndex(reference, { excludeTitles: fit.map((t) => t.title) })
  const examples = examplesFor(index, fit)
  const covered = examples.filter((e) => e.gold >= 0).length
  process.stdout.write(`fit half: ${fit.length} titles, right code among candidates for ${covered} (${pct(covered / fit.length)})\n`)

  const exact = FEATURES.indexOf('exact')
  const start = FEATURES.map((_, i) => (i === exact ? EXACT_MATCH_WEIGHT : 0))
  const frozen = new Set([exact])
  const [partA, partB] = splitInTwo(
    examples.map((e) => ({ ...e, title: e.title.title, example: e })),
    'cross-fit',
  )
  // Stage 1, cross-fitted: each part's candidates ranked by weights fitted on the other part.
  const outOfPart: { example: Example; ranked: RankedCandidate[]; part: number }[] = []
  ;[
    [partA, partB],
    [partB, partA],
  ].forEach(([train, test], part) => {
    const model = modelWith(
      fitWeights(
        train!.map((e) => e.example),
        start,
        frozen,
      ),
    )
    for (const { example } of test!) outOfPart.push({ example, ranked: rankCandidates(model, example.scored), part })
  })
  // Stage 2 on those out-of-part rankings: cross-fitted again for the calibration, then fitted on all of them.
  const majorChoices = outOfPart.map(({ example, ranked, part }) => ({
    part,
    choice: majorChoice(index, ranked, reference.soc.get(example.title.socCode)!.major),
  }))
  const majorStart = MAJOR_FEATURES.map((_, i) => (i === 0 ? 1 : 0))
  const fitMajorWeights = (part: number | null) =>
    fitConditionalLogit(
      majorChoices.filter((c) => c.part !== part).map((c) => c.choice),
      majorStart,
      new Set(),
      600,
    )
  const pooled: Record<'detailed' | 'broad' | 'minor' | 'major', { x: number; y: number }[]> = { detailed: [], broad: [], minor: [], major: [] }
  // The leading code's confidence features and whether it is right, per part, for the confidence model.
  const leads: { part: number; features: Float64Array; y: number }[] = []
  let majorRight = 0
  for (const part of [0, 1]) {
    // Only the major-group weights matter here: the candidates are already ranked.
    const model = { ...fittedModel, majorWeights: fitMajorWeights(part) }
    for (const { example, ranked: byProbability } of outOfPart.filter((o) => o.part === part)) {
      const ranked = leadHierarchically(index, byProbability, model)
      const gold = reference.soc.get(example.title.socCode)!
      const top = ranked[0]
      const right = top && index.codes[top.candidate.code]!.code === gold.code ? 1 : 0
      const none = new Float64Array(CONFIDENCE_FEATURES.length)
      leads.push({
        part,
        y: right,
        features: top ? confidenceFeatures(index, example.scored, top.candidate, top.probability, rivalEvidence(ranked)(top.candidate)) : none,
      })
      if (top && index.codes[top.candidate.code]!.major === gold.major) majorRight++
      // The broader levels are the leading candidate's own groups (see resolveRanked).
      for (const level of ['broad', 'minor', 'major'] as const) {
        const code = top ? index.codes[top.candidate.code]![level] : null
        const probability = ranked.filter((r) => index.codes[r.candidate.code]![level] === code).reduce((sum, r) => sum + r.probability, 0)
        pooled[level].push({ x: probability, y: code !== null && code === gold[level] ? 1 : 0 })
      }
    }
  }
  // Confidence model: a logistic regression of "the leading code is right" on its evidence (a conditional logit
  // of the features against an all-zero alternative), cross-fitted; its out-of-part scores feed the isotonic curve.
  const confidenceChoices = (part: number | null) =>
    leads.filter((l) => l.part !== part).map((l) => ({ alternatives: [l.features, new Float64Array(l.features.length)], gold: l.y === 1 ? 0 : 1 }))
  const confidenceStart = CONFIDENCE_FEATURES.map((name) => (name === 'logitProbability' ? 1 : 0))
  for (const part of [0, 1]) {
    const model = { ...fittedModel, confidenceWeights: fitConditionalLogit(confidenceChoices(part), confidenceStart, new Set(), 600) }
    for (const lead of leads.filter((l) => l.part === part)) pooled.detailed.push({ x: confidenceScore(model, lead.features), y: lead.y })
  }
  const confidenceWeights = fitConditionalLogit(confidenceChoices(null), confidenceStart, new Set(), 600)
  const weights = fitWeights(examples, start, frozen)
  const majorWeights = fitMajorWeights(null)
  const calibration = {
    detailed: fitIsotonic(pooled.detailed),
    broad: fitIsotonic(pooled.broad),
    minor: fitIsotonic(pooled.minor),
    major: fitIsotonic(pooled.major),
  }
  const autoAcceptThreshold = chooseAutoAcceptThreshold(calibration.detailed, pooled.detailed)
  const accuracy = pooled.detailed.reduce((s, p) => s + p.y, 0) / pooled.detailed.length
  process.stdout.write(`cross-fitted top-1 on the fit half: ${pct(accuracy)} at 6 digits, ${pct(majorRight / pooled.detailed.length)} at 2 digits\n`)
  process.stdout.write(`weights: ${FEATURES.map((f, i) => `${f}=${weights[i]!.toFixed(3)}`).join(' ')}\n`)
  process.stdout.write(`major-group weights: ${MAJOR_FEATURES.map((f, i) => `${f}=${majorWeights[i]!.toFixed(3)}`).join(' ')}\n`)
  process.stdout.write(`confidence weights: ${CONFIDENCE_FEATURES.map((f, i) => `${f}=${confidenceWeights[i]!.toFixed(3)}`).join(' ')}\n`)

  const model: ClassifierModel = {
    features: [...FEATURES],
    weights: weights.map(round4),
    majorFeatures: [...MAJOR_FEATURES],
    majorWeights: majorWeights.map(round4),
    confidenceFeatures: [...CONFIDENCE_FEATURES],
    confidenceWeights: confidenceWeights.map(round4),
    descriptionWeight: fittedModel.descriptionWeight,
    calibration,
    autoAcceptThreshold,
    fallbackThreshold: FALLBACK_THRESHOLD,
    fittedOn:
      `fit half of bls_dmtf/soc_2018_direct_match_title_file.dev.csv (${fit.length} titles, split by FNV-1a of the normalised word bag), ` +
      'leak-free (those titles removed from the index); calibration cross-fitted in two parts',
  }
  const target = path.resolve('src/classify/fitted-model.ts')
  await writeFile(target, renderModelModule(model))
  process.stdout.write(`wrote ${target}\n`)
}

/** The lowest calibrated confidence ≥ AUTO_ACCEPT_FLOOR whose titles at or above it reach AUTO_ACCEPT_PRECISION. */
function chooseAutoAcceptThreshold(curve: CalibrationCurve, points: readonly { x: number; y: number }[]): number {
  const confidences = points.map((p) => ({ c: Math.round(calibrate(curve, p.x) * 1000) / 1000, y: p.y })).sort((a, b) => b.c - a.c)
  let threshold = 1
  let right = 0
  for (let i = 0; i < confidences.length; i++) {
    right += confidences[i]!.y
    const c = confidences[i]!.c
    if (c < AUTO_ACCEPT_FLOOR) break
    // Only where the next title has a lower confidence: a threshold cannot split titles of equal confidence.
    if ((confidences[i + 1]?.c ?? -1) < c && right / (i + 1) >= AUTO_ACCEPT_PRECISION) threshold = c
  }
  process.stdout.write(
    `auto-accept threshold ${threshold}: ${confidences.filter((p) => p.c >= threshold).length} of ${points.length} cross-fitted fit-half titles at or above it\n`,
  )
  return threshold
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

function renderModelModule(model: ClassifierModel): string {
  const curve = (c: CalibrationCurve) => `[${c.map(([x, y]) => `[${x}, ${y}]`).join(', ')}]`
  return `// Generated by \`npm run fit:classifier\` (bench/fit-classifier.ts). Do not edit by hand: re-run the script.

/** Isotonic calibration map: raw score (a probability; for detailed codes the confidence score) → observed share correct, as breakpoints for linear interpolation. */
export type CalibrationCurve = readonly (readonly [number, number])[]

/** Feature weights of the candidate ranker and the calibration fitted on held-out titles. */
export interface ClassifierModel {
  features: readonly string[]
  weights: readonly number[]
  /** Weights of the second-stage choice of major group (\`MAJOR_FEATURES\` in classify-title.ts). */
  majorFeatures: readonly string[]
  majorWeights: readonly number[]
  /** Weights of the detailed confidence score (\`CONFIDENCE_FEATURES\` in classify-title.ts), mapped by \`calibration.detailed\`. */
  confidenceFeatures: readonly string[]
  confidenceWeights: readonly number[]
  /** Weight of the description-text similarity (not in the fitted data: titles come without descriptions). */
  descriptionWeight: number
  calibration: { detailed: CalibrationCurve; broad: CalibrationCurve; minor: CalibrationCurve; major: CalibrationCurve }
  /** Calibrated confidence at or above which a code is auto-accepted. */
  autoAcceptThreshold: number
  /** Calibrated confidence below which the classifier falls back to the next broader level. */
  fallbackThreshold: number
  /** How and on what the model was fitted. */
  fittedOn: string
}

export const fittedModel: ClassifierModel = {
  features: ${JSON.stringify(model.features)},
  weights: ${JSON.stringify(model.weights)},
  majorFeatures: ${JSON.stringify(model.majorFeatures)},
  majorWeights: ${JSON.stringify(model.majorWeights)},
  confidenceFeatures: ${JSON.stringify(model.confidenceFeatures)},
  confidenceWeights: ${JSON.stringify(model.confidenceWeights)},
  descriptionWeight: ${model.descriptionWeight},
  calibration: {
    detailed: ${curve(model.calibration.detailed)},
    broad: ${curve(model.calibration.broad)},
    minor: ${curve(model.calibration.minor)},
    major: ${curve(model.calibration.major)},
  },
  autoAcceptThreshold: ${model.autoAcceptThreshold},
  fallbackThreshold: ${model.fallbackThreshold},
  fittedOn: ${JSON.stringify(model.fittedOn)},
}
`
}

await main()
