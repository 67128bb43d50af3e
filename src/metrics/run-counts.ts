// The counts of one run, flat and named once: the run record in Postgres holds these, and the Prometheus
// textfile holds the same numbers as labelled gauges (textfile.ts). Pure.

import { exitCodeOfRun } from '../exit-codes.js'
import type { RunReport } from '../model/index.js'

/** Flat counts of a run: durations in milliseconds, the build's pages, roles, codes and aliases. */
export function runCounts(report: RunReport): Record<string, number> {
  const counts: Record<string, number> = {
    duration_ms: report.finishedAt.getTime() - report.startedAt.getTime(),
    exit_code: exitCodeOfRun(report.status),
  }
  for (const stage of report.stages) counts[`stage_${stage.stage}_ms`] = stage.durationMs
  const build = report.build
  if (build) {
    Object.assign(counts, {
      pages_seen: build.pages.seen,
      pages_parsed: build.pages.parsed,
      pages_unchanged: build.pages.unchanged,
      pages_quarantined: build.pages.quarantined,
      roles_added: build.roles.added,
      roles_changed: build.roles.changed,
      roles_removed: build.roles.removed,
      codes_auto_accepted: build.codes.autoAccepted,
      codes_needing_review: build.codes.needsReview,
      aliases_merged: build.aliases.merged,
      alias_conflicts: build.aliases.conflicts,
      stale_decisions: build.staleDecisions,
    })
  }
  if (report.exports.length > 0) {
    counts.export_files = report.exports.reduce((n, e) => n + e.files, 0)
    counts.export_rows = report.exports.reduce((n, e) => n + e.rows, 0)
    // Which profiles of which release this run exported (the run record's answer to "is release N exported?"):
    // `exported_<profile>` (or `exported_<profile>_since_<M>` for a delta) = the release number.
    for (const e of report.exports) counts[`exported_${e.profile}${e.since === null ? '' : `_since_${e.since}`}`] = e.release
    const heldBack = report.exports.reduce((n, e) => n + (e.heldBack?.length ?? 0), 0)
    if (heldBack > 0) counts.export_roles_held_back = heldBack
  }
  return counts
}
