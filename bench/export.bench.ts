// Exporting 10,000 roles in every profile (target: under 5 s), against a baseline measured in the same run:
// papaparse.unparse of the same rows already held in memory, i.e. the CSV encoding alone.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import Papa from 'papaparse'
import { exportProfiles } from '../src/export/profiles/index.js'
import { exportTargets } from '../src/export/targets.js'
import { writeExport } from '../src/export/write-export.js'
import type { ExportRole, ReleaseSnapshot, RoleProfile } from '../src/model/index.js'

const roleCount = 10_000
const targetSeconds = 5

const snapshot: ReleaseSnapshot = { release: 1, createdAt: '2026-11-26T00:00:00.000Z', effectiveDate: '2026-11-26' }

/** A role shaped like the canon's: ~30 components, ~7 aliases, 3 codes, with commas, quotes and non-ASCII. */
function syntheticRole(index: number): RoleProfile {
  const code = `F${String(index % 40).padStart(2, '0')}.D${String(index).padStart(5, '0')}.P${(index % 6) + 1}`
  const text = (what: string, i: number) => `${what} ${i} for role ${index}, with "quotes", commas and ünïcödé – ok`
  return {
    code,
    title: index % 97 === 0 ? `=HYPERLINK("x") ${index}` : `Engineering – Discipline ${index % 300} Professional P${(index % 6) + 1}`,
    function: 'Engineering',
    discipline: `Discipline ${index % 300}`,
    track: 'Professional',
    level: {
      code: `P${(index % 6) + 1}`,
      name: 'Mid-Level Professional',
      descriptor: 'Fully competent professional; works independently on standard projects',
      scope: 'Team',
      autonomy: 'Works independently',
      complexity: 'Moderate',
      impact: 'Team outcomes',
      decisionRights: 'Own work',
      leadership: null,
      typicalExperience: '3–5 yrs',
    },
    status: 'approved',
    confidence: 0.7,
    confidenceBand: 'medium',
    scope: 'global',
    sourceVersion: 1,
    summary: text('Summary\nsecond line', 0),
    story: { who: 'Teams', externalProblem: null, internalProblem: null, whyItMatters: 'It matters', plan: ['a', 'b'], stakes: null, success: null },
    components: Array.from({ length: 30 }, (_, i) => ({
      kind: i < 8 ? 'responsibility' : i < 20 ? 'skill' : 'knowledge',
      text: text('Component', i),
      tags: ['common'],
    })),
    coreOutputs: ['Output one', 'Output two'],
    adjacentRoles: [{ code: null, title: 'Neighbour', distance: 1, band: 'near' }],
    aliases: Array.from({ length: 7 }, (_, i) => ({
      text: `Alias ${i} of ${index}`,
      key: `alias ${i} of ${index}`,
      variants: [`Alias-${i}`],
      type: 'common',
      confidence: 0.6,
      band: 'medium',
      approved: i === 0,
      evidence: [{ source: 'page', confidence: 0.6 }],
    })),
    classifications: ['15-1252', '15-1250', '15-1200'].map((soc, i) => ({
      system: 'SOC2018',
      code: soc,
      title: 'Software Developers',
      source: i === 0 ? 'declared' : 'inferred_from_title',
      confidence: 0.9 - i * 0.2,
      reviewStatus: i === 2 ? 'rejected' : 'accepted',
      evidence: ['title'],
    })),
    source: { path: `pages/${code}.html`, format: 'html', contentHash: `hash${index}` },
    findings: [],
  }
}

async function* rolesInCodeOrder(profiles: RoleProfile[]): AsyncGenerator<ExportRole> {
  for (const profile of profiles) yield { profile, state: 'active' }
}

/** Every file's rows in memory, then one unparse each: the encoding cost alone, no streaming, no disk. */
function encodeInMemory(roles: RoleProfile[]): number {
  let bytes = 0
  for (const profile of exportProfiles) {
    for (const file of profile.files) {
      const rows = [file.headers as unknown[]]
      for (const role of roles) rows.push(...file.rowsOf({ profile: role, state: 'active' }, snapshot))
      bytes += Papa.unparse(rows, { newline: '\n', delimiter: ',' }).length
    }
  }
  return bytes
}

export async function run(): Promise<void> {
  const roles = Array.from({ length: roleCount }, (_, i) => syntheticRole(i)).sort((a, b) => (a.code < b.code ? -1 : 1))
  const out = await mkdtemp(path.join(tmpdir(), 'canon-export-bench-'))
  try {
    const timings: { baseline: number; exportAll: number }[] = []
    let rows = 0
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now()
      encodeInMemory(roles)
      const t1 = performance.now()
      const outcomes = await writeExport({
        snapshot,
        roles: rolesInCodeOrder(roles),
        targets: exportTargets({ outDir: out, release: 1, since: null, profiles: exportProfiles }),
        eol: 'crlf',
        bom: false,
        since: null,
      })
      const t2 = performance.now()
      const failed = outcomes.filter((o) => !o.ok)
      if (failed.length > 0) throw new Error(`bench export failed: ${failed.map((o) => o.profile).join(', ')}`)
      rows = outcomes.reduce((sum, o) => sum + (o.ok ? o.manifest.files.reduce((s, f) => s + f.rows, 0) : 0), 0)
      timings.push({ baseline: t1 - t0, exportAll: t2 - t1 })
    }
    const best = timings.reduce((a, b) => (b.exportAll < a.exportAll ? b : a))
    const seconds = best.exportAll / 1000
    console.log(`export: ${roleCount} roles, ${exportProfiles.length} profiles, ${rows} rows written (best of ${timings.length})`)
    console.log(`  export to files (streaming, manifests, SHA-256): ${best.exportAll.toFixed(0)} ms`)
    console.log(`  baseline papaparse.unparse of the same rows in memory: ${best.baseline.toFixed(0)} ms`)
    console.log(`  ratio export / baseline: ${(best.exportAll / best.baseline).toFixed(2)}`)
    console.log(`  target < ${targetSeconds} s: ${seconds < targetSeconds ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}
