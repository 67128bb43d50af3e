// Site: rendering the static site of a 10,000-role release (target < 10 s), against a baseline measured in the
// same run: JSON.stringify of the same roles, the least any rendering of them does. The roles are the
// adjacency bench's synthetic canon, with the neighbours the adjacency stage gives them.

import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { computeAdjacency } from '../src/adjacency/compute-adjacency.js'
import { adjacencyFeatures } from '../src/adjacency/features.js'
import { renderSite, type SiteRole } from '../src/site/render-site.js'
import { syntheticCanon } from './adjacency.bench.js'

const roleCount = 10_000
const targetSeconds = 10

export function run(): void {
  const profiles = syntheticCanon(roleCount)
  const adjacency = computeAdjacency(profiles.map(adjacencyFeatures))
  const neighbours = new Map(adjacency.roles.map((role) => [role.code, role.neighbours]))
  const roles: SiteRole[] = profiles.map((profile) => ({
    profile,
    state: 'active',
    version: 1,
    neighbours: neighbours.get(profile.code) ?? [],
    history: [{ version: 1, createdRelease: 1 }],
  }))
  const release = {
    number: 1,
    createdAt: '2026-12-07T00:00:00.000Z',
    isCurrent: true,
    runId: 1,
    activeCount: roleCount,
    removedCount: 0,
    addedCount: roleCount,
    changedCount: 0,
    newlyRemovedCount: 0,
    unchangedCount: 0,
  }
  const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000
  let best = { stage: Infinity, stageWall: Infinity, baseline: Infinity, files: 0, bytes: 0 }
  for (let round = 0; round < 3; round++) {
    const c0 = process.cpuUsage()
    JSON.stringify(roles)
    const c1 = process.cpuUsage()
    const t1 = performance.now()
    const files = renderSite({ release, roles, diff: null, review: [], duplicates: adjacency.duplicates }, '/* minisearch */')
    const t2 = performance.now()
    const c2 = process.cpuUsage()
    if (cpuMs(c1, c2) < best.stage) {
      const bytes = files.reduce((sum, file) => sum + file.content.length, 0)
      best = { stage: cpuMs(c1, c2), stageWall: t2 - t1, baseline: cpuMs(c0, c1), files: files.length, bytes }
    }
  }
  console.log(`site: renderSite over ${roleCount} roles (best of 3, one thread): ${best.files} files, ${(best.bytes / 1e6).toFixed(1)} MB of text`)
  const ratio = (best.stage / best.baseline).toFixed(1)
  console.log(
    `  render ${best.stage.toFixed(0)} ms CPU (${best.stageWall.toFixed(0)} ms wall), baseline (JSON.stringify of the roles) ${best.baseline.toFixed(0)} ms CPU, ratio ${ratio}`,
  )
  console.log(`  load average during the run: ${loadavg()[0]!.toFixed(1)} (on ${availableParallelism()} cores)`)
  const verdict = best.stage / 1000 < targetSeconds ? 'met' : 'NOT met'
  console.log(`  target < ${targetSeconds} s of CPU: ${verdict} (${(best.stage / 1000).toFixed(2)} s; writing the files adds the disk's time)`)
}
