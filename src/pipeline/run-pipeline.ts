// Runs one pipeline definition: its steps in order over injected step implementations, timing each, then
// turns the outcome into one RunReport (status, exit code, counts) that logs, metrics and the summary share.
// Never throws: a failed run is a report with status "failed" and the error's exit code.

import type { BuildSummary, ExportSummary, Logger, RunReport, RunStatus, StageReport } from '../model/index.js'
import { AfterPublishError, CanonError, LockHeldError, UsageError } from '../errors.js'
import { redactSecrets } from '../log/logger.js'
import type { BuildScope, ExportMode, PipelineDefinition } from '../model/index.js'
import type { RunSettings } from '../settings/settings.js'

export interface BuildRequest {
  settings: RunSettings
  scope: BuildScope
  log: Logger
}

export interface ExportRequest {
  settings: RunSettings
  /** The release to export. */
  release: number
  /** Write only the changes since this release (a delta export), or everything when null. */
  since: number | null
  profiles: string[]
  mode: ExportMode | null
  /** The step's effective date and code policy (absent: the defaults). */
  effectiveDate?: string
  includeUnreviewed?: boolean
  log: Logger
}

/** The library's stages as the runner sees them; the CLI wires the real ones, tests inject fakes. */
export interface PipelineSteps {
  build(request: BuildRequest): Promise<BuildSummary>
  export(request: ExportRequest): Promise<ExportSummary[]>
  /** Writes the static site of `release` (optional: pipelines without a site step need none). */
  site?(request: { settings: RunSettings; release: number; log: Logger }): Promise<{ files: number; roles: number }>
  /**
   * Starts writing the site of `release` apart (on a thread of its own), to run beside the export step before it;
   * null when the steps cannot (an embedded database). The runner awaits it at the site step.
   */
  startSite?(request: { settings: RunSettings; release: number; log: Logger }): Promise<{ files: number; roles: number }> | null
  /** The current release and the one before it, for export-only pipelines. */
  releases(settings: RunSettings): Promise<{ current: number | null; previous: number | null }>
  /**
   * The profiles of `request` whose export of `release` (the delta since `since`, or in full) was never written:
   * a run that stopped after its release was committed. The runner writes them when its build published nothing.
   */
  missingExports?(request: Omit<ExportRequest, 'mode' | 'log'>): Promise<string[]>
}

export interface RunPipelineOptions {
  pipeline: PipelineDefinition
  settings: RunSettings
  steps: PipelineSteps
  log: Logger
  now?: () => Date
}

/** Runs the pipeline's steps and reports what happened; stops at the first failing step. */
export async function runPipeline(options: RunPipelineOptions): Promise<RunReport> {
  const { pipeline, settings, steps, log } = options
  const now = options.now ?? (() => new Date())
  const startedAt = now()
  const stages: StageReport[] = []
  const exports: ExportSummary[] = []
  let build: BuildSummary | null = null
  log.info(`run ${pipeline.name} started`, { pipeline: pipeline.name, steps: pipeline.steps.map((s) => s.kind).join(',') })

  const timed = async <T>(stage: string, work: () => Promise<T>, counts: (result: T) => Record<string, number>, began = now().getTime()) => {
    const result = await work()
    const report: StageReport = { stage, durationMs: now().getTime() - began, counts: counts(result) }
    stages.push(report)
    log.info(`stage ${stage} done`, { stage, durationMs: report.durationMs, ...report.counts })
    return result
  }

  // The release being exported when it is already current (published by this run, or by an earlier run whose
  // exports are being finished): a failure then is "published release N; export failed", never "nothing published".
  let exporting: number | null = null
  const finishMissing = async (step: Extract<PipelineDefinition['steps'][number], { kind: 'export' }>, release: number | null) => {
    if (release === null || !steps.missingExports) return null
    const since = step.since === 'previous' ? (await steps.releases(settings)).previous : null
    if (step.since === 'previous' && since === null) return null
    const missing = await steps.missingExports({ settings, release, since, profiles: step.profiles })
    if (missing.length === 0) return null
    const what = since === null ? `export of release ${release}` : `delta export from release ${since} to ${release}`
    log.warn(
      `release ${release} is current but its ${what} was never finished (${missing.join(', ')}): an earlier run stopped after publishing; writing it now`,
      {
        release,
        since,
        profiles: missing.join(','),
      },
    )
    exporting = release
    return timed(
      'export',
      () => steps.export({ settings, release, since, profiles: missing, mode: step.mode, log }),
      (results) => ({ profiles: results.length, files: sum(results, (r) => r.files), rows: sum(results, (r) => r.rows) }),
    )
  }

  // A site step right after an export, started beside it (see `startSite`): its release, start and outcome.
  let siteAhead: { release: number; began: number; done: Promise<{ files: number; roles: number }> } | null = null

  try {
    for (const [at, step] of pipeline.steps.entries()) {
      if (step.kind === 'build') {
        build = await timed('build', () => steps.build({ settings, scope: step.scope, log }), buildCounts)
        // The build's own stages (parse, classify, load…) come after its total, one log line each.
        for (const inner of build.stages) {
          stages.push(inner)
          log.info(`stage ${inner.stage} done`, { stage: inner.stage, durationMs: inner.durationMs, ...inner.counts })
        }
        continue
      }
      if (step.kind === 'site') {
        if (step.when === 'published' && !build?.published) {
          log.info('nothing was published; no site', { release: build?.release ?? null })
          continue
        }
        const release = build ? build.release : (await steps.releases(settings)).current
        if (release === null) throw new CanonError('there is no release to show yet; run a build first (canon run nightly)')
        if (!steps.site) throw new CanonError('this runner cannot write a site')
        const site = steps.site
        const ahead = siteAhead?.release === release ? siteAhead : null
        siteAhead = null
        await timed(
          'site',
          () => (ahead ? ahead.done : site({ settings, release, log })),
          (result) => ({ files: result.files, roles: result.roles }),
          ahead?.began,
        )
        continue
      }
      // A build that published nothing skips a `when: published` export and a delta; but when the current release
      // was published by an earlier run that stopped before its exports were written, they are written now.
      if (build && !build.published && (step.when === 'published' || (step.since === 'previous' && build.release !== null))) {
        const finished = await finishMissing(step, build.release)
        if (finished) {
          exports.push(...finished)
          continue
        }
        if (step.when !== 'published') {
          log.info(`nothing changed since release ${build.release}; no delta to export`, { release: build.release })
        } else {
          log.info('nothing was published; no export', { release: build.release })
        }
        continue
      }
      const { release, since } = await exportTarget(step.since, build, () => steps.releases(settings))
      if (release === null) {
        throw new CanonError('there is no release to export yet; run a build first (canon run nightly)')
      }
      if (step.since === 'previous' && (since === null || since === release)) {
        log.info('no earlier release to compare with; nothing to export as a delta', { release })
        continue
      }
      if (build?.published) exporting = release
      // The site step that follows this export runs beside it when the steps can (a server: its own connection).
      const next = pipeline.steps[at + 1]
      // (It shows the release the export writes: the build's, else the current one, as the site step would.)
      const siteRelease = build ? build.release : release
      if (next?.kind === 'site' && siteRelease === release && (next.when !== 'published' || build?.published) && siteFitsBeside(build) && steps.startSite) {
        const began = now().getTime()
        const done = steps.startSite({ settings, release, log })
        if (done) {
          // Its failure is reported at the site step (or after the export's), not as an unhandled rejection.
          done.catch(() => undefined)
          siteAhead = { release, began, done }
        }
      }
      const written = await timed(
        'export',
        () =>
          steps.export({
            settings,
            release,
            since,
            profiles: step.profiles,
            mode: step.mode,
            ...(step.effectiveDate === undefined ? {} : { effectiveDate: step.effectiveDate }),
            ...(step.includeUnreviewed === undefined ? {} : { includeUnreviewed: step.includeUnreviewed }),
            log,
          }),
        (results) => ({ profiles: results.length, files: sum(results, (r) => r.files), rows: sum(results, (r) => r.rows) }),
      )
      exports.push(...written)
    }
  } catch (error) {
    // A site started beside a step that failed is let finish (its thread writes to out/) before the run ends.
    await siteAhead?.done.catch(() => undefined)
    let status = failureStatus(error)
    let message = redactSecrets(error instanceof Error ? error.message : String(error))
    if (error instanceof AfterPublishError) status = 'export_failed'
    else if (exporting !== null && status === 'failed') {
      status = 'export_failed'
      message = `published release ${exporting}; export failed: ${message}`
    }
    log.error(`run ${pipeline.name} ${status}: ${message}`, { pipeline: pipeline.name, status })
    return { pipeline: pipeline.name, status, startedAt, finishedAt: now(), build, exports, stages, error: message }
  }

  // Exit 3 ("published with quarantined pages") needs both: a rebuild that publishes nothing is a success even
  // while a page stays quarantined (the metrics and `canon review` still show it).
  const quarantined = Math.max(build?.pages.quarantined ?? 0, build?.quarantined.length ?? 0)
  // Roles held back from an export (values too long for the target) are inputs that could not be processed too.
  const heldBackRoles = exports.some((e) => (e.heldBackRoles?.length ?? 0) > 0)
  const status: RunStatus = (build?.published && quarantined > 0) || heldBackRoles ? 'partial' : 'succeeded'
  const finishedAt = now()
  log.info(`run ${pipeline.name} ${status}`, {
    pipeline: pipeline.name,
    status,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    release: build?.release ?? exports[0]?.release ?? null,
  })
  return { pipeline: pipeline.name, status, startedAt, finishedAt, build, exports, stages, error: null }
}

/** The status of a run that failed with `error`: locked (another build runs), usage (bad request) or failed. */
export function failureStatus(error: unknown): RunStatus {
  if (error instanceof LockHeldError) return 'locked'
  if (error instanceof UsageError) return 'usage'
  return 'failed'
}

async function exportTarget(
  since: 'none' | 'previous',
  build: BuildSummary | null,
  releases: () => Promise<{ current: number | null; previous: number | null }>,
): Promise<{ release: number | null; since: number | null }> {
  if (build) {
    // After a build, "previous" is the release that was current before it (the caller skips the delta when
    // the build published nothing).
    return { release: build.release, since: since === 'previous' ? build.previousRelease : null }
  }
  const known = await releases()
  return { release: known.current, since: since === 'previous' ? known.previous : null }
}

/**
 * The largest release, in roles, whose site is written beside its export. The site's heap and the export's
 * both grow with the release (at 40,000 roles the site alone peaks near 1.5 GB), so beside each other on a
 * large release they add up: measured 1,648 MB with the site after the export and 1,957 MB beside it at 40,000
 * pages (docs/performance.md). Below this the overlap saves seconds for tens of megabytes.
 */
export const SITE_BESIDE_MAX_ROLES = 20_000

/** Whether the site may run beside the export: only after a build of this run whose release is small enough. */
function siteFitsBeside(build: BuildSummary | null): boolean {
  if (build === null) return false
  const { added, changed, unchanged } = build.roles
  return added + changed + unchanged <= SITE_BESIDE_MAX_ROLES
}

function buildCounts(build: BuildSummary): Record<string, number> {
  return {
    pagesSeen: build.pages.seen,
    pagesParsed: build.pages.parsed,
    pagesQuarantined: build.pages.quarantined,
    rolesAdded: build.roles.added,
    rolesChanged: build.roles.changed,
    rolesRemoved: build.roles.removed,
    codesNeedingReview: build.codes.needsReview,
    ...(build.release === null ? {} : { release: build.release }),
  }
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0)
}
