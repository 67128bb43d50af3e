// Role-level accuracy (issue 14) on the development pages' labelled role families (ROLES_SOC.json): the share of
// families and profiles coded inside the accepted set, auto-accepted precision and family consistency, for the
// profiles canon parses today and for families constructed from the labels' titles and levels; the baseline is
// each role coded on its own (no family decision), in the same run.
//
// Then the classify stage per role against classifyTitle per title, in the same run (target: issue 7). Renders
// canon-app pages in memory (test/helpers/canon-app-corpus.ts), parses them in this thread, then times
// classifyRoles on the profiles and classifyTitle on their page titles. CPU time is reported: the machine is shared.

import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { ClassifyPool } from '../src/classify/classify-pool.js'
import { buildClassifierIndex } from '../src/classify/classifier-index.js'
import { classifyRoles } from '../src/classify/classify-roles.js'
import { loadOrBuildIndex } from '../src/classify/index-snapshot.js'
import { classifyTitle } from '../src/classify/classify-title.js'
import type { RoleProfile } from '../src/model/index.js'
import { parsePages } from '../src/parse/parse-pages.js'
import { readReference } from '../src/reference/read-reference.js'
import { readOccupations, renderCorpus } from '../test/helpers/canon-app-corpus.js'
import { constructFamilies, ownerLabel, parseLabelledPages, type RoleScore, readRoleLabels, scoreFamilies } from './lib/roles-soc.js'

const ROLES = Number(process.env.CANON_BENCH_ROLES ?? 300)

/** CPU seconds (user + system) spent in `work`. */
function cpuSeconds(work: () => void): number {
  const start = process.cpuUsage()
  work()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

const ROLE_PAGES = path.resolve(process.env.CANON_ROLE_PAGES ?? '../shared/data/role_pages_dev')

function describe(name: string, score: RoleScore): string {
  const pct = (a: number, b: number) => `${b > 0 ? ((100 * a) / b).toFixed(1) : '-'}%`
  return [
    `${name}:`,
    `  role families in the accepted set: ${score.familiesAccepted}/${score.families} (${pct(score.familiesAccepted, score.families)}; target >= 85%)`,
    `  profiles in the accepted set:      ${score.profilesAccepted}/${score.profiles} (${pct(score.profilesAccepted, score.profiles)})`,
    `  families consistent across levels: ${score.familiesConsistent}/${score.families} (${pct(score.familiesConsistent, score.families)}; target 100%)`,
    `  auto-accepted: ${score.autoAccepted} of ${score.profiles} profiles (${pct(score.autoAccepted, score.profiles)}), precision ${pct(score.autoAcceptedCorrect, score.autoAccepted)} (target >= 95%)`,
  ].join('\n')
}

/** Role-level accuracy on the labelled development pages; `index` is the full (not leak-free) index. */
async function roleAccuracy(index: ReturnType<typeof buildClassifierIndex>): Promise<void> {
  const labels = await readRoleLabels(ROLE_PAGES)
  const parsed = await parseLabelledPages(ROLE_PAGES, labels)
  const perRole = (roles: RoleProfile[]) => roles.map((role) => classifyRoles([role], index)[0]!)
  const matched = (coded: RoleProfile[]) => {
    const owner = new Map(coded.map((p) => [p, ownerLabel(labels, p)]))
    return labels.map((label) => ({ label, profiles: coded.filter((p) => owner.get(p) === label) }))
  }
  const constructed = await constructFamilies(ROLE_PAGES, labels)
  const codeConstructed = (code: (roles: RoleProfile[]) => RoleProfile[]) => {
    const all = code(constructed.flatMap((family) => family.profiles))
    let at = 0
    return constructed.map(({ label, profiles }) => ({ label, profiles: all.slice(at, (at += profiles.length)) }))
  }
  const parsedFamilies = matched(classifyRoles(parsed, index))
  const constructedFamilies = codeConstructed((roles) => classifyRoles(roles, index))
  const lines = [
    `${labels.length} labelled role families in ${new Set(labels.map((l) => l.file)).size} files (${ROLE_PAGES})`,
    describe(
      `parsed today (${parsed.length} profiles; ${parsedFamilies.filter((f) => f.profiles.length > 0).length} labelled families found by title)`,
      scoreFamilies(parsedFamilies),
    ),
    describe('  baseline, each role coded alone', scoreFamilies(matched(perRole(parsed)))),
    describe(`constructed from the labels (${constructed.reduce((n, f) => n + f.profiles.length, 0)} profiles)`, scoreFamilies(constructedFamilies)),
    describe('  baseline, each role coded alone', scoreFamilies(codeConstructed(perRole))),
    'parsed profiles auto-accepted outside the accepted set:',
    ...scoreFamilies(parsedFamilies).wrongAccepted.map((line) => `  ${line}`),
    'constructed profiles auto-accepted outside the accepted set:',
    ...scoreFamilies(constructedFamilies).wrongAccepted.map((line) => `  ${line}`),
    'parsed families whose levels disagree:',
    ...scoreFamilies(parsedFamilies).inconsistent.map((line) => `  ${line}`),
    'parsed families outside the accepted set:',
    ...scoreFamilies(parsedFamilies).wrong.map((line) => `  ${line}`),
    'constructed families whose levels disagree:',
    ...scoreFamilies(constructedFamilies).inconsistent.map((line) => `  ${line}`),
    'constructed families outside the accepted set:',
    ...scoreFamilies(constructedFamilies).wrong.map((line) => `  ${line}`),
    '',
  ]
  process.stdout.write(lines.join('\n'))
}

export async function run(): Promise<void> {
  const referenceDir = path.resolve(process.env.CANON_REFERENCE ?? 'raw/reference')
  const reference = await readReference(referenceDir)
  // CANON_INDEX_SNAPSHOT: load the index from (or write it to) this file, for repeated runs of this bench.
  const snapshot = process.env.CANON_INDEX_SNAPSHOT
  const index = snapshot ? await loadOrBuildIndex(reference, snapshot, (message) => process.stderr.write(`${message}\n`)) : buildClassifierIndex(reference)
  await roleAccuracy(index)
  if (process.env.CANON_BENCH_ROLES_SPEED === '0') return
  const pages = renderCorpus(await readOccupations(referenceDir), ROLES).map((page) => {
    const bytes = new TextEncoder().encode(page.html)
    return { path: page.file, bytes, contentHash: createHash('sha256').update(bytes).digest('hex') }
  })
  const profiles: RoleProfile[] = []
  for await (const page of parsePages(pages, { workers: 0, checkDuplicates: false })) profiles.push(...page.profiles)

  // Warm up both paths once, then time the better of two passes each.
  const titles = profiles.map((p) => p.title)
  classifyRoles(profiles.slice(0, 20), index)
  const titleSeconds = Math.min(
    ...[0, 1].map(() =>
      cpuSeconds(() => {
        for (const title of titles) classifyTitle(index, { title })
      }),
    ),
  )
  const roleSeconds = Math.min(...[0, 1].map(() => cpuSeconds(() => classifyRoles(profiles, index))))
  const titlesPerSecond = titles.length / titleSeconds
  const rolesPerSecond = profiles.length / roleSeconds
  process.stdout.write(
    [
      `${profiles.length} roles from ${pages.length} generated canon-app pages (CPU time, best of 2)`,
      `classifyTitle (page title only):  ${titlesPerSecond.toFixed(0)} titles/s`,
      `classifyRoles (titles + text):     ${rolesPerSecond.toFixed(0)} roles/s  (${((roleSeconds / profiles.length) * 1000).toFixed(2)} ms per role)`,
      `ratio roles/s ÷ titles/s:          ${(rolesPerSecond / titlesPerSecond).toFixed(3)}`,
      '',
    ].join('\n'),
  )

  // The classify pool (what a build uses for many roles) against this thread, wall clock, outputs compared.
  const workers = Math.max(1, Math.min(2, availableParallelism()))
  let began = performance.now()
  const inThread = classifyRoles(profiles, index).map((role) => role.classifications)
  const threadSeconds = (performance.now() - began) / 1000
  began = performance.now()
  const pool = new ClassifyPool(workers, referenceDir)
  const pooled = await pool.classify(profiles)
  const poolSeconds = (performance.now() - began) / 1000
  await pool.close()
  const same = JSON.stringify(pooled) === JSON.stringify(inThread.map((rows, i) => rows.slice(profiles[i]!.classifications.length)))
  process.stdout.write(
    [
      `classify pool, ${workers} workers (wall clock, index builds included): ${poolSeconds.toFixed(2)} s; this thread (index built): ${threadSeconds.toFixed(2)} s`,
      `ratio this thread ÷ pool: ${(threadSeconds / poolSeconds).toFixed(2)}  outputs ${same ? 'equal' : 'DIFFER'}`,
      '',
    ].join('\n'),
  )
  if (!same) throw new Error('the classify pool and classifyRoles disagree')
}
