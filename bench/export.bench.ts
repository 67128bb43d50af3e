// Exporting 10,000 roles in every profile (target: under 5 s), against baselines measured in the same run (with the
// export's CPU time beside its wall time: on a shared machine CPU time swings less):
// 1. the export core fed from memory, against papaparse.unparse of the same rows held in memory (CSV encoding
//    alone, no streaming, no disk);
// 2. `exportRelease` from the database (the server named by DATABASE_URL, else embedded PGlite), against
//    reading the same release's roles alone (the part no export can avoid);
// 3. a delta export (`--since`) of one changed role among 10,000, as a fraction of that full export, next to
//    reading both releases in full (what a delta cost when it merged the two releases in memory).

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql, type Insertable } from 'kysely'
import Papa from 'papaparse'
import { migrateToLatest } from '../src/db/migrate.js'
import { openDatabase, type CanonDb } from '../src/db/open.js'
import type { RoleVersionsTable } from '../src/db/schema.js'
import { exportRelease } from '../src/export/export-release.js'
import { hashProfile } from '../src/plan/content-hash.js'
import { exportProfiles } from '../src/export/profiles/index.js'
import { exportTargets } from '../src/export/targets.js'
import { writeExport } from '../src/export/write-export.js'
import type { ExportRole, ReleaseSnapshot, RoleProfile } from '../src/model/index.js'
import { readReleaseProfiles } from '../src/store/index.js'

const roleCount = 10_000
const targetSeconds = 5

const snapshot: ReleaseSnapshot = { release: 1, createdAt: '2026-11-26T00:00:00.000Z', effectiveDate: '2026-11-26', effectiveDatePolicy: 'publication' }

/** A role shaped like the canon's: ~30 components, ~7 aliases, 3 codes, with commas, quotes and non-ASCII. */
export function syntheticRole(index: number): RoleProfile {
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

/** User and system CPU time in milliseconds (all of the process's threads: the main one, the file and GC helpers). */
const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000

async function* rolesInCodeOrder(profiles: RoleProfile[]): AsyncGenerator<ExportRole> {
  for (const profile of profiles) yield { profile, state: 'active' }
}

/** Every file's rows in memory, then one unparse each: the encoding cost alone, no streaming, no disk. */
function encodeInMemory(roles: RoleProfile[]): number {
  let bytes = 0
  for (const profile of exportProfiles) {
    for (const file of profile.files) {
      // Reference files hold one row per object, not per role: their cost is in the measured export.
      if (file.collect !== 'role') continue
      const rows = [file.headers as unknown[]]
      const context = { snapshot, effectiveDate: snapshot.effectiveDate, includeUnreviewed: false }
      for (const role of roles) rows.push(...file.rowsOf({ profile: role, state: 'active' }, context))
      bytes += Papa.unparse(rows, { newline: '\n', delimiter: ',' }).length
    }
  }
  return bytes
}

export async function run(): Promise<void> {
  const roles = Array.from({ length: roleCount }, (_, i) => syntheticRole(i)).sort((a, b) => (a.code < b.code ? -1 : 1))
  await runCore(roles)
  await runFromDatabase(roles)
}

async function runCore(roles: RoleProfile[]): Promise<void> {
  const out = await mkdtemp(path.join(tmpdir(), 'canon-export-bench-'))
  try {
    const timings: { baseline: number; exportAll: number; cpu: number }[] = []
    let rows = 0
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now()
      encodeInMemory(roles)
      const t1 = performance.now()
      const cpu0 = process.cpuUsage()
      const outcomes = await writeExport({
        snapshot,
        roles: rolesInCodeOrder(roles),
        targets: exportTargets({ outDir: out, release: 1, since: null, profiles: exportProfiles }),
        eol: 'crlf',
        bom: false,
        since: null,
      })
      const t2 = performance.now()
      const cpu = cpuMs(process.cpuUsage(cpu0))
      const failed = outcomes.filter((o) => !o.ok)
      if (failed.length > 0) throw new Error(`bench export failed: ${failed.map((o) => o.profile).join(', ')}`)
      rows = outcomes.reduce((sum, o) => sum + (o.ok ? o.manifest.files.reduce((s, f) => s + f.rows, 0) : 0), 0)
      timings.push({ baseline: t1 - t0, exportAll: t2 - t1, cpu })
    }
    const best = timings.reduce((a, b) => (b.exportAll < a.exportAll ? b : a))
    const seconds = best.exportAll / 1000
    console.log(`export core: ${roleCount} roles, ${exportProfiles.length} profiles, ${rows} rows written (best of ${timings.length})`)
    console.log(`  export to files (streaming, manifests, SHA-256): ${best.exportAll.toFixed(0)} ms (CPU of every thread: ${best.cpu.toFixed(0)} ms)`)
    console.log(`  baseline papaparse.unparse of the same rows in memory: ${best.baseline.toFixed(0)} ms`)
    console.log(`  ratio export / baseline: ${(best.exportAll / best.baseline).toFixed(2)}`)
    console.log(`  target < ${targetSeconds} s: ${seconds < targetSeconds ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}

/** The role_versions row for `profile` at `version`, first published in `release`. */
function versionRow(profile: RoleProfile, version: number, release: number): Insertable<RoleVersionsTable> {
  return {
    role_code: profile.code,
    version,
    content_hash: hashProfile(profile),
    profile: JSON.stringify(profile),
    title: profile.title,
    function: profile.function,
    discipline: profile.discipline,
    track: profile.track,
    level: profile.level?.code ?? null,
    status: profile.status,
    created_release: release,
  }
}

/**
 * Seeds one release straight into the tables the export reads (releases, roles, role_versions, release_roles):
 * the bench measures reading and writing, not the load, which has its own bench.
 */
async function seedRelease(db: CanonDb, roles: RoleProfile[]): Promise<void> {
  const run = await db.insertInto('runs').values({ status: 'published' }).returning('id').executeTakeFirstOrThrow()
  await db
    .insertInto('releases')
    .values({
      number: 1,
      run_id: run.id,
      active_count: roles.length,
      removed_count: 0,
      unchanged_count: 0,
      added_count: roles.length,
      changed_count: 0,
      newly_removed_count: 0,
    })
    .execute()
  for (let start = 0; start < roles.length; start += 500) {
    const chunk = roles.slice(start, start + 500)
    await db
      .insertInto('roles')
      .values(chunk.map((r) => ({ code: r.code, first_release: 1 })))
      .execute()
    const versions = await db
      .insertInto('role_versions')
      .values(chunk.map((r) => versionRow(r, 1, 1)))
      .returning(['id', 'role_code'])
      .execute()
    await db
      .insertInto('release_roles')
      .values(versions.map((v) => ({ release_number: 1, role_code: v.role_code, role_version_id: v.id, state: 'active' as const })))
      .execute()
  }
  await sql`update releases set is_current = true where number = 1`.execute(db)
}

/** Publishes release 2: release 1 with `edited` (one of its roles) at a new version, the rest unchanged. */
async function seedOneRoleChange(db: CanonDb, edited: RoleProfile): Promise<void> {
  const run = await db.insertInto('runs').values({ status: 'published' }).returning('id').executeTakeFirstOrThrow()
  await db
    .insertInto('releases')
    .values({
      number: 2,
      run_id: run.id,
      active_count: roleCount,
      removed_count: 0,
      unchanged_count: roleCount - 1,
      added_count: 0,
      changed_count: 1,
      newly_removed_count: 0,
    })
    .execute()
  const version = await db
    .insertInto('role_versions')
    .values(versionRow(edited, 2, 2))
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`
    insert into release_roles (release_number, role_code, role_version_id, state)
    select 2, role_code, case when role_code = ${edited.code} then ${version.id} else role_version_id end, state
    from release_roles where release_number = 1`.execute(db)
  await sql`update releases set is_current = false where number = 1`.execute(db)
  await sql`update releases set is_current = true where number = 2`.execute(db)
}

async function runFromDatabase(roles: RoleProfile[]): Promise<void> {
  // Environment read here only: the bench is an entry point, like the CLI.
  const url = process.env['DATABASE_URL']
  const schema = `canon_bench_export_${process.pid}`
  let db: CanonDb
  if (url) {
    const admin = await openDatabase({ url })
    await sql`create schema ${sql.id(schema)}`.execute(admin)
    await admin.destroy()
    db = await openDatabase({ url, schema, command: 'canon bench export' })
  } else {
    db = await openDatabase({ dataDir: 'memory://' })
  }
  const out = await mkdtemp(path.join(tmpdir(), 'canon-export-bench-db-'))
  try {
    await migrateToLatest(db)
    await seedRelease(db, roles)
    const timings: { read: number; exportAll: number; cpu: number }[] = []
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now()
      let read = 0
      for await (const _ of readReleaseProfiles(db, 1)) read++
      const t1 = performance.now()
      const cpu0 = process.cpuUsage()
      const result = await exportRelease(db, { outDir: out })
      const t2 = performance.now()
      const cpu = cpuMs(process.cpuUsage(cpu0))
      if (read !== roles.length || result.outcomes.some((o) => !o.ok)) throw new Error('bench export from the database failed')
      timings.push({ read: t1 - t0, exportAll: t2 - t1, cpu })
    }
    const best = timings.reduce((a, b) => (b.exportAll < a.exportAll ? b : a))
    const seconds = best.exportAll / 1000
    const where = url ? 'Postgres server (DATABASE_URL)' : 'embedded PGlite'
    console.log(`export from the database (${where}): ${roleCount} roles, all profiles (best of ${timings.length})`)
    console.log(`  canon's exportRelease (read, write, manifests, latest): ${best.exportAll.toFixed(0)} ms (CPU of this process: ${best.cpu.toFixed(0)} ms)`)
    console.log(`  baseline reading the release's roles alone: ${best.read.toFixed(0)} ms`)
    console.log(`  ratio export / read: ${(best.exportAll / best.read).toFixed(2)}`)
    console.log(`  target < ${targetSeconds} s: ${seconds < targetSeconds ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`)

    const changed = roles[Math.floor(roles.length / 2)]!
    await seedOneRoleChange(db, { ...changed, summary: `${changed.summary ?? ''} Edited.` })
    const deltas: { readBoth: number; delta: number }[] = []
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now()
      let read = 0
      for (const release of [1, 2]) for await (const _ of readReleaseProfiles(db, release)) read++
      const t1 = performance.now()
      const result = await exportRelease(db, { outDir: out, since: 1 })
      const t2 = performance.now()
      // One row per changed role: the generic job_profiles.csv, the HRIS profiles' change list.
      const rows = result.outcomes.map((o) => (o.ok ? o.manifest.files.find((f) => f.name === 'job_profiles.csv' || f.name === 'changes.csv')?.rows : -1))
      if (read !== 2 * roles.length || rows.some((n) => n !== 1)) throw new Error(`bench delta export failed: ${rows.join(', ')} role rows`)
      deltas.push({ readBoth: t1 - t0, delta: t2 - t1 })
    }
    const bestDelta = deltas.reduce((a, b) => (b.delta < a.delta ? b : a))
    console.log(`delta export since release 1: 1 role changed among ${roleCount}, all profiles (best of ${deltas.length})`)
    console.log(`  canon's exportRelease --since 1: ${bestDelta.delta.toFixed(0)} ms`)
    console.log(`  fraction of the full export above: ${((bestDelta.delta / best.exportAll) * 100).toFixed(1)}%`)
    console.log(`  baseline reading both releases' roles in full (the merge-based delta's floor): ${bestDelta.readBoth.toFixed(0)} ms`)
  } finally {
    await rm(out, { recursive: true, force: true })
    await db.destroy()
    if (url) {
      const admin = await openDatabase({ url })
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin)
      await admin.destroy()
    }
  }
}
