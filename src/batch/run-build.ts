// canon build: the run shell. Under the build lock and with a run record from start to end, it collects the
// pages (collect-pages.ts), takes the roles through classify → decide → aliases → plan (process-roles.ts: in
// full, full-build.ts, or only the roles the changed pages reach, incremental.ts), loads the plan and records
// the outcome (build-report.ts). A failure anywhere leaves the previous release current: only the load writes
// the canon, in one transaction. A build with nothing changed since a completed run stops after discover.
// Exports are not the build's: the pipeline that runs it exports (pipeline/run-pipeline.ts).

import type { Kysely } from 'kysely'
import { acquireBuildLock, type BuildLock } from '../db/build-lock.js'
import { applyMigrationsInTransaction, migrateToLatest, pendingMigrations } from '../db/migrate.js'
import type { CanonDb } from '../db/open.js'
import type { Database } from '../db/schema.js'
import type { CodeTitle } from '../decide/apply-decisions.js'
import { readEdits } from '../decide/read-edits.js'
import path from 'node:path'
import { AfterPublishError, CanonError, MassRemovalError } from '../errors.js'
import { redactSecrets } from '../log/logger.js'
import type { BuildSummary, LoadPlan, Logger, ReferenceData, RunRecordStatus, StageReport, StaleDecision } from '../model/index.js'
import { planRelease } from '../plan/plan-release.js'
import type { ApplyOptions } from '../store/apply-load-plan.js'
import { databaseClassificationCache } from '../store/classification-cache.js'
import { readRecordedDecisions } from '../store/decisions.js'
import { restampPages } from '../store/page-cache.js'
import { getCurrentRelease } from '../store/releases.js'
import { abandonDeadRuns, findRunWithInputs, finishRun, listQuarantine, startRun } from '../store/runs.js'
import { buildSummary, logDecisions, logStaleDecisions, reportOutcome, runCounts, unchangedReport, type BuildOutcome } from './build-report.js'
import { collectGarbage, WORTH_COLLECTING } from './collect-garbage.js'
import { isReferenceRead } from './reference-on-use.js'
import { StringTable } from './intern-strings.js'
import { collectPages, type CollectedPages } from './collect-pages.js'
import { fingerprintOptions, type RunFingerprints, runFingerprints } from './fingerprints.js'
import type { Timed } from './process-roles.js'
import type { BuildStages } from './stages.js'

export interface BuildOptions {
  rawDir: string
  referenceDir: string
  /** Folder of decision files (edits/*.csv, *.json); null: none. */
  editsDir: string | null
  /** Plan only: nothing is written, the plan is returned (and printed by the CLI). */
  dryRun?: boolean
  /** Parse every page again instead of reusing unchanged pages' results. */
  reparseAll?: boolean
  /** How long to wait for another build's lock before giving up with exit 75 (ms; default 60 s). */
  lockTimeoutMs?: number
  /** A build removing more than this share (percent) of the current roles stops (default 20). */
  maxRemovalPercent?: number
  /** Publish even when more than `maxRemovalPercent` of the roles would be removed. */
  allowMassRemoval?: boolean
}

export interface BuildDeps {
  db: CanonDb
  stages: BuildStages
  logger: Logger
  /** Tests stop a build inside its load transaction here. */
  beforeCommit?: ApplyOptions['beforeCommit']
  /** Tests fail a build here, after its release was committed and before the run is recorded. */
  afterCommit?: (release: number) => Promise<void>
  clock?: () => number
}

export interface BuildResult {
  /** The run record's id (null for a dry run, which records nothing). */
  runId: number | null
  /** How the build ended (the CLI maps it to an exit code). */
  status: RunRecordStatus
  summary: BuildSummary
  plan: LoadPlan
  staleDecisions: StaleDecision[]
}

/** Runs one build; throws LockHeldError (exit 75) when another build holds the lock past the timeout. */
export async function runBuild(options: BuildOptions, deps: BuildDeps): Promise<BuildResult> {
  const { db, logger } = deps
  // The lock comes first: on the embedded database even a migration would queue behind another build's
  // transaction in this process, and on a server two builds must not plan against the same release.
  const lock = await acquireBuildLock(db, { timeoutMs: options.lockTimeoutMs ?? 60_000 })
  try {
    if (options.dryRun) return await dryRun(options, deps)
    await migrateToLatest(db)
    const abandoned = await abandonDeadRuns(db)
    if (abandoned.length > 0) logger.warn(`runs ${abandoned.join(', ')} had stopped without finishing; marked abandoned (nothing of theirs was published)`)
    const current = await getCurrentRelease(db)
    const runId = await startRun(
      db,
      { rawDir: options.rawDir, referenceDir: options.referenceDir, editsDir: options.editsDir, reparseAll: Boolean(options.reparseAll) },
      current?.number ?? null,
    )
    await lock.setRunId(runId)
    logger.info(`build run ${runId} started`, { run: runId, db: db.location, release: current?.number ?? null })
    return await build(options, { ...deps, beforeCommit: verifyThen(lock, deps.beforeCommit) }, runId, db)
  } finally {
    await deps.stages.coolClassifier?.()
    await lock.release()
  }
}

/** Checks the build still holds its lock (see BuildLock.verify), then runs the test hook if any. */
function verifyThen(lock: BuildLock, hook: BuildDeps['beforeCommit']): NonNullable<BuildDeps['beforeCommit']> {
  return async (trx) => {
    await hook?.(trx)
    await lock.verify()
  }
}

/**
 * A dry run writes nothing, not even the schema: on a database whose migrations are not all applied, it plans
 * inside a transaction that applies them and is rolled back.
 */
async function dryRun(options: BuildOptions, deps: BuildDeps): Promise<BuildResult> {
  const pending = await pendingMigrations(deps.db)
  if (pending.length === 0) return build(options, deps, null, deps.db)
  const rollback = Symbol('dry run')
  let result: BuildResult | null = null
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await applyMigrationsInTransaction(trx, pending)
      result = await build(options, deps, null, trx)
      throw rollback
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error
    })
  return result!
}

/** The build itself; `db` is the database, or a dry run's transaction (`deps.db` only loads). */
async function build(options: BuildOptions, deps: BuildDeps, runId: number | null, db: Kysely<Database>): Promise<BuildResult> {
  const { stages, logger } = deps
  const clock = deps.clock ?? (() => performance.now())
  const reports: StageReport[] = []
  let outcome: BuildOutcome | null = null
  // Set once the load has committed a new release: from then on a failure is not "nothing published".
  let published: number | null = null
  const timed: Timed = async (stage, work, counts) => {
    const began = clock()
    const result = await work()
    const report = { stage, durationMs: Math.round(clock() - began), counts: counts(result) }
    reports.push(report)
    logger.debug(`stage ${stage} done`, { stage, durationMs: report.durationMs, ...report.counts })
    return result
  }
  try {
    // discover + parse: pages whose content and parser are unchanged reuse the database's parse result.
    const referenceVersion = await stages.referenceVersion(options.referenceDir)
    // Pages to parse mean roles to classify: the stage may start its classifier while pages are read and parsed.
    const expect = (expected: 'few' | 'many') => {
      if (runId !== null) stages.warmClassifier?.(options.referenceDir, referenceVersion, expected)
    }
    // Every role is held from parse to load: one copy of each repeated string (see intern-strings.ts).
    const strings = new StringTable()
    const pages = await timed(
      'parse',
      () => collectPages(db, stages, { rawDir: options.rawDir, reparseAll: Boolean(options.reparseAll), expect, strings }, logger),
      (r) => ({ seen: r.seen, parsed: r.parsed, reused: r.reusedPaths.length, quarantined: r.rejected.length }),
    )
    // Parsing left its garbage (pages' documents, the parser workers' answers): collected before the classifier
    // loads, so the two do not add up in the process's peak.
    if (pages.parsed >= WORTH_COLLECTING) collectGarbage()
    // No page at all is never "every role removed": a missing or unmounted pages folder must not empty the canon.
    if (pages.seen === 0) {
      throw new CanonError(
        `no role pages under ${path.join(options.rawDir, 'pages')}: the folder is missing, empty or unreadable (an unmounted volume?); nothing published`,
      )
    }
    const edits = options.editsDir ? await readEdits(options.editsDir) : { decisions: [], problems: [] }
    const decisions = [...edits.decisions, ...(await readRecordedDecisions(db))]

    // Nothing at all changed since a completed run (pages, parser and stage code, reference data, decisions) and
    // its release is still current: its outcome stands, so skip classification, aliases and planning.
    const fingerprints = runFingerprints(pages.pageKeys, stages, referenceVersion, decisions, edits.problems)
    if (runId !== null) await restampPages(db, pages.restamped)
    if (runId !== null && !options.reparseAll && pages.parsed === 0) {
      const previous = await findRunWithInputs(db, fingerprints.input)
      if (previous) return await finishUnchanged(db, runId, previous, pages, fingerprints, reports, logger)
    }

    // What follows is loaded only now: a build whose inputs did not change stops above without it.
    const [{ buildInFull }, { buildIncrementally, findBuildBase }, { logDuplicates, planAdjacency }, { applyLoadPlan }] = await Promise.all([
      import('./full-build.js'),
      import('./incremental.js'),
      import('./adjacency.js'),
      import('../store/apply-load-plan.js'),
    ])
    // A dry run writes nothing, not even the cache.
    const classificationCache = runId === null ? undefined : { cache: databaseClassificationCache(db), referenceVersion }
    // Only some pages or decisions changed since a run with this code and reference data: build on that run.
    const base = classificationCache && !options.reparseAll ? await findBuildBase(db, fingerprints) : null
    const reference = await timed(
      'reference',
      // A rebuild of what changed may need little of the reference data: the stage may read it on first use
      // (reference-on-use.ts). A build of every role reads all of it (SOC rows, the aliases' titles), now.
      () => stages.readReference(options.referenceDir, referenceVersion, logger, { onUse: base !== null }),
      // Reference data not read yet is not read for a count.
      (r): Record<string, number> => (isReferenceRead(r) ? { socGroups: r.soc.size } : {}),
    )
    const chain = {
      db,
      stages,
      logger,
      timed,
      reference,
      classificationCache,
      decisions,
      fileDecisions: edits.decisions,
      editsProblems: edits.problems,
      codeTitles: codeTitles(reference),
      strings,
    }

    if (classificationCache && base) {
      const attempt = await buildIncrementally({ ...chain, classificationCache, ...base, changed: pages })
      if ('fullBuildBecause' in attempt) logger.info(`building every role: ${attempt.fullBuildBecause}`)
      else outcome = attempt
    }
    outcome ??= await buildInFull({ ...chain, pages })

    const { plan } = outcome
    // Adjacent roles and possible duplicates of the release the plan publishes, over all of its roles.
    const adjacency = await timed(
      'adjacency',
      () => planAdjacency(db, plan, decisions, stages.codeVersion),
      (r) => ({ roles: r?.roles.length ?? 0, duplicates: r?.duplicates.length ?? 0 }),
    )
    if (adjacency) plan.adjacency = adjacency
    logDecisions(logger, outcome)
    const decided = outcome
    const summaryOf = (published: boolean, release: number | null) => ({
      ...buildSummary({
        runId,
        published,
        release,
        pages: { seen: pages.seen, parsed: pages.parsed, reused: pages.reusedPaths.length },
        outcome: decided,
        reports,
      }),
      ...(adjacency ? { possibleDuplicates: adjacency.duplicates.length } : {}),
    })
    if (adjacency) logDuplicates(logger, adjacency.duplicates)

    if (runId === null) {
      return { runId, status: 'dry_run', summary: summaryOf(false, plan.baseRelease), plan, staleDecisions: outcome.staleDecisions }
    }
    await checkRemovals(db, plan, options)
    const loaded = await timed(
      'load',
      () => applyLoadPlan(deps.db, plan, { runId, ...(deps.beforeCommit ? { beforeCommit: deps.beforeCommit } : {}) }),
      (r) => r.rows,
    )
    published = loaded.published
    if (published !== null) await deps.afterCommit?.(published)
    const release = loaded.published ?? plan.baseRelease
    const status: RunRecordStatus = loaded.published === null ? 'unchanged' : outcome.quarantined.length > 0 ? 'partial' : 'published'
    const summary = summaryOf(loaded.published !== null, release)
    await finishRun(db, runId, {
      status,
      counts: runCounts(summary, outcome),
      staleDecisions: outcome.staleDecisions,
      quarantined: outcome.quarantined,
      error: null,
      ...fingerprintOptions(fingerprints),
    })
    reportOutcome(logger, summary, plan, outcome.quarantined)
    // Partial only when a release went out with pages set aside; an unchanged canon is a success.
    return { runId, status, summary, plan, staleDecisions: outcome.staleDecisions }
  } catch (error) {
    if (runId !== null) {
      const message = redactSecrets(error instanceof Error ? error.message : String(error))
      const failed = {
        // The release stays published; the run record keeps the error.
        status: published !== null ? ('published' as const) : ('failed' as const),
        counts: {},
        staleDecisions: outcome?.staleDecisions ?? [],
        quarantined: outcome?.quarantined ?? [],
        error: message,
      }
      await finishRun(db, runId, failed).catch((recordError: unknown) => {
        logger.error(`could not record the failure of run ${runId}: ${redactSecrets(String(recordError))}`)
      })
    }
    if (published !== null) {
      const message = redactSecrets(error instanceof Error ? error.message : String(error))
      throw new AfterPublishError(published, `the build failed after the commit: ${message}`, { cause: error })
    }
    throw error
  }
}

/** Ends a build whose inputs are all as a completed run saw them: that run's outcome stands. */
async function finishUnchanged(
  db: Kysely<Database>,
  runId: number,
  previous: Parameters<typeof unchangedReport>[0]['previous'],
  pages: CollectedPages,
  fingerprints: RunFingerprints,
  reports: StageReport[],
  logger: Logger,
): Promise<BuildResult> {
  const release = previous.release ?? previous.baseRelease
  const quarantined = await listQuarantine(db, previous.id)
  const staleDecisions = previous.staleDecisions
  const plan = planRelease({ release, roles: new Map() }, [], { staleDecisions })
  // The roles did not change, so the previous run's role counts (active roles as unchanged) still describe them.
  const active = (await getCurrentRelease(db))?.activeCount ?? 0
  const { summary, counts } = unchangedReport({
    runId,
    previous,
    release,
    active,
    pages: { seen: pages.seen, reused: pages.reusedPaths.length },
    quarantined,
    reports,
  })
  await finishRun(db, runId, {
    status: 'unchanged',
    counts,
    staleDecisions,
    quarantined,
    error: null,
    ...fingerprintOptions(fingerprints),
  })
  logStaleDecisions(logger, staleDecisions)
  logger.info(`inputs are the same as run ${previous.id}'s; nothing to classify or plan`, { sameAs: previous.id })
  reportOutcome(logger, summary, plan, quarantined)
  return { runId, status: 'unchanged', summary, plan, staleDecisions }
}

/** Removing fewer roles than this is never a mass removal, whatever share of a small canon it is. */
const MASS_REMOVAL_MIN_ROLES = 3

/** Stops a build that would remove more than the allowed share of the current release's active roles. */
async function checkRemovals(db: Kysely<Database>, plan: LoadPlan, options: BuildOptions): Promise<void> {
  if (options.allowMassRemoval || plan.removals.length < MASS_REMOVAL_MIN_ROLES) return
  const active = (await getCurrentRelease(db))?.activeCount ?? 0
  const limit = options.maxRemovalPercent ?? 20
  const share = active === 0 ? 0 : (100 * plan.removals.length) / active
  if (share <= limit) return
  throw new MassRemovalError(
    `this build would remove ${plan.removals.length} of the ${active} current roles (${share.toFixed(0)} %), over the ${limit} % limit; ` +
      'nothing published. If those pages really are gone, build again with --allow-mass-removal (or raise --max-removal-percent)',
  )
}

/** Looks up the title of a code in the reference data, for decisions that name a code. */
function codeTitles(reference: ReferenceData): CodeTitle {
  return (system, code) => {
    if (system === 'SOC2018') return reference.soc.get(code)?.title ?? null
    if (system === 'ONET-SOC') return reference.onetOccupations.get(code)?.title ?? null
    if (system === 'ISCO-08') {
      for (const candidates of reference.iscoBySoc.values()) {
        const found = candidates.find((candidate) => candidate.isco08 === code)
        if (found) return found.title
      }
      return null
    }
    return null
  }
}
