// Few error types, each because a caller branches on it. Messages name the file or row, say what was
// expected and what was found, and what to do next. Which exit code each ends a command with is the CLI's
// business (src/exit-codes.ts).

/** Base class: a failure canon explains in its message (the command fails, exit 1). */
export class CanonError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The command line was used wrongly (unknown option, missing argument, unreadable input file). */
export class UsageError extends CanonError {}

/** A reference data file is missing or malformed; names the file and, where known, the line. */
export class ReferenceDataError extends CanonError {
  readonly file: string
  readonly line: number | null
  constructor(file: string, line: number | null, problem: string, options?: { cause?: unknown }) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`, options)
    this.file = file
    this.line = line
  }
}

/** Another build holds the advisory lock. */
export class LockHeldError extends CanonError {}

/**
 * A release was committed (it is current) but what follows the commit failed: writing its exports, or
 * recording the run. Never "nothing published": the next build finishes the missing exports.
 */
export class AfterPublishError extends CanonError {
  readonly release: number
  constructor(release: number, problem: string, options?: { cause?: unknown }) {
    super(`published release ${release}; ${problem}`, options)
    this.release = release
  }
}

/** A build would remove more than the allowed share of the current roles (`--allow-mass-removal` lets it). */
export class MassRemovalError extends CanonError {}

/** The build's lock was lost before it committed (its server session ended): it stops, publishing nothing. */
export class LockLostError extends CanonError {}
