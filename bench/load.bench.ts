// The load against the Postgres server (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres), in a
// scratch schema that is dropped afterwards. Two figures, each against a baseline measured in the same run:
//   1. rows/s of applyLoadPlan for CANON_BENCH_ROLES (default 10,000) synthetic profiles (~30 components,
//      7 aliases, 3 codes each) and their page cache (one page per profile, as a full build writes it) vs COPY
//      (pg-copy-streams) of the very same rows into scratch tables with the same columns and no indexes;
//      target ratio ≥ 0.5. Also shown: the load's seconds per table.
//   2. a rebuild with nothing changed vs the full build, both `runBuild` with the real stages over a corpus of
//      canon-app pages (test/helpers/canon-app-corpus.ts, written once to bench/.corpus/load/); target < 10%.
//      Also shown: a rebuild after one page was edited. CANON_BENCH_PAGES=0 skips this part.

import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { realStages } from '../src/batch/real-stages.js'
import { runBuild } from '../src/batch/run-build.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { openDatabase, type CanonDb } from '../src/db/open.js'
import { applyLoadPlan } from '../src/store/apply-load-plan.js'
import { arrayLiteral } from '../src/db/bulk-insert.js'
import { silentLogger } from '../src/log/logger.js'
import type { LoadPlan } from '../src/model/index.js'
import { planRelease } from '../src/plan/plan-release.js'
import { startRun } from '../src/store/runs.js'
import { ensureCorpus, renderCorpusFrom } from '../test/helpers/canon-app-corpus.js'
import { syntheticProfiles } from './lib/synthetic-profiles.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const roleCount = Number(process.env['CANON_BENCH_ROLES'] ?? 10_000)
const pageCount = Number(process.env['CANON_BENCH_PAGES'] ?? roleCount)

export async function run(): Promise<void> {
  await loadVersusCopy()
  if (pageCount > 0) await rebuildVersusBuild()
}

async function withScratchSchema<T>(work: (db: CanonDb, schema: string, admin: pg.Client) => Promise<T>): Promise<T> {
  const schema = `canon_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create schema "${schema}"`)
  const db = await openDatabase({ url: serverUrl, schema })
  try {
    await migrateToLatest(db)
    return await work(db, schema, admin)
  } finally {
    await db.destroy()
    await admin.query(`drop schema "${schema}" cascade`)
    await admin.end()
  }
}

async function loadVersusCopy(): Promise<void> {
  const profiles = syntheticProfiles(roleCount)
  // A page's parse result is the profile before classification and alias scoring; the bench stores the same one.
  const pages = profiles.map((profile) => ({
    path: profile.source.path,
    contentHash: profile.source.contentHash,
    parserVersion: 'bench',
    profiles: [profile],
    rejected: [],
    warnings: [],
  }))
  const plan = planRelease({ release: null, roles: new Map() }, profiles, { pages })
  await withScratchSchema(async (db, schema, admin) => {
    const runId = await startRun(db, {}, null)
    const loadStart = performance.now()
    const { rows, durationsMs } = await applyLoadPlan(db, plan, { runId })
    const loadSeconds = (performance.now() - loadStart) / 1000
    const loadRows = ['roles', 'role_versions', 'components', 'aliases', 'classifications', 'release_roles', 'pages'].reduce(
      (sum, table) => sum + (rows[table] ?? 0),
      0,
    )

    await admin.query(`set search_path = "${schema}"`)
    for (const table of scratchTables) await admin.query(`create table ${table.name} (${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`)
    const copyStart = performance.now()
    let copyRows = 0
    await admin.query('begin')
    for (const table of scratchTables) {
      const data = table.rows(plan)
      copyRows += data.length
      const csv = data.map((row) => row.map(csvCell).join(',')).join('\n') + '\n'
      await pipeline(
        Readable.from([csv]),
        admin.query(copyFrom(`copy ${table.name} (${table.columns.map((c) => c.name).join(', ')}) from stdin with (format csv)`)),
      )
    }
    await admin.query('commit')
    const copySeconds = (performance.now() - copyStart) / 1000

    const loadRate = loadRows / loadSeconds
    const copyRate = copyRows / copySeconds
    console.log(
      `load of ${roleCount} profiles: ${loadRows} rows in ${loadSeconds.toFixed(2)} s = ${Math.round(loadRate)} rows/s (applyLoadPlan, one transaction)`,
    )
    console.log(
      `  per table: ${Object.entries(durationsMs)
        .map(([table, ms]) => `${table} ${(ms / 1000).toFixed(2)} s (${rows[table]} rows)`)
        .join(', ')}`,
    )
    console.log(`baseline COPY of the same ${copyRows} rows into scratch tables: ${copySeconds.toFixed(2)} s = ${Math.round(copyRate)} rows/s`)
    console.log(`ratio load/COPY = ${(loadRate / copyRate).toFixed(2)} (target ≥ 0.5) ${loadRate / copyRate >= 0.5 ? 'PASS' : 'FAIL'}`)
  })
}

type Cell = string | number | boolean | null
interface ScratchTable {
  name: string
  columns: { name: string; type: string }[]
  rows: (plan: LoadPlan) => Cell[][]
}

// The rows the load writes, table by table, with the load's column types (ids stand in for the serial keys).
const scratchTables: ScratchTable[] = [
  {
    name: 'scratch_roles',
    columns: [
      { name: 'code', type: 'text' },
      { name: 'first_release', type: 'int' },
    ],
    rows: (plan) => plan.versions.map((v) => [v.code, 1]),
  },
  {
    name: 'scratch_role_versions',
    columns: [
      'id int',
      'role_code text',
      'version int',
      'content_hash text',
      'profile jsonb',
      'title text',
      'function text',
      'discipline text',
      'track text',
      'level text',
      'status text',
      'created_release int',
    ].map(column),
    rows: (plan) =>
      plan.versions.map((v, id) => [
        id,
        v.code,
        v.version,
        v.contentHash,
        JSON.stringify(v.profile),
        v.profile.title,
        v.profile.function,
        v.profile.discipline,
        v.profile.track,
        v.profile.level?.code ?? null,
        v.profile.status,
        1,
      ]),
  },
  {
    name: 'scratch_components',
    columns: ['role_version_id int', 'ordinal int', 'kind text', 'text text', 'tags text[]'].map(column),
    rows: (plan) => plan.versions.flatMap((v, id) => v.profile.components.map((c, at) => [id, at, c.kind, c.text, arrayLiteral(c.tags)])),
  },
  {
    name: 'scratch_aliases',
    columns: [
      'role_version_id int',
      'ordinal int',
      'key text',
      'text text',
      'type text',
      'confidence float8',
      'band text',
      'approved bool',
      'variants text[]',
    ].map(column),
    rows: (plan) =>
      plan.versions.flatMap((v, id) =>
        v.profile.aliases.map((a, at) => [id, at, a.key, a.text, a.type, a.confidence, a.band, a.approved, arrayLiteral(a.variants)]),
      ),
  },
  {
    name: 'scratch_classifications',
    columns: [
      'role_version_id int',
      'ordinal int',
      'system text',
      'code text',
      'title text',
      'source text',
      'confidence float8',
      'review_status text',
      'evidence text[]',
    ].map(column),
    rows: (plan) =>
      plan.versions.flatMap((v, id) =>
        v.profile.classifications.map((c, at) => [id, at, c.system, c.code, c.title, c.source, c.confidence, c.reviewStatus, arrayLiteral(c.evidence)]),
      ),
  },
  {
    name: 'scratch_pages',
    columns: ['path text', 'content_hash text', 'parser_version text', 'profiles json', 'rejected json', 'warnings json', 'run_id int'].map(column),
    rows: (plan) =>
      plan.pages.map((page) => [
        page.path,
        page.contentHash,
        page.parserVersion,
        JSON.stringify(page.profiles),
        JSON.stringify(page.rejected),
        JSON.stringify(page.warnings),
        1,
      ]),
  },
  {
    name: 'scratch_release_roles',
    columns: ['release_number int', 'role_code text', 'role_version_id int', 'state text'].map(column),
    rows: (plan) => plan.versions.map((v, id) => [1, v.code, id, 'active']),
  },
]

function column(spec: string): { name: string; type: string } {
  const [name, ...type] = spec.split(' ')
  return { name: name!, type: type.join(' ') }
}

function csvCell(value: Cell): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text
}

async function rebuildVersusBuild(): Promise<void> {
  const rawDir = await ensureCorpus(path.join(root, 'bench/.corpus/load'), () => renderCorpusFrom(path.join(root, 'raw/reference'), pageCount))
  const stages = await realStages()
  const options = { rawDir, referenceDir: path.join(root, 'raw/reference'), editsDir: null, lockTimeoutMs: 10_000 }
  await withScratchSchema(async (db) => {
    const timedBuild = async () => {
      const start = performance.now()
      const result = await runBuild(options, { db, stages, logger: silentLogger })
      return { seconds: (performance.now() - start) / 1000, result }
    }
    const full = await timedBuild()
    const again = await timedBuild()
    console.log(
      `full build of ${pageCount} pages: ${full.seconds.toFixed(1)} s (${full.result.summary.roles.added} roles, release ${full.result.summary.release})`,
    )
    for (const stage of full.result.summary.stages) console.log(`  ${stage.stage}: ${(stage.durationMs / 1000).toFixed(1)} s`)
    console.log(`rebuild with nothing changed: ${again.seconds.toFixed(2)} s (${again.result.status}, ${again.result.summary.pages.parsed} pages parsed)`)
    const ratio = again.seconds / full.seconds
    console.log(`ratio rebuild/full = ${(ratio * 100).toFixed(1)}% (target < 10%) ${ratio < 0.1 ? 'PASS' : 'FAIL'}`)
    // One page edited: only it is parsed, only its role gets a new version.
    const [first] = (await readdir(path.join(rawDir, 'pages', 'canon-app'))).sort()
    const file = path.join(rawDir, 'pages', 'canon-app', first!)
    const original = await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'))
    await writeFile(file, original.replace('</main>', '<p>Edited for the bench.</p></main>'))
    try {
      const edited = await timedBuild()
      console.log(
        `rebuild after editing one page: ${edited.seconds.toFixed(2)} s (${edited.result.summary.pages.parsed} parsed, ${edited.result.summary.roles.changed} changed)`,
      )
    } finally {
      await writeFile(file, original)
    }
  })
}
