// canon build: discover → parse (changed pages only) → classify → decide (codes) → aliases (with alias
// decisions) → decide (status) → plan → load → export, under the build lock, with a run record from start to end.
// A failure anywhere leaves the previous release current: only the load writes the canon, in one transaction.
// After a run with the same code, reference data and decisions, only the roles the changed pages reach go
// through classify → plan (incremental.ts); a build with nothing changed stops after discover.

import { acquireBuildLock } from '../db/build-lock.js'
import { migrateToLatest } from '../db/migrate.js'
import type { CanonDb } from '../db/open.js'
import { applyCodeDecisions, applyStatusDecisions, staleFromAliases, toAliasDecisions, type CodeTitle } from '../decide/apply-decisions.js'
import { readRecordedDecisions } from '../decide/decision-store.js'
import { readEdits } from '../decide/read-edits.js'
import { ExitCode } from '../exit-codes.js'
import { applyLoadPlan, type ApplyOptions } from '../load/apply-load-plan.js'
import { redactSecrets } from '../log/logger.js'
import type {
  BuildSummary,
  Decision,
  RunInfo,
  FileFinding,
  FileStamp,
  LoadPlan,
  Logger,
  PageCacheEntry,
  PageInput,
  Quarantined,
  ReferenceData,
  RoleProfile,
  RunRecordStatus,
  SocOccupationRow,
  StageReport,
  StaleDecision,
} from '../model/index.js'
import { planRelease } from '../plan/plan-release.js'
import { getCurrentRelease, readReleaseState } from '../store/releases.js'
import { abandonDeadRuns, findRunWithInputs, finishRun, listQuarantine, startRun } from '../store/runs.js'
import { canonicalJson } from '../plan/content-hash.js'
import { createHash } from 'node:crypto'
import { databaseClassificationCache } from './classification-cache.js'
import { buildIncrementally, countReviewStatus, type BuildOutcome, type IncrementalInput, type Timed } from './incremental.js'
import { readCachedPages, readPageKeys, restampPages, type CachedPageKey } from './page-cache.js'
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
}

export interface BuildDeps {
  db: CanonDb
  stages: BuildStages
  logger: Logger
  /** Tests stop a build inside its load transaction here. */
  beforeCommit?: ApplyOptions['beforeCommit']
  clock?: () => number
}

export interface BuildResult {
  /** The run record's id (null for a dry run, which records nothing). */
  runId: number | null
  status: RunRecordStatus
  exitCode: number
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
    await migrateToLatest(db)
    if (options.dryRun) return await build(options, deps, null)
    const abandoned = await abandonDeadRuns(db)
    if (abandoned.length > 0) logger.warn(`runs ${abandoned.join(', ')} had stopped without finishing; marked abandoned (nothing of theirs was published)`)
    const current = await getCurrentRelease(db)
    const runId = await startRun(db, { rawDir: options.rawDir, referenceDir: options.referenceDir, editsDir: options.editsDir, reparseAll: Boolean(options.reparseAll) }, current?.number ?? null)
    await lock.setRunId(runId)
    logger.info(`build run ${runId} started`, { run: runId, db: db.location, release: current?.number ?? null })
    return await build(options, deps, runId)
  } finally {
    await deps.stages.coolClassifier?.()
    await lock.release()
  }
}

async function build(options: BuildOptions, deps: BuildDeps, runId: number | null): Promise<BuildResult> {
  const { db, stages, logger } = deps
  const clock = deps.clock ?? (() => performance.now())
  const reports: StageReport[] = []
  let outcome: BuildOutcome | null = null
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
    const pages = await timed('parse', () => discoverAndParse(db, stages, options, logger, expect), (r) => ({ seen: r.seen, parsed: r.parsed, reused: r.reusedPaths.length, quarantined: r.rejected.length }))
    const edits = options.editsDir ? await readEdits(options.editsDir) : { decisions: [], problems: [] }
    const decisions = [...edits.decisions, ...(await readRecordedDecisions(db))]

    // Nothing at all changed since a completed run (pages, parser and stage code, reference data, decisions) and
    // its release is still current: its outcome stands, so skip classification, aliases and planning.
    const fingerprint = inputFingerprint(pages.pageKeys, stages, referenceVersion, decisions)
    const context = contextFingerprint(stages, referenceVersion, decisions)
    if (runId !== null) await restampPages(db, pages.restamped)
    if (runId !== null && !options.reparseAll && pages.parsed === 0) {
      const previous = await findRunWithInputs(db, fingerprint)
      if (previous) return await finishUnchanged(db, runId, previous, pages, { input: fingerprint, context }, reports, logger)
    }

    const reference = await timed('reference', () => stages.readReference(options.referenceDir, referenceVersion, logger), (r) => ({ socGroups: r.soc.size }))
    // A dry run writes nothing, not even the cache.
    const classificationCache = runId === null ? undefined : { cache: databaseClassificationCache(db), referenceVersion }
    const shared = { db, stages, logger, timed, reference, decisions, fileDecisions: edits.decisions, editsProblems: edits.problems, codeTitles: codeTitles(reference) }

    // Only some pages changed since a run with this code, reference data and decisions: build on that run.
    if (classificationCache && !options.reparseAll) {
      const previous = await findRunWithInputs(db, context, 'contextFingerprint')
      const current = previous ? await getCurrentRelease(db) : null
      if (previous && current) {
        const attempt = await buildIncrementally({ ...shared, classificationCache, previous, current, changed: pages })
        if ('fullBuildBecause' in attempt) logger.info(`building every role: ${attempt.fullBuildBecause}`)
        else outcome = attempt
      }
    }
    outcome ??= await buildInFull({ ...shared, classificationCache, pages })

    const { plan } = outcome
    for (const copy of plan.renditions) {
      logger.info(`${copy.file} renders role ${copy.code} with the same content as ${copy.sameAs}: loaded once`, { file: copy.file, code: copy.code, sameAs: copy.sameAs })
    }
    for (const conflict of outcome.conflicts) {
      const roles = [...new Set(conflict.claims.map((claim) => claim.roleCode))].join(', ')
      const result = conflict.status === 'resolved' ? `resolved for ${conflict.resolvedFor}` : 'open'
      logger.warn(`alias conflict (${result}): "${conflict.key}" is claimed by ${roles}`, { key: conflict.key, status: conflict.status })
    }
    for (const stale of outcome.staleDecisions) logger.warn(`stale decision ${stale.decision.id} (${stale.decision.kind} on ${stale.decision.roleCode}): ${stale.reason}`)
    const decided = outcome
    const summaryOf = (published: boolean, release: number | null) =>
      buildSummary({ runId, published, release, pages: { seen: pages.seen, parsed: pages.parsed, reused: pages.reusedPaths.length }, outcome: decided, reports })

    if (runId === null) {
      return { runId, status: 'dry_run', exitCode: ExitCode.ok, summary: summaryOf(false, plan.baseRelease), plan, staleDecisions: outcome.staleDecisions }
    }
    const loaded = await timed('load', () => applyLoadPlan(db, plan, { runId, ...(deps.beforeCommit ? { beforeCommit: deps.beforeCommit } : {}) }), (r) => r.rows)
    if (loaded.published !== null && stages.exportRelease) {
      await timed('export', () => stages.exportRelease!(db, loaded.published!, logger), () => ({ release: loaded.published! }))
    }
    const release = loaded.published ?? plan.baseRelease
    const status: RunRecordStatus = loaded.published === null ? 'unchanged' : outcome.quarantined.length > 0 ? 'partial' : 'published'
    const summary = summaryOf(loaded.published !== null, release)
    await finishRun(db, runId, {
      status,
      counts: runCounts(summary, outcome),
      staleDecisions: outcome.staleDecisions,
      quarantined: outcome.quarantined,
      error: null,
      inputFingerprint: fingerprint,
      contextFingerprint: context,
    })
    reportOutcome(logger, summary, plan, outcome.quarantined)
    // Exit 3 only when a release went out with pages set aside; an unchanged canon is a success (exit 0).
    return { runId, status, exitCode: status === 'partial' ? ExitCode.partial : ExitCode.ok, summary, plan, staleDecisions: outcome.staleDecisions }
  } catch (error) {
    if (runId !== null) {
      const message = redactSecrets(error instanceof Error ? error.message : String(error))
      const failed = { status: 'failed' as const, counts: {}, staleDecisions: outcome?.staleDecisions ?? [], quarantined: outcome?.quarantined ?? [], error: message }
      await finishRun(db, runId, failed).catch((recordError: unknown) => {
        logger.error(`could not record the failure of run ${runId}: ${redactSecrets(String(recordError))}`)
      })
    }
    throw error
  }
}

interface FullBuildInput {
  db: CanonDb
  stages: BuildStages
  logger: Logger
  timed: Timed
  reference: ReferenceData
  classificationCache: IncrementalInput['classificationCache'] | undefined
  codeTitles: CodeTitle
  decisions: Decision[]
  fileDecisions: Decision[]
  editsProblems: Quarantined[]
  pages: CollectedPages
}

/** Every role through classify → decide → aliases → plan: the cached pages' profiles with the parsed ones. */
async function buildInFull(input: FullBuildInput): Promise<BuildOutcome> {
  const { db, stages, logger, timed, reference, decisions, pages } = input
  const reused = await timed('cache', () => readCachedPages(db, pages.reusedPaths), (r) => ({ pages: r.length }))
  const profiles = [...pages.profiles]
  const quarantined = [...pages.rejected]
  const warnings = [...pages.warnings]
  for (const cached of reused) {
    profiles.push(...cached.profiles)
    quarantined.push(...cached.rejected)
    warnings.push(...cached.warnings)
  }

  const classified = await timed('classify', () => stages.classifyRoles(profiles, reference, logger, input.classificationCache), (r) => ({ roles: r.ok.length, reused: r.reused ?? 0, quarantined: r.rejected.length }))
  quarantined.push(...classified.rejected)
  warnings.push(...classified.warnings)

  quarantined.push(...input.editsProblems)
  const coded = await timed('decide', () => applyCodeDecisions(classified.ok, decisions, input.codeTitles), (r) => ({ decisions: decisions.length, stale: r.stale.length }))

  const { aliasDecisions, sources } = toAliasDecisions(decisions)
  const aliased = await timed('aliases', () => stages.scoreAliases(coded.profiles, reference, aliasDecisions), (r) => ({ roles: r.roles.length, merged: r.merged, conflicts: r.conflicts.length }))
  const statused = applyStatusDecisions(aliased.roles, decisions)
  const staleDecisions = [...coded.stale, ...staleFromAliases(aliased.staleDecisions, aliasDecisions, sources), ...statused.stale]

  const plan = await timed(
    'plan',
    async () => {
      const current = await getCurrentRelease(db)
      const roles = await readReleaseState(db, current?.number ?? null)
      const socOccupations = await socRowsIfChanged(db, reference)
      return planRelease({ release: current?.number ?? null, roles }, statused.profiles, {
        quarantinedPaths: new Set(quarantined.map((item) => item.file)),
        pages: pages.cacheEntries,
        droppedPages: pages.droppedPages,
        fileDecisions: input.fileDecisions,
        socOccupations,
        staleDecisions,
      })
    },
    (p) => ({ versions: p.versions.length, removals: p.removals.length, unchanged: p.unchanged }),
  )
  quarantined.push(...plan.rejected)
  return {
    plan,
    quarantined,
    staleDecisions,
    conflicts: aliased.conflicts,
    aliases: { merged: aliased.merged, conflicts: aliased.conflicts.length },
    codes: countReviewStatus(statused.profiles),
    warnings: warnings.length,
    reprocessed: new Set(statused.profiles.map((profile) => profile.code)).size,
  }
}

interface CollectedPages {
  /** Profiles of the pages parsed this build (the reused pages' are added from the cache later). */
  profiles: RoleProfile[]
  rejected: Quarantined[]
  warnings: FileFinding[]
  cacheEntries: PageCacheEntry[]
  droppedPages: string[]
  reusedPaths: string[]
  /** Reused pages that were read again (their stamp changed, not their content), with their new stamp. */
  restamped: { path: string; stamp: FileStamp }[]
  /** Every page discover saw, with its content hash ("" for a file it could not read), in path order. */
  pageKeys: [string, string][]
  seen: number
  parsed: number
}

/** Pages parsed in one build from which the classifier is warmed up (see `BuildStages.warmClassifier`). */
const WARM_CLASSIFIER_AFTER = 400

async function discoverAndParse(db: CanonDb, stages: BuildStages, options: BuildOptions, logger: Logger, expect: (expected: 'few' | 'many') => void): Promise<CollectedPages> {
  const keys: Map<string, CachedPageKey> = options.reparseAll ? new Map() : await readPageKeys(db)
  const pageKeys: [string, string][] = []
  const reusedPaths: string[] = []
  const hashes = new Map<string, string>()
  const stamps = new Map<string, FileStamp>()
  const restamped: { path: string; stamp: FileStamp }[] = []
  // A rebuild usually has a page or two to classify: the classifier can load while discovery runs. (A build
  // with nothing changed stops before classifying and the stage stops it unused.)
  if (!options.reparseAll) expect('few')
  // A cached page whose file discover need not read again: parsed by this parser, its stamp recorded.
  const known = (path: string) => {
    const key = keys.get(path)
    return key?.stamp && key.parserVersion === stages.parserVersion ? { stamp: key.stamp, contentHash: key.contentHash } : undefined
  }
  // Stream discover's output into the parser, holding back the pages the cache already has.
  async function* changedPages(): AsyncIterable<PageInput | Quarantined> {
    for await (const item of stages.readPages(options.rawDir, known)) {
      if ('unread' in item) {
        pageKeys.push([item.path, item.contentHash])
        reusedPaths.push(item.path)
        continue
      }
      if (!('bytes' in item)) {
        pageKeys.push([item.file, ''])
        yield item
        continue
      }
      pageKeys.push([item.path, item.contentHash])
      const key = keys.get(item.path)
      if (key && key.contentHash === item.contentHash && key.parserVersion === stages.parserVersion) {
        reusedPaths.push(item.path)
        // Read again with the same content (touched, checked out again): record its new stamp, so the next
        // build need not read it.
        if (item.stamp) restamped.push({ path: item.path, stamp: item.stamp })
      } else {
        hashes.set(item.path, item.contentHash)
        if (item.stamp) stamps.set(item.path, item.stamp)
        yield item
      }
    }
  }
  const collected: CollectedPages = { profiles: [], rejected: [], warnings: [], cacheEntries: [], droppedPages: [], reusedPaths, restamped, pageKeys, seen: 0, parsed: 0 }
  for await (const page of stages.parsePages(changedPages())) {
    const contentHash = hashes.get(page.path)
    hashes.delete(page.path)
    collected.profiles.push(...page.profiles)
    collected.rejected.push(...page.rejected)
    collected.warnings.push(...page.warnings)
    // Pages discover could not read have no content hash: nothing to cache, they are read again next time.
    if (contentHash === undefined) continue
    collected.parsed += 1
    if (collected.parsed === WARM_CLASSIFIER_AFTER) expect('many')
    const stamp = stamps.get(page.path) ?? null
    stamps.delete(page.path)
    collected.cacheEntries.push({ path: page.path, contentHash, parserVersion: stages.parserVersion, profiles: page.profiles, rejected: page.rejected, warnings: page.warnings, stamp })
    // Discover runs ahead of the parser, so the pages it found and the cache does not hold are the total so far.
    logger.progress?.('parse', collected.parsed, Math.max(collected.parsed, pageKeys.length - reusedPaths.length))
  }
  logger.progress?.('parse', collected.parsed, collected.parsed)
  const present = new Set(pageKeys.map(([path]) => path))
  collected.droppedPages = options.reparseAll ? [] : [...keys.keys()].filter((path) => !present.has(path))
  collected.seen = pageKeys.length
  logger.info(`pages: ${collected.seen} seen, ${collected.parsed} parsed, ${reusedPaths.length} unchanged`, { seen: collected.seen, parsed: collected.parsed, reused: reusedPaths.length })
  return collected
}

/** Everything a build's outcome depends on, hashed: pages, parser and stage code, reference data, decisions. */
function inputFingerprint(pageKeys: readonly [string, string][], stages: BuildStages, referenceVersion: string, decisions: readonly Decision[]): string {
  const hash = createHash('sha256')
  hash.update(contextFingerprint(stages, referenceVersion, decisions))
  for (const [path, contentHash] of pageKeys) hash.update(`${path}\0${contentHash}\n`)
  return hash.digest('hex')
}

/** What a build's outcome depends on besides the pages: parser and stage code, reference data, decisions. */
function contextFingerprint(stages: BuildStages, referenceVersion: string, decisions: readonly Decision[]): string {
  const hash = createHash('sha256')
  hash.update(`parser ${stages.parserVersion}\ncode ${stages.codeVersion}\nreference ${referenceVersion}\n`)
  hash.update(canonicalJson(decisions.map(({ id: _id, ...decision }) => decision)))
  return hash.digest('hex')
}

async function finishUnchanged(
  db: CanonDb,
  runId: number,
  previous: RunInfo,
  pages: CollectedPages,
  fingerprints: { input: string; context: string },
  reports: StageReport[],
  logger: Logger,
): Promise<BuildResult> {
  const release = previous.release ?? previous.baseRelease
  const quarantined = await listQuarantine(db, previous.id)
  const staleDecisions = previous.staleDecisions
  const plan = planRelease({ release, roles: new Map() }, [], { staleDecisions })
  const summary: BuildSummary = {
    runId,
    release,
    previousRelease: release,
    published: false,
    pages: { seen: pages.seen, parsed: 0, unchanged: pages.reusedPaths.length, quarantined: new Set(quarantined.map((item) => item.file)).size },
    roles: { added: 0, changed: 0, removed: 0, unchanged: previous.counts['rolesUnchanged'] ?? 0 },
    aliases: { merged: previous.counts['aliasesMerged'] ?? 0, conflicts: previous.counts['aliasConflicts'] ?? 0 },
    codes: { autoAccepted: previous.counts['codesAutoAccepted'] ?? 0, needsReview: previous.counts['codesNeedingReview'] ?? 0 },
    staleDecisions: staleDecisions.length,
    quarantined,
    stages: reports,
  }
  // The roles did not change, so the previous run's role counts (active roles as unchanged) still describe them.
  const active = (await getCurrentRelease(db))?.activeCount ?? 0
  summary.roles.unchanged = active
  const counts = { ...previous.counts, pagesSeen: pages.seen, pagesParsed: 0, pagesUnchanged: pages.reusedPaths.length, rolesAdded: 0, rolesChanged: 0, rolesRemoved: 0, rolesUnchanged: active, rolesReprocessed: 0, sameInputsAsRun: previous.id }
  await finishRun(db, runId, { status: 'unchanged', counts, staleDecisions, quarantined, error: null, inputFingerprint: fingerprints.input, contextFingerprint: fingerprints.context })
  for (const stale of staleDecisions) logger.warn(`stale decision ${stale.decision.id} (${stale.decision.kind} on ${stale.decision.roleCode}): ${stale.reason}`)
  logger.info(`inputs are the same as run ${previous.id}'s; nothing to classify or plan`, { sameAs: previous.id })
  reportOutcome(logger, summary, plan, quarantined)
  return { runId, status: 'unchanged', exitCode: ExitCode.ok, summary, plan, staleDecisions }
}

function codeTitles(reference: ReferenceData) {
  return (system: string, code: string): string | null => {
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

async function socRowsIfChanged(db: CanonDb, reference: ReferenceData): Promise<SocOccupationRow[] | null> {
  const wanted: SocOccupationRow[] = [...reference.soc.values()]
    .map((group) => ({ code: group.code, title: group.title, level: group.level, parentCode: group.parent, definition: group.definition }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const stored = await db.selectFrom('soc_occupations').select(['code', 'title', 'level', 'parent_code as parentCode', 'definition']).orderBy('code').execute()
  return JSON.stringify(stored) === JSON.stringify(wanted) ? null : wanted
}

function buildSummary(input: {
  runId: number | null
  published: boolean
  release: number | null
  pages: { seen: number; parsed: number; reused: number }
  outcome: BuildOutcome
  reports: StageReport[]
}): BuildSummary {
  const { plan, quarantined } = input.outcome
  const added = plan.versions.filter((version) => version.change === 'added').length
  return {
    runId: input.runId,
    release: input.release,
    previousRelease: plan.baseRelease,
    published: input.published,
    pages: { seen: input.pages.seen, parsed: input.pages.parsed, unchanged: input.pages.reused, quarantined: new Set(quarantined.map((item) => item.file)).size },
    roles: { added, changed: plan.versions.length - added + plan.reactivated.length, removed: plan.removals.length, unchanged: plan.unchanged },
    aliases: input.outcome.aliases,
    codes: input.outcome.codes,
    staleDecisions: input.outcome.staleDecisions.length,
    quarantined,
    stages: input.reports,
  }
}

function runCounts(summary: BuildSummary, outcome: BuildOutcome): Record<string, number> {
  return {
    pagesSeen: summary.pages.seen,
    pagesParsed: summary.pages.parsed,
    pagesUnchanged: summary.pages.unchanged,
    pagesQuarantined: summary.pages.quarantined,
    rolesAdded: summary.roles.added,
    rolesChanged: summary.roles.changed,
    rolesRemoved: summary.roles.removed,
    rolesUnchanged: summary.roles.unchanged,
    rolesHeld: outcome.plan.held.length,
    rolesReprocessed: outcome.reprocessed,
    aliasesMerged: summary.aliases.merged,
    aliasConflicts: summary.aliases.conflicts,
    codesAutoAccepted: summary.codes.autoAccepted,
    codesNeedingReview: summary.codes.needsReview,
    staleDecisions: summary.staleDecisions,
    warnings: outcome.warnings,
  }
}

function reportOutcome(logger: Logger, summary: BuildSummary, plan: LoadPlan, quarantined: Quarantined[]): void {
  for (const item of quarantined) logger.warn(`quarantined ${item.file} (${item.stage}): ${item.message}`)
  for (const role of plan.held) logger.warn(`role ${role.code} kept at its current version: its page was quarantined`)
  const { roles } = summary
  if (summary.published) {
    logger.info(
      `published release ${summary.release}: ${roles.added} added, ${roles.changed} changed, ${roles.removed} removed, ${roles.unchanged} unchanged`,
      { release: summary.release, ...roles },
    )
  } else {
    logger.info(summary.release === null ? 'nothing to publish: no roles found' : `nothing changed: release ${summary.release} stays current`, { release: summary.release })
  }
}
