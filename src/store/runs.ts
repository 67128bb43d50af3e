// The run record: every build writes a `runs` row when it starts and completes it when it ends (status,
// counts, stale decisions, error), with one `quarantine` row per file set aside.

import { sql, type Kysely } from 'kysely'
import type { Database, RunRow } from '../db/schema.js'
import type { Quarantined, RunInfo, RunRecordStatus, StaleDecision } from '../model/index.js'
import { bulkInsert } from '../db/bulk-insert.js'

/** Records a build as running; returns its id. */
export async function startRun(db: Kysely<Database>, options: Record<string, unknown>, baseRelease: number | null): Promise<number> {
  const row = await db
    .insertInto('runs')
    .values({ status: 'running', base_release: baseRelease, options: JSON.stringify(options) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface RunEnd {
  status: Exclude<RunRecordStatus, 'running'>
  counts: Record<string, number>
  staleDecisions: StaleDecision[]
  quarantined: Quarantined[]
  error: string | null
  /** What the build's inputs hashed to; a later build with the same fingerprint can reuse this run's outcome. */
  inputFingerprint?: string
  /** The same without the pages (code, reference data, decisions): a later build with it can build on this run. */
  contextFingerprint?: string
  /** The same without the decisions (code, reference data, edits problems), and a digest of each role's decisions. */
  baseFingerprint?: string
  decisionDigests?: Record<string, string>
  /** The version of the code that ran (what a release it published was computed by). */
  codeVersion?: string
}

/** Completes the run record; quarantine rows are written with it. */
export async function finishRun(db: Kysely<Database>, runId: number, end: RunEnd): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await bulkInsert(
      trx,
      'quarantine',
      [
        { name: 'run_id', type: 'int', value: () => runId },
        { name: 'file', type: 'text', value: (item: Quarantined) => item.file },
        { name: 'stage', type: 'text', value: (item) => item.stage },
        { name: 'message', type: 'text', value: (item) => item.message },
      ],
      end.quarantined,
    )
    await trx
      .updateTable('runs')
      .set({
        status: end.status,
        finished_at: sql<Date>`now()`,
        counts: JSON.stringify(end.counts),
        stale_decisions: JSON.stringify(end.staleDecisions),
        error: end.error,
        ...(end.inputFingerprint
          ? {
              options: sql<string>`options || ${JSON.stringify({
                inputFingerprint: end.inputFingerprint,
                contextFingerprint: end.contextFingerprint,
                ...(end.baseFingerprint ? { baseFingerprint: end.baseFingerprint, decisionDigests: end.decisionDigests ?? {} } : {}),
                ...(end.codeVersion ? { codeVersion: end.codeVersion } : {}),
              })}::jsonb`,
            }
          : {}),
      })
      .where('id', '=', runId)
      .execute()
  })
}

/** Runs left 'running' by a build that died: only call while holding the build lock. Returns their ids. */
/**
 * Merges a pipeline run's counts (stage durations, exports) into `runs.counts` of `runId`, so `canon runs` and
 * operators' SQL see the numbers the metrics file holds; keys the build wrote keep their values unless repeated.
 */
export async function addRunCounts(db: Kysely<Database>, runId: number, counts: Record<string, number>): Promise<void> {
  await db
    .updateTable('runs')
    .set({ counts: sql`counts || ${JSON.stringify(counts)}::jsonb` as unknown as string })
    .where('id', '=', runId)
    .execute()
}

export async function abandonDeadRuns(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .updateTable('runs')
    .set({
      status: 'abandoned',
      finished_at: sql<Date>`now()`,
      error: sql<string>`case when release_number is null
        then 'the build stopped without finishing (killed or lost its connection); nothing it did was published'
        else 'the build stopped after publishing release ' || release_number || ' (killed or lost its connection); the next build writes its missing exports'
        end`,
    })
    .where('status', '=', 'running')
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/**
 * The latest completed run whose inputs hashed to `fingerprint`, provided the release it left current is still
 * current (nothing published since); null otherwise.
 */
export async function findRunWithInputs(db: Kysely<Database>, fingerprint: string): Promise<RunInfo | null> {
  const found = await latestRunLeavingCurrent(db)
  return found && found.options['inputFingerprint'] === fingerprint ? found.run : null
}

/**
 * The latest completed run, provided the release it left current is still current, with its recorded options
 * (fingerprints: see RunEnd); null otherwise.
 */
export async function latestRunLeavingCurrent(db: Kysely<Database>): Promise<{ run: RunInfo; options: Record<string, unknown> } | null> {
  const row = await db
    .selectFrom('runs')
    .selectAll()
    .where('status', 'in', ['published', 'unchanged', 'partial'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  const current = await db.selectFrom('releases').select('number').where('is_current', '=', true).executeTakeFirst()
  const left = row.release_number ?? row.base_release
  if ((current?.number ?? null) !== left) return null
  return { run: toRunInfo(row, 0), options: row.options as Record<string, unknown> }
}

/** The code version recorded by the run that published `release` (null: none recorded, or no such release). */
export async function releaseCodeVersion(db: Kysely<Database>, release: number): Promise<string | null> {
  const row = await db
    .selectFrom('releases')
    .innerJoin('runs', 'runs.id', 'releases.run_id')
    .select(sql<string | null>`runs.options->>'codeVersion'`.as('code'))
    .where('releases.number', '=', release)
    .executeTakeFirst()
  return row?.code ?? null
}

/** The latest runs, newest first, with how many files each quarantined. */
export async function listRuns(db: Kysely<Database>, limit = 20): Promise<RunInfo[]> {
  const rows = await db
    .selectFrom('runs')
    .selectAll('runs')
    .select((eb) => eb.selectFrom('quarantine').select(sql<number>`count(*)::int`.as('n')).whereRef('quarantine.run_id', '=', 'runs.id').as('quarantined'))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => toRunInfo(row, row.quarantined ?? 0))
}

/** One run, or null. */
export async function getRun(db: Kysely<Database>, runId: number): Promise<RunInfo | null> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst()
  if (!row) return null
  const count = await db.selectFrom('quarantine').select(sql<number>`count(*)::int`.as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow()
  return toRunInfo(row, count.n)
}

/** The files a run quarantined, in the order it found them. */
export async function listQuarantine(db: Kysely<Database>, runId: number): Promise<Quarantined[]> {
  const rows = await db.selectFrom('quarantine').select(['file', 'stage', 'message']).where('run_id', '=', runId).orderBy('id').execute()
  return rows as Quarantined[]
}

function toRunInfo(row: RunRow, quarantined: number): RunInfo {
  return {
    id: row.id,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    status: row.status,
    baseRelease: row.base_release,
    release: row.release_number,
    counts: row.counts,
    staleDecisions: row.stale_decisions as StaleDecision[],
    error: row.error,
    quarantined,
  }
}
