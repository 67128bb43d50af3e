// The build report: what a build decided (its outcome), turned into the summary a person reads, the counts the
// run record keeps, and the log lines that close a build.

import { compareCodes } from '../common/code-order.js'
import type { AliasConflict, BuildSummary, LoadPlan, Logger, Quarantined, RoleProfile, RunInfo, StageReport, StaleDecision } from '../model/index.js'

/** What a build decided, whichever path it took: the plan to load and the figures for its summary and run record. */
export interface BuildOutcome {
  plan: LoadPlan
  quarantined: Quarantined[]
  staleDecisions: StaleDecision[]
  /** Conflicts found among the roles processed (all of them on the full path), for the log. */
  conflicts: readonly AliasConflict[]
  aliases: { merged: number; conflicts: number }
  codes: { autoAccepted: number; needsReview: number }
  warnings: number
  /** Roles that went through classify → plan (all roles on the full path). */
  reprocessed: number
  /** Role families among those roles whose levels disagree on the SOC code. */
  familiesDisagreeing: number
}

/** SOC 2018 rows auto-accepted and needing review, over one profile per role code (the one a release loads). */
export function countReviewStatus(profiles: readonly RoleProfile[]): { autoAccepted: number; needsReview: number } {
  const seen = new Set<string>()
  const counts = { autoAccepted: 0, needsReview: 0 }
  // The first by path, as planning keeps it.
  for (const profile of [...profiles].sort((a, b) => compareCodes(a.source.path, b.source.path))) {
    if (seen.has(profile.code)) continue
    seen.add(profile.code)
    for (const item of profile.classifications) {
      if (item.system !== 'SOC2018') continue
      if (item.reviewStatus === 'auto_accepted') counts.autoAccepted += 1
      else if (item.reviewStatus === 'needs_review') counts.needsReview += 1
    }
  }
  return counts
}

/** The summary of a build that decided `outcome`. */
export function buildSummary(input: {
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
    pages: {
      seen: input.pages.seen,
      parsed: input.pages.parsed,
      unchanged: input.pages.reused,
      quarantined: new Set(quarantined.map((item) => item.file)).size,
    },
    roles: { added, changed: plan.versions.length - added + plan.reactivated.length, removed: plan.removals.length, unchanged: plan.unchanged },
    aliases: input.outcome.aliases,
    codes: input.outcome.codes,
    familiesDisagreeing: input.outcome.familiesDisagreeing,
    staleDecisions: input.outcome.staleDecisions.length,
    quarantined,
    stages: input.reports,
  }
}

/**
 * The summary and run-record counts of a build whose inputs were all the same as `previous`'s: nothing changed,
 * so its counts still describe the canon (its `active` roles as unchanged).
 */
export function unchangedReport(input: {
  runId: number
  previous: RunInfo
  release: number | null
  active: number
  pages: { seen: number; reused: number }
  quarantined: Quarantined[]
  reports: StageReport[]
}): { summary: BuildSummary; counts: Record<string, number> } {
  const { previous, active } = input
  const summary: BuildSummary = {
    runId: input.runId,
    release: input.release,
    previousRelease: input.release,
    published: false,
    pages: { seen: input.pages.seen, parsed: 0, unchanged: input.pages.reused, quarantined: new Set(input.quarantined.map((item) => item.file)).size },
    roles: { added: 0, changed: 0, removed: 0, unchanged: active },
    aliases: { merged: previous.counts['aliasesMerged'] ?? 0, conflicts: previous.counts['aliasConflicts'] ?? 0 },
    codes: { autoAccepted: previous.counts['codesAutoAccepted'] ?? 0, needsReview: previous.counts['codesNeedingReview'] ?? 0 },
    staleDecisions: previous.staleDecisions.length,
    quarantined: input.quarantined,
    stages: input.reports,
  }
  const counts = {
    ...previous.counts,
    pagesSeen: input.pages.seen,
    pagesParsed: 0,
    pagesUnchanged: input.pages.reused,
    rolesAdded: 0,
    rolesChanged: 0,
    rolesRemoved: 0,
    rolesUnchanged: active,
    rolesReprocessed: 0,
    sameInputsAsRun: previous.id,
  }
  return { summary, counts }
}

/** The counts a finished build records in its run record. */
export function runCounts(summary: BuildSummary, outcome: BuildOutcome): Record<string, number> {
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

/** Logs what a build decided before it loads: pages rendered twice, alias conflicts, stale decisions. */
export function logDecisions(logger: Logger, outcome: BuildOutcome): void {
  for (const copy of outcome.plan.renditions) {
    logger.info(`${copy.file} renders role ${copy.code} with the same content as ${copy.sameAs}: loaded once`, {
      file: copy.file,
      code: copy.code,
      sameAs: copy.sameAs,
    })
  }
  for (const conflict of outcome.conflicts) {
    const roles = [...new Set(conflict.claims.map((claim) => claim.roleCode))].join(', ')
    const result = conflict.status === 'resolved' ? `resolved for ${conflict.resolvedFor}` : 'open'
    logger.warn(`alias conflict (${result}): "${conflict.key}" is claimed by ${roles}`, { key: conflict.key, status: conflict.status })
  }
  logStaleDecisions(logger, outcome.staleDecisions)
}

/** Logs each stale decision with what made it stale. */
export function logStaleDecisions(logger: Logger, staleDecisions: readonly StaleDecision[]): void {
  for (const stale of staleDecisions) logger.warn(`stale decision ${stale.decision.id} (${stale.decision.kind} on ${stale.decision.roleCode}): ${stale.reason}`)
}

/** Logs how a build ended: what was set aside or held, and what was published. */
export function reportOutcome(logger: Logger, summary: BuildSummary, plan: LoadPlan, quarantined: Quarantined[]): void {
  for (const item of quarantined) logger.warn(`quarantined ${item.file} (${item.stage}): ${item.message}`)
  for (const role of plan.held) logger.warn(`role ${role.code} kept at its current version: its page was quarantined`)
  const { roles } = summary
  if (summary.published) {
    logger.info(
      `published release ${summary.release}: ${roles.added} added, ${roles.changed} changed, ${roles.removed} removed, ${roles.unchanged} unchanged`,
      { release: summary.release, ...roles },
    )
  } else {
    logger.info(summary.release === null ? 'nothing to publish: no roles found' : `nothing changed: release ${summary.release} stays current`, {
      release: summary.release,
    })
  }
}
