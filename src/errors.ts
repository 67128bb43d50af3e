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
