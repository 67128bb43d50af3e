// Fits the classifier's feature weights and confidence calibration on the `fit` half of the BLS direct-match
// development titles, leak-free, and writes src/classify/fitted-model.ts. Run: `npm run fit:classifier`.
//
// 1. Build the index without the fit half's titles (and every title equal to one after normalisation or
//    word-order inversion), and compute the candidate features of every fit-half title.
// 2. Fit the weights of a conditional logit (softmax over each title's candidate codes) by maximum likelihood.
// 3. Calibrate by cross-fitting: split the fit half in two, fit weights on each part, predict the other, and fit
//    isotonic curves (raw probability → share correct) on the pooled out-of-part predictions, per SOC level.
// The `report` half is never read here: the bench reports on it.

import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildClassifierIndex, type ClassifierIndex } from '../src/classify/classifier-index.js'
import { fitIsotonic } from '../src/classify/calibration.js'
import { rankCandidates } from '../src/classify/classify-title.js'
import { type CalibrationCurve, type ClassifierModel, fittedModel } from '../src/classify/fitted-model.js'
import { FEATURES, scoreCandidates, type ScoredQuery } from '../src/classify/score-candidates.js'
import type { DirectMatchTitle } from '../src/model/index.js'
import { readReference } from '../src/reference/read-reference.js'
import { splitDirectMatchTitles, splitInTwo } from './classify-eval.js'

const AUTO_ACCEPT_THRESHOLD = 0.85
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
  const dims = start.length
  const w = [...start]
  const m = new Array(dims).fill(0)
  const v = new Array(dims).fill(0)
  const usable = examples.filter((e) => e.gold >= 0)
  for (let t = 1; t <= iterations; t++) {
    const grad = new Array(dims).fill(0)
    for (const { scored, gold } of usable) {
      const utilities = scored.candidates.map((c) => c.features.reduce((sum, x, i) => sum + x * w[i]!, 0))
      const max = Math.max(...utilities)
      const exps = utilities.map((u) => Math.exp(u - max))
      const total = exps.reduce((a, b) => a + b, 0)
      scored.candidates.forEach((c, k) => {
        const p = exps[k]! / total
        const target = k === gold ? 1 : 0
        for (let i = 0; i < dims; i++) grad[i] += (target - p) * c.features[i]!
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

function modelWith(weights: number[], calibration: ClassifierModel['calibration'] = fittedModel.calibration): ClassifierModel {
  return { ...fittedModel, features: [...FEATURES], weights, calibration }
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
  const [partA, partB] = splitInTwo(examples.map((e) => ({ ...e, title: e.title.title, example: e })), 'cross-fit')
  const pooled: Record<'detailed' | 'broad' | 'minor' | 'major', { x: number; y: number }[]> = { detailed: [], broad: [], minor: [], major: [] }
  for (const [train, test] of [[partA, partB], [partB, partA]] as const) {
    const weights = fitWeights(train.map((e) => e.example), start, frozen)
    const model = modelWith(weights)
    for (const { example } of test) {
      const ranked = rankCandidates(model, example.scored, index)
      const gold = reference.soc.get(example.title.socCode)!
      const top = ranked[0]
      pooled.detailed.push({ x: top?.probability ?? 0, y: top && index.codes[top.candidate.code]!.code === gold.code ? 1 : 0 })
      // The broader levels are the leading candidate's own groups (see resolveRanked).
      for (const level of ['broad', 'minor', 'major'] as const) {
        const code = top ? index.codes[top.candidate.code]![level] : null
        const probability = ranked.filter((r) => index.codes[r.candidate.code]![level] === code).reduce((sum, r) => sum + r.probability, 0)
        pooled[level].push({ x: probability, y: code !== null && code === gold[level] ? 1 : 0 })
      }
    }
  }
  const weights = fitWeights(examples, start, frozen)
  const calibration = {
    detailed: fitIsotonic(pooled.detailed),
    broad: fitIsotonic(pooled.broad),
    minor: fitIsotonic(pooled.minor),
    major: fitIsotonic(pooled.major),
  }
  const accuracy = pooled.detailed.reduce((s, p) => s + p.y, 0) / pooled.detailed.length
  process.stdout.write(`cross-fitted top-1 (6-digit) on the fit half: ${pct(accuracy)}\n`)
  process.stdout.write(`weights: ${FEATURES.map((f, i) => `${f}=${weights[i]!.toFixed(3)}`).join(' ')}\n`)

  const model: ClassifierModel = {
    features: [...FEATURES],
    weights: weights.map(round4),
    descriptionWeight: fittedModel.descriptionWeight,
    calibration,
    autoAcceptThreshold: AUTO_ACCEPT_THRESHOLD,
    fallbackThreshold: FALLBACK_THRESHOLD,
    fittedOn:
      `fit half of bls_dmtf/soc_2018_direct_match_title_file.dev.csv (${fit.length} titles, split by FNV-1a of the normalised word bag), ` +
      'leak-free (those titles removed from the index); calibration cross-fitted in two parts',
  }
  const target = path.resolve('src/classify/fitted-model.ts')
  await writeFile(target, renderModelModule(model))
  process.stdout.write(`wrote ${target}\n`)
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

function renderModelModule(model: ClassifierModel): string {
  const curve = (c: CalibrationCurve) => `[${c.map(([x, y]) => `[${x}, ${y}]`).join(', ')}]`
  return `// Generated by \`npm run fit:classifier\` (bench/fit-classifier.ts). Do not edit by hand: re-run the script.

/** Isotonic calibration map: raw probability → observed share correct, as breakpoints for linear interpolation. */
export type CalibrationCurve = readonly (readonly [number, number])[]

/** Feature weights of the candidate ranker and the calibration fitted on held-out titles. */
export interface ClassifierModel {
  features: readonly string[]
  weights: readonly number[]
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
