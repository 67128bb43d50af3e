// k-fold cross-validation of the title coder across the whole BLS direct-match development file, leak-free per
// fold, with the fitting procedure of `npm run fit:classifier` (bench/classify-fit.ts). `npm run bench -- classify-cv`.
//
// Folds: a hash of each title's normalised word bag (bench/classify-eval.ts `foldOf`), so they never change.
// For held-out fold f:
// - its titles are scored on an index without them (every reference title equal to one of them after
//   normalisation or word-order inversion removed from every source, O*NET and ESCO labels included: the
//   `excludeTitles` of the classify bench);
// - the model is fitted on the other folds only, each training title g scored on an index without fold f *and*
//   fold g, so neither the held-out titles nor the training title itself is in the index it is scored on. One
//   index serves a pair of folds both ways: k single-fold and k(k-1)/2 pair indexes in all;
// - "fit" figures are the fitted model on its own training titles, "held-out" on fold f: their gap is what the
//   fitting learnt about the development titles rather than about titles in general.
// The shipped model (src/classify/fitted-model.ts) is scored on every fold too, its own fit titles apart.
// `CANON_CV_FOLDS` (default 5) sets k; `CANON_CV_HELD_OUT` (comma-separated fold numbers, default all) holds out
// only those folds, for quicker iterations (the reported figures are the full k-fold run's); `CANON_CV_VARIANTS` (comma-separated, see VARIANTS) also fits and scores
// alternative choices on the same folds, to keep a rule only when it helps on folds it was not written for;
// `CANON_CV_RULES` (comma-separated `NAME=on|off`, names of `ScoringRules`) scores every title with those
// reading rules switched;
// `CANON_CV_ERRORS=FILE` writes the held-out titles coded wrong at 6 digits as CSV.

import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildClassifierIndex, type ClassifierIndex } from '../src/classify/classifier-index.js'
import {
  acceptConfidence,
  acceptScore,
  CONFIDENCE_FEATURES,
  calibrate,
  classifyTitle,
  confidenceFeatures,
  confidenceScore,
  LEAD_SHARE,
  leadHierarchically,
  majorGroupCandidates,
  type RankedCandidate,
  rankCandidates,
  rivalEvidence,
} from '../src/classify/classify-title.js'
import { type ClassifierModel, fittedModel } from '../src/classify/fitted-model.js'
import { DEFAULT_RULES, FEATURES, type ScoringRules, scoreCandidates } from '../src/classify/score-candidates.js'
import type { DirectMatchTitle, ReferenceData } from '../src/model/index.js'
import { readReference } from '../src/reference/read-reference.js'
import { buildBaseline } from './classify-baseline.js'
import { type FitExample, type FitOptions, type FitResult, fitModel, RANKING_CONFIDENCE_FEATURES } from './classify-fit.js'
import { FOLDS, foldOf, groupAt, splitDirectMatchTitles } from './classify-eval.js'

const LEVELS = ['detailed', 'broad', 'minor', 'major'] as const
const EXACT = FEATURES.indexOf('exact')

/** Alternatives to the shipped choices, fitted on the training folds and scored on the held-out fold. */
const VARIANTS: Record<string, { about: string; options: FitOptions; raw?: boolean }> = {
  'before-cv2': {
    about: 'as shipped until cv2: accept model cross-fitted in two parts, isotonic curve, floor 0.85, 90 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic' },
  },
  platt: {
    about: 'accept model cross-fitted in two parts, Platt accept curve, threshold at 92 % expected out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'platt' },
  },
  'fold-parts': {
    about: 'one cross-fitting part per training fold (not two), Platt accept curve, 92 % expected out-of-part precision',
    options: { foldParts: true, autoAcceptRule: 'platt' },
  },
  'fold-parts-isotonic': {
    about: 'one cross-fitting part per training fold, isotonic accept curve, floor 0.85, 90 % out-of-part precision',
    options: { foldParts: true, autoAcceptRule: 'isotonic' },
  },
  'accept-fold-parts': {
    about: 'accept model alone cross-fitted with one part per training fold (second stage, confidence, curves: two parts), isotonic, floor 0.85, 90 %',
    options: { autoAcceptRule: 'isotonic' },
  },
  'accept-fold-parts-platt': {
    about: 'accept model alone cross-fitted with one part per training fold, Platt accept curve, 92 % expected out-of-part precision',
    options: { autoAcceptRule: 'platt' },
  },
  'confidence-27': {
    about: 'confidence model (fallback) with the 14 ranking features of 2026-12-07 too (group shares, absolute similarities, flags)',
    options: { excludeConfidenceFeatures: [] },
  },
  'accept-13': {
    about: 'accept model = the 13-feature confidence model, two parts, isotonic (auto-accept on the confidence, as shipped until 2026-12-07)',
    options: { excludeAcceptFeatures: RANKING_CONFIDENCE_FEATURES, acceptFoldParts: false, autoAcceptRule: 'isotonic' },
  },
  'accept-raw-0.92': {
    about: 'auto-accept on the accept score before calibration, 92 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptPrecision: 0.92 },
    raw: true,
  },
  'accept-raw-0.93': {
    about: 'auto-accept on the accept score before calibration, 93 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptPrecision: 0.93 },
    raw: true,
  },
  'no-second-stage': { about: 'the most probable code leads (no major-group second stage)', options: { leadShare: Number.POSITIVE_INFINITY } },
  'lead-share-0.3': { about: 'second stage, lead share 0.3', options: { leadShare: 0.3 } },
  'lead-share-0.7': { about: 'second stage, lead share 0.7', options: { leadShare: 0.7 } },
  'lead-share-0': { about: 'second stage always decides the group', options: { leadShare: 0 } },
  'accept-0.92': {
    about: 'auto-accept: floor 0.85, 92 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptPrecision: 0.92 },
  },
  'accept-floor-0.7': {
    about: 'auto-accept: floor 0.7, 90 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptFloor: 0.7 },
  },
  'accept-floor-0.5-0.92': {
    about: 'auto-accept: floor 0.5, 92 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptFloor: 0.5, autoAcceptPrecision: 0.92 },
  },
  'accept-floor-0.5-0.91': {
    about: 'auto-accept: floor 0.5, 91 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptFloor: 0.5, autoAcceptPrecision: 0.91 },
  },
  'accept-floor-0.5-0.93': {
    about: 'auto-accept: floor 0.5, 93 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptFloor: 0.5, autoAcceptPrecision: 0.93 },
  },
  'accept-floor-0.5-0.94': {
    about: 'auto-accept: floor 0.5, 94 % out-of-part precision',
    options: { acceptFoldParts: false, autoAcceptRule: 'isotonic', autoAcceptFloor: 0.5, autoAcceptPrecision: 0.94 },
  },
}

/** Figures of one model on one set of titles. */
interface Figures {
  titles: number
  covered: number
  detailed: number
  broad: number
  minor: number
  major: number
  accepted: number
  acceptedRight: number
}

interface Scored {
  title: DirectMatchTitle
  example: FitExample
}

export async function run(): Promise<void> {
  const k = Number(process.env.CANON_CV_FOLDS ?? FOLDS)
  const heldOutFolds = (process.env.CANON_CV_HELD_OUT ?? '').split(',').filter(Boolean).map(Number)
  for (const f of heldOutFolds) if (!Number.isInteger(f) || f < 0 || f >= k) throw new Error(`CANON_CV_HELD_OUT: "${f}" is not a fold number below ${k}`)
  if (heldOutFolds.length === 0) for (let f = 0; f < k; f++) heldOutFolds.push(f)
  const held = (f: number) => heldOutFolds.includes(f)
  const variantNames = (process.env.CANON_CV_VARIANTS ?? '').split(',').filter(Boolean)
  for (const name of variantNames) if (!VARIANTS[name]) throw new Error(`CANON_CV_VARIANTS: no variant "${name}"; known: ${Object.keys(VARIANTS).join(', ')}`)
  const ruleSettings = (process.env.CANON_CV_RULES ?? '').split(',').filter(Boolean)
  const rules: ScoringRules = { ...DEFAULT_RULES }
  for (const setting of ruleSettings) {
    const [name, value] = setting.split('=')
    if (!name || !(name in DEFAULT_RULES) || (value !== 'on' && value !== 'off')) {
      throw new Error(`CANON_CV_RULES: "${setting}" is not NAME=on|off with NAME one of ${Object.keys(DEFAULT_RULES).join(', ')}`)
    }
    rules[name as keyof ScoringRules] = value === 'on'
  }
  const referenceDir = path.resolve(process.env.CANON_REFERENCE ?? 'raw/reference')
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const reference = await readReference(referenceDir)
  const titles = reference.directMatchTitles
  const fold = titles.map((t) => foldOf(t.title, k))
  const inFold = (f: number) => titles.filter((_, i) => fold[i] === f)
  const shippedFit = new Set(fittedModel.fitTitles === 'all' ? titles : splitDirectMatchTitles(reference).fit)

  // Training titles, per held-out fold: fold g scored on the index without folds f and g.
  const training: Scored[][] = Array.from({ length: k }, () => [])
  let indexSeconds = 0
  for (let f = 0; f < k; f++) {
    for (let g = f + 1; g < k; g++) {
      if (!held(f) && !held(g)) continue
      const t = performance.now()
      const index = buildClassifierIndex(reference, { excludeTitles: [...inFold(f), ...inFold(g)].map((x) => x.title) })
      indexSeconds += (performance.now() - t) / 1000
      if (held(f)) training[f]!.push(...scoreAll(index, inFold(g), g, true, rules))
      if (held(g)) training[g]!.push(...scoreAll(index, inFold(f), f, true, rules))
    }
  }

  const lines: string[] = []
  const out = (line = '') => lines.push(line)
  out(`reference: ${referenceDir}`)
  if (ruleSettings.length > 0) out(`reading rules: ${ruleSettings.join(', ')} (classifyTitle keeps the defaults: its agreement check below does not apply)`)
  out(`BLS direct-match dev titles: ${titles.length} in ${k} folds (${Array.from({ length: k }, (_, f) => inFold(f).length).join(', ')} titles)`)
  if (heldOutFolds.length < k) out(`held out: folds ${heldOutFolds.join(', ')} only (CANON_CV_HELD_OUT; not the full ${k}-fold figure)`)
  const heldOut: Figures[] = []
  const fit: Figures[] = []
  const outOfPart: Figures[] = []
  const shippedOnFit: Figures[] = []
  const shippedOnOther: Figures[] = []
  const variants = new Map(
    variantNames.map((name) => [name, { heldOut: [] as Figures[], fit: [] as Figures[], outOfPart: [] as Figures[], threshold: [] as number[] }]),
  )
  const speed: number[] = []
  const errors: string[] = ['title,soc_code,predicted,predicted_title,same_major']
  let disagreements = 0
  const dump: string[] | null = process.env.CANON_CV_DUMP ? [] : null
  let baselineLine = ''
  for (const f of heldOutFolds) {
    const t = performance.now()
    const index = buildClassifierIndex(reference, { excludeTitles: inFold(f).map((x) => x.title) })
    indexSeconds += (performance.now() - t) / 1000
    const test = scoreAll(index, inFold(f), f, false, rules)
    // Inner cross-fitting parts: one per training fold (`fitModel` pairs them, even and odd, unless `foldParts`).
    const others = [...new Set(training[f]!.map((s) => s.example.part))].sort((a, b) => a - b)
    const examples = training[f]!.map((s) => ({ ...s.example, part: others.indexOf(s.example.part) }))
    const { model, outOfPart: oop, leads } = fitModel(index, examples)
    if (dump) {
      for (const lead of leads) dump.push(dumpRow(index, f, 'train', lead.example, lead.ranked, lead.features, lead.part))
      for (const s of test) {
        const byProbability = rankCandidates(model, s.example.scored)
        const ranked = leadHierarchically(index, byProbability, model)
        const top = ranked[0]
        const features = top
          ? confidenceFeatures(s.example.scored, top.candidate, top.probability, rivalEvidence(index, ranked)(top.candidate))
          : new Float64Array(CONFIDENCE_FEATURES.length)
        dump.push(dumpRow(index, f, 'test', s.example, ranked, features, -1))
      }
    }
    fit.push(evaluate(index, model, reference, examples))
    const held = evaluate(
      index,
      model,
      reference,
      test.map((s) => s.example),
      LEAD_SHARE,
      errors,
    )
    heldOut.push(held)
    outOfPart.push(outOfPartFigures(oop, examples.length))
    shippedOnFit.push(
      evaluate(
        index,
        fittedModel,
        reference,
        test.filter((s) => shippedFit.has(s.title)).map((s) => s.example),
      ),
    )
    shippedOnOther.push(
      evaluate(
        index,
        fittedModel,
        reference,
        test.filter((s) => !shippedFit.has(s.title)).map((s) => s.example),
      ),
    )
    for (const name of variantNames) {
      const variant = VARIANTS[name]!.options
      const fitted = fitModel(index, examples, variant)
      const rawScore = VARIANTS[name]!.raw ? fitted.rawAutoAcceptScore : undefined
      const figures = variants.get(name)!
      figures.heldOut.push(
        evaluate(
          index,
          fitted.model,
          reference,
          test.map((s) => s.example),
          variant.leadShare,
          undefined,
          rawScore,
        ),
      )
      figures.fit.push(evaluate(index, fitted.model, reference, examples, variant.leadShare, undefined, rawScore))
      figures.outOfPart.push(outOfPartFigures(fitted.outOfPart, examples.length))
      figures.threshold.push(fitted.model.autoAcceptThreshold)
    }
    // The figures above come from the model's parts; the full classifier must give the same answers.
    const withModel: ClassifierIndex = { ...index, model }
    const cpuPasses: number[] = []
    let results: ReturnType<typeof classifyTitle>[] = []
    for (let pass = 0; pass < 2; pass++) {
      const cpu = process.cpuUsage()
      results = test.map((s) => classifyTitle(withModel, { title: s.title.title }))
      const used = process.cpuUsage(cpu)
      cpuPasses.push(test.length / ((used.user + used.system) / 1e6))
    }
    speed.push(Math.max(...cpuPasses))
    const direct = evaluateResults(
      reference,
      test.map((s) => s.title),
      results,
    )
    if (direct.detailed !== held.detailed || direct.major !== held.major || direct.accepted !== held.accepted) disagreements++
    if (f === heldOutFolds[0]) {
      const baseline = buildBaseline(index)
      const cpu = process.cpuUsage()
      const codes = test.map((s) => baseline.classify(s.title.title))
      const used = process.cpuUsage(cpu)
      const right = codes.filter((code, i) => code === test[i]!.title.socCode).length
      baselineLine =
        `baseline (char-trigram vote + head bonus) on fold ${f}: 6-digit ${pct(right / test.length)}, ` +
        `${Math.round(test.length / ((used.user + used.system) / 1e6))} titles per CPU second; classify/baseline throughput ${(speed[0]! / (test.length / ((used.user + used.system) / 1e6))).toFixed(2)}x`
    }
  }

  out(
    `leak-free: each held-out fold's titles removed from its index; training titles scored on indexes without the held-out fold and their own (${heldOutFolds.length + (k * (k - 1)) / 2 - ((k - heldOutFolds.length) * (k - heldOutFolds.length - 1)) / 2} index builds, ${indexSeconds.toFixed(0)} s)`,
  )
  out()
  out('held-out folds (model fitted on the other folds)')
  out(header())
  for (const [i, figures] of heldOut.entries()) out(row(`fold ${heldOutFolds[i]}`, figures))
  out(summary('mean ± sd', heldOut))
  out(row('pooled', pool(heldOut)))
  out()
  out('fit: the same models on their own training titles (each scored leak-free)')
  out(summary('mean ± sd', fit))
  out(gap('gap fit − held-out', fit, heldOut))
  out(summary('out-of-part', outOfPart))
  out()
  out(`shipped model (${fittedModel.fittedOn.slice(0, 60)}…) on the same held-out folds`)
  out(row('its fit titles', pool(shippedOnFit)))
  if (fittedModel.fitTitles === 'all') out('  (it was fitted on every development title: these are fit figures, the held-out folds above are the honest ones)')
  else {
    out(row('titles it never saw', pool(shippedOnOther)))
    out(gap('gap', [pool(shippedOnFit)], [pool(shippedOnOther)]))
  }
  if (variants.size > 0) {
    out()
    out('variants, held-out folds (each fitted on the training folds; compare with "mean ± sd" above)')
    for (const [name, figures] of variants) {
      out(`  ${name}: ${VARIANTS[name]!.about}`)
      for (const [i, f] of figures.heldOut.entries()) out(row(`    fold ${heldOutFolds[i]} (${figures.threshold[i]})`, f))
      out(summary('    mean ± sd', figures.heldOut))
      out(gap('    minus shipped choice', figures.heldOut, heldOut))
      out(summary('    fit', figures.fit))
      out(gap('    gap fit − held-out', figures.fit, figures.heldOut))
      out(summary('    out-of-part', figures.outOfPart))
    }
  }
  out()
  const cpu = process.cpuUsage(cpuStart)
  out(
    `speed: classify ${Math.round(Math.min(...speed))}–${Math.round(Math.max(...speed))} titles per CPU second over the folds (target >= 2,000); ` +
      `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  )
  out(`  ${baselineLine}`)
  out(`  whole bench ${((performance.now() - started) / 1000).toFixed(0)} s wall clock, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU s`)
  out(`  classifyTitle agrees with the figures' shortcut on ${heldOutFolds.length - disagreements} of ${heldOutFolds.length} folds`)
  if (process.env.CANON_CV_ERRORS) {
    await writeFile(process.env.CANON_CV_ERRORS, `${errors.join('\n')}\n`)
    out(`  held-out titles coded wrong at 6 digits: ${process.env.CANON_CV_ERRORS}`)
  }
  if (dump && process.env.CANON_CV_DUMP) await writeFile(process.env.CANON_CV_DUMP, `${dump.join('\n')}\n`)
  process.stdout.write(`${lines.join('\n')}\n`)
}

/** One title for offline study (`CANON_CV_DUMP`): its lead's confidence features, its ranking and major-group features. */
function dumpRow(
  index: ClassifierIndex,
  fold: number,
  set: 'train' | 'test',
  example: FitExample,
  ranked: RankedCandidate[],
  features: Float64Array,
  part: number,
): string {
  const gold = index.reference.soc.get(example.title.socCode)!
  const top = ranked[0]
  const byProbability = [...ranked].sort((a, b) => b.probability - a.probability)
  return JSON.stringify({
    fold,
    set,
    part,
    title: example.title.title,
    gold: gold.code,
    lead: top ? index.codes[top.candidate.code]!.code : null,
    y: top && index.codes[top.candidate.code]!.code === gold.code ? 1 : 0,
    f: [...features].map((x) => Math.round(x * 1e5) / 1e5),
    r: byProbability.map((r) => [Math.round(r.probability * 1e6) / 1e6, index.codes[r.candidate.code]!.code]),
    g: majorGroupCandidates(index, byProbability).map((g) => [
      index.codes[index.groupOf.major.indexOf(g.major)]!.major,
      ...[...g.features].map((x) => Math.round(x * 1e5) / 1e5),
    ]),
  })
}

function scoreAll(index: ClassifierIndex, titles: DirectMatchTitle[], part: number, lean: boolean, rules: ScoringRules): Scored[] {
  return titles.map((title) => {
    const scored = scoreCandidates(index, title.title, null, rules)
    // Training titles keep only their features: their nearest-title lists point into an index that is dropped.
    if (lean) for (const c of scored.candidates) c.nearest = []
    const gold = scored.candidates.findIndex((c) => index.codes[c.code]!.code === title.socCode)
    return { title, example: { title, scored, gold, part } }
  })
}

/**
 * The leading code, its calibrated confidence and review status as `classifyTitle` decides them (the bench
 * checks they agree), from scored titles, so a model can be scored on titles scored on another index.
 */
function evaluate(
  index: ClassifierIndex,
  model: ClassifierModel,
  reference: ReferenceData,
  examples: FitExample[],
  leadShare = LEAD_SHARE,
  errors?: string[],
  rawAutoAcceptScore?: number,
): Figures {
  const figures = emptyFigures(examples.length)
  for (const { title, scored, gold } of examples) {
    if (gold >= 0) figures.covered++
    const ranked = leadHierarchically(index, rankCandidates(model, scored), model, leadShare)
    const top = ranked[0]
    if (!top) continue
    const code = index.codes[top.candidate.code]!.code
    for (const level of LEVELS) if (groupAt(reference, code, level) === groupAt(reference, title.socCode, level)) figures[level]++
    if (errors && code !== title.socCode) {
      const sameMajor = groupAt(reference, code, 'major') === groupAt(reference, title.socCode, 'major')
      errors.push([title.title, title.socCode, code, reference.soc.get(code)!.title, sameMajor ? 'yes' : 'no'].map(csvCell).join(','))
    }
    const features = confidenceFeatures(scored, top.candidate, top.probability, rivalEvidence(index, ranked)(top.candidate))
    const confidence = Math.round(calibrate(model.calibration.detailed, confidenceScore(model, features)) * 1000) / 1000
    // The fallback reads the confidence model, the auto-accept the accept model (as resolveRanked does).
    const score = acceptScore(model, features)
    const accept = acceptConfidence(model, features)
    const leadExact = top.candidate.features[EXACT]!
    const disagreeing = scored.candidates.some((c) => c !== top.candidate && c.features[EXACT]! > 0 && c.features[EXACT]! >= leadExact)
    const sure = rawAutoAcceptScore === undefined ? accept >= model.autoAcceptThreshold : score >= rawAutoAcceptScore
    if (confidence >= model.fallbackThreshold && sure && !disagreeing) {
      figures.accepted++
      if (code === title.socCode) figures.acceptedRight++
    }
  }
  return figures
}

/** The fitter's own out-of-part figures (shares of `titles`) as counts. */
function outOfPartFigures(oop: FitResult['outOfPart'], titles: number): Figures {
  return {
    titles,
    covered: Math.round(oop.covered * titles),
    detailed: Math.round(oop.detailed * titles),
    broad: Number.NaN,
    minor: Number.NaN,
    major: Math.round(oop.major * titles),
    accepted: Math.round(oop.autoAccepted * titles),
    acceptedRight: Math.round(oop.autoAcceptedPrecision * oop.autoAccepted * titles),
  }
}

function evaluateResults(reference: ReferenceData, titles: DirectMatchTitle[], results: ReturnType<typeof classifyTitle>[]): Figures {
  const figures = emptyFigures(titles.length)
  results.forEach((r, i) => {
    const gold = titles[i]!.socCode
    const code = r.candidates[0]?.code
    if (!code) return
    for (const level of LEVELS) if (groupAt(reference, code, level) === groupAt(reference, gold, level)) figures[level]++
    if (r.reviewStatus === 'auto_accepted') {
      figures.accepted++
      if (r.best!.code === gold) figures.acceptedRight++
    }
  })
  return figures
}

function emptyFigures(titles: number): Figures {
  return { titles, covered: 0, detailed: 0, broad: 0, minor: 0, major: 0, accepted: 0, acceptedRight: 0 }
}

/** The figures as shares, in the table's column order. */
function shares(f: Figures): number[] {
  return [
    f.detailed / f.titles,
    f.broad / f.titles,
    f.minor / f.titles,
    f.major / f.titles,
    f.accepted / f.titles,
    f.acceptedRight / Math.max(1, f.accepted),
    f.covered / f.titles,
  ]
}

function header(): string {
  return `  ${''.padEnd(22)}${['6-digit', '5-digit', '3-digit', '2-digit', 'auto', 'auto prec', 'in cands', 'titles'].map((h) => h.padStart(15)).join('')}`
}

function row(label: string, f: Figures): string {
  return `  ${label.padEnd(22)}${shares(f)
    .map((x) => (Number.isNaN(x) ? '–' : pct(x)).padStart(15))
    .join('')}${String(f.titles).padStart(15)}`
}

function summary(label: string, list: Figures[]): string {
  const columns = list.map(shares)
  const cells = columns[0]!.map((_, c) => {
    const values = columns.map((v) => v[c]!)
    if (values.some(Number.isNaN)) return '–'.padStart(15)
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1))
    return `${(mean * 100).toFixed(1)} ± ${(sd * 100).toFixed(1)}`.padStart(15)
  })
  return `  ${label.padEnd(22)}${cells.join('')}`
}

function gap(label: string, a: Figures[], b: Figures[]): string {
  const mean = (list: Figures[], c: number) => list.map((f) => shares(f)[c]!).reduce((x, y) => x + y, 0) / list.length
  const cells = shares(a[0]!).map((_, c) => {
    const d = mean(a, c) - mean(b, c)
    return (Number.isNaN(d) ? '–' : `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)}`).padStart(15)
  })
  return `  ${label.padEnd(22)}${cells.join('')}`
}

function pool(list: Figures[]): Figures {
  const total = emptyFigures(0)
  for (const f of list) for (const key of Object.keys(total) as (keyof Figures)[]) total[key] += f[key]
  return total
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}
