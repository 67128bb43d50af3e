// The summary a person reads after `npm start`, `canon build` or `canon run`: what was seen, what changed,
// what needs a reviewer, and where the files are. Pure: a RunReport in, text out.

import path from 'node:path'
import type { HeldBackCounts, RunReport } from '../model/index.js'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** `, 231 codes held back (231 needs_review)`, or nothing when the profile held none back or sends no codes. */
function heldBackCodes(counts: HeldBackCounts | undefined): string {
  const entries = Object.entries(counts ?? {}).filter(([, n]) => (n ?? 0) > 0)
  if (entries.length === 0) return ''
  const total = entries.reduce((sum, [, n]) => sum + (n ?? 0), 0)
  return `, ${plural(total, 'code')} held back (${entries.map(([reason, n]) => `${n} ${reason}`).join(', ')})`
}

/**
 * Formats a run report for a terminal; paths are shown relative to `cwd`. With `outDir` (the run could export),
 * a run that exported nothing says so.
 */
export function formatRunSummary(report: RunReport, cwd: string, outDir?: string): string {
  const lines: string[] = []
  const build = report.build
  const where = (dir: string) => path.relative(cwd, dir) || '.'
  if (report.status === 'failed' || report.status === 'locked') {
    lines.push(`canon ${report.pipeline}: ${report.status === 'locked' ? 'another build is running' : 'failed'}; nothing published`)
    if (report.error) lines.push(`  ${report.error}`)
    return lines.join('\n') + '\n'
  }
  if (report.status === 'export_failed') {
    // The release is current: say so first, then what failed and that the next build finishes it.
    lines.push(`canon ${report.pipeline}: ${report.error ?? 'published; export failed'}`)
    lines.push('  the next build (any pipeline) writes the exports that are missing')
  }
  if (build) {
    if (report.status === 'export_failed') {
      // Already said.
    } else if (!build.published) {
      lines.push(
        build.release === null
          ? `canon ${report.pipeline}: nothing to publish (no role pages found)`
          : `canon ${report.pipeline}: nothing changed; release ${build.release} is current`,
      )
    } else {
      lines.push(`canon ${report.pipeline}: published release ${build.release}`)
    }
    const p = build.pages
    lines.push(
      `  pages      ${p.seen} seen, ${p.parsed} parsed, ${p.unchanged} unchanged, ${p.quarantined} quarantined`,
      `  roles      ${build.roles.added} added, ${build.roles.changed} changed, ${build.roles.removed} removed, ${build.roles.unchanged} unchanged`,
      `  aliases    ${build.aliases.merged} merged, ${build.aliases.conflicts} in conflict`,
      `  codes      ${build.codes.autoAccepted} auto-accepted, ${build.codes.needsReview} need review`,
    )
    if (build.familiesDisagreeing) {
      lines.push(`  families   ${plural(build.familiesDisagreeing, 'role family', 'role families')} whose levels disagree on the SOC code (see the warnings)`)
    }
    if (build.possibleDuplicates) lines.push(`  duplicates ${plural(build.possibleDuplicates, 'possible duplicate pair')} of roles (see canon review)`)
    if (build.staleDecisions > 0) lines.push(`  decisions  ${plural(build.staleDecisions, 'stale decision')} (target gone; see canon review)`)
  } else {
    lines.push(`canon ${report.pipeline}: done`)
  }
  if (report.exports.length > 0) {
    const release = report.exports[0]!.release
    const since = report.exports[0]!.since
    lines.push(`  exports    ${since === null ? `release ${release}` : `changes from release ${since} to ${release}`}:`)
    for (const e of report.exports) {
      // Two kinds of holding back: classification codes kept in canon for review (the roles are sent), and
      // whole roles left out of this profile because a value does not fit the target system.
      const roles = e.heldBackRoles?.length
        ? `; ${plural(e.heldBackRoles.length, 'role')} held back, values too long: ${e.heldBackRoles.slice(0, 5).join(', ')}${e.heldBackRoles.length > 5 ? ', …' : ''}`
        : ''
      lines.push(`               ${where(e.dir)}  (${e.profile}, ${plural(e.rows, 'row')}${heldBackCodes(e.heldBackCodes)}${roles})`)
    }
  } else if (outDir && build && build.release !== null) {
    // Nothing was written this run; the release's files are wherever an earlier run exported them (a full
    // export under releases/N, or only a delta for a rebuild pipeline), so name none.
    lines.push(`  exports    none written: release ${build.release} has not changed`)
  }
  if (build && build.quarantined.length > 0) {
    lines.push('  quarantined pages:')
    for (const q of build.quarantined.slice(0, 20)) lines.push(`    ${q.file} (${q.stage}): ${q.message}`)
    if (build.quarantined.length > 20) lines.push(`    … and ${build.quarantined.length - 20} more (canon review lists them all)`)
  }
  if (
    build &&
    (build.codes.needsReview > 0 ||
      build.aliases.conflicts > 0 ||
      (build.possibleDuplicates ?? 0) > 0 ||
      build.quarantined.length > 0 ||
      build.staleDecisions > 0)
  ) {
    lines.push('  next: `canon review` writes the items that need a person to one CSV file')
  }
  return lines.join('\n') + '\n'
}
