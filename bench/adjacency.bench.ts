// Adjacency: the speed and growth of the adjacency stage (features of every role, then computeAdjacency) on
// synthetic canons of 2,500, 5,000, 10,000 and 20,000 roles (target: 10,000 roles < 10 s of CPU on one thread,
// and near-linear growth). The baseline, measured in the same run on the same roles, is the least any content
// comparison must do: the normalised words of every component statement, hashed once into a Set per role.
// The ratios are stage / baseline, and each size's cost per role against the 2,500 roles'.

import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { computeAdjacency } from '../src/adjacency/compute-adjacency.js'
import { adjacencyFeatures, statementWords } from '../src/adjacency/features.js'
import { planAdjacency } from '../src/batch/adjacency.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { openDatabase } from '../src/db/open.js'
import type { RoleProfile } from '../src/model/index.js'
import { planRelease } from '../src/plan/plan-release.js'
import { applyLoadPlan } from '../src/store/apply-load-plan.js'
import { readReleaseState } from '../src/store/releases.js'
import { seededRandom } from '../test/helpers/seeded-random.js'
import { startRun } from '../src/store/runs.js'
import { createScratchDatabase } from '../test/helpers/scratch-database.js'

const sizes = [2_500, 5_000, 10_000, 20_000]
const targetSeconds = 10
const targetSize = 10_000

const functions = ['Engineering', 'Finance', 'People', 'Sales', 'Marketing', 'Operations', 'Legal', 'Product', 'Data', 'Support']
const socCodes = ['15-1252', '15-1244', '15-1211', '13-2011', '13-1071', '41-3091', '11-2021', '43-4051', '23-1011', '15-2051', '11-3021', '13-1111']
/** 4,000 made-up words: role statements draw on a large vocabulary, so unrelated roles share few words. */
const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'go', 'zu', 'ba', 'fi', 'he', 'jo']
const vocabulary = Array.from({ length: 4_000 }, (_, n) => `${syllables[n % 16]}${syllables[(n >> 4) % 16]}${syllables[(n >> 8) % 16]}`)

/**
 * A canon of `count` roles in families of six levels (P1–P6): a family shares a function, a SOC code and most of
 * its component statements, each level adds its own; one family in forty repeats another's title (duplicates).
 */
export function syntheticCanon(count: number): RoleProfile[] {
  const next = seededRandom(count)
  const roles: RoleProfile[] = []
  for (let index = 0; index < count; index++) {
    const familyIndex = Math.floor(index / 6)
    const rank = (index % 6) + 1
    const familyNext = seededRandom(familyIndex + 1)
    const twin = familyIndex % 40 === 39 ? familyIndex - 1 : familyIndex
    const fn = functions[twin % functions.length]!
    const discipline = `${fn} ${twin}`
    const pick = (source: () => number) => vocabulary[Math.floor(source() * vocabulary.length)]!
    const shared = Array.from({ length: 8 }, () => `${pick(familyNext)} the ${pick(familyNext)} ${pick(familyNext)} for ${discipline}`)
    const own = Array.from({ length: 6 }, () => `${pick(next)} ${pick(next)} and ${pick(next)} at level ${rank}`)
    const code = `${fn.slice(0, 3).toUpperCase()}.${String(familyIndex).padStart(5, '0')}.P${rank}`
    roles.push({
      code,
      title: `${discipline} Professional P${rank}`,
      function: fn,
      discipline,
      track: 'Professional',
      level: {
        code: `P${rank}`,
        name: null,
        descriptor: null,
        scope: null,
        autonomy: null,
        complexity: null,
        impact: null,
        decisionRights: null,
        leadership: null,
        typicalExperience: null,
      },
      status: 'draft',
      confidence: 0.7,
      confidenceBand: 'medium',
      scope: 'global',
      sourceVersion: 1,
      summary: null,
      story: null,
      components: [...shared, ...own].map((text) => ({ kind: 'responsibility', text, tags: [] })),
      coreOutputs: [],
      adjacentRoles: [],
      aliases: [
        {
          text: `${discipline} Specialist ${rank}`,
          key: `${discipline.toLowerCase()} specialist ${rank}`,
          variants: [],
          type: 'common',
          confidence: 0.7,
          band: 'medium',
          approved: false,
          evidence: [],
        },
      ],
      classifications: [
        {
          system: 'SOC2018',
          code: socCodes[familyIndex % socCodes.length]!,
          title: '',
          source: 'inferred_from_title',
          confidence: 0.8,
          reviewStatus: 'auto_accepted',
          evidence: [],
        },
      ],
      source: { path: `pages/${code}.txt`, format: 'canon-text', contentHash: String(index) },
      findings: [],
    })
  }
  return roles
}

/** The baseline: every component statement's words, hashed once into a Set per role. */
function wordSets(roles: readonly RoleProfile[]): number {
  let words = 0
  for (const role of roles) words += new Set(role.components.flatMap((component) => statementWords(component.text))).size
  return words
}

const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000

export async function run(): Promise<void> {
  measureStage()
  await measureRebuild()
}

function measureStage(): void {
  console.log('adjacency stage: features + computeAdjacency, one thread, best of 3 after a warm-up')
  const rows: { size: number; stageCpu: number; stageWall: number; baselineCpu: number; pairs: number; neighbours: number; duplicates: number }[] = []
  for (const size of sizes) {
    const roles = syntheticCanon(size)
    let best = { stageCpu: Infinity, stageWall: Infinity, baselineCpu: Infinity }
    let last: ReturnType<typeof computeAdjacency> | null = null
    for (let round = 0; round < 4; round++) {
      const c0 = process.cpuUsage()
      wordSets(roles)
      const c1 = process.cpuUsage()
      const t1 = performance.now()
      last = computeAdjacency(roles.map(adjacencyFeatures))
      const t2 = performance.now()
      const c2 = process.cpuUsage()
      if (round === 0) continue
      best = {
        stageCpu: Math.min(best.stageCpu, cpuMs(c1, c2)),
        stageWall: Math.min(best.stageWall, t2 - t1),
        baselineCpu: Math.min(best.baselineCpu, cpuMs(c0, c1)),
      }
    }
    const neighbours = last!.roles.reduce((sum, role) => sum + role.neighbours.length, 0)
    rows.push({ size, ...best, pairs: last!.pairsScored, neighbours, duplicates: last!.duplicates.length })
  }
  const first = rows[0]!
  for (const row of rows) {
    const perRole = row.stageCpu / row.size / (first.stageCpu / first.size)
    console.log(
      `  ${String(row.size).padStart(6)} roles: ${row.stageCpu.toFixed(0).padStart(6)} ms CPU (${row.stageWall.toFixed(0)} ms wall), ` +
        `baseline ${row.baselineCpu.toFixed(0)} ms, stage/baseline ${(row.stageCpu / row.baselineCpu).toFixed(2)}, ` +
        `cost per role ×${perRole.toFixed(2)} of ${first.size}'s; ${row.pairs} pairs scored (${((row.pairs / ((row.size * (row.size - 1)) / 2)) * 100).toFixed(2)}% of all pairs), ` +
        `${(row.neighbours / row.size).toFixed(1)} neighbours per role, ${row.duplicates} possible duplicates`,
    )
  }
  console.log(`  load average during the run: ${loadavg()[0]!.toFixed(1)} (on ${availableParallelism()} cores)`)
  const target = rows.find((row) => row.size === targetSize)!
  const largest = rows[rows.length - 1]!
  const growth = largest.stageCpu / largest.size / (first.stageCpu / first.size)
  console.log(
    `  target ${targetSize} roles < ${targetSeconds} s of CPU: ${target.stageCpu / 1000 < targetSeconds ? 'met' : 'NOT met'} (${(target.stageCpu / 1000).toFixed(2)} s)`,
  )
  console.log(`  near-linear (cost per role at ${largest.size} within ×1.5 of ${first.size}'s): ${growth <= 1.5 ? 'met' : 'NOT met'} (×${growth.toFixed(2)})`)
}

/**
 * Adjacency inside a rebuild, on the Postgres server (DATABASE_URL, else the local one), in a scratch database:
 * 10,000 roles loaded, then one role edited. What adjacency adds to that rebuild (reading the other roles'
 * stored features, the stage over all of them, writing the release's neighbour lists) against the baseline
 * measured in the same run: the rest of the same load (versions, membership, page cache).
 */
async function measureRebuild(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const scratch = await createScratchDatabase(serverUrl, 'canon_bench_adjacency')
  const db = await openDatabase({ url: scratch.url })
  try {
    await migrateToLatest(db)
    const profiles = syntheticCanon(targetSize)
    const first = planRelease({ release: null, roles: new Map() }, profiles, {})
    first.adjacency = (await planAdjacency(db, first, []))!
    await applyLoadPlan(db, first, { runId: await startRun(db, {}, null) })
    const edited = profiles.map((profile, index) => (index === 0 ? { ...profile, summary: 'Edited' } : profile))
    const plan = planRelease({ release: 1, roles: await readReleaseState(db, 1) }, edited, {})
    const t0 = performance.now()
    const adjacency = (await planAdjacency(db, plan, []))!
    const planned = performance.now() - t0
    plan.adjacency = adjacency
    const t1 = performance.now()
    const loaded = await applyLoadPlan(db, plan, { runId: await startRun(db, {}, 1) })
    const load = performance.now() - t1
    const written =
      (loaded.durationsMs['release_adjacency'] ?? 0) + (loaded.durationsMs['adjacency_features'] ?? 0) + (loaded.durationsMs['release_duplicates'] ?? 0)
    const rest = load - written
    console.log(`adjacency in a rebuild of ${targetSize} roles after one edit (Postgres server, wall time):`)
    console.log(`  reading 9,999 roles' stored features + the stage: ${planned.toFixed(0)} ms`)
    console.log(`  writing the changed neighbour lists: ${written.toFixed(0)} ms (unchanged lists are carried in one statement, in the rest)`)
    console.log(`  baseline, the rest of the same load: ${rest.toFixed(0)} ms; adjacency / baseline ${((planned + written) / Math.max(1, rest)).toFixed(2)}`)
  } finally {
    await db.destroy()
    await scratch.drop()
  }
}
