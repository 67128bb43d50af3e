// Exit codes are a contract with schedulers (DESIGN.md, "Command line"). The library reports statuses and
// throws typed errors; this module is the one place that maps them to exit codes, for the CLI and for the
// exit-code metric, which must agree with it.

import { LockHeldError, UsageError } from './errors.js'
import type { RunRecordStatus, RunStatus } from './model/index.js'

export const ExitCode = {
  /** Published, or nothing to change. */
  ok: 0,
  /** Failed; nothing published. */
  failed: 1,
  /** Bad usage: unknown flag, missing argument. */
  usage: 2,
  /** Published, with quarantined pages (or: some inputs could not be processed). */
  partial: 3,
  /** Published (the release is current), but its exports failed; the next build writes the missing ones. */
  exportFailed: 4,
  /** Another build holds the lock (EX_TEMPFAIL). */
  locked: 75,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** The exit code of a command that failed with `error`. */
export function exitCodeOfError(error: unknown): ExitCode {
  if (error instanceof LockHeldError) return ExitCode.locked
  if (error instanceof UsageError) return ExitCode.usage
  return ExitCode.failed
}

/** The exit code of a pipeline run (or of a build's run record) that ended `status`. */
export function exitCodeOfRun(status: RunStatus | RunRecordStatus): ExitCode {
  switch (status) {
    case 'partial':
      return ExitCode.partial
    case 'failed':
      return ExitCode.failed
    case 'export_failed':
      return ExitCode.exportFailed
    case 'usage':
      return ExitCode.usage
    case 'locked':
      return ExitCode.locked
    default:
      return ExitCode.ok
  }
}
